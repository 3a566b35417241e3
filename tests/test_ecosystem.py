"""Builds together with popular plugins (Material's blog and tags, awesome-nav, literate-nav)
and under ProperDocs, the MkDocs 1.x continuation. Every test builds a real site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import feedparser
from conftest import broken_links, fixture_text

ROOT = Path(__file__).resolve().parent.parent
DIGESTS = {
    "digests/2026-01-05.md": fixture_text("2026-01-05.md"),
    "digests/2026-01-06.md": fixture_text("2026-01-06.md"),
}
# literate-nav prints a banner about MkDocs 2 on import unless told not to.
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


def _nav_text(site, page: str = "index.html") -> str:
    return site.soup(page).select_one("nav.md-nav--primary").get_text(" ", strip=True)


def _assert_ours(site) -> None:
    for day, cards in (("2026-01-05", 4), ("2026-01-06", None)):
        found = site.soup(f"digests/{day}/index.html").select("article.axd-card")
        assert found and (cards is None or len(found) == cards)
    for page in ("arxiv/categories/index.html", "arxiv/authors/index.html",
                 "arxiv/archive/index.html", "arxiv/statistics/index.html"):
        assert (site.site_dir / page).exists(), page


def test_material_blog_and_tags(site_builder):
    docs = {
        **DIGESTS,
        "index.md": "---\ntags: [home]\n---\n# Home\n",
        "tags.md": "# Tags\n\n<!-- material/tags -->\n",
        "blog/index.md": "# Blog\n",
        "blog/posts/hello.md": (
            "---\ndate: 2026-01-07\ncategories: [News]\ntags: [news]\n---\n# Hello\n\n"
            "About [the digest of 5 January](../../digests/2026-01-05.md#arxiv-2601.00101).\n"
        ),
    }
    site = site_builder(docs, {"site_url": "https://example.org/",
                               "plugins": ["search", "tags", "blog", "arxiv-digest"]})
    assert site.warnings() == []
    assert broken_links(site.site_dir) == []
    _assert_ours(site)
    post = site.soup("blog/2026/01/07/hello/index.html")
    assert post.select_one("article a[href*='2026-01-05/#arxiv-2601.00101']") is not None
    assert "Hello" in site.soup("blog/index.html").select_one("article").get_text()
    tags = site.soup("tags/index.html").select_one("article").get_text(" ")
    assert "home" in tags and "news" in tags
    nav = _nav_text(site)
    for label in ("Blog", "Digests", "Browse", "Statistics"):
        assert label in nav
    assert feedparser.parse(site.site_dir / "feed.xml").bozo == 0


def test_awesome_nav(site_builder):
    nav = ("nav:\n  - index.md\n  - Digests:\n    - 'digests/*.md'\n"
           "  - Statistics: arxiv/statistics.md\n")
    docs = {**DIGESTS, "index.md": "# Home\n", ".nav.yml": nav}
    # `nav: off`: awesome-nav owns the navigation (docs/configuration.md#nav).
    site = site_builder(docs, {"plugins": ["search", "awesome-nav",
                                           {"arxiv-digest": {"nav": "off"}}]})
    assert site.warnings() == []
    _assert_ours(site)
    text = _nav_text(site)
    assert "2026-01-05" in text and "2026-01-06" in text and "Statistics" in text
    assert "Browse" not in text  # ours stayed out of the way
    assert broken_links(site.site_dir) == []


def test_literate_nav(site_builder):
    summary = ("* [Home](index.md)\n* Digests\n    * digests/*.md\n"
               "* [Categories](arxiv/categories.md)\n* [Statistics](arxiv/statistics.md)\n")
    docs = {**DIGESTS, "index.md": "# Home\n", "SUMMARY.md": summary}
    site = site_builder(docs, {"plugins": ["search", "literate-nav",
                                           {"arxiv-digest": {"nav": "off"}}]})
    assert site.warnings() == []
    _assert_ours(site)
    text = _nav_text(site)
    for label in ("2026-01-05", "2026-01-06", "Categories", "Statistics"):
        assert label in text
    assert broken_links(site.site_dir) == []


def _properdocs(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    # A subprocess: ProperDocs redirects `mkdocs.*` imports to itself for the whole process.
    return subprocess.run([sys.executable, "-m", "properdocs", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_properdocs_builds_this_projects_docs(tmp_path):
    out = tmp_path / "site"
    result = _properdocs("build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out))
    assert result.returncode == 0, result.stderr
    page = (out / "demo/2026-01-18/index.html").read_text(encoding="utf-8")
    assert "axd-card" in page and "ProperDocs" in page  # the generator meta tag names it
    assert (out / "arxiv/statistics/index.html").exists()
    assert (out / "arxiv/index.json").exists()


def test_properdocs_with_its_mkdocs_theme_and_feeds(tmp_path):
    docs = tmp_path / "docs"
    for name, text in {**DIGESTS, "index.md": "# Home\n"}.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "properdocs.yml").write_text(
        "site_name: ProperDocs site\nsite_url: https://example.org/pd/\n"
        "theme: {name: mkdocs}\nplugins: [search, arxiv-digest]\n"
        "validation: {omitted_files: warn, unrecognized_links: warn, anchors: warn}\n",
        encoding="utf-8")
    result = _properdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert len((site / "digests/2026-01-05/index.html").read_text("utf-8")
               .split('class="axd-card"')) == 5
    feed = feedparser.parse(site / "feed.xml")
    assert feed.bozo == 0 and [e.title for e in feed.entries] == ["2026-01-06", "2026-01-05"]
    assert feed.entries[0].link == "https://example.org/pd/digests/2026-01-06/"
    assert (site / "arxiv/statistics/index.html").exists()
    assert broken_links(site) == []
