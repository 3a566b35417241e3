"""Text of a digest file in, :class:`~mkdocs_arxiv_digest.model.Digest` plus diagnostics out.

One pass over the lines with a handful of regular expressions; no Markdown library. The parser
never raises on odd input: whatever it cannot understand still becomes a paper (a fallback with
the raw text) and a diagnostic with the line number.

Three parts: :class:`_Parser` scans the lines (headings, sections, the table of contents),
:class:`_FieldReader` reads the lines inside a paper entry into fields, and
:class:`_DigestBuilder` turns the entries into papers and the :class:`Digest`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import replace
from urllib.parse import urlsplit

from .model import Diagnostic, Digest, Field, Paper, Section

# --- Shapes of a paper heading -------------------------------------------------------------

# `### [N] [Title](url)` and `### [Title](url)`; the title runs to the last `](http`. The link
# may be written `(<url>)` (CommonMark); its scheme in any case.
_LINK_HEADING = re.compile(
    r"^(?P<level>#{1,6})[ \t]+(?:<a\s[^>]*>\s*</a>[ \t]*)?(?:\[(?P<num>\d{1,6})\][ \t]+)?"
    r"\[(?P<title>.*)\]\((?:<(?P<bracketed>(?i:https?)://[^<>\n]*)>|"
    r"(?P<url>(?i:https?)://[^)\s\]]*))\)(?P<rest>.*)$"
)
# `### [N] Title` with no usable link (malformed, but still a paper), maybe behind an anchor.
_NUMBERED_HEADING = re.compile(
    r"^#{1,6}[ \t]+(?:<a\s[^>]*>\s*</a>[ \t]*)?\[(?P<num>\d{1,6})\][ \t]+(?P<title>\S.*)$"
)
# `[N] Title` on a plain line, followed by an `Authors:` line (an experimental upstream template).
_PLAIN_NUMBERED = re.compile(r"^\[(?P<num>\d{1,6})\][ \t]+(?P<title>\S.*)$")
_AUTHORS_LABEL = re.compile(r"^(?:\*\*)?Authors(?:\*\*)?\s*:", re.I)

# --- Cheap detection (no parse) -----------------------------------------------------------


# Invisible characters a line may start with (a BOM where digests were concatenated, zero-width
# spaces and joiners, direction marks): the commonest of Unicode's format characters, which
# the parser skips at a line start (all of them, see _visible).
_INVISIBLE = "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]*"


class _LineStart:
    """Finds ``pattern`` where a line starts, as ``^pattern`` under re.M does, ten times faster:
    after a newline, a literal prefix the search skips ahead to, instead of trying every
    position."""

    def __init__(self, pattern: str) -> None:
        self.first_line = re.compile(_INVISIBLE + pattern)
        self.other_lines = re.compile("\n" + _INVISIBLE + pattern)

    def search(self, text: str) -> bool:
        return bool(self.first_line.match(text) or self.other_lines.search(text))


_DETECT_NUMBERED = _LineStart(r"#{1,6}[ \t]+\[\d{1,6}\][ \t]+\[.*\]\(<?(?i:https?)://")
_DETECT_ARXIV_HEADING = _LineStart(
    r"#{2,4}[ \t]+(?:<a\s[^>]*>\s*</a>[ \t]*)?\[.*\]\(<?(?i:https?://(?:www\.|export\.)?"
    r"arxiv\.org/)"
)
_DETECT_MARKER = re.compile(
    r"<summary>|(?:Main category|TL;?DR|一句话总结|Relevance)\**[ \t]*[:：]", re.I
)
# The upstream generator's table-of-contents marker: a day with no papers is still a digest.
_DETECT_TOC = re.compile(r"\A\ufeff?<div id=['\"]?toc['\"]?></div>")
_DETECT_PLAIN = _LineStart(r"\[\d{1,6}\][ \t]+\S.*\n(?:\*\*)?Authors(?:\*\*)?[ \t]*:")

# --- Other line shapes --------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")  # trailing ` #` stripped in code: linear
_ANCHOR_ONLY = re.compile(
    r"^(?:<(?:div|a)\s+(?:id|name)\s*=\s*['\"]?(?P<id>[^'\">]*)['\"]?\s*>\s*"
    r"</(?:div|a)>\s*)+$",
    re.I,
)
_INLINE_ANCHOR = re.compile(
    r"<(?:div|a)\s+(?:id|name)\s*=\s*['\"]?[^'\">]*['\"]?\s*>\s*</(?:div|a)>", re.I
)
_TOC_ENTRY = re.compile(
    r"^[-*+][ \t]+\[(?P<name>[^\]]+)\]\(#(?P<anchor>[^)]*)\)[ \t]*"
    r"(?:\[Total:[ \t]*(?P<t1>\d+)\]|\((?P<t2>\d+)[ \t]*篇\)|\[(?P<t3>\d+)\])?$"
)
_NAME_COUNT = re.compile(r"^(?P<name>.*)\((?P<n>\d+)\)$")
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^)]*\)")
_SEPARATOR_FIRST = "-*_<"  # a cheap test before _SEPARATOR: most lines start otherwise
_SEPARATOR = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|<hr\s*/?>)$", re.I)
_SUMMARY_TAG = re.compile(r"^<summary>(.*?)</summary>$", re.I)
# Split at `|` with the padding before it; a split starts only where padding starts (linear).
_FIELD_SPLIT = re.compile(r"(?<![ \t])(?<!&nbsp;)(?:[ \t]|&nbsp;)*\|")
_FIELD_PAD = re.compile(r"(?:[ \t]|&nbsp;)*")
_LIST_MARKER = re.compile(r"^(?:\d{1,3}[.)、]|[-*+•])\s")
_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_COMPACT_DATE = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")
# An arXiv link: one of its hosts, and a path that is one id (`2603.040200` is not `2603.04020`).
_ARXIV_HOSTS = frozenset({"arxiv.org", "www.arxiv.org", "export.arxiv.org"})
_ARXIV_PATH = re.compile(
    r"/(?:abs|pdf|html)/(?:(?P<new>\d{4}\.\d{4,5})|(?P<archive>[a-z][a-z-]*)"
    r"(?P<subject>\.[a-z]{2})?/(?P<number>\d{7}))(?P<v>v\d+)?(?:\.pdf)?/?",
    re.I,
)
_DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/(?P<doi>10\.\S+)$", re.I)
_TEMPLATE_SLOT = re.compile(r"^\{[A-Za-z_]+\}$")
_QUOTED_NAME = re.compile(r"'([^']*)'|\"([^\"]*)\"")

# Label patterns are greedy: they match where lazy ones would, with less backtracking, and
# only differ by spaces at the end of the label, which the caller strips.
# Bold labels: `**X:** v` and `**X**: v` stop where the value starts (the rest of the line:
# slicing is cheaper than a `.*` group); `**X: v**` holds its value.
_BOLD_LABEL = (
    re.compile(r"^\*\*(?P<label>[^*]{1,60})[ \t]*[:：][ \t]*\*\*[ \t]*"),
    re.compile(r"^\*\*(?P<label>[^*]{1,60})\*\*[ \t]*[:：][ \t]*"),
)
_BOLD_LABEL_AROUND = re.compile(
    r"^\*\*(?P<label>[^*:：]{1,60})[ \t]*[:：][ \t]*(?P<value>[^*]*)\*\*[ \t]*$"
)
_PLAIN_LABEL = re.compile(
    r"^(?P<label>[A-Za-z\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af][\w ;/&().'\-]{0,40})"
    r"[ \t]*[:：](?:[ \t]+|$)"
)

# Failure text of the generator: the field is missing, never content.
PLACEHOLDERS = frozenset(
    {
        "summary generation failed",
        "motivation analysis unavailable",
        "method extraction failed",
        "result analysis unavailable",
        "conclusion extraction failed",
        "processing failed",
    }
)

_PLACEHOLDER_LENGTH = max(map(len, PLACEHOLDERS))

# Labels with a slot on the card, by their lower-case spelling.
_CANONICAL = {
    "authors": "authors",
    "author": "authors",
    "作者": "authors",
    "main category": "main_category",
    "主类别": "main_category",
    "tl;dr": "tldr",
    "tldr": "tldr",
    "tl; dr": "tldr",
    "一句话总结": "tldr",
    "motivation": "motivation",
    "method": "method",
    "methods": "method",
    "result": "result",
    "results": "result",
    "conclusion": "conclusion",
    "conclusions": "conclusion",
    "abstract": "abstract",
}
# Plain (not bold) labels that start a field even inside a long value.
_KNOWN_EXTRAS = frozenset(
    {
        "task", "keywords", "comment", "comments", "ai_comments", "translation", "recommendation",
        "relevance", "relevance score", "why", "matched topics", "key figures", "background",
        "data", "related work", "potential applications", "future work", "key contributions",
        "limitations", "read time", "categories", "ai_abstract", "摘要翻译",
    }
)


class _Entry:
    """Mutable builder for one paper while its lines are read."""

    def __init__(self, line: int, title: str, url: str | None, number: int | None, section):
        self.line = line
        self.title = title
        self.url = url
        self.number = number
        self.section = section
        self.authors: tuple[str, ...] | None = None
        self.fields: list[tuple[str, str | None, list[list[str]], int]] = []
        self.current: list[list[str]] | None = None
        self.current_name: str | None = None
        self.in_details = False
        self.details_line = 0
        self.loose: list[str] = []
        self.content_lines = 0
        self.pending_break = False
        self.author_slot = True  # the italic author line comes before any field

    def start_field(self, label: str, name: str | None, value: str, line: int) -> None:
        paragraphs: list[list[str]] = [[value]] if value else []
        self.fields.append((label, name, paragraphs, line))
        self.current = paragraphs
        self.current_name = name
        self.pending_break = False

    def end_field(self) -> None:
        self.current = None
        self.current_name = None

    def add_text(self, raw: str, text: str) -> None:
        self.content_lines += 1
        if self.current is None:
            self.loose.append(text)
            return
        indented = raw[:2] in ("  ", "\t ") or raw[:1] == "\t"
        if not self.current or self.pending_break or indented:
            self.current.append([text])
        else:
            self.current[-1].append(text)
        self.pending_break = False


# Byte-order marks, the UTF-32 ones first: `FF FE 00 00` also starts with UTF-16's `FF FE`.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def decode_digest(data: bytes, source: str) -> tuple[str, list[Diagnostic]]:
    """Text of a digest file, in the encoding its byte-order mark names (UTF-8, UTF-16 or
    UTF-32; UTF-8 without one), the mark dropped. Bad bytes are replaced with U+FFFD and
    reported (``not_utf8``) with the byte offset of the first one, instead of stopping the
    build."""
    codec, name, start = "utf-8", "UTF-8", 0
    for bom, bom_codec, bom_name in _BOMS:
        if data.startswith(bom):
            codec, name, start = bom_codec, bom_name, len(bom)
            break
    body = data[start:]
    try:
        return body.decode(codec), []
    except UnicodeDecodeError as exc:
        text = body.decode(codec, errors="replace")
        line = body[: exc.start].decode(codec, errors="replace").count("\n") + 1
        return text, [
            Diagnostic(
                source,
                line,
                "not_utf8",
                f"bytes that are not {name} at byte offset {start + exc.start}; "
                "replaced with U+FFFD so the page still builds",
            )
        ]


def is_digest(text: str) -> bool:
    """Cheap test: does this Markdown hold at least one paper entry in a known digest shape?"""
    if _DETECT_NUMBERED.search(text) or _DETECT_PLAIN.search(text) or _DETECT_TOC.match(text):
        return True
    return bool(_DETECT_ARXIV_HEADING.search(text) and _DETECT_MARKER.search(text))


def parse_digest(text: str, source: str = "<digest>", date: dt.date | None = None) -> Digest:
    """Parse one digest. Never raises; problems become diagnostics with line numbers."""
    return _Parser(text, source, date).run()


class _Contents:
    """The table of contents: each section's total, by anchor and by name."""

    def __init__(self) -> None:
        self.by_anchor: dict[str, int | None] = {}
        self.by_name: dict[str, int | None] = {}
        self.line = 0  # its first entry
        self.promised = 0  # the papers its totals add up to

    def read(self, line: str, number: int) -> bool:
        """Take ``line`` when it is an entry (`- [cs.LG](#cs.LG) [Total: 3]`)."""
        m = _TOC_ENTRY.match(line)
        if not m:
            return False
        total = m["t1"] or m["t2"] or m["t3"]
        name = m["name"].strip()
        nc = _NAME_COUNT.match(name)
        if nc and total is None:
            name, total = nc["name"].rstrip(" \t"), nc["n"]
        value = int(total) if total is not None else None
        self.line = self.line or number
        self.promised += value or 0
        self.by_anchor[m["anchor"]] = value
        self.by_name[name] = value
        return True

    def total(self, anchor: str | None, name: str) -> int | None:
        """The total listed for a section, found by its anchor, else by its name."""
        if anchor is not None and anchor in self.by_anchor:
            return self.by_anchor[anchor]
        return self.by_name.get(name)


