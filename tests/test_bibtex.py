"""BibTeX entries built from digest metadata: keys, dates, escaping."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from mkdocs_arxiv_digest.bibtex import bibtex_entry, bibtex_key, escape_text
from mkdocs_arxiv_digest.model import Paper


def paper(**kwargs) -> Paper:
    values = {"key": "2601.15380", "title": "A Title", "url": "https://arxiv.org/abs/2601.15380",
              "line": 1, "arxiv_id": "2601.15380"}
    values.update(kwargs)
    return Paper(**values)


def fields(entry: str) -> dict[str, str]:
    return dict(re.findall(r"^  (\w+) = (.*?),?$", entry, re.M))


def brace_depths(text: str) -> list[int]:
    """Depth after each character, counting braces the way BibTeX does (backslash or not)."""
    depth, depths = 0, []
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        depths.append(depth)
    return depths


def test_arxiv_entry():
    entry = bibtex_entry(paper(title="Sparse Lanterns", authors=("Ada Quill", "Bruno Ferreira"),
                               main_category="cs.LG", version="v2"))
    assert entry == (
        "@misc{arxiv2601.15380,\n"
        "  title = {Sparse Lanterns},\n"
        "  author = {Ada Quill and Bruno Ferreira},\n"
        "  year = {2026},\n"
        "  month = jan,\n"
        "  eprint = {2601.15380},\n"
        "  archivePrefix = {arXiv},\n"
        "  primaryClass = {cs.LG},\n"
        "  url = {https://arxiv.org/abs/2601.15380}\n"
        "}"
    )


def test_date_comes_from_the_id_so_every_day_gives_the_same_entry():
    p = paper(key="0704.0001", arxiv_id="0704.0001")
    assert bibtex_entry(p, dt.date(2026, 3, 9)) == bibtex_entry(p)
    assert fields(bibtex_entry(p))["year"] == "{2007}"
    assert fields(bibtex_entry(p))["month"] == "apr"


def test_old_style_identifier():
    p = paper(key="hep-th/9901001", arxiv_id="hep-th/9901001", section="hep-th")
    entry = bibtex_entry(p)
    assert bibtex_key(p) == "arxivhep-th-9901001"
    assert entry.startswith("@misc{arxivhep-th-9901001,\n")
    f = fields(entry)
    assert (f["year"], f["month"], f["eprint"]) == ("{1999}", "jan", "{hep-th/9901001}")
    assert f["primaryClass"] == "{hep-th}"
    assert fields(bibtex_entry(paper(key="math/0601001", arxiv_id="math/0601001")))["year"] == (
        "{2006}")


def test_paper_without_arxiv_id_uses_the_digest_date():
    p = paper(key="doi:10.5555/lantern.2026.7", arxiv_id=None,
              url="https://doi.org/10.5555/lantern.2026.7", main_category="cs.CL")
    entry = bibtex_entry(p, dt.date(2026, 1, 6))
    assert entry.startswith("@misc{doi-10.5555-lantern.2026.7,\n")
    f = fields(entry)
    assert (f["year"], f["month"]) == ("{2026}", "jan")
    assert f["doi"] == "{10.5555/lantern.2026.7}"
    assert f["url"] == "{https://doi.org/10.5555/lantern.2026.7}"
    assert "eprint" not in f and "archivePrefix" not in f and "primaryClass" not in f
    assert "year" not in fields(bibtex_entry(p))


def test_latex_specials_are_escaped():
    assert escape_text("50% of R&D #1 a_b ~x^y") == (
        r"50\% of R\&D \#1 a\_b \textasciitilde{}x\textasciicircum{}y")
    assert escape_text(r"C:\path") == r"C:\textbackslash{}path"
    # A lone brace must not unbalance the field.
    assert escape_text("set {x") == r"set \textbraceleft{}x"
    assert escape_text("**Bold** claim") == "Bold claim"
    assert escape_text("costs $5 and $6") == r"costs \$5 and \$6"


def test_plain_text_only_has_its_spacing_evened():
    # Most titles and names: nothing to escape, so the text comes back as it is.
    assert escape_text("  Plain  words:\n(parens), 'quotes' and Zoë ") == (
        "Plain words: (parens), 'quotes' and Zoë")
    assert escape_text("**Bold**  at 50%") == r"Bold at 50\%"


def test_math_is_kept_when_balanced():
    assert escape_text("Rates of $O(n^{1/2})$ for $95\\%$") == r"Rates of $O(n^{1/2})$ for $95\%$"
    assert escape_text("Bound $x^{2$ broken") == (
        r"Bound \$x\textasciicircum{}\textbraceleft{}2\$ broken")
    assert escape_text("$50%$ off") == r"$50\%$ off"
    # The cards' rule: math may touch a digit unless it starts with one; money is text.
    assert escape_text("J0352$-$0711 at $\\approx$20 kpc") == r"J0352$-$0711 at $\approx$20 kpc"
    assert escape_text("$5 to $6") == r"\$5 to \$6"


def test_author_names():
    entry = bibtex_entry(paper(authors=("Ana O'Neil", "Research and Development Team", "Li_Wei")))
    assert fields(entry)["author"] == (
        "{Ana O'Neil and {Research and Development Team} and Li\\_Wei}")
    assert "author" not in fields(bibtex_entry(paper(authors=())))


def test_unicode_and_whitespace():
    title = "多语言摘要的测试论文\n  second   line"
    entry = bibtex_entry(paper(title=title, authors=("Zoë Ångström",)))
    f = fields(entry)
    assert f["title"] == "{多语言摘要的测试论文 second line}"
    assert f["author"] == "{Zoë Ångström}"


@given(st.text(), st.lists(st.text(), max_size=4))
def test_every_field_stays_balanced(title, authors):
    entry = bibtex_entry(paper(title=title or "x", authors=tuple(a for a in authors if a.strip())))
    depths = brace_depths(entry)[len("@misc") :]
    assert depths[-1] == 0
    # The entry's own brace stays open to the very end: no field closes it early.
    assert min(depths[:-1]) >= 1
    for line in entry.splitlines()[1:-1]:
        assert re.match(r"^  \w+ = ", line)
        value = line.split(" = ", 1)[1].rstrip(",")
        if value.startswith("{"):
            inner = brace_depths(value)
            assert inner[-1] == 0 and min(inner[:-1]) >= 1
