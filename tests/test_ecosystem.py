"""Builds together with popular plugins (Material's blog and tags, awesome-nav, literate-nav)
and under ProperDocs, the MkDocs 1.x continuation. Every test builds a real site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import feedparser
from conftest import broken_links, build_site, fixture_text

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


def test_rss_plugin_with_its_defaults(site_builder):
    # mkdocs-rss-plugin reads every page's source file (abs_src_path): generated pages need one.
    docs = {**DIGESTS, "index.md": "# Home\n"}
    site = site_builder(docs, {"site_url": "https://example.org/",
                               "plugins": ["search", "rss", "arxiv-digest"]})
    assert site.warnings() == []
    _assert_ours(site)
    theirs = feedparser.parse(site.site_dir / "feed_rss_created.xml")
    assert theirs.bozo == 0
    links = {entry.link for entry in theirs.entries}
    assert "https://example.org/digests/2026-01-05/" in links
    assert feedparser.parse(site.site_dir / "feed.xml").bozo == 0  # ours beside theirs
    assert broken_links(site.site_dir) == []


def _i18n(languages_first: bool) -> dict:
    i18n = {"i18n": {"docs_structure": "suffix", "languages": [
        {"locale": "en", "default": True, "name": "English", "build": True},
        {"locale": "zh", "name": "中文", "build": True}]}}
    ours = "arxiv-digest"
    return {"theme": {"name": "material", "language": "en"},
            "plugins": ["search", i18n, ours] if languages_first else ["search", ours, i18n]}


def test_static_i18n_in_either_order_with_labels_per_language(site_builder):
    docs = {**DIGESTS, "index.md": "# Home\n", "index.zh.md": "# 首页\n"}
    for languages_first in (True, False):
        site = site_builder(docs, _i18n(languages_first))
        assert site.warnings() == [], languages_first
        _assert_ours(site)
        english = site.soup("digests/2026-01-05/index.html")
        chinese = site.soup("zh/digests/2026-01-05/index.html")
        assert len(chinese.select("article.axd-card")) == 4
        assert "Details" in english.select_one("article.axd-card").get_text(" ")
        assert "详情" in chinese.select_one("article.axd-card").get_text(" ")
        assert "篇论文" in chinese.select_one(".axd-head").get_text(" ")
        # Each language has its own generated pages, in its own words.
        assert "浏览" in chinese.select_one("nav.md-nav--primary").get_text(" ")
        assert (site.site_dir / "zh/arxiv/categories/index.html").exists()
        assert (site.site_dir / "zh/arxiv/index.json").exists()
        # "Copy BibTeX" fetches its language's own .bib file.
        bib = chinese.select_one(".axd-head")["data-axd-bibtex-url"]
        assert bib == "../../../zh/arxiv/bib/2026-01-05.bib"
        assert (site.site_dir / "zh/digests/2026-01-05" / bib).resolve().is_file()
        assert english.select_one(".axd-head")["data-axd-bibtex-url"] == (
            "../../arxiv/bib/2026-01-05.bib")
        assert broken_links(site.site_dir) == []


def test_minify_plugin(site_builder):
    docs = {**DIGESTS, "index.md": "# Home\n"}
    minify = {"minify": {"minify_html": True, "minify_js": True, "minify_css": True}}
    site = site_builder(docs, {"plugins": ["search", "arxiv-digest", minify]})
    assert site.warnings() == []
    _assert_ours(site)
    page = site.html("digests/2026-01-05/index.html")
    assert page.count("\n") < 20  # minified
    assert broken_links(site.site_dir) == []


def test_git_revision_date_localized_plugin(tmp_path):
    # It asks git for each page's dates; our generated pages are in no repository.
    root = tmp_path / "repo"
    docs = {**DIGESTS, "index.md": "# Home\n"}
    for name, text in docs.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "digests", "--date", "2026-01-07T10:00:00"],
                   check=True, env={**os.environ, "GIT_COMMITTER_DATE": "2026-01-07T10:00:00"})
    plugin = {"git-revision-date-localized": {"fallback_to_build_date": True, "type": "iso_date"}}
    site = build_site(root, docs, {"plugins": ["search", "arxiv-digest", plugin]})
    assert site.warnings() == []
    _assert_ours(site)
    day = site.soup("digests/2026-01-05/index.html")
    assert "2026-01-07" in day.select_one(".git-revision-date-localized-plugin").get_text()
    assert len(day.select("article.axd-card")) == 4
    assert broken_links(site.site_dir) == []