def _front_matter(lines: list[str]) -> tuple[int, dict]:
    """Where the content starts (after a `---` front matter block), and the block's data."""
    if not lines or lines[0].strip() != "---":
        return 0, {}
    for index in range(1, min(len(lines), 500)):
        if lines[index].strip() in ("---", "..."):
            return index + 1, _load_yaml("\n".join(lines[1:index]))
    return 0, {}


class _Parser:
    """The line scanner: finds paper headings, sections and the table of contents; the lines
    of each paper go to a :class:`_FieldReader`, and a :class:`_DigestBuilder` makes the
    papers and the digest at the end."""

    def __init__(self, text: str, source: str, date: dt.date | None):
        if text.startswith("\ufeff"):
            text = text[1:]
        if "\r" in text:  # the replace scans cost more than the split: skip them for LF files
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.lines = text.split("\n")
        self.source = source
        self.date = date
        self.diagnostics: list[Diagnostic] = []
        self.toc = _Contents()
        self.sections: list[list] = []  # [name, line, total]
        self.entries: list[_Entry] = []
        self.entry: _Entry | None = None
        self.pending_anchor: str | None = None
        self.headings: list[str] = []
        self.meta: dict = {}
        self.fields = _FieldReader()

    def warn(self, line: int, kind: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.source, line, kind, message))

    # -- main loop -------------------------------------------------------------------------

    def run(self) -> Digest:
        start, self.meta = _front_matter(self.lines)
        for number, raw in enumerate(self.lines[start:], start + 1):
            line = raw.strip()
            if line and line[0] >= "\x80" and unicodedata.category(line[0]) == "Cf":
                raw = line = _visible(line)  # a BOM or a zero-width space hides nothing
            if not line:  # half the lines of a digest: kept out of the calls below
                entry = self.entry
                if entry is not None and entry.current:
                    entry.pending_break = True
                continue
            try:
                self._line(raw, line, number)
            except Exception as exc:  # a parser bug must not cost a paper or a build
                self.warn(number, "internal", f"could not read this line ({type(exc).__name__})")
                if self.entry is not None:
                    self.entry.loose.append(line)
        self._close_entry(len(self.lines))
        return _DigestBuilder(self).build()

    def _line(self, raw: str, line: str, number: int, following: str | None = None) -> None:
        """Read one non-blank ``line``; ``following`` is the next line (None: the file's)."""
        first = line[0]
        if first == "#":
            self._heading(line, number)
            return
        if first == "[" and (m := _PLAIN_NUMBERED.match(line)):
            if following is None:
                following = self.lines[number] if number < len(self.lines) else ""
            if _AUTHORS_LABEL.match(following.strip()):
                self._open_entry(number, m["title"].strip(), None, int(m["num"]), warn_link=False)
                return
        if first == "<" and self._markup(line, number):
            return
        entry = self.entry
        if entry is None:
            self._outside(line, number)
            return
        # The commonest line, a plain `Label: value` starting a block, goes straight to its
        # field as _inside would take it: the shapes _inside checks first (separators, author
        # lines) never start with a letter. A `|` may join several fields: left to _inside.
        if first.isalpha() and (not entry.current or entry.pending_break) and "|" not in line:
            label = _plain_label(line)
            if label is not None and self.fields.labelled(entry, raw, line, label, number, False):
                return
        self.fields.inside(entry, raw, line, number)

    def _heading(self, line: str, number: int) -> None:
        m = _LINK_HEADING.match(line)
        if m and (m["num"] or self.entry is None or len(m["level"]) <= 4):
            title = m["title"].strip()
            url = m["url"] or m["bracketed"].strip()
            self._open_entry(number, title, url, int(m["num"]) if m["num"] else None)
            return
        m2 = _NUMBERED_HEADING.match(line)
        if m2:
            self._open_entry(number, m2["title"].strip(), None, int(m2["num"]))
            return
        hm = _HEADING.match(line)
        if not hm:
            if self.entry is not None:
                self.entry.add_text(line, line)
            return
        level, text = len(hm[1]), hm[2].rstrip(" \t#")
        entry = self.entry
        if entry is not None:
            label = _split_label(text, heading=True)
            # In an open <details> block a `#`/`##` heading is the summary's own (an LLM's
            # `## Method`), unless it names a section: the generator closes the block before
            # the next section, so otherwise the rest of the paper would be lost.
            if (label is not None or level >= 3
                    or (entry.in_details and not self._names_section(text))):
                name, value = label if label is not None else (text.rstrip(":："), "")
                self.fields.field(entry, name, value, number)
                return
        self._section_heading(text, number)

    def _names_section(self, text: str) -> bool:
        """Whether heading ``text`` looks like a category section's (`cs.LG [[Back]](#toc)`,
        an anchor in it, or a name the table of contents lists)."""
        return ("[[" in text or _INLINE_ANCHOR.search(text) is not None
                or text.strip() in self.toc.by_name)

    def _section_heading(self, text: str, number: int) -> None:
        self._close_entry(number)
        anchor = self.pending_anchor
        self.pending_anchor = None
        m = _INLINE_ANCHOR.search(text)
        if m:
            inner = re.search(r"=\s*['\"]?([^'\">]*)", m.group(0))
            anchor = anchor or (inner.group(1) if inner else None)
        name = _INLINE_ANCHOR.sub("", text)
        name = re.sub(r"\[\[[^\[\]]*\]\]\([^)]*\)", "", name)  # [[Back]](#toc)
        name = re.sub(r"(?<![ \t])[ \t]+\[[^\[\]]*\]$", "", name.strip())  # `cs.DB [cs.DB]`
        name = name.strip()
        self.headings.append(name)
        if _DATE.search(name):
            return  # `# arXiv daily 2025-06-08` is the page's title, not a category
        self.sections.append([name, number, self.toc.total(anchor, name)])

    def _markup(self, line: str, number: int) -> bool:
        """Handle structural HTML lines; True when the line was consumed."""
        m = _ANCHOR_ONLY.match(line)
        if m:
            # An anchor line introduces the next section: it ends the paper before it.
            self._close_entry(number)
            self.pending_anchor = m["id"]
            return True
        entry = self.entry
        if entry is None:
            return False
        lowered = line.lower()
        if lowered.startswith("<details"):
            entry.end_field()
            entry.in_details = True
            entry.details_line = number
            return True
        if lowered.startswith("</details>"):
            entry.end_field()
            entry.in_details = False
            rest = line[len("</details>"):].strip()
            if rest:
                self._line(rest, rest, number, "")
            return True
        s = _SUMMARY_TAG.match(line)
        if s:
            entry.end_field()
            if s.group(1).strip().lower() == "abstract":
                entry.start_field("Abstract", "abstract", "", number)
            return True
        return False

    def _outside(self, line: str, number: int) -> None:
        if self.toc.read(line, number):
            return
        if not self.meta.get("date"):
            for label in ("**Report Date:**", "Report Date:"):
                if line.startswith(label):
                    self.meta.setdefault("report_date", line[len(label):].strip())

    # -- entries ---------------------------------------------------------------------------

    def _open_entry(
        self, number: int, title: str, url: str | None, num: int | None, warn_link: bool = True
    ) -> None:
        self._close_entry(number)
        section = self.sections[-1][0] if self.sections else None
        self.entry = _Entry(number, title, url, num, section)
        if url is None and warn_link:
            self.warn(number, "no_link", f"paper heading has no http(s) link: {_short(title)!r}")

    def _close_entry(self, number: int) -> None:
        entry = self.entry
        if entry is None:
            return
        self.entry = None
        if entry.in_details:
            self.warn(
                entry.details_line,
                "unclosed_details",
                f"<details> opened here is not closed before line {number}"
                " (truncated entry?)",
            )
        if entry.content_lines == 0:
            self.warn(entry.line, "empty_entry", "paper heading has nothing after it")
        self.entries.append(entry)

