"""The plugin's options (`plugins: - arxiv-digest: {...}` in mkdocs.yml)."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c

from .diagnostics import DEFAULT_LEVELS, LEVELS
from .labels import check_overrides
from .sitemap import site_folder


class _LogLevels(c.DictOfItems):
    """`logs: {duplicate: warning}`: one level per diagnostic kind; unknown kinds are errors."""

    def run_validation(self, value: object) -> dict:
        result = super().run_validation(value)
        unknown = sorted(set(result) - set(DEFAULT_LEVELS))
        if unknown:
            raise c.ValidationError(
                f"unknown diagnostic kind(s) {', '.join(unknown)}; "
                f"known kinds: {', '.join(sorted(DEFAULT_LEVELS))}"
            )
        return result


class _Labels(c.Type):
    """`labels: {tldr: Summary}`: known keys only, texts with the default's `{fields}`."""

    def __init__(self) -> None:
        super().__init__(dict, default={})

    def run_validation(self, value: object) -> dict:
        value = super().run_validation(value)
        try:
            return check_overrides(value)
        except ValueError as exc:
            raise c.ValidationError(str(exc)) from None


class _SiteFolder(c.Type):
    """A folder in the site (`arxiv`, `papers/ml`): relative, no `..`, `.` or empty parts, no
    backslash (see sitemap.site_folder). Every option that names a place in the site uses it."""

    def __init__(self, default: str):
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        try:
            return site_folder(value)
        except ValueError as exc:
            raise c.ValidationError(str(exc)) from None


class _AtLeastOne(c.Type):
    """A whole number of 1 or more."""

    def __init__(self, default: int):
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        value = super().run_validation(value)
        if isinstance(value, bool) or value < 1:
            raise c.ValidationError(f"expected a whole number of 1 or more, got {value!r}")
        return value


class _NavMode(c.Choice):
    """`auto`, `append` or `off`; YAML reads an unquoted `off` as false, which means off too."""

    def run_validation(self, value: object) -> str:
        return super().run_validation("off" if value is False else value)


class _Date(c.BaseConfigOption):
    """A day, `2026-01-31` (YAML reads it as a date; a quoted string works too)."""

    def run_validation(self, value: object) -> dt.date | None:
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise c.ValidationError(f"expected a date such as 2026-01-31, got {value!r}") from None


class _Source(base.Config):
    path = c.Dir(exists=True)
    """A folder of digests outside docs_dir (relative to mkdocs.yml)."""

    prefix = _SiteFolder(default="digests")
    """Where its digests appear in the site, as if they were in docs_dir/<prefix>/."""

    since = _Date()
    """Only digests of this day and later (by the date in the file's name)."""

    until = _Date()
    """Only digests of this day and earlier: one site per year is `since` + `until`."""


class _Watchlist(base.Config):
    keywords = c.ListOfItems(c.Type(str), default=[])
    """Words or phrases; a card that mentions one is marked (case does not matter)."""

    authors = c.ListOfItems(c.Type(str), default=[])
    """Full author names; a card listing one is marked (case and accents do not matter)."""


class ArxivDigestConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Switch the plugin off without removing it (e.g. `enabled: !ENV [DIGEST, true]`)."""

    detect = c.Choice(("auto", "front_matter"), default="auto")
    """`auto`: any page with a paper entry is a digest. `front_matter`: only pages that say
    `arxiv_digest: true`. Front matter `arxiv_digest: false` always wins."""

    include = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns (relative to docs_dir) of pages to consider; empty means all."""

    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns of pages never treated as digests."""

    logs = _LogLevels(c.Choice(LEVELS), default={})
    """Log level per diagnostic kind, e.g. `{duplicate: warning, total_mismatch: ignore}`."""

    sources = c.ListOfItems(c.SubConfig(_Source), default=[])
    """Folders of digests outside docs_dir: `[{path: ../data, prefix: digests}]`. Watched by
    `mkdocs serve`; never copied into docs_dir."""

    pages_prefix = _SiteFolder(default="arxiv")
    """Folder (in the site) of the generated pages."""

    categories = c.Type(bool, default=True)
    """Generate the categories index and one page per category."""

    authors = c.Type(bool, default=True)
    """Generate the A-Z author index."""

    archive = c.Type(bool, default=True)
    """Generate the archive page (a calendar: years, months, days with their counts)."""

    preview_days = c.Type(int, default=14)
    """While `mkdocs serve` runs, build only the newest N days, so a rebuild stays quick at any
    archive size; every page says so. 0 serves every day. `mkdocs build` builds every day."""

    page_size = c.Type(int, default=250)
    """Papers per category page before the category is split into numbered pages."""

    authors_per_page = c.Type(int, default=600)
    """Authors per page; above this the author index is split by initial."""

    math = c.Type(bool, default=True)
    """Typeset `$...$` and `$$...$$` in titles, TL;DRs and abstracts as MathML at build time (no
    script, nothing fetched). `false`: show them as written."""

    search = c.Type(bool, default=True)
    """Archive-wide search on Pagefind: a search page at `<pages_prefix>/search/` that finds
    every paper, and the theme's search box hands its query over to it (docs/search.md)."""

    search_exclude = c.Type(bool, default=True)
    """Keep generated pages out of the search index, so hits land on the cards."""

    nav = _NavMode(("auto", "append", "off"), default="auto")
    """`auto`: when mkdocs.yml has no `nav:`, list digests newest first (by year and month when
    there are many) after a top-level link to the newest day, and add a Browse section.
    `append`: do that after your own `nav:` too.
    `off`: leave the navigation alone."""

    watchlist = c.SubConfig(_Watchlist)
    """Watchlist entries every reader starts with: `{keywords: [...], authors: [...]}`. Readers
    add their own in the browser (kept in localStorage). With entries (and `site_url`), the
    site gets a feed of the papers they match (`watchlist.xml`, `watchlist.atom.xml`)."""

    mute = c.SubConfig(_Watchlist)
    """Mute entries every reader starts with, same shape as `watchlist`: cards that mention a
    keyword or list an author are hidden (a count and "show them" stay on the page). Readers
    add their own in the browser (kept in localStorage)."""

    feeds = c.Type(bool, default=True)
    """RSS and Atom feeds, for the site and per category. Written only when `site_url` is set:
    feed readers need absolute links."""

    feed_items = c.Choice(("day", "paper"), default="day")
    """`day`: one feed item per digest day. `paper`: one item per paper, on its first day."""

    feed_limit = _AtLeastOne(default=30)
    """Items per feed, newest first."""

    export_json = c.Type(bool, default=True)
    """Write `index.json` (days, months, categories), one JSON file per day, one per month."""

    bibtex_files = c.Type(bool, default=True)
    """Write one BibTeX file per day (`bib/<date>.bib`)."""

    statistics = c.Type(bool, default=True)
    """Generate the statistics page: charts drawn at build time, no JavaScript."""

    labels = _Labels()
    """Texts shown to readers, by key, over the ones for `theme.language` (English and Chinese
    built in; other languages get English): `{tldr: Summary, nav_digests: Daily papers}`."""


def reading_defaults(config: ArxivDigestConfig) -> dict[str, dict[str, list[str]]]:
    """The site's watchlist and mute lists, as the reading controls' templates take them."""
    return {name: {"keywords": list(config[name].keywords), "authors": list(config[name].authors)}
            for name in ("watchlist", "mute")}
