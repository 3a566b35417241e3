"""The texts readers see (card labels, page titles, dates, the reading controls), per language.

Pure: no MkDocs. Texts live in ``data/labels.yml``; :func:`labels_for` picks a language from the
theme's language code and lays the site's overrides over it. A text may hold ``{name}`` fields;
a counted text ``key`` may have a ``key_one`` form for a count of exactly 1.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Mapping
from pathlib import Path

import yaml
from markupsafe import Markup, escape

LABELS_FILE = Path(__file__).parent / "data" / "labels.yml"
DEFAULT_LANGUAGE = "en"
# Texts the reading controls' script needs (assets/arxiv-digest.js has English fallbacks).
JS_KEYS = (
    "shown_of", "shown_of_one", "expanded", "collapsed", "watch_added", "watch_removed",
    "watch_remove", "watch_count", "watch_empty", "watch_site", "on_watchlist", "watched_papers",
    "keyword", "author", "copy_bibtex", "copy_bibtex_title", "bibtex_copied", "bibtex_entry",
    "bibtex_select", "bibtex_missing", "mute_added", "mute_removed", "mute_remove", "muted_hidden",
    "muted_hidden_one", "muted_shown", "muted_shown_one", "show_muted", "hide_muted",
    "on_mute_list", "card_open", "view_is", "view_cards", "view_compact", "names_shown",
    "names_shown_one", "names_loading",
)
_ONE = "_one"
# Fields every date pattern may use, whichever of them the English pattern happens to use.
DATE_FIELDS = frozenset({"weekday", "day", "month", "month_number", "year"})
_ALLOWED_FIELDS = {"date_long": DATE_FIELDS, "date_month": DATE_FIELDS}


@functools.cache
def _catalogue() -> dict[str, dict[str, str | tuple[str, ...]]]:
    with LABELS_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {
        language: {key: tuple(value) if isinstance(value, list) else value
                   for key, value in texts.items()}
        for language, texts in data.items()
    }


def default_texts() -> dict[str, str | tuple[str, ...]]:
    """Every label key with its English text (names of days and months are tuples)."""
    return dict(_catalogue()[DEFAULT_LANGUAGE])


def fields(text: str) -> set[str]:
    """The ``{name}`` fields of a text (ValueError when its braces do not pair up)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def language_of(code: str | None) -> str:
    """Our language for a theme's language or locale code: `zh`, `zh_CN`, `zh-Hans` and
    `zh-TW` give Chinese (simplified, for now); anything unknown gives English."""
    primary = (code or "").replace("-", "_").split("_")[0].lower()
    return primary if primary in _catalogue() else DEFAULT_LANGUAGE


def check_overrides(overrides: Mapping[str, object]) -> dict[str, str | tuple[str, ...]]:
    """The site's ``labels`` option, checked: known keys, the same kind of value as the default
    (text, or a list of 7 day or 12 month names), and no ``{field}`` the default lacks.
    Raises ValueError naming the key."""
    defaults = default_texts()
    unknown = sorted(set(overrides) - set(defaults))
    if unknown:
        raise ValueError(f"unknown label(s) {', '.join(map(str, unknown))}; the known labels are "
                         "listed in the documentation of the `labels` option")
    checked: dict[str, str | tuple[str, ...]] = {}
    for key, value in overrides.items():
        default = defaults[key]
        if isinstance(default, tuple):
            if not (isinstance(value, list) and len(value) == len(default)
                    and all(isinstance(v, str) for v in value)):
                raise ValueError(f"label {key!r} must be a list of {len(default)} texts")
            checked[key] = tuple(value)
            continue
        if not isinstance(value, str):
            raise ValueError(f"label {key!r} must be a text, got {value!r}")
        allowed = fields(default) | _ALLOWED_FIELDS.get(key, set())
        try:
            extra = fields(value) - allowed
        except ValueError as exc:
            raise ValueError(f"label {key!r}: {exc} (write {{{{ and }}}} for a brace)") from None
        if extra:
            allowed_text = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
            raise ValueError(f"label {key!r} uses {', '.join(f'{{{n}}}' for n in sorted(extra))}; "
                             f"it may use: {allowed_text}")
        _check_filling(key, value, allowed)
        checked[key] = value
    return checked