class _FieldReader:
    """Reads the lines inside one paper entry into its fields: the author line, `Label: value`
    lines (also several joined by `|`), and the text that continues them."""

    def __init__(self) -> None:
        # (canonical name, known extra) by label as written: a day repeats a dozen labels.
        self.label_kinds: dict[str, tuple[str | None, bool]] = {}

    def inside(self, entry: _Entry, raw: str, line: str, number: int) -> None:
        if line[0] in _SEPARATOR_FIRST and _SEPARATOR.match(line):
            entry.end_field()
            return
        if entry.author_slot and entry.authors is None:
            if line.startswith("> *") and not line.startswith("> **") and line.endswith("*"):
                entry.start_field("Translated title", None, line[3:-1].strip(), number)
                entry.end_field()
                entry.content_lines += 1
                return
            if line == "**" or (line.startswith("*") and not line.startswith("**")):
                self._authors_line(entry, line, number)
                return
        starts_block = not entry.current or entry.pending_break
        if starts_block or _KNOWN_START.match(line) or line.lstrip("> ").startswith("**"):
            if self._field_line(entry, raw, line, number, known_only=not starts_block):
                return
        if _is_link_only(line):
            return
        text = line[1:].strip() if line[0] == ">" else line
        if text:
            entry.add_text(raw, text)

    def _authors_line(self, entry: _Entry, line: str, number: int) -> None:
        authors_part, rest = line, ""
        if "* | " in line:
            authors_part, rest = line.split("* | ", 1)
            authors_part += "*"
        inner = authors_part.strip()
        inner = inner[1:-1] if len(inner) >= 2 and inner.endswith("*") else inner.strip("*")
        entry.authors = split_authors(inner)
        entry.content_lines += 1
        if rest:
            self._field_line(entry, rest, rest, number)

    def _field_line(
        self, entry: _Entry, raw: str, line: str, number: int, known_only: bool = False
    ) -> bool:
        """Read `Label: value` (possibly several joined by `|`); True when it was a field."""
        if ":" not in line and "：" not in line:  # every label shape has a colon
            return False
        joined = _joined_labels(line) if "|" in line else None
        if joined is None:
            label = _split_label(line)
            return label is not None and self.labelled(entry, raw, line, label, number,
                                                        known_only)
        found = False
        for part, label in joined:
            if label is None:
                if not found and not _is_link_only(part):
                    return False
                continue
            if not self.labelled(entry, raw, part, label, number, known_only):
                return False
            found = True
        return found

    def labelled(self, entry: _Entry, raw: str, part: str, label: tuple[str, str],
                  number: int, known_only: bool) -> bool:
        """Start the field ``label`` read from ``part``; False when a plain label may not."""
        name, value = label
        kind = self.label_kinds.get(name)
        if kind is None:
            key = _norm(name)
            kind = self.label_kinds[name] = (_CANONICAL.get(key), key in _KNOWN_EXTRAS)
        canonical, extra = kind
        if (
            canonical is None
            and not extra
            and not part.lstrip("> -").startswith("**")
            and (
                known_only
                or raw[:1] in (" ", "\t")
                or (entry.current_name == "abstract" and entry.current is not None)
            )
        ):
            return False  # plain labels: known ones anywhere, others only starting a block
        # `name` needs no cleaning here: _split_label returns it stripped, without `*`.
        self._add_field(entry, name, canonical, value, number)
        return True

    def field(self, entry: _Entry, label: str, value: str, number: int) -> None:
        label = label.strip().strip("*").strip()
        self._add_field(entry, label, _CANONICAL.get(_norm(label)), value, number)

    def _add_field(self, entry: _Entry, label: str, canonical: str | None, value: str,
                   number: int) -> None:
        entry.content_lines += 1
        if canonical == "authors":
            entry.end_field()
            if not entry.authors:
                entry.authors = split_authors(value)
            return
        entry.author_slot = False
        entry.start_field(label, canonical, value, number)


