"""Digest math as built: MathML from a whitelist, hostile TeX inert, macro bombs never expanded,
every formula of the real corpus typeset (browser checks in tests/browser/test_math.py)."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import fixture_text
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz import fuzz
from test_hostile import MATHML_ATTRIBUTES, MATHML_ELEMENTS, math_problems, time_limit

from mkdocs_arxiv_digest.markup import rich_text
from mkdocs_arxiv_digest.mathml import to_mathml

HOSTILE = (Path(__file__).parent / "hostile" / "2026-03-10-math-commands.md").read_text(
    encoding="utf-8")
DOCS = {"index.md": "# Home\n", "days/2026-03-10.md": HOSTILE,
        "days/2026-01-05.md": fixture_text("2026-01-05.md")}
BOMBS = [r"\def\a{\a\a}\a", r"\newcommand{\b}{\b\b}\b",
         r"\def\c{xxxx}\def\d{\c\c\c\c}\def\e{\d\d\d\d}\def\f{\e\e\e\e}\f"]


def _attributes(soup: BeautifulSoup) -> list[str]:
    """The values of every attribute that could style, name or link an element."""
    return [" ".join(v) if isinstance(v, list) else v for el in soup.find_all(True)
            for k, v in el.attrs.items() if k in ("id", "class", "style", "href", "src")]


def test_hostile_math_in_the_built_page(site_builder):
    soup = site_builder(DOCS).soup("days/2026-03-10/index.html")
    cards = soup.select("article.axd-card")
    assert len(cards) == 18
    assert [p for card in cards for p in math_problems(card)] == []
    # Title, TL;DR, inline and display math in the abstract: four per card, but for the bombs.
    assert len(soup.select("article.axd-card math")) == 4 * (18 - len(BOMBS))
    assert len(soup.select('article.axd-card math[display="block"]')) == 18 - len(BOMBS)
    assert not [v for v in _attributes(soup) if "evil" in v or "red" == v]
    titles = [card.h3.get_text() for card in cards]
    for bomb in BOMBS:  # shown as the TeX it is
        assert sum(f"${bomb}$" in t for t in titles) == 1
    assert not soup.select("article.axd-card img, article.axd-card [style]")


def test_math_off_leaves_tex_as_written(site_builder):
    site = site_builder(DOCS, {"plugins": ["search", {"arxiv-digest": {"math": False}}]})
    soup = site.soup("days/2026-03-10/index.html")
    assert not soup.select("math")
    assert r"$\cssId{evil-id}{y}$" in soup.select("article.axd-card")[1].h3.get_text()


def test_letters_in_styles_become_unicode_letters():
    # Chromium draws mathvariant="normal" only; other styles are Unicode's math alphabets.
    assert ">\U0001d499<" in to_mathml(r"\boldsymbol{x}")  # bold italic x
    assert ">\U0001d416<" in to_mathml(r"\mathbf{W}")  # bold W
    assert ">\u211d<" in to_mathml(r"\mathbb{R}")  # double-struck R, from Letterlike Symbols
    assert '<mi mathvariant="normal">A</mi><mi mathvariant="normal">d</mi>' in to_mathml(
        r"\mathrm{Ad}")
    assert "mathvariant" not in to_mathml(r"\boldsymbol{\alpha}")


def test_money_is_not_math():
    assert "<math" not in rich_text("from $5 to $10, or $5-$10", math=True)
    assert rich_text(r"J0352$-$0711 at $\approx$20 kpc", math=True).count("<math") == 2


_TOKENS = st.sampled_from([
    r"\style{color:red}", r"\cssId{evil}", r"\class{evil}", r"\href{javascript:alert(1)}",
    r"\href{https://evil.example/}", r"\require{html}", r"\unicode{x41}", r"\url{x}",
    r"\htmlClass{evil}", r"\htmlStyle{color:red}", r"\htmlId{evil}", r"\htmlData{a=b}",
    r"\includegraphics{x.png}", r"\color{red}", r"\textcolor{red}", r"\colorbox{red}",
    r"\fcolorbox{red}{blue}", r"\mathcolor{red}", r"\text{<script>alert(1)</script>}",
    r"\operatorname{<b>}", r"\mathbb{R}", r"\boldsymbol{x}", r"\frac", r"\sqrt", r"\left(",
    r"\right)", r"\begin{array}{c}", r"\end{array}", r"\begin{cases}", r"\end{cases}", "&",
    r"\\", "{", "}", "^", "_", "x", "2", " ", "<", ">", '"', "'", "&amp;", "&#x3c;",
    r"\def\a{\a\a}", r"\a", r"\mathrm{d}", r"\hat", r"\overbrace", r"\underset{a}",
])


@fuzz(300)
@given(st.lists(_TOKENS, max_size=16).map("".join), st.booleans())
def test_any_formula_is_layout_only(tex, display):
    with time_limit(10):
        out = to_mathml(tex, display)
    if out is None:
        return
    soup = BeautifulSoup(out, "html.parser")
    assert [el.name for el in soup.find_all(True)][0] == "math"
    for el in soup.find_all(True):
        assert el.name in MATHML_ELEMENTS, out
        assert set(el.attrs) <= MATHML_ATTRIBUTES, out
        assert not any(re.search(r"[:;()]|red|evil", str(v)) for v in el.attrs.values()), out


def test_every_corpus_formula_typesets(corpus_dir):
    from mkdocs_arxiv_digest.parse import parse_digest

    formulas = 0
    for path in sorted(corpus_dir.glob("*.md")):
        digest = parse_digest(path.read_text(encoding="utf-8", errors="replace"), path.name)
        for paper in digest.papers:
            for text in (paper.title, paper.tldr, paper.abstract):
                html = str(rich_text(text, math=True))
                formulas += html.count("<math")
                # A formula left as written would still show its dollars around TeX.
                shown = re.sub(r"<math.*?</math>", "", html)
                assert not re.search(r"\$[^\s$\d][^$]*\\[a-zA-Z]+[^$]*\$", shown), (
                    path.name, shown[:300])
    assert formulas > 1500
