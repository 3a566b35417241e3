"""Generated pages (categories, category listings, authors, archive), planned from the index.

Pure: no MkDocs. A page is a title plus blocks; each block has an optional heading (a real
Markdown heading, so the table of contents lists it) and an HTML template for its body. Links
are :class:`Target` objects (a docs page and an anchor) that the caller turns into URLs. Titles
and headings are in the site's language (:class:`~.labels.Labels` in :class:`PageOptions`).
"""

from __future__ import annotations

import functools
import re
import weakref
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .index import Archive, Author, Day, Listing, author_key, slugify
from .labels import Labels, english
from .model import Paper

# memo(key, keep, make): make(), or what it made for the same key before. ``keep`` holds the
# objects whose id() is in the key. Given by `mkdocs serve` (see plugin._Memory), else None.
Memo = Callable[[Hashable, object, Callable[[], Any]], Any]


class Target(NamedTuple):
    """A docs page (path relative to docs_dir) and an optional anchor on it."""

    path: str
    anchor: str = ""


class Row(NamedTuple):
    """A paper as a generated page lists it: the paper, where its card is, and the day; ``also``
    holds the paper's other days (label and card), newest first, where a page lists it once."""

    paper: Paper
    target: Target
    day: str
    also: tuple[tuple[str, Target], ...] = ()

    @property
    def tldr(self) -> str:
        """The TL;DR on one line, shortened."""
        return _one_line(self.paper.tldr)


class AuthorEntry(NamedTuple):
    """An author on an author page; the rows are made when the page is rendered."""

    anchor: str
    author: Author

    @property
    def name(self) -> str:
        return self.author.name

    @property
    def papers(self) -> list[Row]:
        """One row per paper, at its newest day; a paper repeated on later digests is one row."""
        return [_row(first, rest) for first, *rest in by_paper(self.author.listings)]


class Changes(NamedTuple):
    """What moved from one site map to the next (see :meth:`SiteMap.changes_since`)."""

    authors: set[str]  # author keys whose entry is on another page or anchor, new or gone
    categories: set[str]  # categories whose first page is elsewhere, new or gone
    papers: set[str]  # keys of papers listed on a day that is new or gone

    def touch(self, paper: Paper) -> bool:
        """Whether the links of ``paper``'s card may differ from last time."""
        return (paper.key in self.papers or paper.category in self.categories
                or any(author_key(name) in self.authors for name in paper.authors))