class _DigestBuilder:
    """Makes the papers of a scanned file (duplicates merged, fields joined) and its Digest."""

    def __init__(self, scan: _Parser) -> None:
        self.scan = scan
        self.warn = scan.warn

    def build(self) -> Digest:
        papers: dict[str, Paper] = {}
        # Sections a repeated paper is also listed under: ordered sets, set on the card once
        # at the end, so thousands of repeats stay linear.
        also_listed: dict[str, dict[str, None]] = {}
        section_keys: dict[str, list[str]] = {}
        listed: dict[str, int] = {}
        headings_seen = len(self.scan.entries)
        toc = self.scan.toc
        if toc.promised > headings_seen:
            self.warn(toc.line, "fewer_papers",
                      f"the table of contents promises {toc.promised} papers, but only "
                      f"{headings_seen} paper headings were found: some entries were not read "
                      "(a broken heading, or a wrong encoding?)")
        for entry in self.scan.entries:
            paper = self._paper(entry)
            listed[entry.section or ""] = listed.get(entry.section or "", 0) + 1
            if entry.section is not None:
                keys = section_keys.setdefault(entry.section, [])
            else:
                keys = section_keys.setdefault("", [])
            earlier = papers.get(paper.key)
            if earlier is None:
                papers[paper.key] = paper
                keys.append(paper.key)
                continue
            self.warn(
                entry.line,
                "duplicate",
                f"arXiv {paper.key} is listed again (first at line {earlier.line}); "
                "kept as one card",
            )
            papers[paper.key] = _merge(earlier, paper)
            if paper.section and paper.section != earlier.section:
                also_listed.setdefault(paper.key, {})[paper.section] = None
        for key, listed_under in also_listed.items():
            papers[key] = replace(papers[key], also_listed_under=tuple(listed_under))
        sections = []
        for name, line, total in self.scan.sections:
            keys = section_keys.get(name)
            if not keys:
                continue
            if total is not None and total != listed.get(name, 0):
                self.warn(
                    line,
                    "total_mismatch",
                    f"table of contents says {total} papers in {name!r}, found {listed.get(name)}",
                )
            sections.append(Section(name, line, total, tuple(keys)))
            section_keys[name] = []  # a repeated section name is listed once
        if section_keys.get(""):
            sections.insert(0, Section("", 0, None, tuple(section_keys[""])))
        scan = self.scan
        title = next((h for h in scan.headings if _DATE.search(h)), None)
        date = scan.date or _coerce_date(scan.meta.get("date")) or _date_in(scan.source)
        date = date or _date_in(title or "") or _date_in(str(scan.meta.get("report_date", "")))
        return Digest(
            source=self.scan.source,
            date=date,
            title=title,
            sections=tuple(sections),
            papers=tuple(papers.values()),
            diagnostics=tuple(sorted(scan.diagnostics, key=lambda d: d.line)),
            headings_seen=headings_seen,
            meta=self.scan.meta,
        )

    def _paper(self, entry: _Entry) -> Paper:
        values: dict[str, str] = {}
        repeated: dict[str, list[str]] = {}  # a field given again: joined once, at the end
        extras: list[Field] = []
        placeholders: list[str] = []
        template_line = 0
        for label, name, paragraphs, line in entry.fields:
            if len(paragraphs) == 1 and len(paragraphs[0]) == 1:  # most fields: one line
                text = paragraphs[0][0].strip()
            else:
                text = _join(paragraphs)
            if not text:
                continue
            slot = text[0] == "{" and _TEMPLATE_SLOT.match(text)
            if slot or _is_placeholder(text):
                if slot:
                    template_line = template_line or line
                placeholders.append(name or label)
                continue
            if name is None:
                extras.append(Field(label, text))
                if _norm(label) == "categories" and "main_category" not in values:
                    first = text.split(",")[0].strip().strip("`").strip()
                    if first:
                        values["main_category"] = first
            elif name in values:
                repeated.setdefault(name, [values[name]]).append(text)
            else:
                values[name] = text
        for name, texts in repeated.items():
            values[name] = "\n\n".join(texts)
        if template_line:
            self.warn(template_line, "template_placeholder",
                      "unfilled template placeholder such as '{tldr}' (the generator failed)")
        key, arxiv_id, version = paper_key(entry.url, entry.title)
        raw = None
        if entry.loose and not entry.fields:
            raw = "\n".join(entry.loose)
        elif entry.loose:
            extras.append(Field("Notes", "\n".join(entry.loose)))
        main = values.pop("main_category", None)
        if main and _TEMPLATE_SLOT.match(main):
            main = None
        return Paper(
            key=key,
            title=_clean_title(entry.title),
            url=entry.url or "",
            line=entry.line,
            arxiv_id=arxiv_id,
            version=version,
            number=entry.number,
            authors=entry.authors or (),
            main_category=main if main and main.upper() != "N/A" else None,
            section=entry.section or None,
            tldr=values.get("tldr"),
            motivation=values.get("motivation"),
            method=values.get("method"),
            result=values.get("result"),
            conclusion=values.get("conclusion"),
            abstract=values.get("abstract"),
            extras=tuple(extras),
            placeholders=tuple(placeholders),
            raw=raw,
        )


