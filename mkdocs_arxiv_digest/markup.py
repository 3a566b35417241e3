"""The one place digest text is escaped: into HTML, into Markdown, and into every file format.

Digest text is data. :func:`rich_text` turns it into safe HTML (math typeset as MathML by
:mod:`.mathml`, typographic quotes, bold; nothing else survives as markup), :func:`md_text` into
inert Markdown for the page skeletons that Python-Markdown reads, :func:`clean` drops the
characters no output format may carry. Templates autoescape everything they are given as plain
strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markupsafe import Markup

from . import mathml
from .model import Digest

# `$$x$$` holds no single dollar: `$\sigma$$_{\rm LOS}$` is two inline formulas side by side.
_DISPLAY_MATH = re.compile(r"\$\$([^$]+?)\$\$")
# `$x$`: no space just inside the dollars; a formula that starts with a digit is not followed by
# one ($5 to $6 is money), others may be (`J0352$-$0711`, `$\approx$20 kpc`).
# The pattern starts with the literal `$` (the check for `\$` comes after it), so the regex
# engine jumps from dollar to dollar instead of trying every position: 20x faster.
INLINE_MATH = re.compile(r"\$(?<!\\\$)(?:(?=\d)([^$\n]{1,500}?)(?<=[^\s\\])\$(?!\d)"
                          r"|(?=[^\s$\d])([^$\n]{1,500}?)(?<=[^\s\\])\$)")
# Neither may run past the next opener: linear time on long fields full of openers.
_TEX_QUOTES = re.compile(r"``((?:(?!``).)+?)''", re.S)
_BOLD = re.compile(r"\*\*(?=\S)((?:(?!\*\*).)+?)(?<=\S)\*\*")
# What Python-Markdown (with the `tables` extension MkDocs always loads) lets a backslash escape.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|>])")
# What it does not, but extensions read: `~` and `^` (pymdownx.tilde and .caret), `=` (.mark).
_MD_REFERENCES = str.maketrans({"~": "&#126;", "^": "&#94;", "=": "&#61;"})
# Characters that XML 1.0 forbids (C0 controls but tab and newlines, lone surrogates, U+FFFE and
# U+FFFF): no feed, BibTeX, JSON or HTML file carries them.
_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """``text`` without the characters that no output format may carry."""
    return _FORBIDDEN.sub("", text) if _FORBIDDEN.search(text) else text


def escape(text: str) -> str:
    """Text as HTML, exactly as Jinja's autoescape (markupsafe) writes it."""
    return (clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


def _plain(text: str) -> str:
    """Escape one run of non-math text and apply the few typographic touches we allow."""
    if "``" in text:
        text = _TEX_QUOTES.sub("\u201c\\1\u201d", text)
    out = escape(text)
    if "**" in out:
        out = _BOLD.sub(r"<strong>\1</strong>", out)
    return out


def _inline(text: str, math: bool) -> str:
    if not math or "$" not in text:
        return _plain(text)
    parts: list[str] = []
    pos = 0
    for m in INLINE_MATH.finditer(text):
        parts.append(_plain(text[pos : m.start()]))
        parts.append(_formula(m, display=False))
        pos = m.end()
    parts.append(_plain(text[pos:]))
    return "".join(parts)


def _formula(match: re.Match[str], display: bool) -> str:
    """One `$...$` or `$$...$$` as MathML, or as the TeX it is when it cannot be typeset."""
    tex = match.group(match.lastindex or 0)
    return mathml.to_mathml(tex, display) or escape(match.group(0))


def _math_text(text: str, math: bool) -> str:
    if not math or "$$" not in text:
        return _inline(text, math)
    parts: list[str] = []
    pos = 0
    for m in _DISPLAY_MATH.finditer(text):
        parts.append(_inline(text[pos : m.start()], math))
        parts.append(_formula(m, display=True))
        pos = m.end()
    parts.append(_inline(text[pos:], math))
    return "".join(parts)


def rich_text(text: str | None, math: bool = False) -> Markup:
    """Digest text as safe inline HTML (line breaks become spaces)."""
    return Markup(_math_text(" ".join(text.split("\n")), math)) if text else Markup()


def rich_block(text: str | None, math: bool = False) -> Markup:
    """Digest text as ``<p>`` paragraphs (a blank line between them), lines kept by ``<br>``."""
    if not text:
        return Markup()
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return Markup("".join(f"<p>{_math_text(p, math).replace(chr(10), '<br>')}</p>"
                          for p in paragraphs))


def rich_lines(text: str | None, math: bool = False) -> Markup:
    """Digest text inside one element: paragraphs and list lines kept apart by ``<br>``."""
    if not text:
        return Markup()
    return Markup(_math_text(text, math).replace("\n\n", "\n").replace("\n", "<br>"))


def one_line(text: str | None, limit: int = 200) -> str:
    """``text`` on one line, shortened to ``limit`` characters."""
    if not text:
        return ""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


# -- Markdown ----------------------------------------------------------------------------------


def md_text(text: str) -> str:
    """Digest text as inert Markdown: no markup, no HTML (section headings, page titles)."""
    return _md_plain(clean(text).replace("\r", "\n"))  # Markdown ends a line at a lone CR too


def _md_plain(text: str) -> str:
    text = " ".join(text.split("\n")).replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text).translate(_MD_REFERENCES)


