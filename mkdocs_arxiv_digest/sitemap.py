"""Where everything the plugin generates goes: every page, every anchor, and every card's links.

Pure: no MkDocs. Paths are docs paths (relative to docs_dir, ending in ``.md``); a
:class:`Target` is such a path plus an anchor, which the caller turns into a URL. Every page the
plugin generates claims its place in one namespace (:class:`_Namespace`), so no two of its pages
can share an output path, whatever the categories are called.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from .index import Archive, Author, Listing, author_key, slugify
from .labels import Labels, english
from .model import Paper

# In a folder name: no backslash (a separator on Windows), no drive colon, nothing a shell, URL or
# file system treats specially, no control character.
_FOLDER_UNSAFE = re.compile(r'[\\:*?"<>|#%\x00-\x1f\x7f]')
_FOLDER_BYTES = 100


def site_folder(value: str) -> str:
    """``value`` as a folder of the site (``arxiv``, ``papers/ml``), a trailing ``/`` dropped.

    Every option that names a place in the site goes through here, so nothing the plugin writes
    can land outside ``site_dir`` or in a folder MkDocs skips. Raises ValueError saying why."""
    folder = value.removesuffix("/")
    if not folder.strip():
        raise ValueError("must name a folder, such as 'arxiv' (it is empty)")
    if folder.startswith("/") or re.match(r"^[A-Za-z]:", folder):
        raise ValueError(f"must be a relative folder such as 'arxiv', not the absolute {value!r}")
    if bad := _FOLDER_UNSAFE.search(folder):
        raise ValueError(f"{value!r} holds {bad.group(0)!r}; use letters, digits, '-', '_', '.' "
                         "and '/' between folders")
    for part in folder.split("/"):
        if not part.strip():
            raise ValueError(f"{value!r} has an empty folder name (write 'a/b', not 'a//b')")
        if part == "..":
            raise ValueError(f"{value!r} has a '..' part: it would write outside the site")
        if part.startswith("."):
            raise ValueError(f"{value!r}: folder {part!r} starts with '.' (MkDocs skips hidden "
                             "folders; write 'a/b', not './a/b')")
        if part != part.strip():
            raise ValueError(f"{value!r}: folder {part!r} starts or ends with a space")
        if len(part.encode()) > _FOLDER_BYTES:
            raise ValueError(f"{value!r}: folder names may have {_FOLDER_BYTES} bytes at most")
    return folder


class Target(NamedTuple):
    """A docs page (path relative to docs_dir) and an optional anchor on it."""

    path: str
    anchor: str = ""


@dataclass(frozen=True)
class PageOptions:
    prefix: str = "arxiv"
    categories: bool = True
    authors: bool = True
    archive: bool = True
    home: bool = False  # generate the home page (the site has no index.md of its own)
    page_size: int = 250
    authors_per_page: int = 600
    category_names: dict = field(default_factory=dict)
    labels: Labels = field(default_factory=english)
    bibtex_files: bool = False  # `bib/<date>.bib` beside the pages (the plugin's bibtex_files)


@dataclass(frozen=True)
class CardLinks:
    """Site links for one card, already relative to the page the card is on."""

    category: str | None = None
    authors: dict[str, str] = field(default_factory=dict)
    also_on: tuple[tuple[str, str, str | None], ...] = ()  # (label, href, version note)


class _Namespace:
    """Output places taken so far. Two docs paths compete for one place when MkDocs would
    write them to the same file (`a.md` and `a/index.md`), also on a file system that ignores
    case."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    @staticmethod
    def place(path: str) -> str:
        stem = path[: -len(".md")] if path.endswith(".md") else path
        if stem == "index" or stem.endswith("/index"):
            stem = stem[: -len("index")].rstrip("/")
        return stem.casefold()

    def reserve(self, path: str) -> str:
        self._taken.add(self.place(path))
        return path

    def claim(self, folder: str, slug: str) -> str:
        """``folder/slug.md``, with the slug lengthened until its place is free."""
        while self.place(f"{folder}/{slug}.md") in self._taken or slug.startswith("."):
            slug += "-"
        return self.reserve(f"{folder}/{slug}.md")


