"""Where the plugin's pages go in MkDocs' navigation: the generated home page (when the site
has none) first, then the site's own pages, a link to the newest day, the digests newest first,
and Browse.

Part of the MkDocs adapter (it builds MkDocs navigation objects).
"""

from __future__ import annotations

from collections.abc import Collection

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from .index import Archive
from .labels import Labels
from .sitemap import SiteMap

# Group digests by year and month in the navigation above this many days.
_NAV_GROUP_THRESHOLD = 31


def site_navigation(items: list, files: Files, site: SiteMap, generated: Collection[str],
                    labels: Labels) -> Navigation:
    """``items`` (MkDocs' or the user's navigation) with the plugin's pages arranged in it."""
    archive = site.archive
    items = without(items, {day.path for day in archive.days} | set(generated))
    page = _page(files, site.home_page) if site.home_page in generated else None
    if page is not None:
        items.insert(0, page)
    newest = files.get_file_from_path(archive.days[-1].path) if archive.days else None
    if newest is not None:  # always in sight: not folded away in the Digests section
        items.append(Link(labels.text("nav_latest", day=archive.days[-1].label), newest.url))
    days = [_page(files, day.path) for day in reversed(archive.days)]
    items.append(Section(labels.nav_digests,
                         group_by_month([p for p in days if p is not None], archive, labels)))
    browse = [
        page
        for path in (site.categories_index, site.authors_index, site.archive_page,
                     site.statistics_page, site.search_page)
        if path in generated and (page := _page(files, path)) is not None
    ]
    if browse:
        items.append(Section(labels.nav_browse, browse))
    return navigation(items)


def _page(files: Files, path: str) -> Page | None:
    file = files.get_file_from_path(path)
    return file.page if file is not None else None


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