@dataclass(frozen=True)
class Block:
    """``anchor``: the heading's id when its text gives no usable one (Chinese text slugifies
    to nothing, a Chinese date to digits)."""

    heading: str | None
    template: str
    context: dict = field(default_factory=dict)
    anchor: str | None = None


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: where, what title, what blocks, and which anchors it provides."""

    path: str
    title: str
    kind: str
    blocks: tuple[Block, ...]
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageOptions:
    prefix: str = "arxiv"
    categories: bool = True
    authors: bool = True
    archive: bool = True
    page_size: int = 250
    authors_per_page: int = 600
    category_names: dict = field(default_factory=dict)
    labels: Labels = field(default_factory=english)


class SiteMap:
    """Where every generated page and anchor lives."""

    def __init__(self, archive: Archive, options: PageOptions):
        self.archive = archive
        self.options = options
        prefix = options.prefix.strip("/")
        # Not `categories/index.md`: with Material's navigation.indexes an index page would
        # become the link of the navigation section that holds it.
        self.categories_index = f"{prefix}/categories.md"
        self.authors_index = f"{prefix}/authors.md"
        self.archive_page = f"{prefix}/archive.md"
        self.category_pages: dict[str, list[list[Listing]]] = {}
        self.category_path: dict[str, str] = {}
        used: set[str] = set()
        size = max(1, options.page_size)
        for category in sorted(archive.by_category):
            slug = slugify(category)
            while slug.lower() in used:
                slug += "-"
            used.add(slug.lower())
            self.category_path[category] = f"{prefix}/categories/{slug}.md"
            listings = archive.by_category[category]
            self.category_pages[category] = [
                listings[i : i + size] for i in range(0, len(listings), size)
            ]
        self.author_anchor: dict[str, str] = {}
        self.author_path: dict[str, str] = {}
        self.author_groups: list[tuple[str, str, list[Author]]] = []  # (label, path, authors)
        self._author_targets: dict[str, Target | None] = {}  # by spelling, filled on demand
        self._author_hrefs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._place_authors(prefix)

    def _place_authors(self, prefix: str) -> None:
        authors = sorted(self.archive.authors.values(), key=lambda a: a.key)
        seen_ids: set[str] = set()
        for author in authors:
            anchor = _author_anchor(author.key)
            while anchor in seen_ids:
                anchor += "-"
            seen_ids.add(anchor)
            self.author_anchor[author.key] = anchor
        if len(authors) <= self.options.authors_per_page:
            self.author_groups = [("", self.authors_index, authors)]
        else:
            by_initial: dict[str, list[Author]] = defaultdict(list)
            for author in authors:
                by_initial[_initial(author)].append(author)
            size = max(1, self.options.authors_per_page)
            for initial in sorted(by_initial, key=lambda i: (i == "#", i)):
                group = by_initial[initial]
                slug = "other" if initial == "#" else initial.lower()
                for part, start in enumerate(range(0, len(group), size)):
                    suffix = "" if part == 0 else f"-{part + 1}"
                    label = initial if part == 0 else f"{initial} ({part + 1})"
                    path = f"{prefix}/authors/{slug}{suffix}.md"
                    self.author_groups.append((label, path, group[start : start + size]))
        for _, path, group in self.author_groups:
            for author in group:
                self.author_path[author.key] = path

    def changes_since(self, previous: SiteMap) -> Changes:
        """What moved since ``previous`` (a site map of mostly the same archive, whose days are
        the same objects where their digest did not change; see Archive)."""
        old_path, old_anchor = previous.author_path, previous.author_anchor
        authors = {key for key, path in self.author_path.items()
                   if old_path.get(key) != path or old_anchor.get(key) != self.author_anchor[key]}
        authors.update(key for key in old_path if key not in self.author_path)
        categories = {category for category in self.category_path.keys() | previous.category_path
                      if self.category_path.get(category) != previous.category_path.get(category)}
        old_days = {id(day) for day in previous.archive.days}
        new_days = {id(day) for day in self.archive.days}
        papers = {paper.key for day in self.archive.days if id(day) not in old_days
                  for paper in day.digest.papers}
        papers.update(paper.key for day in previous.archive.days if id(day) not in new_days
                      for paper in day.digest.papers)
        return Changes(authors, categories, papers)

    def category_page(self, category: str, page: int = 0) -> Target:
        path = self.category_path[category]
        return Target(path if page == 0 else f"{path[:-3]}-{page + 1}.md")

    def author_hrefs(self, href: Callable[[Target], str]) -> dict[str, str | None]:
        """A place to remember ``href(author(name))`` by name: the same authors recur on many
        cards. Kept while ``href`` lives (weakly), so it ends with the build that made it."""
        known = self._author_hrefs.get(href)
        if known is None:
            known = self._author_hrefs[href] = {}
        return known

    def author(self, name: str) -> Target | None:
        """Where the entry of the author spelled ``name`` is (None without author pages)."""
        try:
            return self._author_targets[name]
        except KeyError:
            key = author_key(name)
            path = self.author_path.get(key)
            target = None if path is None else Target(path, self.author_anchor[key])
            self._author_targets[name] = target
            return target


def generated_pages(site: SiteMap) -> list[PageSpec]:
    """Every page to generate, in a stable order."""
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
    return specs


def _categories_index(site: SiteMap) -> PageSpec:
    archive, names = site.archive, site.options.category_names
    rows = []
    for category in sorted(archive.by_category, key=lambda c: (-len(archive.by_category[c]), c)):
        days = archive.category_days(category)
        rows.append({
            "code": category,
            "name": names.get(category, ""),
            "target": site.category_page(category),
            "papers": len({item.paper.key for item in archive.by_category[category]}),
            "days": len(days),
            "last": days[0].label if days else "",
        })
    return PageSpec(site.categories_index, site.options.labels.categories_title, "categories",
                    (Block(None, "categories.html", {"rows": rows}),))


def _category_pages(site: SiteMap, category: str) -> list[PageSpec]:
    chunks = site.category_pages[category]
    labels = site.options.labels
    name = site.options.category_names.get(category, "")
    count = len(site.archive.by_category[category])
    specs = []
    for number, chunk in enumerate(chunks):
        target = site.category_page(category, number)
        pager = [
            {"number": n + 1, "target": site.category_page(category, n), "current": n == number}
            for n in range(len(chunks))
        ] if len(chunks) > 1 else []
        intro = Block(None, "category_intro.html", {
            "code": category, "name": name, "count": count, "pager": pager,
            "index": Target(site.categories_index),
        })
        groups = []
        for item in chunk:
            if not groups or groups[-1][0] is not item.day:
                groups.append((item.day, []))
            groups[-1][1].append(_row(item))
        blocks = [intro] + [
            Block(day_heading(day, labels), "category_day.html",
                  {"day": Target(day.path), "rows": rows}, anchor=f"day-{day.label}")
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
        initials = [
            {"label": lbl, "target": Target(p), "current": p == path} for lbl, p, _ in groups
        ] if len(groups) > 1 else []
        by_initial: dict[str, list[AuthorEntry]] = defaultdict(list)
        for author in authors:
            by_initial[_initial(author)].append(AuthorEntry(site.author_anchor[author.key], author))
        blocks = [Block(None, "authors_intro.html", {"total": total, "initials": initials})]
        blocks += [Block(initial if initial != "#" else labels.other, "authors.html",
                         {"entries": entries}, anchor="other" if initial == "#" else None)
                   for initial, entries in sorted(by_initial.items(),
                                                  key=lambda kv: (kv[0] == "#", kv[0]))]
        title = (labels.authors_title if not label
                 else labels.text("authors_initial_title", initial=label))
        anchors = tuple(site.author_anchor[a.key] for a in authors)
        specs.append(PageSpec(path, title, "authors", tuple(blocks), anchors))
    if groups[0][1] != site.authors_index:
        initials = [{"label": lbl, "target": Target(p), "current": False, "count": len(a)}
                    for lbl, p, a in groups]
        specs.append(PageSpec(site.authors_index, labels.authors_title, "authors", (
            Block(None, "authors_intro.html", {"total": total, "initials": initials}),)))
    return specs


def _archive_page(site: SiteMap) -> PageSpec:
    archive, labels = site.archive, site.options.labels
    months: dict[str, list[dict]] = defaultdict(list)
    headings: dict[str, str] = {}
    for day in reversed(archive.days):
        key = day.date.strftime("%Y-%m") if day.date else "undated"
        headings.setdefault(key, labels.month(day.date) if day.date else labels.undated)
        months[key].append({
            "label": day.label,
            "weekday": labels.weekday_short(day.date) if day.date else "",
            "target": Target(day.path),
            "papers": len(day.digest.papers),
        })
    blocks = [Block(None, "archive_intro.html",
                    {"days": len(archive.days), "papers": archive.paper_count})]
    blocks += [Block(headings[key], "archive_month.html", {"days": days}, anchor=f"month-{key}")
               for key, days in months.items()]
    return PageSpec(site.archive_page, labels.archive_title, "archive", tuple(blocks))


def day_heading(day: Day, labels: Labels) -> str:
    """The day spelled out (`Wednesday, 21 January 2026`), else its label."""
    return labels.long_date(day.date) if day.date else day.label


def by_paper(listings: Sequence[Listing]) -> list[list[Listing]]:
    """``listings`` grouped by paper, in their order (newest first)."""
    if len(listings) == 1:
        return [list(listings)]
    groups: dict[str, list[Listing]] = {}
    for item in listings:
        group = groups.get(item.paper.key)
        if group is None:
            groups[item.paper.key] = [item]
        else:
            group.append(item)
    return list(groups.values())


def _row(item: Listing, others: Sequence[Listing] = ()) -> Row:
    """``item`` as a row; ``others``: the same paper's other listings, for ``Row.also``."""
    return Row(item.paper, _card(item), item.day.label,
               tuple((other.day.label, _card(other)) for other in others))


def _card(item: Listing) -> Target:
    return Target(item.day.path, item.paper.anchor)


def _one_line(text: str | None, limit: int = 200) -> str:
    if not text:
        return ""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


@functools.lru_cache(maxsize=65536)
def _author_anchor(key: str) -> str:
    """An author's anchor before collisions are resolved; remembered, as author keys are."""
    return "author-" + (re.sub(r"[^\w]+", "-", key).strip("-") or "x")


def _initial(author: Author) -> str:
    first = author.key[:1].upper()
    return first if "A" <= first <= "Z" else "#"

