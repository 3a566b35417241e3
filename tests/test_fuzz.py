"""Property tests: the parser never raises and never loses a paper heading; cards stay inert.

"Not lost" is exact: the line of every paper heading (counted by :func:`heading_lines`, written
here from the documented shapes) is the line of a card or of a duplicate merged into a card.

The default run is small and quick. A longer campaign runs the same tests with more examples:
``ARXIV_DIGEST_FUZZ_EXAMPLES=200000 pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import unicodedata
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, card_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile import math_problems

from mkdocs_arxiv_digest.demo import day_text
from mkdocs_arxiv_digest.diagnostics import DEFAULT_LEVELS
from mkdocs_arxiv_digest.markup import md_text
from mkdocs_arxiv_digest.parse import parse_digest

EXAMPLES = int(os.environ.get("ARXIV_DIGEST_FUZZ_EXAMPLES", "0"))
HOSTILE = Path(__file__).parent / "hostile"


def fuzz(default: int):
    """Hypothesis settings: ``default`` examples, or the campaign size from the environment."""
    return settings(max_examples=EXAMPLES or default, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- the independent count ---------------------------------------------------------------------
# Shapes of a paper heading, on a line with its outer whitespace removed:
#   `#`x1-6, spaces/tabs, maybe an empty `<a ...></a>`, maybe `[N] ` (N of 1-6 digits), then
#   `[Title](http(s)://url)` (url without spaces, `)` or `]`; or `(<url>)` without `<`, `>`;
#   the scheme in any case), and anything after it;
#   unnumbered ones count at levels 1-4 only (deeper ones are sub-headings in an entry);
#   `#`x1-6, spaces/tabs, `[N] `, then any title: a numbered heading without a usable link;
#   `[N] Title` as a plain line, when the next line starts with `Authors:` (maybe bold).
# Invisible format characters (Unicode category Cf: a BOM, a zero-width space) and blanks at a
# line start are not there. Front matter (`---` on line 1 up to the next `---` or `...` within
# 500 lines) is not content.
_START = re.compile(r"(#{1,6})[ \t]+(?:<a\s[^>]*>\s*</a>[ \t]*)?")
_NUMBER = re.compile(r"\[(\d{1,6})\][ \t]+")
_LINKED = re.compile(r"\[.*\]\((?:<(?i:https?)://[^<>\n]*>|(?i:https?)://[^)\s\]]*)\)")
_AUTHORS = re.compile(r"(?:\*\*)?authors(?:\*\*)?\s*:", re.I)


def heading_lines(text: str) -> list[int]:
    """1-based line numbers of every paper heading in ``text``."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = 0
    if lines[0].strip() == "---":
        for index in range(1, min(len(lines), 500)):
            if lines[index].strip() in ("---", "..."):
                first = index + 1
                break
    found = []
    for index in range(first, len(lines)):
        line = "".join(itertools.dropwhile(
            lambda ch: ch.isspace() or unicodedata.category(ch) == "Cf", lines[index])).rstrip()
        start = _START.match(line)
        if start:
            rest = line[start.end():]
            number = _NUMBER.match(rest)
            linked = _LINKED.match(rest[number.end():] if number else rest)
            if (linked and (number or len(start[1]) <= 4)) or (
                    number and rest[number.end():].strip()):
                found.append(index + 1)
        elif line.startswith("[") and (m := _NUMBER.match(line)) and line[m.end():].strip() \
                and index + 1 < len(lines) and _AUTHORS.match(lines[index + 1].strip()):
            found.append(index + 1)
    return found


def accounted_lines(text: str) -> list[int]:
    """Lines of the headings the parser made into cards, or merged into one."""
    digest = parse_digest(text, "fuzz.md")
    merged = [d.line for d in digest.diagnostics if d.kind == "duplicate"]
    assert digest.headings_seen == len(digest.papers) + len(merged)
    assert not [d for d in digest.diagnostics if d.kind == "internal"], digest.diagnostics
    assert {d.kind for d in digest.diagnostics} <= set(DEFAULT_LEVELS)
    return sorted([p.line for p in digest.papers] + merged)


def test_counter_on_known_files():
    for path in [*FIXTURES.glob("*.md"), *HOSTILE.glob("*.md")]:
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert heading_lines(text) == accounted_lines(text), path.name
    assert heading_lines("##### [x](https://a.b)\n### [1] Plain\n[2] P\nAuthors: A\n") == [2, 3]


# -- any text at all -----------------------------------------------------------------------------


