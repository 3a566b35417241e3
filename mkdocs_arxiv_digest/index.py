"""The whole archive: every digest of a build, indexed by day, paper, category and author.

Pure data built once per build from parsed digests; the plugin and the CLI both use it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .bibtex import bibtex_entry
from .model import Digest, Paper

# Longest slug, in UTF-8 bytes: file systems allow 255 per name, and pages add suffixes.
_SLUG_BYTES = 80


@dataclass(frozen=True, eq=False)
class Day:
    """One digest file in the archive. ``path`` is where it lives (a docs-relative path).
    Days are equal only to themselves: comparing their digests would read every paper."""

    path: str
    digest: Digest

    @property
    def date(self) -> dt.date | None:
        return self.digest.date

    @functools.cached_property
    def label(self) -> str:
        return self.date.isoformat() if self.date else self.path.rsplit("/", 1)[-1][:-3]

    @functools.cached_property
    def listings(self) -> tuple[Listing, ...]:
        return tuple(Listing(self, paper) for paper in self.digest.papers)


def _day_entries(day: Day) -> tuple:
    """What ``day`` adds to the archive's indexes: its listings by category; and for each
    author of each listing, in three flat lists, the author's key, the listing and the spelling
    used there (flat: a serve session keeps these for every day, and few objects are cheaper to
    keep than many)."""
    categories: dict[str, list[Listing]] = {}
    keys: list[str] = []
    listings: list[Listing] = []
    names: list[str] = []
    for listing in day.listings:
        paper = listing.paper
        for category in _categories(paper):
            categories.setdefault(category, []).append(listing)
        for name in paper.authors:
            key = author_key(name)
            if key:
                keys.append(key)
                listings.append(listing)
                names.append(name)
    return day, categories, keys, listings, names


class Listing(NamedTuple):
    """A paper as it appeared on one day."""

    day: Day
    paper: Paper


@dataclass(frozen=True)
class Author:
    key: str
    name: str
    listings: tuple[Listing, ...]


@functools.lru_cache(maxsize=65536)
def author_key(name: str) -> str:
    """Normalised author name: accents folded, case folded, punctuation and spacing evened out.

    `José  Núñez`, `jose nunez` and `José Núñez.` share one key; `J. Smith` and `John Smith` do not.
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = re.sub(r"[^\w\s'-]", " ", folded)
    return " ".join(folded.replace("_", " ").split())


def slugify(text: str) -> str:
    """A file-name-safe slug that keeps letters of any script: `cs.LG`, `mlips-equivariant-nns`."""
    slug = re.sub(r"[^\w.-]+", "-", unicodedata.normalize("NFKC", text)).strip("-.")
    if len(slug.encode()) > _SLUG_BYTES:  # free-text categories must not exceed file-name limits
        cut = slug.encode()[:_SLUG_BYTES].decode(errors="ignore").rstrip("-.")
        slug = f"{cut}-{hashlib.sha1(slug.encode()).hexdigest()[:8]}"
    return slug or "x"


def _day_order(day: Day) -> tuple:
    return (day.date or dt.date.min, day.path)


