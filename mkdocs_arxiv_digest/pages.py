"""Generated pages (categories, category listings, authors, archive) as Markdown, from the index.

Pure: no MkDocs. Each page knows its docs-relative path, and links to other pages are relative
`.md` links, so MkDocs rewrites and validates them like links a user wrote.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .index import Archive, Author, Day, Listing, author_key, slugify
from .model import Paper


class Link(str):
    """A link or anchor this module built: trusted, so page templates do not escape it."""


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: where, what title, which template, with what data."""

    path: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    kind: str = ""


@dataclass(frozen=True)
class PageOptions:
    prefix: str = "arxiv"
    categories: bool = True
    authors: bool = True
    archive: bool = True
    page_size: int = 250
    authors_per_page: int = 1500
    category_names: dict = field(default_factory=dict)


class SiteMap:
    """Where every generated page and anchor lives; answers `.md` links relative to a page."""

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
        for category in sorted(archive.by_category):
            slug = slugify(category)
            while slug.lower() in used:
                slug += "-"
            used.add(slug.lower())
            self.category_path[category] = f"{prefix}/categories/{slug}.md"
            listings = archive.by_category[category]
            size = max(1, options.page_size)
            self.category_pages[category] = [
                listings[i : i + size] for i in range(0, len(listings), size)
            ]
        self.author_anchor: dict[str, str] = {}
        self.author_path: dict[str, str] = {}
        self.author_groups: list[tuple[str, str, list[Author]]] = []  # (label, path, authors)
        self._place_authors(prefix)

    def _place_authors(self, prefix: str) -> None:
        authors = sorted(self.archive.authors.values(), key=lambda a: (_sort_name(a), a.key))
        seen_ids: set[str] = set()
        for author in authors:
            anchor = "author-" + (re.sub(r"[^\w]+", "-", author.key).strip("-") or "x")
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

    def category_page_path(self, category: str, page: int = 0) -> str:
        path = self.category_path[category]
        return path if page == 0 else f"{path[:-3]}-{page + 1}.md"

    def author_link(self, name: str) -> tuple[str, str] | None:
        key = author_key(name)
        path = self.author_path.get(key)
        return None if path is None else (path, self.author_anchor[key])


def rel(from_path: str, to_path: str, anchor: str = "") -> str:
    """Relative `.md` link between two docs-relative paths."""
    link = posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
    return Link(f"{link}#{anchor}" if anchor else link)


def generated_pages(site: SiteMap) -> list[PageSpec]:
    """Every page to generate, in a stable order."""
    options, archive = site.options, site.archive
    names = options.category_names
    specs: list[PageSpec] = []
    if options.categories and archive.by_category:
        rows = []
        for category in sorted(archive.by_category, key=lambda c: (-len(archive.by_category[c]), c)):
            days = archive.category_days(category)
            rows.append(
                {
                    "code": category,
                    "name": names.get(category, ""),
                    "link": rel(site.categories_index, site.category_page_path(category)),
                    "papers": len({item.paper.key for item in archive.by_category[category]}),
                    "days": len(days),
                    "last": days[0].label if days else "",
                }
            )
        specs.append(PageSpec(site.categories_index, "Categories", "categories.md",
                              {"rows": rows}, "categories"))
        for category, chunks in site.category_pages.items():
            total = len(chunks)
            for number, chunk in enumerate(chunks):
                path = site.category_page_path(category, number)
                title = category if number == 0 else f"{category} (page {number + 1})"
                pager = [
                    {"number": n + 1, "link": rel(path, site.category_page_path(category, n)),
                     "current": n == number}
                    for n in range(total)
                ] if total > 1 else []
                specs.append(PageSpec(path, title, "category.md", {
                    "code": category,
                    "name": names.get(category, ""),
                    "groups": _day_groups(path, chunk),
                    "pager": pager,
                    "index_link": rel(path, site.categories_index),
                    "count": len(archive.by_category[category]),
                }, "category"))
    if options.authors and archive.authors:
        groups = site.author_groups
        for label, path, authors in groups:
            initials = [
                {"label": lbl or "All", "link": rel(path, p), "current": p == path}
                for lbl, p, _ in groups
            ] if len(groups) > 1 else []
            entries = [
                {
                    "anchor": Link(site.author_anchor[a.key]),
                    "name": a.name,
                    "papers": [_row(path, item, with_authors=False) for item in a.listings],
                }
                for a in authors
            ]
            title = "Authors" if not label else f"Authors: {label}"
            specs.append(PageSpec(path, title, "authors.md",
                                  {"entries": entries, "initials": initials,
                                   "total": len(archive.authors)}, "authors"))
        if groups[0][1] != site.authors_index:
            specs.append(PageSpec(site.authors_index, "Authors", "authors.md", {
                "entries": [],
                "initials": [{"label": lbl, "link": rel(site.authors_index, p), "current": False,
                              "count": len(a)} for lbl, p, a in groups],
                "total": len(archive.authors),
            }, "authors"))
    if options.archive and archive.days:
        months: dict[str, list[dict]] = defaultdict(list)
        for day in reversed(archive.days):
            key = day.date.strftime("%Y-%m") if day.date else "undated"
            months[key].append({
                "label": day.label,
                "weekday": day.date.strftime("%a") if day.date else "",
                "link": rel(site.archive_page, day.path),
                "papers": len(day.digest.papers),
            })
        month_list = [
            {"label": _month_label(key), "days": days, "papers": sum(d["papers"] for d in days)}
            for key, days in months.items()
        ]
        specs.append(PageSpec(site.archive_page, "Archive", "archive.md",
                              {"months": month_list, "days": len(archive.days),
                               "papers": archive.paper_count}, "archive"))
    return specs


def _day_groups(path: str, listings: list[Listing]) -> list[dict]:
    groups: list[dict] = []
    current: Day | None = None
    for item in listings:
        if item.day is not current:
            current = item.day
            groups.append({"label": item.day.label, "link": rel(path, item.day.path), "rows": []})
        groups[-1]["rows"].append(_row(path, item))
    return groups


def _row(path: str, item: Listing, with_authors: bool = True) -> dict:
    paper: Paper = item.paper
    authors = ", ".join(paper.authors[:3]) + (" et al." if len(paper.authors) > 3 else "")
    return {
        "title": paper.title,
        "link": rel(path, item.day.path, paper.anchor),
        "day": item.day.label,
        "authors": authors if with_authors else "",
        "tldr": _one_line(paper.tldr),
        "category": paper.category or "",
    }


def _one_line(text: str | None, limit: int = 200) -> str:
    if not text:
        return ""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _sort_name(author: Author) -> str:
    return author.key


def _initial(author: Author) -> str:
    first = author.key[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _month_label(key: str) -> str:
    if key == "undated":
        return "Undated"
    year, month = key.split("-")
    names = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
    return f"{names[int(month) - 1]} {year}"