@fuzz(300)
@given(st.text())
def test_any_text_never_raises_and_accounts_for_headings(text):
    assert accounted_lines(text) == heading_lines(text)


# -- text made of digest-like lines ------------------------------------------------------------

_TITLE_CHARS = st.sampled_from(list("ab Z09 []()*_$<>&#\\`'\"|:;!{}%~\t") +
                               ["](", "](http://x)", "<!--axd:head-->", "é", "中", "\u200b"])
_TITLE = st.lists(_TITLE_CHARS, max_size=12).map("".join)
_URL = st.sampled_from([
    "https://arxiv.org/abs/2601.00001", "https://arxiv.org/abs/2601.00001v2",
    "http://arxiv.org/pdf/hep-th/9901001", "https://arxiv.org/abs/2601.00002",
    "https://doi.org/10.1/x", "https://example.org/a)b", "https://x.org/a b",
    "javascript:alert(1)", "data:text/html,x", "ftp://x", "../x.md", "#a", "",
])


@st.composite
def paper_heading(draw) -> str:
    number = draw(st.one_of(st.none(), st.integers(0, 9_999_999)))
    url = draw(_URL)
    numbered = number is not None and number <= 999_999
    # Unnumbered link headings below level 4 are sub-headings inside an entry, but papers when
    # no entry is open: their meaning depends on what came before, so the grammar leaves them out.
    level = draw(st.integers(1, 6) if numbered else st.integers(1, 4))
    space = draw(st.sampled_from([" ", "\t", "  "]))
    anchor = draw(st.sampled_from(["", "", '<a id="x"></a>', "<a name='y'></a> "]))
    label = f"[{number}]{space}" if number is not None else ""
    title = draw(_TITLE)
    rest = draw(st.sampled_from(["", "", " extra", " [PDF](https://arxiv.org/pdf/1)"]))
    return f"{'#' * level}{space}{anchor}{label}[{title}]({url}){rest}"


_LINE = st.one_of(
    paper_heading(),
    st.builds(lambda n, t: f"### [{n}] {t}", st.integers(0, 99), _TITLE),
    st.builds(lambda n, t: f"[{n}] {t}", st.integers(0, 99), _TITLE),
    st.sampled_from([
        "", "", "", "Authors: A, B", "**Authors:** C", "*Ann,Bob*", "**", "Main category: cs.LG",
        "TL;DR: short", "**TL;DR:** bold", "> **TL;DR:** quoted", "TLDR: x",
        "Motivation: m", "Method: m", "Result: r", "Conclusion: c", "Abstract: a",
        "<details>", "</details>", "  <summary>Details</summary>",
        "<details><summary>Abstract</summary>",
        "<div id=toc></div>", "# Table of Contents", "- [cs.LG](#cs.LG) [Total: 3]",
        "<div id='cs.LG'></div>", "# cs.LG [[Back]](#toc)", "## cs.CV", "# arXiv 2026-01-05",
        "---", "...", "***", "Summary generation failed", "{tldr}", "Keywords: a | b",
        "**Main category:** cs.AI | **TL;DR:** joined", "#### Motivation", "####### seven",
        "<script>alert(1)</script>", "<!--axd:s:0-->", "```", "    indented code",
        "### [Sub](https://example.org)", "###### [6] Deep and numbered",
    ]),
    st.text(max_size=30),
)


@st.composite
def digest_text(draw) -> str:
    lines = draw(st.lists(_LINE, max_size=40))
    if draw(st.booleans()) and lines:
        lines = ["---", "title: x", *draw(st.lists(_LINE, max_size=3)), "---", *lines]
    ending = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if ending == "mixed":
        ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines),
                             max_size=len(lines)))
        text = "".join(line + end for line, end in zip(lines, ends, strict=True))
    else:
        text = ending.join(lines)
    return ("\ufeff" if draw(st.booleans()) else "") + text


@fuzz(400)
@given(digest_text())
def test_digest_like_text_keeps_every_heading(text):
    assert accounted_lines(text) == heading_lines(text)


# -- mutations of real-shaped digests -------------------------------------------------------

