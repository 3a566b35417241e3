"""A BibTeX ``@misc`` entry for one paper, built from the digest's metadata (no network).

Pure: no MkDocs, no HTML. The entry is plain text; the card template escapes it once, when it is
put into an attribute. The same paper gives the same entry on every day it is listed: the date
comes from the arXiv identifier, and only papers without one fall back to the digest's date.
"""

from __future__ import annotations

import datetime as dt
import re

from .markup import INLINE_MATH  # `$x^2$` stays TeX: the cards' rule for inline math
from .model import Paper

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# LaTeX specials in text. Braces become commands, not `\{`: BibTeX counts `\{` as a brace, so
# one unbalanced `{` in a title would swallow the rest of the entry.
_TEXT_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEXT_SPECIAL = re.compile(r"[\\{}%&#_$^~]")
# Anything escape_text may change beyond spacing (LaTeX specials, `**bold**`); most text has none.
_NEEDS_ESCAPING = re.compile(r"[\\{}%&#_$^~*]")
# Inside math, a bare `%` would start a TeX comment and `#`/`&` are errors.
_UNESCAPED_MATH = re.compile(r"(?<!\\)([%#&])")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_AND = re.compile(r"\band\b", re.I)
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9.:_-]+")
_NEW_ID = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}$")
_OLD_ID = re.compile(r"^[a-z][a-z-]*(?:\.[A-Za-z]{2})?/(\d{2})(\d{2})\d{3}$", re.I)
# Characters that would unbalance the field or end it; percent-encoded as any URL may be.
_URL_UNSAFE = re.compile(r"[{}\\\s\"]")


def bibtex_key(paper: Paper) -> str:
    """``arxiv2601.15380``; ``arxivhep-th-9901001``; other papers use their card anchor."""
    if paper.arxiv_id:
        return "arxiv" + _KEY_UNSAFE.sub("-", paper.arxiv_id)
    return _KEY_UNSAFE.sub("-", paper.anchor)


def escape_text(text: str) -> str:
    """Text for a braced BibTeX field: LaTeX specials escaped, balanced ``$math$`` kept."""
    text = " ".join(text.split())
    if not _NEEDS_ESCAPING.search(text):
        return text
    text = _BOLD.sub(r"\1", text)
    if "$" not in text:  # no math to keep
        return _escape_plain(text)
    parts: list[str] = []
    pos = 0
    for match in INLINE_MATH.finditer(text):
        parts.append(_escape_plain(text[pos : match.start()]))
        math = match.group(0)
        parts.append(_UNESCAPED_MATH.sub(r"\\\1", math) if _balanced(math) else _escape_plain(math))
        pos = match.end()
    parts.append(_escape_plain(text[pos:]))
    return "".join(parts)


def _escape_plain(text: str) -> str:
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m.group(0)], text)


def _balanced(text: str) -> bool:
    """Braces balanced as BibTeX counts them: a backslash does not hide a brace."""
    depth = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


def _author(name: str) -> str:
    """One name; a name containing the word "and" is braced so BibTeX keeps it whole."""
    escaped = escape_text(name)
    return f"{{{escaped}}}" if _AND.search(name) else escaped


def _year_month(paper: Paper, date: dt.date | None) -> tuple[int | None, int | None]:
    """Submission year and month from the arXiv id (YYMM), else the given date."""
    arxiv_id = paper.arxiv_id or ""
    match = _NEW_ID.match(arxiv_id) or _OLD_ID.match(arxiv_id)
    if match:
        yy, mm = int(match.group(1)), int(match.group(2))
        if 1 <= mm <= 12:
            # Old-style ids started in 1991; new-style ids in 2007 and run to 2099.
            return (1900 + yy if yy >= 91 else 2000 + yy), mm
    if date is not None:
        return date.year, date.month
    return None, None


def _url(url: str) -> str:
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode()), url)


def bibtex_entry(paper: Paper, date: dt.date | None = None) -> str:
    """A ``@misc`` entry for ``paper``; ``date`` (the digest's day) is used only without an
    arXiv id. Fields the digest does not know are left out rather than guessed."""
    fields: list[tuple[str, str]] = [("title", "{" + escape_text(paper.title) + "}")]
    if paper.authors:
        fields.append(("author", "{" + " and ".join(_author(a) for a in paper.authors) + "}"))
    year, month = _year_month(paper, date)
    if year is not None:
        fields.append(("year", f"{{{year}}}"))
    if month is not None:
        fields.append(("month", MONTHS[month - 1]))
    if paper.arxiv_id:
        fields.append(("eprint", "{" + escape_text(paper.arxiv_id) + "}"))
        fields.append(("archivePrefix", "{arXiv}"))
        if paper.category:
            fields.append(("primaryClass", "{" + escape_text(paper.category) + "}"))
    elif paper.key.startswith("doi:"):
        fields.append(("doi", "{" + _url(paper.key[len("doi:") :]) + "}"))
    if paper.abs_url:
        fields.append(("url", "{" + _url(paper.abs_url) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{bibtex_key(paper)},\n{body}\n}}"
