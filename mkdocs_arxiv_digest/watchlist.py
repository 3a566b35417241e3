"""The site's watchlist (`watchlist:` in mkdocs.yml) at build time: which papers it matches.

Pure: no MkDocs. The rule is the browser's (``markWatched`` in assets/arxiv-digest.js): a
keyword matches anywhere in the paper's text, ignoring case, and must start a word when it
begins with a Latin, Greek or Cyrillic letter or a digit ("GAN" finds "GANs", not "organ"); an
author matches a name on the paper when both are equal after folding accents, case,
punctuation and spacing (:func:`.index.author_key`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .index import author_key
from .model import SUMMARY_FIELDS, Paper

_SPACED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


def keyword_pattern(term: str) -> re.Pattern[str]:
    """The pattern of one keyword (see the module docstring)."""
    first = term[:1]
    spaced = bool(first) and (unicodedata.category(first).startswith("N")
                              or unicodedata.name(first, "").startswith(_SPACED_SCRIPTS))
    # `[^\W_]`: a letter or a digit, as `[\p{L}\p{N}]` in the browser.
    return re.compile(("(?<![^\\W_])" if spaced else "") + re.escape(term), re.I)


def paper_text(paper: Paper) -> str:
    """The text of a paper that keywords are looked for in: what its card shows."""
    parts = [paper.title, *paper.authors, paper.category or "", paper.section or "",
             *paper.also_listed_under, paper.tldr or "", paper.arxiv_id or ""]
    parts += [getattr(paper, name) or "" for name in SUMMARY_FIELDS]
    parts += [f"{extra.label}: {extra.text}" for extra in paper.extras]
    parts += [paper.abstract or "", paper.raw or ""]
    return "\n".join(part for part in parts if part)


class Watchlist:
    """Keywords and author names; :meth:`matches` says which of them a paper matches."""

    def __init__(self, keywords: Iterable[str] = (), authors: Iterable[str] = ()):
        self.keywords = tuple(dict.fromkeys(k for k in keywords if k))
        self.authors = tuple(dict.fromkeys(a for a in authors if author_key(a)))
        self._patterns = [(k, keyword_pattern(k)) for k in self.keywords]
        self._names = {author_key(a): a for a in self.authors}

    def __bool__(self) -> bool:
        return bool(self.keywords or self.authors)

    @property
    def terms(self) -> tuple[str, ...]:
        return self.keywords + self.authors

    def matches(self, paper: Paper) -> list[str]:
        """The keywords, then the author names (as the paper spells them), that ``paper``
        matches; empty when it matches none."""
        found = []
        if self._patterns:
            text = paper_text(paper)
            found = [k for k, pattern in self._patterns if pattern.search(text)]
        if self._names:
            found += [name for name in paper.authors if author_key(name) in self._names]
        return found