_DAYS = [day_text(dt.date(2026, 1, 5) + dt.timedelta(days=n), 30) for n in range(3)]
_BASES = _DAYS + [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.md"))]
_BLOCK = re.compile(r"^### \[", re.M)
_SNIPPETS = st.sampled_from([
    "<script>alert(1)</script>", "</details>", "<details>", "</article>", "<!--axd:head-->",
    "<!--axd:s:0-->", "{{ 7*7 }}", "{% raw %}", "# Injected heading", "## Injected",
    "<div id='x'></div>", "---", "TL;DR: injected", "*Injected,Authors*", "[9] Plain",
    "Authors: X", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "\ufeff", "\x00",
])


def _blocks(text: str) -> tuple[str, list[str]]:
    starts = [m.start() for m in _BLOCK.finditer(text)]
    if not starts:
        return text, []
    ends = starts[1:] + [len(text)]
    # Whole lines: a block cut short must not glue its last line to the next block's heading.
    blocks = [text[a:b] for a, b in zip(starts, ends, strict=True)]
    return text[: starts[0]], [b if b.endswith("\n") else b + "\n" for b in blocks]


@st.composite
def mutated_digest(draw) -> str:
    text = draw(st.sampled_from(_BASES))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "duplicate", "swap", "inject", "inject"]))
        head, blocks = _blocks(text)
        if kind == "cut":
            text = text[: draw(st.integers(0, len(text)))]
        elif kind == "duplicate" and blocks:
            block = draw(st.sampled_from(blocks))
            blocks.insert(draw(st.integers(0, len(blocks))), block)
            text = head + "".join(blocks)
        elif kind == "swap" and len(blocks) > 1:
            i, j = draw(st.integers(0, len(blocks) - 1)), draw(st.integers(0, len(blocks) - 1))
            blocks[i], blocks[j] = blocks[j], blocks[i]
            text = head + "".join(blocks)
        elif kind == "inject":
            lines = text.split("\n")
            where = draw(st.integers(0, len(lines)))
            extra = draw(st.one_of(_SNIPPETS, st.text(max_size=40), _LINE))
            text = "\n".join(lines[:where] + [extra] + lines[where:])
    return text


@fuzz(150)
@given(mutated_digest())
def test_mutated_digests_keep_every_paper(text):
    assert accounted_lines(text) == heading_lines(text)


# -- output stays inert -------------------------------------------------------------------------

_NASTY = st.lists(st.one_of(_SNIPPETS, _TITLE_CHARS, st.text(max_size=8)), max_size=12).map(
    "".join)
_NEVER = ["script", "style", "iframe", "svg", "object", "embed", "img", "form",
          "input", "base", "meta", "link", "template", "body"]


@st.composite
def nasty_entry(draw) -> str:
    fields = ["TL;DR", "Motivation", "Method", "Result", "Conclusion", "Abstract", "Keywords"]
    lines = [f"### [1] [{draw(_NASTY)}](https://arxiv.org/abs/2601.00001)",
             f"*{draw(_NASTY)},{draw(_NASTY)}*", f"Main category: {draw(_NASTY)}"]
    lines += [f"{name}: {draw(_NASTY)}" for name in fields if draw(st.booleans())]
    if draw(st.booleans()):
        lines.insert(4, "<details>")
    return "\n\n".join(lines)


@fuzz(200)
@given(nasty_entry(), st.booleans())
def test_cards_are_inert(text, math):
    [paper] = parse_digest(text).papers
    html = card_html(paper, math)
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("article")) == 1 and soup.find(_NEVER) is None
    # Typeset math is MathML, and only its layout elements and attributes.
    assert (soup.find("math") is None) if not math else math_problems(soup.article) == []
    for el in soup.find_all(True):
        assert not any(name.startswith("on") for name in el.attrs), str(el)[:200]
        for name in ("href", "src"):
            assert not el.get(name, "http").lower().startswith(("javascript:", "data:"))
    assert "<!--" not in html
    title = soup.h3.get_text()
    assert "<" not in paper.title or "<" in title  # shown as text, never parsed


_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@pytest.mark.parametrize("extensions", [
    ["toc", "tables"],  # what MkDocs always loads
    ["toc", "tables", "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark"],  # `~`, `^`, `=`
])
@fuzz(200)
@given(st.text())
def test_markdown_escaping_is_inert(extensions, text):
    """`md_text` (section headings and page titles): Python-Markdown makes one heading of
    plain text out of it, whatever the text holds."""
    html = markdown.markdown("## " + md_text(text), extensions=extensions)
    soup = BeautifulSoup(html, "html.parser")
    elements = soup.find_all(True)
    assert [el.name for el in elements] in ([], ["h2"]), html
    assert "<!--" not in html
    # ... and it shows the text itself: no escaping backslash or entity left visible.
    # Control characters that no output may carry are dropped (Python-Markdown also drops STX
    # and ETX from any input: it marks its placeholders with them).
    shown = soup.h2.get_text() if elements else ""
    assert shown.split() == _FORBIDDEN.sub("", text).split(), html
