"""Where the plugin's pages go in MkDocs' navigation: digests newest first, then Browse.

Part of the MkDocs adapter (it builds MkDocs navigation objects).
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .index import Archive
from .labels import Labels

# Group digests by year and month in the navigation above this many days.
_NAV_GROUP_THRESHOLD = 31


def without(items: list, remove: set[str]) -> list:
    """Navigation items minus the pages in ``remove``; sections left empty disappear."""
    kept = []
    for item in items:
        if isinstance(item, Section):
            children = without(item.children, remove)
            if children:
                item.children = children
                kept.append(item)
        elif not (isinstance(item, Page) and item.file.src_uri in remove):
            kept.append(item)
    return kept


def group_by_month(pages: list[Page], archive: Archive, labels: Labels) -> list:
    """Newest first; by year and month when there are many days."""
    if len(pages) <= _NAV_GROUP_THRESHOLD:
        return pages
    years: dict[str, dict[str, list[Page]]] = {}
    for page in pages:
        day = archive.day(page.file.src_uri)
        date = day.date if day else None
        year = labels.text("nav_year", year=date.year) if date else labels.undated
        month = labels.month_name(date) if date else labels.undated
        years.setdefault(year, {}).setdefault(month, []).append(page)
    return [
        Section(year, [Section(month, days) for month, days in months.items()])
        for year, months in years.items()
    ]


def navigation(items: list) -> Navigation:
    """A Navigation with parents and previous/next links set, as MkDocs builds it."""
    pages: list[Page] = []

    def walk(children: list, parent: Section | None) -> None:
        for item in children:
            item.parent = parent
            if isinstance(item, Section):
                walk(item.children, item)
            elif isinstance(item, Page):
                pages.append(item)

    walk(items, None)
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None
    return Navigation(items, pages)