class SiteMap:
    """Where every generated page and anchor lives."""

    def __init__(self, archive: Archive, options: PageOptions):
        self.archive = archive
        self.options = options
        prefix = options.prefix.strip("/")
        names = _Namespace()
        self.home_page = names.reserve("index.md")
        # Not `categories/index.md`: with Material's navigation.indexes an index page would
        # become the link of the navigation section that holds it.
        self.categories_index = names.reserve(f"{prefix}/categories.md")
        self.authors_index = names.reserve(f"{prefix}/authors.md")
        self.archive_page = names.reserve(f"{prefix}/archive.md")
        self.statistics_page = names.reserve(f"{prefix}/statistics.md")
        self.search_page = names.reserve(f"{prefix}/search.md")
        self.category_pages: dict[str, list[list[Listing]]] = {}
        self.category_path: dict[str, str] = {}
        size = max(1, options.page_size)
        for category in sorted(archive.by_category):
            # Later pages of a category live below its first one (`cs.LG/2.md`): a category
            # called `cs.LG-2` can never take their place.
            path = names.claim(f"{prefix}/categories", slugify(category))
            self.category_path[category] = path
            listings = archive.by_category[category]
            self.category_pages[category] = [
                listings[i : i + size] for i in range(0, len(listings), size)
            ]
        self.author_anchor: dict[str, str] = {}
        self.author_path: dict[str, str] = {}
        self.author_groups: list[tuple[str, str, list[Author]]] = []  # (label, path, authors)
        self._author_targets: dict[str, Target | None] = {}  # by spelling, filled on demand
        self._place_authors(prefix, names)

    def _place_authors(self, prefix: str, names: _Namespace) -> None:
        authors = sorted(self.archive.authors.values(), key=surname_order)
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
                by_initial[initial(author)].append(author)
            size = max(1, self.options.authors_per_page)
            for letter in sorted(by_initial, key=lambda i: (i == "#", i)):
                group = by_initial[letter]
                slug = "other" if letter == "#" else letter.lower()
                for part, start in enumerate(range(0, len(group), size)):
                    label = letter if part == 0 else f"{letter} ({part + 1})"
                    name = slug if part == 0 else f"{slug}/{part + 1}"
                    path = names.claim(f"{prefix}/authors", name)
                    self.author_groups.append((label, path, group[start : start + size]))
        for _, path, group in self.author_groups:
            for author in group:
                self.author_path[author.key] = path

    def category_page(self, category: str, page: int = 0) -> Target:
        path = self.category_path[category]
        return Target(path if page == 0 else f"{path[:-3]}/{page + 1}.md")

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

    def card_links(self, path: str, paper: Paper, href: Callable[[Target], str]) -> CardLinks:
        """The links of the card of ``paper`` on the digest page at ``path``; ``href`` turns a
        target into a URL relative to that page."""
        options = self.options
        category = None
        if options.categories and paper.category in self.category_path:
            category = href(self.category_page(paper.category))
        authors = {}
        if options.authors:
            for name in paper.authors:
                target = self.author(name)
                if target is not None:
                    authors[name] = href(target)
        also = []
        if len(self.archive.by_key.get(paper.key, ())) > 1:
            for item in self.archive.other_listings(path, paper.key):
                changed = item.paper.version and item.paper.version != paper.version
                also.append((item.day.label, href(card(item)),
                             item.paper.version if changed else None))
        return CardLinks(category=category, authors=authors, also_on=tuple(also))


def card(item: Listing) -> Target:
    """Where the card of a listing is."""
    return Target(item.day.path, item.paper.anchor)


@functools.lru_cache(maxsize=65536)
def _author_anchor(key: str) -> str:
    """An author's anchor before collisions are resolved; remembered, as author keys are."""
    return "author-" + (re.sub(r"[^\w]+", "-", key).strip("-") or "x")


# Name parts after the family name, which sorting skips.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname(author: Author) -> str:
    """The family name as the index files it: the last word of the name that is not a suffix
    (`Z. Berkay Celik` is filed under `celik`). A name of one word (a single CJK name, say)
    cannot be split and is filed as written."""
    words = author.key.split()
    while len(words) > 1 and words[-1].strip(".") in _SUFFIXES:
        words.pop()
    return words[-1] if words else ""


def surname_order(author: Author) -> tuple[str, str]:
    return surname(author), author.key


def initial(author: Author) -> str:
    """The letter an author is filed under: their surname's (``#`` for anything but A-Z)."""
    first = surname(author)[:1].upper()
    return first if "A" <= first <= "Z" else "#"
