"""Heading ids of built pages, fixed so that themes' scripts can use them.

Part of the MkDocs adapter (it reads and changes ``page.toc``).
"""

from __future__ import annotations

import html as htmllib
import re

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

# The id Python-Markdown's toc gives a heading whose text slugifies to nothing (Chinese).
_EMPTY_SLUG = re.compile(r"_\d+")


def _toc_items(toc) -> list[AnchorLink]:
    """Every heading of a table of contents, in page order."""
    items: list[AnchorLink] = []
    for item in toc or ():
        items.append(item)
        items.extend(_toc_items(item.children))
    return items


def usable_ids(html: str, page: Page, hints: dict[str, str]) -> str:
    """Heading ids that themes' scripts can use in CSS selectors, in ``html`` and page.toc.

    The toc extension makes `2026121` of a Chinese date (a selector cannot start with a digit:
    the mkdocs theme's scrollspy breaks) and `_1` of Chinese text. Such a heading takes its
    hint (by heading text) when it has one; an id starting with a digit gets an `h-` prefix.
    Run before the slots are filled: only headings and their permalinks are in ``html`` yet.
    """
    items = _toc_items(page.toc)
    used = {item.id for item in items}
    renames: dict[str, str] = {}
    for item in items:
        digit = item.id[:1].isdigit()
        if not (digit or _EMPTY_SLUG.fullmatch(item.id)):
            continue
        new = hints.get(htmllib.unescape(item.title)) or (f"h-{item.id}" if digit else None)
        if new is None:
            continue
        while new in used:
            new += "-"
        used.add(new)
        renames[item.id] = new
        item.id = new
    if not renames:
        return html
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.difference_update(renames)
        page.present_anchor_ids.update(renames.values())
    alternatives = "|".join(map(re.escape, renames))
    pattern = re.compile(f'(id="|href="#)({alternatives})"')
    return pattern.sub(lambda m: f'{m.group(1)}{renames[m.group(2)]}"', html)




def section_ids(page: Page) -> list[str]:
    """The ids of the page's level-2 headings, in page order."""
    return [item.id for item in _toc_items(page.toc) if item.level == 2]
