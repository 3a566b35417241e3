"""The Python twins of the per-paper templates write exactly what the templates write.

Cards, category rows and author rows are rendered by Python functions (speed); the Jinja
templates stay the reference that users copy and override. Every paper of every fixture, hostile
file and demo day (and of the corpus, when ARXIV_DIGEST_CORPUS is set) goes through both.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import CORPUS_ENV

from mkdocs_arxiv_digest.index import Archive
from mkdocs_arxiv_digest.labels import labels_for
from mkdocs_arxiv_digest.pages import PageOptions, SiteMap, Target, generated_pages
from mkdocs_arxiv_digest.parse import decode_digest, is_digest, parse_digest
from mkdocs_arxiv_digest.render import CardLinks, Renderer
from mkdocs_arxiv_digest.taxonomy import category_names

HERE = Path(__file__).parent
SOURCES = [HERE / "fixtures", HERE / "hostile", HERE.parent / "demo"]


def _digests() -> dict:
    folders = list(SOURCES)
    if os.environ.get(CORPUS_ENV):
        folders.append(Path(os.environ[CORPUS_ENV]))
    digests = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.md")):
            text, _ = decode_digest(path.read_bytes(), path.name)
            if is_digest(text):
                digests[f"{folder.name}/{path.relative_to(folder).as_posix()}"] = parse_digest(
                    text, path.name)
    return digests


DIGESTS = _digests()
PAPERS = [p for d in DIGESTS.values() for p in d.papers]


def _links(index: int, paper) -> CardLinks:
    """Every shape of links a card can get, varied by paper, with characters to escape."""
    if index % 4 == 0:
        return CardLinks()
    authors = {name: f"../authors/x/#author-{i}&q=\"'<" for i, name in enumerate(paper.authors)
               if (i + index) % 3}
    also = tuple((f"2026-01-0{i}", f"../../d/{i}/#{paper.anchor}", "v2" if i % 2 else None)
                 for i in range(index % 3))
    return CardLinks(category=f"../cat/{index}/?a=1&b=<2>" if index % 2 else None,
                     authors=authors, also_on=also)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("math", [False, True])
def test_card_twin_matches_template(math, language):
    renderer = Renderer(math=math, category_names=category_names(),
                        labels=labels_for(language))
    assert "arxiv_digest/card.html" in renderer._twins
    assert len(PAPERS) > 150
    for index, paper in enumerate(PAPERS):
        links = _links(index, paper)
        assert renderer.card(paper, links) == renderer.card_from_template(paper, links), paper.line


# Elements that end an open <p> when a browser parses the page (the HTML "phrasing content" rule).
# BeautifulSoup's html.parser keeps them inside, as written, so the test can see them there.
BLOCKS = ["address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
          "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "menu",
          "nav", "ol", "p", "pre", "section", "table", "ul"]


def test_card_paragraphs_hold_no_blocks():
    """A block inside a <p> would fall out of it in the browser: out of its styles, and out of
    the region the reading filter searches (authors past the twelfth once did)."""
    renderer = Renderer(math=True, category_names=category_names(), labels=labels_for("en"))
    assert sum(len(paper.authors) > 12 for paper in PAPERS) >= 1
    for index, paper in enumerate(PAPERS):
        soup = BeautifulSoup(renderer.card(paper, _links(index, paper)), "html.parser")
        for paragraph in soup.find_all("p"):
            assert paragraph.find(BLOCKS) is None, (paper.line, str(paragraph)[:200])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_listing_twins_match_templates(language):
    labels = labels_for(language)
    archive = Archive.from_digests(DIGESTS)
    options = PageOptions(page_size=40, authors_per_page=200, category_names=category_names(),
                          labels=labels)
    renderer = Renderer(math=True, category_names=category_names(), labels=labels)

    def href(target: Target) -> str:
        return f"../{target.path}?q=<&>#{target.anchor}"

    checked, repeated = 0, 0
    for spec in generated_pages(SiteMap(archive, options)):
        for block in spec.blocks:
            name = f"arxiv_digest/{block.template}"
            if name not in renderer._twins:
                continue
            template = renderer.env.get_template(name)
            html = renderer.block(block, href)
            assert html == template.render(**block.context, href=href)
            for paragraph in BeautifulSoup(html, "html.parser").find_all("p"):
                assert paragraph.find(BLOCKS) is None, str(paragraph)[:200]
            checked += 1
            repeated += html.count('class="axd-row__also"')
    assert checked > 50
    assert repeated > 5  # author rows of papers listed on several days


def test_override_switches_the_twin_off(tmp_path):
    (tmp_path / "arxiv_digest").mkdir()
    (tmp_path / "arxiv_digest" / "card.html").write_text("<article>{{ paper.key }}</article>")
    renderer = Renderer(override_dirs=[tmp_path])
    assert "arxiv_digest/card.html" not in renderer._twins
    assert "arxiv_digest/authors.html" in renderer._twins
    assert renderer.card(PAPERS[0]) == f"<article>{PAPERS[0].key}</article>"