def _check_filling(key: str, text: str, allowed: set[str]) -> None:
    """Fill ``text`` with sample values as the pages will: a field takes its value as it is,
    with no conversion (`{n!r}`) or format (`{n:>9}`, `{day:%Y}`), which the values we pass
    (numbers, texts, HTML) may not support and which could ask for any width."""
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is not None and (spec or conversion):
            written = ("{" + name + ("!" + conversion if conversion else "")
                       + (":" + spec if spec else "") + "}")
            raise ValueError(f"label {key!r}: write {{{name}}}, not {written} (labels take no "
                             "conversion or format)")
    samples = dict.fromkeys(allowed, 1)
    try:
        text.format(**samples)
        Markup(escape(text)).format(**samples)
    except (ValueError, KeyError, IndexError, AttributeError, TypeError) as exc:
        raise ValueError(f"label {key!r} cannot be filled in: {exc}") from None


class Labels:
    """The texts of one site: ``labels["tldr"]`` or ``labels.tldr``, counted texts, dates."""

    def __init__(self, language: str, texts: Mapping[str, str | tuple[str, ...]]):
        self.language = language
        self._texts = dict(texts)
        self.js = {key: self._texts[key] for key in JS_KEYS if key in self._texts}

    def __getitem__(self, key: str) -> str:
        return self._texts[key]  # type: ignore[return-value]

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self._texts[key]  # type: ignore[return-value]
        except KeyError:
            raise AttributeError(key) from None

    def _template(self, key: str, count: object) -> str:
        if count == 1 and key + _ONE in self._texts:
            key += _ONE
        return self._texts[key]  # type: ignore[return-value]

    def text(self, key: str, n: int | None = None, /, **values: object) -> str:
        """The text of ``key`` with its fields filled in. A count ``n`` of 1 picks the ``_one``
        form; ``n`` fills ``{n}`` unless ``values`` has its own (``n=<strong>3</strong>``)."""
        values = {"n": n, **values}
        return self._template(key, values["n"] if n is None else n).format(**values)

    def count(self, n: int, key: str, **values: object) -> str:
        """`{n} papers` / `{n} paper`, in the site's language."""
        return self.text(key, n, **values)

    def html(self, key: str, n: int | None = None, /, **values: object) -> Markup:
        """Like :meth:`text`, as safe HTML: the text is escaped, and so is each value unless it
        is already markup (a link, a ``<kbd>``)."""
        values = {"n": n, **values}
        template = self._template(key, values["n"] if n is None else n)
        return Markup(escape(template)).format(**values)

    def long_date(self, date: dt.date) -> str:
        """`Wednesday, 21 January 2026` / `2026年1月21日 星期三`."""
        return self._date("date_long", date)

    def month(self, date: dt.date) -> str:
        """`January 2026` / `2026年1月`."""
        return self._date("date_month", date)

    def month_name(self, date: dt.date) -> str:
        return self._texts["months"][date.month - 1]  # type: ignore[index]

    def _date(self, key: str, date: dt.date) -> str:
        return self[key].format(
            weekday=self._texts["weekdays"][date.weekday()],  # type: ignore[index]
            day=date.day, month=self.month_name(date), month_number=date.month, year=date.year,
        )


def labels_for(
    language: str | None = None, overrides: Mapping[str, object] | None = None
) -> Labels:
    """The labels for a theme language code (unknown codes give English) with ``overrides``
    (checked by :func:`check_overrides`) on top. Texts a language lacks come from English,
    except the ``_one`` forms: a language without them has no singular."""
    catalogue = _catalogue()
    code = language_of(language)
    texts = {key: value for key, value in catalogue[DEFAULT_LANGUAGE].items()
             if code == DEFAULT_LANGUAGE or not key.endswith(_ONE)}
    texts.update(catalogue[code])
    texts.update(check_overrides(overrides or {}))
    return Labels(code, texts)


@functools.cache
def english() -> Labels:
    """The default labels (no theme language, no overrides)."""
    return labels_for(DEFAULT_LANGUAGE)