_KNOWN_START = re.compile(
    r"^(?:>\s*)?(?:\*\*)?(?:TL;?DR|Main category|Motivation|Method|Result|Conclusion|Abstract|"
    r"Translation|Keywords|Comment|Task|Recommendation|Relevance|Why|Matched topics|"
    r"Key Figures|Background|Data|Related Work|Potential Applications|Future Work|摘要翻译)"
    r"\**[ \t]*[:：]",
    re.I,
)


def _visible(line: str) -> str:
    """``line`` without the format characters (category Cf) and blanks it starts with."""
    start = 0
    while start < len(line) and (unicodedata.category(line[start]) == "Cf"
                                 or line[start].isspace()):
        start += 1
    return line[start:]


def _split_label(text: str, heading: bool = False) -> tuple[str, str] | None:
    """`(label, value)` when ``text`` starts with a field label, else None."""
    s = text.strip()
    if s[:1] in "->*+":  # a quote, a list item, bold (or nothing): else a plain label
        if s.startswith(">"):
            s = s[1:].strip()
        if s[:2] in ("- ", "* ", "+ ") and s[2:].lstrip().startswith("**"):
            s = s[2:].lstrip()
        if s.startswith("**"):
            for pattern in _BOLD_LABEL:
                m = pattern.match(s)
                if m:
                    return m["label"].strip(), s[m.end() :].strip()
            m = _BOLD_LABEL_AROUND.match(s)
            return (m["label"].strip(), m["value"].strip()) if m else None
    return _plain_label(s, heading)