class Archive:
    """Indexes over all days. Days are oldest first; listings within an index are newest first.

    ``reusable``: the archive will be made again from mostly the same digests (``mkdocs
    serve``), and passed as ``previous`` then. It keeps what each day adds to the indexes, and
    the next archive reuses that, the days, their listings, the authors and BibTeX entries where
    they still hold, so that what did not change stays the same objects, which later stages can
    recognise cheaply.
    """

    def __init__(self, days: Iterable[Day], previous: Archive | None = None,
                 reusable: bool = False):
        if previous is not None:  # the same digest at the same path: the same day
            days = [previous.day_of(day) for day in days]
        self.days: tuple[Day, ...] = tuple(sorted(days, key=_day_order))
        self._position = {day.path: index for index, day in enumerate(self.days)}
        self.by_key: dict[str, list[Listing]] = {}
        self._bibtex: dict[str, str] = {}
        self.by_category: dict[str, list[Listing]] = {}
        listed: dict[str, list[Listing]] = {}
        spelled: dict[str, list[str]] = {}
        by_key, by_category = self.by_key, self.by_category
        known_entries = previous._entries if previous is not None else {}
        self._entries: dict[str, tuple] = {}  # by day path, when reusable
        for day in reversed(self.days):
            for listing in day.listings:
                by_key.setdefault(listing.paper.key, []).append(listing)
            entries = known_entries.get(day.path)
            if entries is None or entries[0] is not day:
                entries = _day_entries(day)
            if reusable:
                self._entries[day.path] = entries
            _, categories, keys, listings, names = entries
            for category, found in categories.items():
                by_category.setdefault(category, []).extend(found)
            for key, listing, name in zip(keys, listings, names, strict=True):
                found = listed.get(key)
                if found is None:
                    listed[key], spelled[key] = [listing], [name]
                else:
                    found.append(listing)
                    spelled[key].append(name)
        known = previous.authors if previous is not None else {}
        self.authors: dict[str, Author] = {}
        for key, found in listed.items():
            listings = tuple(found)
            author = known.get(key)
            if author is None or author.listings != listings:  # listings compare days by identity
                author = Author(key, _display_name(spelled[key]), listings)
            self.authors[key] = author
        if previous is not None:
            self._keep_bibtex(previous)

    def day_of(self, day: Day) -> Day:
        """This archive's day at ``day.path`` if it holds the same digest, else ``day``."""
        mine = self.day(day.path)
        return mine if mine is not None and mine.digest is day.digest else day

    @classmethod
    def from_digests(cls, digests: dict[str, Digest], previous: Archive | None = None,
                     reusable: bool = False) -> Archive:
        return cls((Day(path, digest) for path, digest in digests.items()), previous, reusable)

    def day(self, path: str) -> Day | None:
        index = self._position.get(path)
        return None if index is None else self.days[index]

    def neighbours(self, path: str) -> tuple[Day | None, Day | None]:
        """(previous day, next day) around the digest at ``path``."""
        index = self._position[path]
        previous = self.days[index - 1] if index > 0 else None
        following = self.days[index + 1] if index + 1 < len(self.days) else None
        return previous, following

    def other_listings(self, path: str, key: str) -> list[Listing]:
        """The same paper on other days, newest first."""
        return [item for item in self.by_key.get(key, ()) if item.day.path != path]

    def category_days(self, category: str) -> list[Day]:
        seen: dict[str, Day] = {}
        for item in self.by_category.get(category, ()):
            seen.setdefault(item.day.path, item.day)
        return list(seen.values())

    def bibtex(self, paper: Paper) -> str:
        """The paper's BibTeX entry, the same wherever it is offered (cards, `.bib` files).
        Without an arXiv id it is dated by the paper's first digest. Computed once per paper."""
        entry = self._bibtex.get(paper.key)
        if entry is None:
            dates = [item.day.date for item in self.by_key.get(paper.key, ()) if item.day.date]
            entry = self._bibtex[paper.key] = bibtex_entry(paper, min(dates, default=None))
        return entry

    def _keep_bibtex(self, previous: Archive) -> None:
        """Take over ``previous``'s BibTeX entries of papers listed exactly as before (same
        listings), so a rebuild after one digest changed makes few."""
        for key, entry in previous._bibtex.items():
            old, new = previous.by_key.get(key, ()), self.by_key.get(key, ())
            if _same(old, new):
                self._bibtex[key] = entry

    @property
    def paper_count(self) -> int:
        return len(self.by_key)


def _same(a: Sequence[object], b: Sequence[object]) -> bool:
    """The same objects in the same order."""
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def _categories(paper: Paper) -> tuple[str, ...]:
    """A paper counts in its main category and in the section it was listed under."""
    main, section = paper.main_category, paper.section
    if not paper.also_listed_under:  # the usual case
        if main and section and main != section:
            return main, section
        return (main or section,) if main or section else ()
    found: list[str] = []
    for value in (main, section, *paper.also_listed_under):
        if value and value not in found:
            found.append(value)
    return tuple(found)


def _display_name(spellings: list[str]) -> str:
    """The most used spelling; ties go to the one with most non-ASCII letters (accents kept)."""
    first = spellings[0]
    if all(name == first for name in spellings):
        return first
    counts: dict[str, int] = {}
    for name in spellings:
        counts[name] = counts.get(name, 0) + 1
    return max(sorted(counts), key=lambda s: (counts[s], sum(not c.isascii() for c in s)))
