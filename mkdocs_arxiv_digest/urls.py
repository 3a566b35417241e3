"""Links between built pages: a docs path and anchor, as a URL relative to the current page.

Part of the MkDocs adapter (it reads MkDocs' files for their final URLs).
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from .sitemap import Target


class Urls:
    """The URLs of one build's pages, and ``href`` functions for pages at any depth."""

    def __init__(self, files: Files, folder: str = ""):
        self._files = files
        # Target("") is the root of this build's pages: '' or a language folder ("zh/").
        self._urls: dict[str, str] = {"": folder}
        self._hrefs: dict[str, Callable[[Target], str]] = {}

    def url(self, src_uri: str) -> str:
        """The page's URL relative to the site root ('' when there is no such page; for ''
        the folder this build's pages go into)."""
        url = self._urls.get(src_uri)
        if url is None:
            file = self._files.get_file_from_path(src_uri)
            url = self._urls[src_uri] = file.url if file is not None else ""
        return url

    def href_from(self, page_url: str) -> Callable[[Target], str]:
        """``href(target)`` for the page at ``page_url``. Remembered by the page's way to the
        site root: the same author and category links recur on every page at one depth."""
        base = get_relative_url("", page_url)
        href = self._hrefs.get(base)
        if href is None:
            known: dict[Target, str] = {}

            def href(target: Target) -> str:
                link = known.get(target)
                if link is None:
                    url = self.url(target.path)
                    link = url if base == "." else f"{base}/{url}"
                    link = known[target] = f"{link}#{target.anchor}" if target.anchor else link
                return link

            self._hrefs[base] = href
        return href