def _plain_label(s: str, heading: bool = False) -> tuple[str, str] | None:
    """`(label, value)` when the stripped ``s`` starts with a plain `Label:`, else None."""
    m = _PLAIN_LABEL.match(s)
    if not m:
        return None
    label = m["label"].strip()
    # Cheap tests before the exact ones: more than five words need a space, `http` an h.
    if " " in label and len(label.split()) > 5:
        return None
    if not heading and label[0] in "hH" and label.lower().startswith("http"):
        return None
    return label, s[m.end() :].strip()


def _joined_labels(line: str) -> list[tuple[str, tuple[str, str] | None]] | None:
    """Parts of a line of fields joined by `|`, each with its label; None when the `|` is
    only inside a value (no part after the first has a label)."""
    bar = line.index("|")
    if line.find(":", bar) < 0 and line.find("：", bar) < 0:  # a label needs a colon
        return None
    parts = [p[_FIELD_PAD.match(p).end() :] for p in _FIELD_SPLIT.split(line)]
    labels = [_split_label(p) for p in parts]
    if not any(label is not None and not _is_link_only(part)
               for part, label in zip(parts[1:], labels[1:], strict=True)):
        return None
    return list(zip(parts, labels, strict=True))


def _norm(label: str) -> str:
    return " ".join(label.lower().split())


