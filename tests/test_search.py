"""Archive-wide search (search.py): real builds with the real Pagefind binary. The index exists
where the search page loads it, every card is a record whose URL and anchor land on the built
card, the theme's own search index holds no card text, and every page names the search page.

Expected values come from the digest Markdown (read with regular expressions here), from the
built HTML, and from Pagefind's own files (fragments are gzip'd JSON after a `pagefind_dcd`
marker); index sizes and times are for the benchmark, not asserted.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import PLUGIN_LOGGER, fixture_text

from mkdocs_arxiv_digest.demo import day_text

DAYS = [dt.date(2026, 1, 5) + dt.timedelta(days=n) for n in range(3)]
DOCS = {"index.md": "# Home\n\nAn ordinary page.\n",
        **{f"digests/{d.isoformat()}.md": day_text(d, 12, seed=11) for d in DAYS}}
# `### [N] [Title](https://arxiv.org/abs/<id><version>)` and the author line under it.
HEADING = re.compile(r"^### \[\d+\] \[(.*)\]\(https://arxiv\.org/abs/(\S+?)(v\d+)?\)\n\*(.*)\*$",
                     re.M)
ABSTRACT = re.compile(r"^Abstract: (.*)$", re.M)


def papers(docs: dict[str, str]) -> list[dict]:
    """Every paper of the digests: day page, title, arXiv id, authors."""
    out = []
    for path, text in docs.items():
        for title, ident, _, authors in HEADING.findall(text):
            out.append({"day": path, "title": title, "id": ident,
                        "authors": [a.strip() for a in authors.split(",") if a.strip()]})
    return out


def fragments(bundle: Path) -> list[dict]:
    """Pagefind's records, one per indexed document."""
    out = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes()).decode("utf-8")
        out.append(json.loads(data[len("pagefind_dcd"):]))
    return out


def card_id(arxiv_id: str) -> str:
    """A card's id as docs/cards.md gives it: `arxiv-` and the id, `/` made `-`."""
    return "arxiv-" + re.sub(r"[^A-Za-z0-9._-]", "-", arxiv_id)


def card_targets(site, bundle_url: str) -> set[tuple[Path, str]]:
    """Every record's cards as (built file, anchor), resolved the way the search page does
    (record URLs are relative to the bundle's folder)."""
    out = set()
    for record in fragments(site.site_dir / bundle_url / "pagefind"):
        page = urljoin("/" + bundle_url, record["meta"]["url"])
        for anchor in record["anchors"]:
            if anchor["element"] == "h2":
                path, fragment = urldefrag(f"{page}#{anchor['id']}")
                file = site.site_dir / path.lstrip("/")
                out.add((file / "index.html" if path.endswith("/") else file, fragment))
    return out


@pytest.fixture(scope="module")
def material(tmp_path_factory):
    from conftest import build_site

    return build_site(tmp_path_factory.mktemp("search-material"), DOCS)