def safe_title(text: str) -> str:
    """A page title that themes may print unescaped (Material prints ``page.meta.title`` as is and
    other titles through `striptags`, which unescapes `&lt;`): `<` and `>` become look-alikes."""
    return clean(text).replace("<", "\u2039").replace(">", "\u203a")


def md_title(text: str) -> str:
    """A page title as inert Markdown that no theme can turn into a tag (see `safe_title`)."""
    return md_text(safe_title(text))


def slot(name: str) -> str:
    """A place in a page's HTML that the plugin fills later (an HTML comment survives Markdown)."""
    return f"<!--axd:{name}-->"


SLOT = re.compile(r"<!--axd:(head|s:\d+|b:\d+)-->")


def digest_skeleton(digest: Digest, heading: str | None) -> str:
    """A digest page's Markdown: its title (if ``heading``), the head's slot, and per section a
    real heading (so the table of contents lists it) and the slot of its cards."""
    lines = [f"# {md_title(heading)}", ""] if heading else []
    lines += [slot("head"), ""]
    for index, section in enumerate(digest.sections):
        if section.name:
            lines += [f"## {md_text(section.name)}", ""]
        lines += [slot(f"s:{index}"), ""]
    return "\n".join(lines)


def page_skeleton(title: str, headings: Sequence[str | None], search_exclude: bool) -> str:
    """A generated page's Markdown: title, one real heading per block that has one, and the
    blocks' slots."""
    lines = ["---", "search:", "  exclude: true", "---", ""] if search_exclude else []
    lines += [f"# {md_title(title)}", ""]
    for index, heading in enumerate(headings):
        if heading:
            lines += [f"## {md_text(heading)}", ""]
        lines += [slot(f"b:{index}"), ""]
    return "\n".join(lines)


# `<!-- arxiv-digest:latest -->` (or `... latest 5 -->`) alone on a line of a page's Markdown.
_LATEST = re.compile(r"<!-- arxiv-digest:latest(?: (\d{1,3}))? -->[ \t]*")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
LATEST_DAYS = 7  # days the marker lists when it names no number


def fill_latest(markdown: str, render: Callable[[int], str]) -> str | None:
    """``markdown`` with each latest-days marker replaced by ``render(days)``, an HTML block;
    None when there is no marker. Markers in fenced code (documentation of the marker) stay."""
    if "<!-- arxiv-digest:latest" not in markdown:
        return None
    lines = markdown.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        if (opening := _FENCE.match(line)) is not None:
            mark = opening.group(1)
            if not fence:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip(" `~"):
                fence = ""
        elif not fence and (marker := _LATEST.fullmatch(line)) is not None:
            days = int(marker.group(1) or LATEST_DAYS)
            lines[index] = f"\n<div class=\"axd-home\">\n{render(days)}\n</div>\n"
    return "\n".join(lines)