def _is_link_only(line: str) -> bool:
    if "](" not in line:
        return False
    rest = _LINK.sub("", line)
    return not rest.replace("|", "").replace("&nbsp;", "").strip()


def _is_placeholder(text: str) -> bool:
    """Is ``text`` the generator's failure text, maybe with trailing dots or spaces?"""
    # Failure texts are short: in a longer one, what follows that length must be trailing.
    if len(text) > _PLACEHOLDER_LENGTH and text[_PLACEHOLDER_LENGTH] not in ".。 ":
        return False
    return text.rstrip(".。 ").lower() in PLACEHOLDERS


def _join(paragraphs: list[list[str]]) -> str:
    out = []
    for lines in paragraphs:
        text = lines[0] if lines else ""
        for line in lines[1:]:
            text += ("\n" if _LIST_MARKER.match(line) else " ") + line
        text = text.strip()
        if text:
            out.append(text)
    return "\n\n".join(out)


def _merge(first: Paper, other: Paper) -> Paper:
    """One card for a paper listed twice in a file: fill gaps from the later listing (the
    sections it is also listed under are collected by the caller)."""
    updates: dict = {}
    for name in ("tldr", "motivation", "method", "result", "conclusion", "abstract",
                 "main_category"):
        if getattr(first, name) is None and getattr(other, name) is not None:
            updates[name] = getattr(other, name)
    if not first.authors and other.authors:
        updates["authors"] = other.authors
    return replace(first, **updates) if updates else first


