"""Real `mkdocs build` runs in temporary folders, asserting on the produced HTML."""

from __future__ import annotations

import pytest
from conftest import fixture_text

from mkdocs_arxiv_digest.parse import PLACEHOLDERS

DOCS = {
    "index.md": "# Home\n\nA page that is *not* a digest: [day](digests/2026-01-05.md).\n",
    "digests/2026-01-05.md": fixture_text("2026-01-05.md"),
    "digests/2026-01-06.md": fixture_text("2026-01-06.md"),
}
NO_MATH = {"plugins": ["search", {"arxiv-digest": {"math": False}}]}


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_digest_pages_become_cards(site_builder, theme, directory_urls):
    site = site_builder(DOCS, {"use_directory_urls": directory_urls}, theme=theme)
    assert site.warnings() == []
    soup = site.soup(site.page("digests/2026-01-05.md"))
    cards = soup.select("article.axd-card")
    assert [c["data-arxiv-id"] for c in cards] == ["2601.00101", "2601.00102", "2601.00103",
                                                   "math/0601001"]
    assert [c["id"] for c in cards] == ["arxiv-2601.00101", "arxiv-2601.00102",
                                        "arxiv-2601.00103", "arxiv-math-0601001"]
    first = cards[0]
    assert first.select_one(".axd-card__title a")["href"] == "https://arxiv.org/abs/2601.00101"
    links = {a.get_text(): a["href"] for a in first.select(".axd-card__meta a:not(.axd-badge)")}
    assert links == {"PDF": "https://arxiv.org/pdf/2601.00101",
                     "HTML": "https://arxiv.org/html/2601.00101"}
    assert [a.get_text() for a in first.select(".axd-author")] == ["Ada Quill", "Bruno Ferreira",
                                                                   "Chen Mei"]
    assert [h.get_text() for h in first.select("h4.axd-field")] == [
        "Motivation", "Method", "Result", "Conclusion", "Abstract"]
    assert "Also listed under math.PR" in first.get_text()
    # Category sections are real headings, listed in the table of contents.
    headings = [h.get_text(strip=True).rstrip("¶") for h in soup.select("h2")]
    assert "cs.LG" in headings and "math.PR" in headings
    chips = soup.select("a.axd-chip__jump")
    assert [c.parent["data-category"] for c in chips] == ["cs.LG", "math.PR"]
    for chip in chips:
        assert soup.find(id=chip["href"][1:]) is not None


def test_placeholders_never_shown(site_builder):
    site = site_builder(DOCS)
    soup = site.soup(site.page("digests/2026-01-05.md"))
    text = soup.select_one("article#arxiv-2601\\.00102").get_text(" ").lower()
    for placeholder in PLACEHOLDERS:
        assert placeholder not in text
    assert "no ai summary for this paper" in text
    assert "an abstract that survives" in text


def test_math_and_quotes(site_builder):
    with_math = site_builder(DOCS).soup("digests/2026-01-05/index.html")  # math is on by default
    formulas = [m.get_text() for m in with_math.select("article math")]
    assert "95%" in formulas and "s(w)=|w\u00b7g|" in formulas
    assert "$" not in with_math.select_one(".axd-card__tldr").get_text()
    method = with_math.select_one(".axd-field--method").find_next_sibling("p").get_text()
    assert "\u201clantern\u201d" in method and "``" not in method
    plain = site_builder(DOCS, NO_MATH).soup("digests/2026-01-05/index.html")
    assert not plain.select("article math")
    assert "$95\\%$" in plain.select_one(".axd-card__tldr").get_text()


def test_non_digest_pages_untouched(site_builder):
    site = site_builder(DOCS)
    soup = site.soup("index.html")
    assert not soup.select(".axd-card, .axd-head")
    assert soup.select_one(".md-content em").get_text() == "not"


def test_front_matter_and_globs(site_builder):
    off = "---\narxiv_digest: false\n---\n" + fixture_text("2026-01-05.md")
    site = site_builder({"a.md": off, "b.md": fixture_text("2026-01-06.md"),
                         "c.md": fixture_text("2026-01-06.md")},
                        {"plugins": ["search", {"arxiv-digest": {"exclude": ["c.md"]}}]})
    assert not site.soup("a/index.html").select("article.axd-card")
    assert len(site.soup("b/index.html").select("article.axd-card")) == 2
    assert not site.soup("c/index.html").select("article.axd-card")
    forced = "---\narxiv_digest: true\ntitle: Picked by hand\n---\n# Nothing here\n"
    site = site_builder({"d.md": forced},
                        {"plugins": [{"arxiv-digest": {"detect": "front_matter"}}]})
    soup = site.soup("d/index.html")
    assert soup.select_one(".axd-empty") is not None
    assert soup.title.get_text().startswith("Picked by hand")


def test_cards_are_linkable_and_validated(site_builder):
    docs = dict(DOCS)
    docs["notes.md"] = ("# Notes\n\nSee [the pruning paper]"
                        "(digests/2026-01-05.md#arxiv-2601.00101).\n")
    site = site_builder(docs)
    assert site.warnings() == []
    docs["notes.md"] = "# Notes\n\nSee [missing](digests/2026-01-05.md#arxiv-9999.99999).\n"
    site = site_builder(docs)
    assert any("arxiv-9999.99999" in w for w in site.warnings())
