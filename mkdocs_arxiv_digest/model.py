"""Plain data for parsed digests. Frozen, no behaviour beyond small derived properties.

Nothing here imports MkDocs: the same objects serve the plugin, the CLI and the tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

# The AI summary fields of the upstream template, in display order.
SUMMARY_FIELDS = ("motivation", "method", "result", "conclusion")


@dataclass(frozen=True)
class Field:
    """A labelled value the template has no slot for (Keywords, Comment, Translation...)."""

    label: str
    text: str


@dataclass(frozen=True)
class Diagnostic:
    """Something worth telling the site owner about one input file."""

    file: str
    line: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Paper:
    """One paper entry of one digest file.

    ``key`` is the version-less arXiv id (``2601.15380``, ``hep-th/9901001``); papers linked
    elsewhere get a stable key made from their link (``doi:10.1234/x``, ``url:3f2a...``).
    """

    key: str
    title: str
    url: str
    line: int
    arxiv_id: str | None = None
    version: str | None = None
    number: int | None = None
    authors: tuple[str, ...] = ()
    main_category: str | None = None
    section: str | None = None
    tldr: str | None = None
    motivation: str | None = None
    method: str | None = None
    result: str | None = None
    conclusion: str | None = None
    abstract: str | None = None
    extras: tuple[Field, ...] = ()
    placeholders: tuple[str, ...] = ()
    also_listed_under: tuple[str, ...] = ()
    raw: str | None = None

    @cached_property
    def anchor(self) -> str:
        """HTML id of the paper's card: derived from the key, so it survives rebuilds."""
        return anchor_for_key(self.key)

    @property
    def abs_url(self) -> str:
        return f"https://arxiv.org/abs/{self.arxiv_id}" if self.arxiv_id else self.url

    @property
    def pdf_url(self) -> str | None:
        return f"https://arxiv.org/pdf/{self.arxiv_id}" if self.arxiv_id else None

    @property
    def html_url(self) -> str | None:
        return f"https://arxiv.org/html/{self.arxiv_id}" if self.arxiv_id else None

    @cached_property
    def has_summary(self) -> bool:
        """True when the AI pipeline produced at least a TL;DR or one summary field."""
        return bool(self.tldr or any(getattr(self, name) for name in SUMMARY_FIELDS))

    @property
    def category(self) -> str | None:
        """The category the paper is filed under: its main category, else its section."""
        return self.main_category or self.section


@dataclass(frozen=True)
class Section:
    """A category section of a digest, as listed in the file."""

    name: str
    line: int
    total: int | None = None
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Digest:
    """One parsed digest file."""

    source: str
    date: dt.date | None
    title: str | None
    sections: tuple[Section, ...]
    papers: tuple[Paper, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    headings_seen: int = 0
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def placeholder_count(self) -> int:
        return sum(1 for p in self.papers if p.placeholders)


def anchor_for_key(key: str) -> str:
    """Card id for a paper key: ``arxiv-2601.15380``, ``arxiv-hep-th-9901001``, ``doi-...``."""
    kind, _, rest = key.rpartition(":")
    prefix = kind or "arxiv"
    cleaned = "".join(ch if ch.isascii() and (ch.isalnum() or ch in ".-_") else "-" for ch in rest)
    return f"{prefix}-{cleaned.strip('-')}"