def split_authors(text: str) -> tuple[str, ...]:
    """Author names from the upstream `A,B,C` line (also `A, B`, a Python list, `;`)."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        names = [a or b for a, b in _QUOTED_NAME.findall(text)]
    else:
        sep = ";" if ";" in text and "," not in text else ","
        names = text.replace("，", ",").split(sep)
    seen: dict[str, None] = {}  # ordered set: thousands of names must stay linear
    # Blanks other than the space are not printable: with single spaces only (the usual
    # case), there is no run of blanks to collapse in a name.
    collapse = "  " in text or not text.isprintable()
    for name in names:
        clean = (" ".join(name.split()) if collapse else name).strip(" *")
        if clean:
            seen[clean] = None
    return tuple(seen)


def paper_key(url: str | None, title: str) -> tuple[str, str | None, str | None]:
    """`(key, arxiv_id, version)` for a paper link; a stable key for non-arXiv links too."""
    if url:
        found = arxiv_id(url)
        if found:
            return found[0], found[0], found[1]
        d = _DOI_URL.match(url)
        if d:
            return "doi:" + d["doi"].rstrip("/").lower(), None, None
        return "url:" + hashlib.sha1(url.encode()).hexdigest()[:12], None, None
    digest = hashlib.sha1(" ".join(title.lower().split()).encode()).hexdigest()[:12]
    return "title:" + digest, None, None


def arxiv_id(url: str) -> tuple[str, str | None] | None:
    """``(id, version)`` when ``url`` is an http(s) link to an arXiv host whose whole path is
    one paper (`/abs/2601.00001v2`, `/pdf/hep-th/9901001`), else None."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # a bad port or bracketed host
        return None
    if parts.scheme.lower() not in ("http", "https") or host not in _ARXIV_HOSTS:
        return None
    m = _ARXIV_PATH.fullmatch(parts.path)
    if m is None:
        return None
    if m["new"]:
        key = m["new"]
    else:  # `hep-th/9901001`, `math.AG/0101001`: the archive in lower case, the subject upper
        key = m["archive"].lower() + (m["subject"] or "").upper() + "/" + m["number"]
    return key, m["v"].lower() if m["v"] else None


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if title.startswith("[") and title.endswith("]") and title.count("[") == 1:
        title = title[1:-1]
    return title or "(untitled)"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _date_in(text: str) -> dt.date | None:
    name = text.rsplit("/", 1)[-1]
    for pattern in (_DATE, _COMPACT_DATE):
        for m in pattern.finditer(name):
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
    return None


def _coerce_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return _date_in(value)
    return None


def _load_yaml(block: str) -> dict:
    import yaml

    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}
