"""Digest data to HTML: paper cards, page heads and generated listings.

Escaping happens here and only here: :func:`rich_text` turns digest text into safe HTML (math
spans, typographic quotes, bold), and the Jinja environment autoescapes everything else.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .labels import Labels, english
from .model import SUMMARY_FIELDS, Digest, Paper
from .pages import AuthorEntry, Block, Memo, PageSpec, Row, SiteMap, Target, by_paper

TEMPLATE_DIR = Path(__file__).parent / "templates"
_MEMO_TWINS = ("arxiv_digest/category_day.html", "arxiv_digest/authors.html")

_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
# `$x$`: no space just inside the dollars, no digit right after the closing one ($5 and $6).
# The pattern starts with the literal `$` (the check for `\$` and `$$` comes after it), so the
# regex engine jumps from dollar to dollar instead of trying every position: 20x faster.
_INLINE_MATH = re.compile(r"\$(?<![\\$]\$)(?=[^\s$])([^$\n]{1,500}?)(?<=[^\s\\])\$(?!\d)")
# Neither may run past the next opener: linear time on long fields full of openers.
_TEX_QUOTES = re.compile(r"``((?:(?!``).)+?)''", re.S)
_BOLD = re.compile(r"\*\*(?=\S)((?:(?!\*\*).)+?)(?<=\S)\*\*")
# What Python-Markdown (with the `tables` extension MkDocs always loads) lets a backslash escape.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|>])")
# What it does not, but extensions read: `~` and `^` (pymdownx.tilde and .caret), `=` (.mark).
_MD_REFERENCES = str.maketrans({"~": "&#126;", "^": "&#94;", "=": "&#61;"})

# Extras longer than this go into the details block instead of the compact list.
SHORT_EXTRA = 160


def _e(text: str) -> str:
    """Escaped text, exactly as Jinja's autoescape (markupsafe) writes it, a little faster."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


def _plain(text: str) -> str:
    """Escape one run of non-math text and apply the few typographic touches we allow."""
    if "``" in text:
        text = _TEX_QUOTES.sub("\u201c\\1\u201d", text)
    out = _e(text)
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
        parts.append(f'<span class="arithmatex">\\({_e(m.group(1))}\\)</span>')
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
        parts.append(f'<span class="arithmatex">\\[{_e(m.group(1))}\\]</span>')
        pos = m.end()
    parts.append(_inline(text[pos:], math))
    return "".join(parts)


def rich_text(
    text: str | None, math: bool = False, block: bool = False, lines: bool = False
) -> Markup:
    """Digest text as safe HTML: inline, or (``block``) paragraphs as ``<p>`` elements, or
    (``lines``) paragraphs and list lines kept apart by ``<br>`` inside one element."""
    return Markup(_rich(text, math, block, lines))


def _rich(text: str | None, math: bool, block: bool = False, lines: bool = False) -> str:
    if not text:
        return ""
    if lines:
        return _math_text(text, math).replace("\n\n", "\n").replace("\n", "<br>")
    if not block:
        return _math_text(" ".join(text.split("\n")), math)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{_math_text(p, math).replace(chr(10), '<br>')}</p>" for p in paragraphs)


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
    return _MD_SPECIAL.sub(r"\\\1", text).translate(_MD_REFERENCES)


@dataclass(frozen=True)
class CardLinks:
    """Site links for one card, already relative to the page the card is on."""

    category: str | None = None
    authors: dict[str, str] = field(default_factory=dict)
    also_on: tuple[tuple[str, str, str | None], ...] = ()  # (label, href, version note)


_NO_LINKS = CardLinks()


