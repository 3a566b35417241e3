"""The watchlist feed: RSS and Atom of the papers that `watchlist:` in mkdocs.yml matches."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import feedparser
import pytest
from conftest import build_site, fixture_text

from mkdocs_arxiv_digest.demo import generate_archive
from mkdocs_arxiv_digest.parse import parse_digest

SITE_URL = "https://example.org/papers/"
FEEDS = {"watchlist.xml": "rss20", "watchlist.atom.xml": "atom10"}


def _config(watchlist: dict, **options) -> dict:
    return {"site_url": SITE_URL, "plugins": [
        "search", {"arxiv-digest": {"watchlist": watchlist, "feed_limit": 1000, **options}}]}


def _feeds(site) -> dict[str, feedparser.FeedParserDict]:
    parsed = {}
    for name, version in FEEDS.items():
        feed = feedparser.parse(site.site_dir / name)
        assert feed.bozo == 0, (name, feed.get("bozo_exception"))
        assert feed.version == version
        parsed[name] = feed
    return parsed


def _card_file(site, link: str) -> tuple[Path, str]:
    path, anchor = link.removeprefix(SITE_URL).split("#")
    return site.site_dir / path / "index.html", anchor


def test_fixture_rules_words_scripts_accents_and_repeats(tmp_path):
    first = (fixture_text("2026-01-05.md")
             .replace("by Lighting Paths", "by Lighting GANs")  # paper 1, listed twice that day
             .replace("Failed Summaries Are Still Papers", "Failed Summaries Are Still Organised"))
    docs = {"digests/2026-01-05.md": first, "digests/2026-01-06.md": fixture_text("2026-01-06.md")}
    # "GAN" starts a word ("GANs", not "Organised"); a Chinese keyword matches inside a word;
    # names match whatever their accents, case and spacing.
    watchlist = {"keywords": ["GAN", "摘要"], "authors": ["eve novák", "FARAH  okafor"]}
    site = build_site(tmp_path, docs, _config(watchlist))
    assert site.warnings() == []
    expected = [f"{SITE_URL}digests/2026-01-06/#arxiv-2601.00201",
                f"{SITE_URL}digests/2026-01-05/#arxiv-2601.00101",
                f"{SITE_URL}digests/2026-01-05/#arxiv-2601.00103",
                f"{SITE_URL}digests/2026-01-05/#arxiv-math-0601001"]
    for feed in _feeds(site).values():
        assert [entry.link for entry in feed.entries] == expected
        why = [re.search(r"On the watchlist for: ([^<]*)", entry.get("description")
                         or entry.content[0].value).group(1) for entry in feed.entries]
        assert why == ["Farah Okafor", "GAN", "摘要", "Eve Novak"]
        assert feed.feed.title == "Test site: watchlist"
    for link in expected:
        page, anchor = _card_file(site, link)
        assert f'id="{anchor}"' in page.read_text(encoding="utf-8")


def _fold(name: str) -> str:
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(name.lower().split())


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen")
    docs = {f"digests/{p.name}": p.read_text(encoding="utf-8")
            for p in generate_archive(out, 10, 12, seed=11)}
    digests = {name: parse_digest(text, name) for name, text in docs.items()}
    return docs, digests


def test_generated_archive_exactly_the_matching_papers(tmp_path, generated):
    docs, digests = generated
    some = next(iter(digests.values())).papers[3].authors[0]
    watchlist = {"keywords": ["diffusion"], "authors": [some.upper()]}
    site = build_site(tmp_path, docs, _config(watchlist))
    assert site.warnings() == []
    word = re.compile(r"(?<![^\W_])diffusion", re.I)
    expected: dict[str, dt.date] = {}  # card URL of each matching paper's first day -> its day
    seen: set[str] = set()
    for name in sorted(digests):
        for paper in digests[name].papers:
            text = " ".join(filter(None, (paper.title, paper.tldr, paper.abstract, paper.motivation,
                                          paper.method, paper.result, paper.conclusion)))
            matches = word.search(text) or _fold(some) in map(_fold, paper.authors)
            if matches and paper.key not in seen:
                expected[f"{SITE_URL}{name[:-3]}/#{paper.anchor}"] = digests[name].date
            seen.add(paper.key)
    assert 5 <= len(expected) < sum(len(d.papers) for d in digests.values())
    feeds = _feeds(site)
    for feed in feeds.values():
        links = [entry.link for entry in feed.entries]
        assert sorted(links) == sorted(expected)  # each matching paper once, no other
        dates = [dt.date(*(e.get("published_parsed") or e.updated_parsed)[:3])
                 for e in feed.entries]
        assert dates == [expected[link] for link in links]
        assert dates == sorted(dates, reverse=True)  # newest day first
    # Every page announces it in its head, beside the site feed.
    for page in ("index.html", "digests/2026-01-05/index.html", "arxiv/archive/index.html"):
        head = site.soup(page).head
        hrefs = {link["href"]: link["type"] for link in head.find_all("link", rel="alternate")}
        assert hrefs[f"{SITE_URL}watchlist.xml"] == "application/rss+xml"
        assert hrefs[f"{SITE_URL}watchlist.atom.xml"] == "application/atom+xml"


def test_no_watchlist_no_feed(tmp_path, generated):
    docs, _ = generated
    site = build_site(tmp_path, docs, _config({}))
    assert (site.site_dir / "feed.xml").exists()
    assert not (site.site_dir / "watchlist.xml").exists()
    assert "watchlist" not in site.html("index.html")


def test_hostile_text_and_terms_stay_well_formed(tmp_path):
    text = fixture_text("2026-01-05.md").replace(
        "Sparse Lanterns", "Sparse \x01Lan\x0bterns <script>alert(1)</script> & ]]>")
    watchlist = {"keywords": ["<script>", "Lan\x0bterns", "a.*"], "authors": ["Ada Quill"]}
    site = build_site(tmp_path, {"digests/2026-01-05.md": text}, _config(watchlist))
    feeds = _feeds(site)
    assert [e.link for e in feeds["watchlist.xml"].entries] == [
        f"{SITE_URL}digests/2026-01-05/#arxiv-2601.00101"]  # `a.*` is text, not a pattern
    for name in FEEDS:
        raw = (site.site_dir / name).read_text(encoding="utf-8")
        assert "<script>" not in raw and "\x01" not in raw and "\x0b" not in raw
