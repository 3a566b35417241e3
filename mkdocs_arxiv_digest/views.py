"""Typed view data for every page and block the plugin renders, made from the site map.

Pure: no MkDocs, no HTML of its own. A view holds ready values: texts (which the templates
escape), safe HTML from :mod:`.markup` (digest text with math and emphasis), and links as
:class:`~.sitemap.Target` objects or URLs already relative to the page. The templates only
loop over them. One digest-page view (:func:`day_page`) serves the plugin and the standalone
renderer alike.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .export import day_file_names
from .index import Author, Day, Listing
from .labels import Labels
from .markup import escape, one_line, rich_block, rich_lines, rich_text
from .model import SUMMARY_FIELDS, Digest, Paper
from .sitemap import CardLinks, SiteMap, Target, card, initial

# Extras longer than this go into the details block instead of the compact list.
SHORT_EXTRA = 160
# Days listed on the generated home page (the home-page snippet takes its own number).
HOME_DAYS = 10
# Authors shown on a card before the rest fold away behind "+N more".
SHOWN_AUTHORS = 12


# -- pages and blocks ------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A part of a generated page: an optional heading (a real Markdown heading, so the table
    of contents lists it), the template of its body and the view the template reads. ``anchor``
    is the heading's id when its text gives no usable one (Chinese text slugifies to nothing, a
    Chinese date to digits)."""

    heading: str | None
    template: str
    view: object
    anchor: str | None = None

    def context(self) -> dict[str, object]:
        """The view's fields (or what its own ``context()`` gives), which the template reads
        as variables."""
        view = self.view
        own = getattr(view, "context", None)
        if own is not None:
            return own()
        return {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: where, what title, what blocks, and which anchors it provides."""

    path: str
    title: str
    kind: str
    blocks: tuple[Block, ...]
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    """A paper as a listing shows it: where its card is, its day, its TL;DR on one line, and
    (``also``) the paper's other days with their cards, newest first."""

    paper: Paper
    target: Target
    day: str
    tldr: str
    also: tuple[tuple[str, Target], ...] = ()


@dataclass(frozen=True)
class CategoryRow:
    code: str
    name: str
    target: Target
    papers: int
    days: int
    last: str


@dataclass(frozen=True)
class CategoriesView:
    rows: tuple[CategoryRow, ...]


@dataclass(frozen=True)
class PagerLink:
    number: int
    target: Target
    current: bool


@dataclass(frozen=True)
class CategoryIntro:
    code: str
    name: str
    count: int
    pager: tuple[PagerLink, ...]
    index: Target


@dataclass(frozen=True)
class CategoryDay:
    day: Target
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class AuthorEntry:
    anchor: str
    name: str
    papers: tuple[Row, ...]


@dataclass(frozen=True)
class AuthorsView:
    entries: tuple[AuthorEntry, ...]


@dataclass(frozen=True)
class InitialLink:
    label: str
    target: Target
    current: bool
    count: int | None = None


@dataclass(frozen=True)
class AuthorsIntro:
    total: int
    initials: tuple[InitialLink, ...]


@dataclass(frozen=True)
class ArchiveDay:
    """A digest in the calendar: its date spelled out, where it is, and its paper count."""

    label: str
    long_label: str
    target: Target
    papers: int


@dataclass(frozen=True)
class CalendarCell:
    """One square of a month grid: ``number`` 0 is a day outside the month; ``days`` are the
    digests of that date (usually one, none on a day without a digest)."""

    number: int
    days: tuple[ArchiveDay, ...] = ()


@dataclass(frozen=True)
class ArchiveMonth:
    anchor: str
    title: str
    days: int
    weeks: tuple[tuple[CalendarCell, ...], ...]  # Monday first
    open: bool


@dataclass(frozen=True)
class ArchiveYear:
    """A year of the calendar, newest month first; only the newest year and month start open.
    ``months`` is empty for the undated digests, which ``undated`` lists instead."""

    anchor: str
    title: str
    days: int
    months: tuple[ArchiveMonth, ...]
    open: bool
    undated: tuple[ArchiveDay, ...] = ()


@dataclass(frozen=True)
class ArchiveIntro:
    """The archive's totals, and the range of the date field (ISO dates, '' without any)."""

    days: int
    papers: int
    first: str
    last: str


@dataclass(frozen=True)
class LatestDays:
    """The newest days with their counts (the home page, and the home-page snippet)."""

    days: tuple[ArchiveDay, ...]
    archive: Target | None  # the archive page, when there is one


def generated_pages(site: SiteMap) -> list[PageSpec]:
    """Every browse page to generate, in a stable order."""
    options, archive = site.options, site.archive
    specs: list[PageSpec] = []
    if options.categories and archive.by_category:
        specs.append(_categories_index(site))
        for category in site.category_pages:
            specs.extend(_category_pages(site, category))
    if options.authors and archive.authors:
        specs.extend(_author_pages(site))
    if options.archive and archive.days:
        specs.append(_archive_page(site))
    if options.home and archive.days:
        specs.append(PageSpec(site.home_page, options.labels.home_title, "home", (
            latest_block(site, HOME_DAYS),)))
    return specs


def _categories_index(site: SiteMap) -> PageSpec:
    archive, names = site.archive, site.options.category_names
    rows = []
    for category in sorted(archive.by_category, key=lambda c: (-len(archive.by_category[c]), c)):
        days = archive.category_days(category)
        rows.append(CategoryRow(
            code=category, name=names.get(category, ""), target=site.category_page(category),
            papers=distinct_papers(archive.by_category[category]), days=len(days),
            last=days[0].label if days else ""))
    return PageSpec(site.categories_index, site.options.labels.categories_title, "categories",
                    (Block(None, "categories.html", CategoriesView(tuple(rows))),))


def _category_pages(site: SiteMap, category: str) -> list[PageSpec]:
    chunks = site.category_pages[category]
    labels = site.options.labels
    name = site.options.category_names.get(category, "")
    count = len(site.archive.by_category[category])
    specs = []
    for number, chunk in enumerate(chunks):
        target = site.category_page(category, number)
        pager = tuple(
            PagerLink(n + 1, site.category_page(category, n), n == number)
            for n in range(len(chunks))
        ) if len(chunks) > 1 else ()
        intro = Block(None, "category_intro.html", CategoryIntro(
            category, name, count, pager, Target(site.categories_index)))
        groups: list[tuple[Day, list[Row]]] = []
        for item in chunk:
            if not groups or groups[-1][0] is not item.day:
                groups.append((item.day, []))
            groups[-1][1].append(row(item))
        blocks = [intro] + [
            Block(day_heading(day, labels), "category_day.html",
                  CategoryDay(Target(day.path), tuple(rows)), anchor=f"day-{day.label}")
            for day, rows in groups
        ]
        title = category if number == 0 else labels.text("category_page_title",
                                                         category=category, page=number + 1)
        specs.append(PageSpec(target.path, title, "category", tuple(blocks)))
    return specs


def _author_pages(site: SiteMap) -> list[PageSpec]:
    groups = site.author_groups
    labels = site.options.labels
    total = len(site.archive.authors)
    specs = []
    for label, path, authors in groups:
        initials = tuple(
            InitialLink(lbl, Target(p), p == path) for lbl, p, _ in groups
        ) if len(groups) > 1 else ()
        by_initial: dict[str, list[AuthorEntry]] = defaultdict(list)
        for author in authors:
            by_initial[initial(author)].append(author_entry(site, author))
        blocks = [Block(None, "authors_intro.html", AuthorsIntro(total, initials))]
        blocks += [Block(letter if letter != "#" else labels.other, "authors.html",
                         AuthorsView(tuple(entries)), anchor="other" if letter == "#" else None)
                   for letter, entries in sorted(by_initial.items(),
                                                 key=lambda kv: (kv[0] == "#", kv[0]))]
        title = (labels.authors_title if not label
                 else labels.text("authors_initial_title", initial=label))
        anchors = tuple(site.author_anchor[a.key] for a in authors)
        specs.append(PageSpec(path, title, "authors", tuple(blocks), anchors))
    if groups[0][1] != site.authors_index:
        initials = tuple(InitialLink(lbl, Target(p), False, len(a)) for lbl, p, a in groups)
        specs.append(PageSpec(site.authors_index, labels.authors_title, "authors", (
            Block(None, "authors_intro.html", AuthorsIntro(total, initials)),)))
    return specs


def author_entry(site: SiteMap, author: Author) -> AuthorEntry:
    """An author's entry: one row per paper, at its newest day (a paper repeated on later
    digests is one row with links to its other days)."""
    rows = tuple(row(first, rest) for first, *rest in by_paper(author.listings))
    return AuthorEntry(site.author_anchor[author.key], author.name, rows)


def _archive_page(site: SiteMap) -> PageSpec:
    """The calendar: years, months as week-by-weekday grids, each day with a digest a link."""
    archive, labels = site.archive, site.options.labels
    dated = [day for day in archive.days if day.date]
    by_date: dict[dt.date, list[ArchiveDay]] = defaultdict(list)
    for day in dated:
        by_date[day.date].append(archive_day(day, labels))
    months = sorted({(d.year, d.month) for d in by_date}, reverse=True)
    years: list[ArchiveYear] = []
    for year in sorted({y for y, _ in months}, reverse=True):
        of_year = [month for y, month in months if y == year]
        grids = tuple(_month(year, month, by_date, labels, open=not years and index == 0)
                      for index, month in enumerate(of_year))
        years.append(ArchiveYear(f"year-{year}", labels.text("nav_year", year=year),
                                 sum(m.days for m in grids), grids, open=not years))
    undated = tuple(archive_day(day, labels) for day in reversed(archive.days) if not day.date)
    if undated:
        years.append(ArchiveYear("undated", labels.undated, len(undated), (), not years,
                                 undated))
    intro = ArchiveIntro(len(archive.days), archive.paper_count,
                         dated[0].label if dated else "", dated[-1].label if dated else "")
    blocks = [Block(None, "archive_intro.html", intro)]
    blocks += [Block(None, "archive_year.html", year) for year in years]
    anchors = [y.anchor for y in years] + [m.anchor for y in years for m in y.months]
    return PageSpec(site.archive_page, labels.archive_title, "archive", tuple(blocks),
                    tuple(anchors))


def _month(year: int, month: int, by_date: dict[dt.date, list[ArchiveDay]], labels: Labels,
           open: bool) -> ArchiveMonth:
    weeks = []
    for week in calendar.Calendar(calendar.MONDAY).monthdatescalendar(year, month):
        weeks.append(tuple(
            CalendarCell(date.day, tuple(by_date.get(date, ()))) if date.month == month
            else CalendarCell(0) for date in week))
    days = [d for week in weeks for cell in week for d in cell.days]
    first = dt.date(year, month, 1)
    return ArchiveMonth(f"month-{first:%Y-%m}", labels.month(first), len(days), tuple(weeks),
                        open)


def archive_day(day: Day, labels: Labels) -> ArchiveDay:
    return ArchiveDay(day.label, day_heading(day, labels), Target(day.path),
                      len(day.digest.papers))


def latest_days(site: SiteMap, count: int) -> LatestDays:
    """The ``count`` newest days, newest first."""
    labels = site.options.labels
    days = tuple(archive_day(day, labels) for day in reversed(site.archive.days[-count:]))
    archive = Target(site.archive_page) if site.options.archive and days else None
    return LatestDays(days, archive)


def latest_block(site: SiteMap, count: int) -> Block:
    """The latest days as a block, for the snippet on a page of the site's own."""
    return Block(None, "home_latest.html", latest_days(site, max(1, count)))


def day_heading(day: Day, labels: Labels) -> str:
    """The day spelled out (`Wednesday, 21 January 2026`), else its label."""
    return labels.long_date(day.date) if day.date else day.label


def by_paper(listings: Sequence[Listing]) -> list[list[Listing]]:
    """``listings`` grouped by paper, in their order (newest first)."""
    if len(listings) == 1:
        return [list(listings)]
    groups: dict[str, list[Listing]] = {}
    for item in listings:
        groups.setdefault(item.paper.key, []).append(item)
    return list(groups.values())


def distinct_papers(listings: Sequence[Listing]) -> int:
    return 1 if len(listings) == 1 else len({item.paper.key for item in listings})


def row(item: Listing, others: Sequence[Listing] = ()) -> Row:
    """``item`` as a listing row; ``others``: the same paper's other listings."""
    return Row(item.paper, card(item), item.day.label, one_line(item.paper.tldr),
               tuple((other.day.label, card(other)) for other in others))


# -- digest pages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionView:
    name: str
    label: str
    anchor: str | None
    papers: Sequence[Paper]
    total: int | None = None


@dataclass(frozen=True)
class DayPage:
    """A digest page: its sections with their anchors, the days before and after (label and
    URL), and where its "Copy BibTeX" buttons find their entries: the URL of the day's `.bib`
    file when the site writes one, else every entry by paper key, carried in the page."""

    path: str
    digest: Digest
    sections: tuple[SectionView, ...]
    previous: tuple[str, str] | None
    next: tuple[str, str] | None
    bibtex: dict[str, str]
    bibtex_url: str | None = None

    @property
    def missing_summaries(self) -> int:
        return sum(1 for p in self.digest.papers if not p.has_summary)


def day_page(site: SiteMap, path: str, anchors: Sequence[str | None],
             href: Callable[[Target], str]) -> DayPage:
    """The view of the digest page at ``path``; ``anchors`` are the ids its section headings
    got, in order, and ``href`` makes URLs relative to the page."""
    archive, names = site.archive, site.options.category_names
    day = archive.day(path)
    assert day is not None, path
    digest = day.digest
    ids = iter(anchors)
    sections = tuple(
        SectionView(s.name, names.get(s.name, ""), next(ids, None) if s.name else None,
                    papers, s.total)
        for s, papers in zip(digest.sections, section_papers(digest), strict=True)
    )
    previous, following = archive.neighbours(path)
    bibtex_url, bibtex = None, {}
    if site.options.bibtex_files:
        # The href of this build's root ("", "../../", "../../zh/" with a language folder)
        # and the path outputs.py writes the file at below it.
        bibtex_url = (f"{href(Target(''))}{site.options.prefix.strip('/')}/bib/"
                      f"{day_file_names(archive)[path]}.bib")
    else:
        bibtex = {p.key: archive.bibtex(p) for p in digest.papers}
    return DayPage(
        path, digest, sections,
        previous and (previous.label, href(Target(previous.path))),
        following and (following.label, href(Target(following.path))),
        bibtex, bibtex_url,
    )


def section_papers(digest: Digest) -> list[list[Paper]]:
    """The papers of each section of ``digest``, in order."""
    papers = {p.key: p for p in digest.papers}
    return [[papers[k] for k in section.keys] for section in digest.sections]


# -- cards -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardView:
    """One paper card, ready to print (see docs/cards.md for the HTML it becomes)."""

    anchor: str
    key: str
    category: str
    category_title: str
    category_href: str | None
    listed_under: str | None  # the section, when it differs from the main category
    has_summary: bool
    title: Markup
    url: str
    arxiv: str | None  # id and version, `2601.00001v2`
    pdf_url: str | None
    html_url: str | None
    authors: tuple[tuple[str, str | None], ...]  # (name, link), the first SHOWN_AUTHORS
    more_authors: tuple[tuple[str, str | None], ...]
    more_label: str
    tldr: Markup | None
    raw: str | None
    missing: str | None  # the note shown when there is neither TL;DR nor raw text
    short_extras: tuple[tuple[str, Markup], ...]
    details_label: str | None  # the <summary> of the details block; None: no details
    fields: tuple[tuple[str, str, Markup], ...]  # (class suffix, label, HTML)
    also: Markup | None  # "Also listed under ... Also on ..." with its links


class Cards:
    """Makes card views in the site's language; remembers rendered titles (the same titles
    recur in listings)."""

    def __init__(self, labels: Labels, category_names: dict[str, str], math: bool):
        self.labels, self.names, self.math = labels, category_names, math
        self.title = functools.lru_cache(maxsize=32768)(lambda text: rich_text(text, math))
        self._field_labels = {name: labels[name] for name in SUMMARY_FIELDS}

    def view(self, paper: Paper, links: CardLinks) -> CardView:
        labels, math = self.labels, self.math
        hrefs = links.authors
        names = tuple((name, hrefs.get(name)) for name in paper.authors)
        short: list[tuple[str, Markup]] = []
        fields = [(name, self._field_labels[name], rich_block(text, math))
                  for name in SUMMARY_FIELDS if (text := getattr(paper, name))]
        long = []
        for extra in paper.extras:
            if len(extra.text) <= SHORT_EXTRA and "\n" not in extra.text:
                short.append((extra.label, rich_text(extra.text, math)))
            else:
                long.append(("extra", extra.label, rich_block(extra.text, math)))
        details = None
        if fields or long or paper.abstract:
            details = labels.details if fields or long else labels.abstract
        if paper.abstract:
            long.append(("abstract", labels.abstract, rich_block(paper.abstract, math)))
        missing = None
        if not paper.tldr and paper.raw is None:
            missing = labels.no_summary_abstract if paper.abstract else labels.no_summary
        category = paper.category or ""
        listed = paper.section if (paper.section and paper.main_category
                                   and paper.section != paper.main_category) else None
        return CardView(
            anchor=paper.anchor, key=paper.key, category=category,
            category_title=self.names.get(category, ""), category_href=links.category,
            listed_under=listed, has_summary=paper.has_summary, title=self.title(paper.title),
            url=paper.abs_url,
            arxiv=f"{paper.arxiv_id}{paper.version or ''}" if paper.arxiv_id else None,
            pdf_url=paper.pdf_url, html_url=paper.html_url,
            authors=names[:SHOWN_AUTHORS], more_authors=names[SHOWN_AUTHORS:],
            more_label=(labels.text("more_authors", len(names) - SHOWN_AUTHORS)
                        if len(names) > SHOWN_AUTHORS else ""),
            tldr=rich_lines(paper.tldr, math) if paper.tldr else None,
            raw=paper.raw if not paper.tldr else None, missing=missing,
            short_extras=tuple(short), details_label=details, fields=(*fields, *long),
            also=self._also(paper, links),
        )

    def _also(self, paper: Paper, links: CardLinks) -> Markup | None:
        if not (paper.also_listed_under or links.also_on):
            return None
        labels = self.labels
        separator = Markup.escape(labels.list_separator)
        out = Markup()
        if paper.also_listed_under:
            categories = separator.join(map(Markup.escape, paper.also_listed_under))
            out += labels.html("also_listed_under", categories=categories)
            if links.also_on:
                out += labels.sentence_gap
        if links.also_on:
            days = separator.join(
                Markup(f'<a href="{escape(href)}">{escape(label)}</a>'
                       + (f" ({escape(note)})" if note else ""))
                for label, href, note in links.also_on
            )
            out += labels.html("also_on", days=days)
        return out