def card_links(site: SiteMap, path: str, paper: Paper, href: Callable[[Target], str]) -> CardLinks:
    """The links of the card of ``paper`` on the digest page at ``path``."""
    options = site.options
    category = None
    if options.categories and paper.category in site.category_path:
        category = href(site.category_page(paper.category))
    authors = {}
    if options.authors:
        known = site.author_hrefs(href)
        for name in paper.authors:
            url = known.get(name, _UNKNOWN)
            if url is _UNKNOWN:
                target = site.author(name)
                url = known[name] = None if target is None else href(target)
            if url is not None:
                authors[name] = url
    also = []
    if len(site.archive.by_key.get(paper.key, ())) > 1:
        for item in site.archive.other_listings(path, paper.key):
            changed = item.paper.version and item.paper.version != paper.version
            also.append((item.day.label, href(Target(item.day.path, item.paper.anchor)),
                         item.paper.version if changed else None))
    return CardLinks(category=category, authors=authors, also_on=tuple(also))


_UNKNOWN = object()


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
        # The templates rendered once per paper or per listing have a Python twin that writes
        # the same HTML about ten times faster; an override of the template (a file of the same
        # name in a theme folder) switches its twin off. tests/test_render.py keeps them equal.
        self._rich_title = self.env.filters["rich"]
        # Author rows by href() (one per page depth), weakly: they end with their build.
        self._author_rows: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._templates: dict[str, jinja2.Template] = {}
        self._twins = {
            name: twin for name, twin in (
                ("arxiv_digest/card.html", self._card_twin),
                ("arxiv_digest/category_day.html", self._category_day_twin),
                ("arxiv_digest/authors.html", self._authors_twin),
            ) if self._is_builtin(name)
        }

    def _is_builtin(self, name: str) -> bool:
        """True when ``name`` resolves to the package's own template, not to an override."""
        filename = self.env.get_template(name).filename or ""
        return Path(filename).resolve().is_relative_to(TEMPLATE_DIR.resolve())

    def page_markdown(self, spec: PageSpec, search_exclude: bool) -> str:
        """A generated page's Markdown: title, one real heading per block, and block slots."""
        lines = ["---", "search:", "  exclude: true", "---", ""] if search_exclude else []
        lines += [f"# {md_title(spec.title)}", ""]
        for index, block in enumerate(spec.blocks):
            if block.heading:
                lines += [f"## {md_text(block.heading)}", ""]
            lines += [f"<!--axd:b:{index}-->", ""]
        return "\n".join(lines)

    def block(self, block: Block, href: Callable[[Target], str], memo: Memo | None = None) -> str:
        """The HTML body of one block of a generated page. ``memo(key, keep, make)``, if given,
        may return what ``make()`` made for the same key on a page at the same depth before
        (``mkdocs serve`` passes one); the key names every object the HTML comes from."""
        name = f"arxiv_digest/{block.template}"
        twin = self._twins.get(name)
        if twin is not None:
            if memo is not None and name in _MEMO_TWINS:
                return twin(href=href, memo=memo, **block.context)
            return twin(href=href, **block.context)
        template = self._templates.get(name)
        if template is None:  # get_template() checks the file on every call
            template = self._templates[name] = self.env.get_template(name)
        return template.render(**block.context, href=href)

    def category_name(self, code: str | None) -> str:
        return self.category_names.get(code or "", "")

    def card(self, paper: Paper, links: CardLinks | None = None) -> str:
        """One paper card."""
        twin = self._twins.get("arxiv_digest/card.html")
        if twin is not None:
            return twin(paper, links or _NO_LINKS)
        return self.card_from_template(paper, links)

    def card_from_template(self, paper: Paper, links: CardLinks | None = None) -> str:
        """One paper card from ``card.html`` (what an override of the template starts from)."""
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

    # -- Python twins of the per-paper templates (same HTML, byte for byte) --------------------

    def _card_twin(self, paper: Paper, links: CardLinks) -> str:
        labels, math, category = self.labels, self.math, paper.category
        out = [
            f'<article class="axd-card" id="{_e(paper.anchor)}" data-arxiv-id="{_e(paper.key)}"'
            f' data-category="{_e(category or "")}"'
            f' data-summary="{"yes" if paper.has_summary else "no"}">\n'
            f'<h3 class="axd-card__title" id="{_e(paper.anchor)}-title">'
            f'<a href="{_e(paper.abs_url)}">{self._rich_title(paper.title)}</a></h3>\n'
            '<p class="axd-card__meta">'
        ]
        if category:
            title = _e(self.category_name(category))
            if links.category:
                out.append(f'<a class="axd-badge" href="{_e(links.category)}" title="{title}">'
                           f"{_e(category)}</a> ")
            else:
                out.append(f'<span class="axd-badge" title="{title}">{_e(category)}</span> ')
        if paper.section and paper.main_category and paper.section != paper.main_category:
            listed = _e(labels.listed_under)
            out.append(f'<span class="axd-badge axd-badge--listed" title="{listed}">'
                       f"{_e(paper.section)}</span> ")
        if paper.arxiv_id:
            out.append(f"arXiv:{_e(paper.arxiv_id)}{_e(paper.version or '')}"
                       f' · <a href="{_e(paper.pdf_url)}">PDF</a>'
                       f' · <a href="{_e(paper.html_url)}">HTML</a>')
        elif paper.url:
            out.append(_e(paper.key))
        out.append("</p>\n")
        if paper.authors:
            hrefs = links.authors
            names = [
                f'<a class="axd-author" href="{_e(hrefs[name])}">{_e(name)}</a>' if hrefs.get(name)
                else f'<span class="axd-author">{_e(name)}</span>'
                for name in paper.authors
            ]
            # A <div>: a <details> inside a <p> would end the paragraph (HTML parsing rules)
            out.append(f'<div class="axd-card__authors">{", ".join(names[:12])}')
            if len(names) > 12:
                more = _e(labels.text("more_authors", len(names) - 12))
                out.append(f' <details class="axd-card__more-authors"><summary>{more}</summary>'
                           f'{", ".join(names[12:])}</details>')
            out.append("</div>\n")
        if paper.tldr:
            out.append(f'<p class="axd-card__tldr"><b class="axd-label">{_e(labels.tldr)}</b> '
                       f"{_rich(paper.tldr, math, lines=True)}</p>\n")
        elif paper.raw is not None:
            out.append(f'<pre class="axd-card__raw">{_e(paper.raw)}</pre>\n')
        else:
            missing = labels.no_summary_abstract if paper.abstract else labels.no_summary
            out.append(f'<p class="axd-card__tldr axd-card__tldr--missing">{_e(missing)}</p>\n')
        short, long = [], []
        for extra in paper.extras:
            (short if len(extra.text) <= SHORT_EXTRA and "\n" not in extra.text else long).append(
                extra)
        if short:
            out.append('<dl class="axd-card__extras">\n')
            out.extend(f"<dt>{_e(x.label)}</dt><dd>{_rich(x.text, math)}</dd>" for x in short)
            out.append("</dl>\n")
        fields = [(name, getattr(paper, name)) for name in SUMMARY_FIELDS]
        fields = [(name, text) for name, text in fields if text]
        if fields or long or paper.abstract:
            summary = labels.details if fields or long else labels.abstract
            out.append(f'<details class="axd-card__details">\n<summary>{_e(summary)}</summary>\n')
            out.extend(f'<h4 class="axd-field axd-field--{name}">{_e(self._field_labels[name])}'
                       f"</h4>{_rich(text, math, block=True)}\n" for name, text in fields)
            out.extend(f'<h4 class="axd-field axd-field--extra">{_e(x.label)}</h4>'
                       f"{_rich(x.text, math, block=True)}\n" for x in long)
            if paper.abstract:
                out.append(f'<h4 class="axd-field axd-field--abstract">{_e(labels.abstract)}</h4>'
                           f"{_rich(paper.abstract, math, block=True)}\n")
            out.append("</details>\n")
        if paper.also_listed_under or links.also_on:
            out.append('<p class="axd-card__also">')
            separator = labels.list_separator
            if paper.also_listed_under:
                categories = Markup(_e(separator)).join(map(escape, paper.also_listed_under))
                out.append(labels.html("also_listed_under", categories=categories))
                if links.also_on:
                    out.append(_e(labels.sentence_gap))
            if links.also_on:
                days = _e(separator).join(
                    f'<a href="{_e(href)}">{_e(label)}</a>' + (f" ({_e(note)})" if note else "")
                    for label, href, note in links.also_on
                )
                out.append(labels.html("also_on", days=Markup(days)))
            out.append("</p>\n")
        out.append("</article>")
        return "".join(out)

    def _category_day_twin(self, *, day: Target, rows: list[Row], href, memo=None) -> str:
        if memo is not None:  # the rows are the papers of one day: the same papers, the same HTML
            papers = tuple(row.paper for row in rows)
            return memo(("category_day", day.path, tuple(map(id, papers))), papers,
                        lambda: self._category_day_twin(day=day, rows=rows, href=href))
        labels, title = self.labels, self._rich_title
        et_al = " " + _e(labels.et_al)
        out = [f'<p class="axd-day-link"><a href="{_e(href(day))}">{_e(labels.open_day)}</a></p>\n'
               '<ul class="axd-rows">\n']
        for row in rows:
            paper = row.paper
            out.append('<li class="axd-row"><a class="axd-row__title"'
                       f' href="{_e(href(row.target))}">{title(paper.title)}</a>')
            if paper.authors:
                names = _e(", ".join(paper.authors[:3]))
                out.append(f' <span class="axd-row__authors">· {names}'
                           f'{et_al if len(paper.authors) > 3 else ""}</span>')
            tldr = row.tldr
            if tldr:
                out.append(f'<br><span class="axd-row__tldr">{title(tldr)}</span>')
            out.append("</li>\n")
        out.append("</ul>")
        return "".join(out)

    def _authors_twin(self, *, entries: list[AuthorEntry], href, memo=None) -> str:
        # A paper with seven authors is the same row in seven entries: write each row once per
        # href() (one per page depth).
        rows = self._author_rows.setdefault(href, {})
        out = ['<ul class="axd-authors">\n']
        if memo is None:
            out += [self._author_entry(entry, href, rows) for entry in entries]
        else:  # an author listed on the same days as before is the same object (see Archive)
            out += [memo(("author", id(entry.author), entry.anchor), entry.author,
                         lambda entry=entry: self._author_entry(entry, href, rows))
                    for entry in entries]
        out.append("</ul>")
        return "".join(out)

    def _author_entry(self, entry: AuthorEntry, href, rows: dict[tuple, str]) -> str:
        title = self._rich_title
        groups = by_paper(entry.author.listings)
        out = [f'<li id="{_e(entry.anchor)}"><strong>{_e(entry.name)}</strong> '
               f'<span class="axd-chip__count">{len(groups)}</span>\n<ul>']
        for group in groups:
            cards = tuple(Target(item.day.path, item.paper.anchor) for item in group)
            row = rows.get(cards)
            if row is None:
                first = group[0]
                row = (f'<li><a href="{_e(href(cards[0]))}">{title(first.paper.title)}</a> '
                       f'<span class="axd-row__day">{_e(first.day.label)}</span>')
                row += "".join(f' <a class="axd-row__also" href="{_e(href(card))}">'
                               f'{_e(item.day.label)}</a>'
                               for item, card in zip(group[1:], cards[1:], strict=True))
                row = rows[cards] = row + "</li>"
            out.append(row)
        out.append("</ul></li>\n")
        return "".join(out)

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
            out.append(f'<h3 id="{paper.anchor}-title">{_e(paper.title)}</h3><p>{_e(text)}</p>')
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