def test_bundle_is_written_where_the_search_page_loads_it(material):
    page = material.soup("arxiv/search/index.html")
    root = page.select_one("[data-axd-search-page]")
    bundle = material.site_dir / "arxiv/search" / root["data-axd-bundle"]
    assert (bundle / "pagefind.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]
    assert entry["languages"]["en"]["page_count"] > len(DAYS)  # one document per day and category
    # Pagefind's own UIs are not used by the page and not shipped.
    assert not list(bundle.glob("pagefind-*ui*")) and not list(bundle.glob("pagefind-highlight*"))
    # The form: one option per category of the digests, dates bounded by the archive.
    categories = {m for text in DOCS.values() for m in re.findall(r"^Main category: (\S+)$",
                                                                  text, re.M)}
    options = {o["value"] for o in page.select("select[name=category] option")} - {""}
    assert categories <= options
    assert page.select_one("input[name=from]")["min"] == DAYS[0].isoformat()
    assert page.select_one("input[name=to]")["max"] == DAYS[-1].isoformat()
    info = [r.getMessage() for r in material.records if r.name.startswith(PLUGIN_LOGGER)]
    expected = len({card_id(p["id"]) for p in papers(DOCS)})  # each paper once
    assert expected < sum(len(papers({p: t})) for p, t in DOCS.items())  # some are listed twice
    assert any(f"search: indexed {expected} papers" in m for m in info), info
    assert material.warnings() == []


def test_every_paper_is_a_record_that_lands_on_its_card(material):
    targets = card_targets(material, "arxiv/search/")
    # One result a paper: a paper listed on several days lands on its newest day's card.
    newest: dict[str, str] = {}
    for p in papers(DOCS):
        newest[card_id(p["id"])] = max(p["day"], newest.get(card_id(p["id"]), ""))
    expected = {(material.site_dir / material.page(day), anchor) for anchor, day in newest.items()}
    assert targets == expected
    for file, fragment in targets:
        card = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find(id=fragment)
        assert card is not None and "axd-card" in card["class"], (file, fragment)


def test_records_hold_the_card_text_and_the_filters(material):
    records = fragments(material.site_dir / "arxiv/search/pagefind")
    by_anchor = {a["id"]: (r, a) for r in records for a in r["anchors"]}
    text = DOCS["digests/2026-01-06.md"]
    first = papers({"digests/2026-01-06.md": text})[0]
    record, heading = by_anchor[card_id(first["id"])]
    assert heading["text"] == first["title"]
    assert by_anchor["by-" + card_id(first["id"])][1]["text"] == ", ".join(first["authors"])
    assert first["id"] in record["content"]
    assert record["filters"]["date"] == ["2026-01-06"]
    category = re.search(r"^Main category: (\S+)$", text.split(first["title"], 1)[1], re.M)[1]
    assert record["filters"]["category"] == [category] == [record["meta"]["category"]]
    # One category per record, so a category filter is exact.
    assert all(len(r["filters"]["category"]) == 1 for r in records)
    abstracts = ABSTRACT.findall(text)
    assert any(" ".join(a.split()[:8]) in r["content"] for a in abstracts[:1] for r in records)


def test_theme_search_index_holds_no_card_text(material):
    index = json.loads(material.html("search/search_index.json"))
    entries = index["docs"]
    text = json.dumps(entries, ensure_ascii=False)
    for paper in papers(DOCS):
        assert paper["title"] not in text
    for abstract in ABSTRACT.findall("\n".join(DOCS.values())):
        assert abstract[:60] not in text
    for day in DAYS:
        mine = [e for e in entries if e["location"].startswith(f"digests/{day.isoformat()}/")]
        assert len(mine) == 1, mine
        count = len(papers({"d": DOCS[f"digests/{day.isoformat()}.md"]}))
        assert f"{count} papers" in mine[0]["text"]
    # The site's other pages are still found.
    assert any(e["location"] == "" and e["title"] == "Home" for e in entries)


def test_every_page_names_the_search_page(material):
    for html in sorted(material.site_dir.rglob("*.html")):
        if html.name == "404.html":
            continue
        link = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(
            'head link[rel="search"][data-axd-search]')
        assert link is not None, html
        target = (html.parent / link["href"]).resolve()
        assert target / "index.html" == material.site_dir / "arxiv/search/index.html", html
        assert "{query}" in link["data-axd-label"]
    assert "arxiv-digest-search.js" in material.html("digests/2026-01-05/index.html")


@pytest.mark.parametrize("directory_urls", [True, False])
def test_record_urls_follow_the_site_urls(site_builder, directory_urls):
    site = site_builder(DOCS, {"use_directory_urls": directory_urls})
    page = site.page("arxiv/search.md")
    root = site.soup(page).select_one("[data-axd-search-page]")
    bundle = (site.site_dir / page).parent / root["data-axd-bundle"]
    assert (bundle / "pagefind.js").is_file()
    folder = bundle.parent.relative_to(site.site_dir).as_posix() + "/"
    targets = card_targets(site, folder)
    assert {f for _, f in targets} == {card_id(p["id"]) for p in papers(DOCS)}
    for file, fragment in targets:
        assert file.is_file(), file
        assert BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find(id=fragment)


def test_language_folder_of_static_i18n(site_builder):
    pytest.importorskip("mkdocs_static_i18n")
    docs = {**DOCS, "index.zh.md": "# 首页\n"}
    site = site_builder(docs, {"plugins": [
        "search",
        {"i18n": {"docs_structure": "suffix", "languages": [
            {"locale": "en", "default": True, "name": "English", "build": True},
            {"locale": "zh", "name": "中文", "build": True}]}},
        "arxiv-digest"]})
    assert (site.site_dir / "arxiv/search/pagefind/pagefind.js").is_file()
    assert (site.site_dir / "zh/arxiv/search/pagefind/pagefind.js").is_file()
    entry = json.loads((site.site_dir / "zh/arxiv/search/pagefind/pagefind-entry.json")
                       .read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]  # a Chinese build indexes in Chinese
    targets = card_targets(site, "zh/arxiv/search/")
    assert {f for _, f in targets} == {card_id(p["id"]) for p in papers(DOCS)}
    for file, fragment in targets:
        assert file.is_relative_to(site.site_dir / "zh"), file
        assert BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find(id=fragment)


def test_digest_text_stays_text(site_builder):
    # A title with markup and entities: the record's heading is the title as written.
    text = fixture_text("2026-01-05.md")
    title = re.search(r"^### \[\d+\] \[(.*)\]\(", text, re.M)[1]
    hostile = "<img src=x onerror=alert(1)> Tom's \"5 < 6\" &copy"
    site = site_builder({"digests/2026-01-05.md": text.replace(title, hostile, 1)})
    records = fragments(site.site_dir / "arxiv/search/pagefind")
    headings = [a["text"] for r in records for a in r["anchors"] if a["element"] == "h2"]
    shown = site.soup("digests/2026-01-05/index.html").select_one(".axd-card__title").get_text()
    assert shown.startswith("<img src=x") and shown in headings  # as the card shows it
    assert not any(a["element"] == "img" for r in records for a in r["anchors"])


def test_missing_binary_is_a_warning_not_a_failure(site_builder, monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    site = site_builder(DOCS)
    assert any("search: no index written" in w for w in site.plugin_warnings())
    assert (site.site_dir / "arxiv/search/index.html").is_file()
    assert not (site.site_dir / "arxiv/search/pagefind").exists()


def test_search_off(site_builder):
    site = site_builder(DOCS, {"plugins": ["search", {"arxiv-digest": {"search": False}}]})
    assert not (site.site_dir / "arxiv/search").exists()
    page = site.html("digests/2026-01-05/index.html")
    assert 'rel="search"' not in page
    assert "arxiv-digest-search" not in page  # nor its script and stylesheet
    assert not list(site.site_dir.rglob("arxiv-digest-search.*"))
    assert "arxiv-digest.js" in page  # the reading tools stay
    # The theme's index still gets one short entry per day, not the cards.
    index = site.html("search/search_index.json")
    assert all(p["title"] not in index for p in papers(DOCS))


def test_nothing_outside_site_dir(material):
    root = material.root
    outside = sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                     if p.is_file() and not p.is_relative_to(material.site_dir))
    assert outside == sorted(["mkdocs.yml", *(f"docs/{p}" for p in DOCS)])
