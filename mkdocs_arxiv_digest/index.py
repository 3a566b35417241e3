"""The whole archive: every digest of a build, indexed by day, paper, category and author.

Pure data built once per build from parsed digests; the plugin and the CLI both use it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .bibtex import bibtex_entry
from .markup import clean
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
    """Indexes over all days. Days are oldest first; listings within an index are newest first."""

    def __init__(self, days: Iterable[Day]):
        self.days: tuple[Day, ...] = tuple(sorted(days, key=_day_order))
        self._position = {day.path: index for index, day in enumerate(self.days)}
        self.by_key: dict[str, list[Listing]] = {}
        self.by_category: dict[str, list[Listing]] = {}
        self._bibtex: dict[str, str] = {}
        listed: dict[str, list[Listing]] = {}
        spelled: dict[str, list[str]] = {}
        by_key, by_category = self.by_key, self.by_category
        for day in reversed(self.days):
            for listing in day.listings:
                paper = listing.paper
                by_key.setdefault(paper.key, []).append(listing)
                for category in _categories(paper):
                    by_category.setdefault(category, []).append(listing)
                for name in paper.authors:
                    key = author_key(name)
                    if not key:
                        continue
                    found = listed.get(key)
                    if found is None:
                        listed[key], spelled[key] = [listing], [name]
                    else:
                        found.append(listing)
                        spelled[key].append(name)
        self.authors: dict[str, Author] = {
            key: Author(key, _display_name(spelled[key]), tuple(found))
            for key, found in listed.items()
        }

    @classmethod
    def from_digests(cls, digests: dict[str, Digest]) -> Archive:
        return cls(Day(path, digest) for path, digest in digests.items())

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
            entry = self._bibtex[paper.key] = clean(bibtex_entry(paper, min(dates, default=None)))
        return entry

    @property
    def paper_count(self) -> int:
        return len(self.by_key)


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
