"""Digest data to HTML: paper cards, page heads and generated listings.

Escaping happens here and only here: :func:`rich_text` turns digest text into safe HTML (math
spans, typographic quotes, bold), and the Jinja environment autoescapes everything else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .labels import Labels, english
from .model import SUMMARY_FIELDS, Digest, Paper
from .pages import Block, PageSpec, Target

TEMPLATE_DIR = Path(__file__).parent / "templates"

_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
# `$x$`: no space just inside the dollars, no digit right after the closing one ($5 and $6).
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])([^$\n]{1,500}?)(?<=[^\s\\])\$(?!\d)")
# Neither may run past the next opener: linear time on long fields full of openers.
_TEX_QUOTES = re.compile(r"``((?:(?!``).)+?)''", re.S)
_BOLD = re.compile(r"\*\*(?=\S)((?:(?!\*\*).)+?)(?<=\S)\*\*")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|>~])")

# Extras longer than this go into the details block instead of the compact list.
SHORT_EXTRA = 160


def _plain(text: str) -> str:
    """Escape one run of non-math text and apply the few typographic touches we allow."""
    if "``" in text:
        text = _TEX_QUOTES.sub("\u201c\\1\u201d", text)
    out = str(escape(text))
    if "**" in out:
        out = _BOLD.sub(r"<strong>\1</strong>", out)
    return out


def _inline(text: str, math: bool) -> str:
    if not math or "$" not in text:
        return _plain(text)
    parts: list[str] = []
    pos = 0
    for m in _INLINE_MATH.finditer(text):
        parts.append(_plain(text[pos : m.start()]))
        parts.append(f'<span class="arithmatex">\\({escape(m.group(1))}\\)</span>')
        pos = m.end()
    parts.append(_plain(text[pos:]))
    return "".join(parts)


def _math_text(text: str, math: bool) -> str:
    if not math or "$$" not in text:
        return _inline(text, math)
    parts: list[str] = []
    pos = 0
    for m in _DISPLAY_MATH.finditer(text):
        parts.append(_inline(text[pos : m.start()], math))
        parts.append(f'<span class="arithmatex">\\[{escape(m.group(1))}\\]</span>')
        pos = m.end()
    parts.append(_inline(text[pos:], math))
    return "".join(parts)


def rich_text(
    text: str | None, math: bool = False, block: bool = False, lines: bool = False
) -> Markup:
    """Digest text as safe HTML: inline, or (``block``) paragraphs as ``<p>`` elements, or
    (``lines``) paragraphs and list lines kept apart by ``<br>`` inside one element."""
    if not text:
        return Markup("")
    if lines:
        return Markup(_math_text(text, math).replace("\n\n", "\n").replace("\n", "<br>"))
    if not block:
        return Markup(_math_text(" ".join(text.split("\n")), math))
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return Markup(
        "".join(f"<p>{_math_text(p, math).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    )


def md_text(text: str, math: bool = False) -> str:
    """Digest text as inert Markdown: no markup, no HTML; `$math$` kept when math is on."""
    text = text.replace("\r", "\n")  # Markdown ends a line at a lone CR, too
    if not math or "$" not in text:
        return _md_plain(text)
    parts: list[str] = []
    pos = 0
    for m in _INLINE_MATH.finditer(text):
        parts.append(_md_plain(text[pos : m.start()]))
        parts.append(m.group(0).replace("<", "&lt;"))
        pos = m.end()
    parts.append(_md_plain(text[pos:]))
    return "".join(parts)


def safe_title(text: str) -> str:
    """A page title that themes may print unescaped (Material prints ``page.meta.title`` as is and
    other titles through `striptags`, which unescapes `&lt;`): `<` and `>` become look-alikes."""
    return text.replace("<", "\u2039").replace(">", "\u203a")


def md_title(text: str) -> str:
    """A page title as inert Markdown that no theme can turn into a tag (see `safe_title`)."""
    return md_text(safe_title(text))


def _md_plain(text: str) -> str:
    text = " ".join(text.split("\n")).replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class CardLinks:
    """Site links for one card, already relative to the page the card is on."""

    category: str | None = None
    authors: dict[str, str] = field(default_factory=dict)
    also_on: tuple[tuple[str, str, str | None], ...] = ()  # (label, href, version note)


@dataclass(frozen=True)
class SectionView:
    name: str
    label: str
    anchor: str | None
    papers: Sequence[Paper]
    total: int | None = None


class Renderer:
    """Renders cards and pages from Jinja templates; users override them by file name.
    Templates read the site's texts from the ``labels`` global (a :class:`Labels`)."""

    def __init__(
        self,
        override_dirs: Iterable[str | Path] = (),
        math: bool = False,
        category_names: dict[str, str] | None = None,
        labels: Labels | None = None,
    ):
        search = [str(d) for d in override_dirs] + [str(TEMPLATE_DIR)]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(search),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.math = math
        self.category_names = category_names or {}
        # Titles are rendered again on every author and category row: remember them.
        self.env.filters["rich"] = functools.lru_cache(maxsize=32768)(
            lambda text: rich_text(text, self.math))
        self.env.filters["rich_block"] = lambda text: rich_text(text, self.math, block=True)
        self.env.filters["rich_lines"] = lambda text: rich_text(text, self.math, lines=True)
        self.env.globals["category_name"] = self.category_name
        self.labels = labels or english()
        self.env.globals["labels"] = self.labels
        self._field_labels = {name: self.labels[name] for name in SUMMARY_FIELDS}
        self._card = self.env.get_template("arxiv_digest/card.html")
        self._head = self.env.get_template("arxiv_digest/head.html")

    def page_markdown(self, spec: PageSpec, search_exclude: bool) -> str:
        """A generated page's Markdown: title, one real heading per block, and block slots."""
        lines = ["---", "search:", "  exclude: true", "---", ""] if search_exclude else []
        lines += [f"# {md_title(spec.title)}", ""]
        for index, block in enumerate(spec.blocks):
            if block.heading:
                lines += [f"## {md_text(block.heading)}", ""]
            lines += [f"<!--axd:b:{index}-->", ""]
        return "\n".join(lines)

    def block(self, block: Block, href: Callable[[Target], str]) -> str:
        """The HTML body of one block of a generated page."""
        template = self.env.get_template(f"arxiv_digest/{block.template}")
        return template.render(**block.context, href=href)

    def category_name(self, code: str | None) -> str:
        return self.category_names.get(code or "", "")

    def card(self, paper: Paper, links: CardLinks | None = None) -> str:
        """One paper card."""
        short, long = [], []
        for extra in paper.extras:
            (short if len(extra.text) <= SHORT_EXTRA and "\n" not in extra.text else long).append(
                extra
            )
        fields = [(name, self._field_labels[name], getattr(paper, name))
                  for name in SUMMARY_FIELDS]
        fields = [f for f in fields if f[2]]
        return self._card.render(
            paper=paper,
            links=links or CardLinks(),
            fields=fields,
            short_extras=short,
            long_extras=long,
        )

    def search_text(self, papers: Iterable[Paper]) -> str:
        """What search plugins index for cards: per card a heading with the id search results
        link to, and one paragraph with all of the card's text."""
        out = []
        for paper in papers:
            parts = [", ".join(paper.authors), paper.category or "", paper.tldr or ""]
            parts += [getattr(paper, name) or "" for name in SUMMARY_FIELDS]
            parts += [f"{extra.label}: {extra.text}" for extra in paper.extras]
            parts += [paper.abstract or "", paper.raw or ""]
            text = " ".join(part for part in parts if part)
            out.append(f'<h3 id="{paper.anchor}-title">{escape(paper.title)}</h3>'
                       f"<p>{escape(text)}</p>")
        return "".join(out)

    def section(self, papers: Iterable[Paper], links: dict[str, CardLinks] | None = None) -> str:
        """The cards of one section, in order."""
        links = links or {}
        return "\n".join(self.card(p, links.get(p.key)) for p in papers)

    def head(
        self,
        digest: Digest,
        sections: Sequence[SectionView],
        nav: dict | None = None,
        bibtex: dict[str, str] | None = None,
    ) -> str:
        """The page head: date, counts, category chips, day-to-day links, reading controls and
        the page's BibTeX entries (one JSON script, which search indexing skips)."""
        return self._head.render(
            digest=digest,
            sections=[s for s in sections if s.name],
            paper_count=len(digest.papers),
            missing_summaries=sum(1 for p in digest.papers if not p.has_summary),
            nav=nav or {},
            bibtex=bibtex or {},
        )
