"""Hostile input, second round (issue 17): option values that name paths, categories that collide
with the plugin's own pages, invisible characters and other encodings, links whose ids only look
like arXiv's, labels that break formatting, and characters no output format may carry.

Every test builds a real site. The fixtures are ours, in ``tests/hostile/2026-03-*.md``; the
expected values below are written from what those files say, not produced by the plugin.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import PLUGIN_LOGGER, build_site, captured_logs, fixture_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

HOSTILE = Path(__file__).parent / "hostile"
SITE_URL = "https://example.org/round2/"


def _load_fails(root: Path, options: dict) -> list[str]:
    """Load a config with these plugin options; the error lines it logged (it must abort)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Bad", "plugins": [{"arxiv-digest": options}]}), encoding="utf-8")
    with captured_logs() as records, pytest.raises(Abort, match="configuration error"):
        load_config(str(root / "mkdocs.yml"))
    return [r.getMessage() for r in records if r.levelno >= logging.ERROR]


def _files_below(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


# -- 1. options that name a place in the site -------------------------------------------------

BAD_FOLDERS = ["../../escape", "..", "", ".", "/", "/abs", "a/../../b", "a\\..\\b", "a//b",
               "./arxiv", ".hidden", "C:/site", "a:b", " arxiv", "arxiv\x00", "a/ /b"]


@pytest.mark.parametrize("value", BAD_FOLDERS)
def test_pages_prefix_must_stay_in_the_site(tmp_path, value):
    errors = _load_fails(tmp_path, {"pages_prefix": value})
    assert any("option 'pages_prefix'" in e for e in errors), errors


@pytest.mark.parametrize("value", ["../../escape", "", "..", "/abs", "a\\b", "./x"])
def test_source_prefix_must_stay_in_the_site(tmp_path, value):
    errors = _load_fails(tmp_path, {"sources": [{"path": str(tmp_path / "data"),
                                                 "prefix": value}]})
    assert any("'sources'" in e and "'prefix'" in e for e in errors), errors


def test_a_nested_prefix_builds_inside_the_site(tmp_path):
    root = tmp_path / "a" / "b"
    root.mkdir(parents=True)
    site = build_site(root, {"2026-01-05.md": fixture_text("2026-01-05.md")},
                      {"site_url": SITE_URL, "plugins": [{"arxiv-digest": {
                          "pages_prefix": "papers/ml/"}}]}, theme="mkdocs")
    made = _files_below(site.site_dir)
    assert "papers/ml/categories/index.html" in made
    assert "papers/ml/index.json" in made and "papers/ml/bib/2026-01-05.bib" in made
    assert _files_below(tmp_path) - {f"a/b/site/{p}" for p in made} == {
        "a/b/mkdocs.yml", "a/b/docs/2026-01-05.md"}


@pytest.mark.parametrize("command", ["render", "export"])
def test_the_commands_prefix_must_stay_in_the_output(tmp_path, capsys, command):
    from mkdocs_arxiv_digest import cli

    digests, out = tmp_path / "in", tmp_path / "deep" / "out"
    digests.mkdir()
    (digests / "2026-01-05.md").write_text(fixture_text("2026-01-05.md"), "utf-8")
    assert cli.main([command, str(digests), str(out), "--prefix", "../../escape"]) == 2
    assert "--prefix: '../../escape' has a '..' part" in capsys.readouterr().err
    assert _files_below(tmp_path) == {"in/2026-01-05.md"}


# -- 2 and 3. one namespace for categories and the plugin's own pages -------------------------

# Category (main category or section) -> the papers listed under it, from the fixture.
COLLISIONS = {
    "cs.LG": {"2603.01001", "2603.01002", "2603.01003"},
    "index": {"2603.01011"},
    "../../index": {"2603.01012"},
    "cs.LG-2": {"2603.01013"},
    "cs.LG/2": {"2603.01014"},
    "categories": {"2603.01015"},
    "INDEX": {"2603.01016"},
    "other": {"2603.01012", "2603.01013", "2603.01014", "2603.01015", "2603.01016"},
}


def _category_pages(site_dir: Path, first: Path) -> list[Path]:
    """A category's first page and the pages its pager links to."""
    pages = [first]
    soup = BeautifulSoup(first.read_text(encoding="utf-8"), "html.parser")
    for a in soup.select(".axd-pager a[href]"):
        pages.append(_resolve(site_dir, first, a["href"]))
    return pages


def _resolve(site_dir: Path, page: Path, href: str) -> Path:
    base = "/" + page.relative_to(site_dir).as_posix()
    target = unquote(urljoin(base, href.split("#")[0])).lstrip("/")
    path = site_dir / target
    return path / "index.html" if target.endswith("/") or path.is_dir() else path


@pytest.mark.parametrize("page_size", [2, 250])
def test_every_category_has_its_own_page(site_builder, page_size):
    site = site_builder({"index.md": "# Home\n", "days/2026-03-01.md":
                         (HOSTILE / "2026-03-01-name-collisions.md").read_text("utf-8")},
                        {"plugins": [{"arxiv-digest": {"page_size": page_size}}]},
                        theme="mkdocs")
    index = site.site_dir / "arxiv" / "categories" / "index.html"
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Categories"
    links = {a.get_text(strip=True): a["href"] for a in soup.select("table.axd-table td a")}
    assert set(links) == set(COLLISIONS)  # the index is there, and lists every category
    seen_pages: set[Path] = set()
    for category, papers in COLLISIONS.items():
        first = _resolve(site.site_dir, index, links[category])
        assert first.is_file(), category
        pages = _category_pages(site.site_dir, first)
        assert not seen_pages & set(pages), category  # no page shared by two categories
        seen_pages.update(pages)
        listed = set()
        for page in pages:
            page_soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            assert page_soup.find("h1").get_text(strip=True).startswith(category), page
            listed |= {a["href"].rsplit("#arxiv-", 1)[1]
                       for a in page_soup.select("a.axd-row__title")}
        assert listed == papers, category
    if page_size == 2:
        assert len(_category_pages(site.site_dir, _resolve(site.site_dir, index,
                                                           links["cs.LG"]))) == 2
    messages = [r.getMessage() for r in site.records if r.name.startswith(PLUGIN_LOGGER)]
    assert not [m for m in messages if "keeping" in m], messages


def test_only_the_users_own_file_is_kept(site_builder):
    """A user page where a category page would go wins, and the message names it."""
    mine = "# My own cs.LG page\n"
    site = site_builder({"days/2026-03-01.md":
                         (HOSTILE / "2026-03-01-name-collisions.md").read_text("utf-8"),
                         "arxiv/categories/cs.LG.md": mine}, theme="mkdocs")
    assert "My own cs.LG page" in site.html("arxiv/categories/cs.LG/index.html")
    keeping = [r.getMessage() for r in site.records if "keeping" in r.getMessage()]
    assert keeping == ["mkdocs_arxiv_digest: arxiv/categories/cs.LG.md exists (in docs_dir): "
                       "keeping it instead of "
                       "generating it"]


# -- 4. labels --------------------------------------------------------------------------------


@pytest.mark.parametrize("labels", [
    {"papers": "{n:s} papers"}, {"papers": "{n!z}"}, {"papers": "{n!r} papers"},
    {"papers": "{n:>9999999999}"}, {"date_long": "{day:%Y}"}, {"nav_year": "{year:,}"},
    {"papers": "{n:{n}}"}, {"papers": "{n[0]}"}, {"papers": "{n.real}"}, {"papers": "{0}"},
    {"papers": "{"}, {"papers": "}"},
])
def test_labels_are_checked_at_config_time(tmp_path, labels):
    errors = _load_fails(tmp_path, {"labels": labels})
    key = next(iter(labels))
    assert any("option 'labels'" in e and repr(key) in e for e in errors), errors


def test_plain_labels_still_build(site_builder):
    site = site_builder({"2026-01-05.md": fixture_text("2026-01-05.md")}, {"plugins": [
        {"arxiv-digest": {"labels": {"papers": "{n} articles", "date_long": "{year}/{day}"}}}]},
        theme="mkdocs")
    text = " ".join(site.soup("2026-01-05/index.html").get_text().split())
    assert "4 articles" in text and "2026/5" in text


# -- 5 and 6. invisible characters, other encodings, and promises kept ------------------------


def _cards(site, src: str) -> list[str]:
    return [c["data-arxiv-id"] for c in site.soup(site.page(src)).select("article.axd-card")]


def test_invisible_characters_hide_no_heading(site_builder):
    site = site_builder({"2026-03-02.md": (HOSTILE / "2026-03-02-invisible-line-starts.md")
                         .read_bytes()}, theme="mkdocs")
    assert _cards(site, "2026-03-02.md") == [f"2603.0200{i}" for i in range(1, 7)]
    soup = site.soup(site.page("2026-03-02.md"))
    tldr = soup.find(id="arxiv-2603.02003").select_one(".axd-card__tldr").get_text()
    assert tldr.strip() == "TL;DR Paper 3 of this day."  # the label behind a ZWSP, too
    assert site.plugin_warnings() == []


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_digests_are_decoded_by_their_byte_order_mark(site_builder, encoding):
    data = (HOSTILE / "2026-03-03-utf16.md").read_bytes()
    text = data.decode("utf-16")  # the fixture: UTF-16 LE with its mark
    site = site_builder({"2026-03-03.md": ("\ufeff" + text).encode(encoding)}, theme="mkdocs")
    assert _cards(site, "2026-03-03.md") == ["2603.03001", "2603.03002", "2603.03003"]
    soup = site.soup(site.page("2026-03-03.md"))
    assert "Größe, 信号, Σ" in soup.find(id="arxiv-2603.03002").h3.get_text()
    assert "Astral 𝔸 Letters" in soup.find(id="arxiv-2603.03003").h3.get_text()
    assert site.plugin_warnings() == []


def test_fewer_papers_than_promised_is_a_warning(site_builder):
    """A table of contents that promises more papers than the file's headings give."""
    text = fixture_text("2026-01-05.md").replace("[Total: 3]", "[Total: 30]")
    site = site_builder({"days/2026-01-05.md": text}, theme="mkdocs")
    warnings = site.plugin_warnings()
    assert any(re.search(r"days/2026-01-05\.md:5: the table of contents promises 32 papers, but "
                         r"only 5 paper headings were found", w) for w in warnings), warnings


# -- 7 and 8. ids anchored to host and path, links in every spelling --------------------------

# Title -> (card id, the link its title must have), from the fixture.
LINKS = {
    "Seven Digit Fraction Is Another Paper": (None, "https://arxiv.org/abs/2603.040200"),
    "Another Host Quoting arXiv": (None, "https://mirror.example/arxiv.org/abs/2603.04021"),
    "Look-Alike Host": (None, "https://arxiv.org.example.net/abs/2603.04022"),
    "User Info Before The Host": (None, "https://arxiv.org@example.net/abs/2603.04023"),
    "Shouted Link": ("2603.04024", "https://arxiv.org/abs/2603.04024"),
    "Angle Brackets": ("2603.04025", "https://arxiv.org/abs/2603.04025"),
    "Angle Brackets On Another Host": (None, "https://example.org/papers/a b.pdf"),
    "Export Host And Old Id": ("hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001"),
    "No Link At All": (None, None),
}


def test_ids_come_from_arxiv_hosts_and_whole_segments(site_builder):
    site = site_builder({"2026-03-04.md": (HOSTILE / "2026-03-04-id-links.md")
                         .read_text("utf-8")}, theme="mkdocs")
    soup = site.soup(site.page("2026-03-04.md"))
    cards = soup.select("article.axd-card")
    assert len(cards) == len(LINKS)
    by_title = {card.h3.get_text(strip=True): card for card in cards}
    assert set(by_title) == set(LINKS)
    for title, (arxiv, href) in LINKS.items():
        card = by_title[title]
        link = card.h3.find("a")
        assert (link["href"] if link else None) == href, title
        if arxiv:
            assert card["data-arxiv-id"] == arxiv, title
        else:
            assert not re.match(r"^\d{4}\.\d{4,5}$", card["data-arxiv-id"]), title
            assert "arXiv:" not in card.select_one(".axd-card__meta").get_text(), title
    assert 'href=""' not in site.html(site.page("2026-03-04.md"))
    warnings = site.plugin_warnings()
    assert len(warnings) == 1 and "2026-03-04.md:132: paper heading has no http(s) link" in \
        warnings[0], warnings


# -- 9. one character filter for every output -------------------------------------------------

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def test_no_output_carries_forbidden_characters(site_builder):
    site = site_builder({"2026-03-05.md": (HOSTILE / "2026-03-05-forbidden-characters.md")
                         .read_bytes()}, {"site_url": SITE_URL}, theme="mkdocs")
    outputs = {p.suffix: p for p in site.site_dir.rglob("*") if p.suffix in
               (".html", ".xml", ".json", ".bib")}
    assert set(outputs) == {".html", ".xml", ".json", ".bib"}
    for path in site.site_dir.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".bib"):
            text = path.read_bytes().decode("utf-8")
            if path.suffix == ".json":  # `\u0000` is a NUL too, once read
                text = _json_strings(json.loads(text))
            assert not FORBIDDEN.search(text), (path.relative_to(site.site_dir),
                                                FORBIDDEN.findall(text))
    bib = (site.site_dir / "arxiv" / "bib" / "2026-03-05.bib").read_text("utf-8")
    assert "title = {Title With NUL FFFE FFFF}" in bib
    soup = site.soup(site.page("2026-03-05.md"))
    assert len(soup.select("article.axd-card")) == 3
    assert "whatever NUL FFFE FFFF is here" in soup.select_one(".axd-card__raw").get_text()


def _json_strings(value: object) -> str:
    """Every text in a JSON value (keys too), joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_json_strings(k) + " " + _json_strings(v) for k, v in value.items())
    if isinstance(value, list):
        return " ".join(map(_json_strings, value))
    return ""


# -- fuzzing the options ----------------------------------------------------------------------

EXAMPLES = int(os.environ.get("ARXIV_DIGEST_FUZZ_EXAMPLES", "0"))
_PATHISH = st.one_of(
    st.sampled_from(["arxiv", "../../escape", "..", "", "/", "/tmp/x", "a/..", "a\\b", "~",
                     "%2e%2e/x", "C:", "a/./b", "x/", "\x00", "ü/中"]),
    st.text(alphabet=list("ab./\\:%~ -_\x00"), max_size=8),
)
_DATEISH = st.sampled_from(["2026-01-05", "2026-01-06", "2026-13-40", "yesterday", 20260105, ""])
_LABEL = st.text(alphabet=list("{}!:n>9%Yday s,0.[]"), max_size=10)
_OPTIONS = st.fixed_dictionaries({}, optional={
    "pages_prefix": _PATHISH,
    "sources": st.lists(st.fixed_dictionaries({"path": st.just("data")}, optional={
        "prefix": _PATHISH, "since": _DATEISH, "until": _DATEISH}), max_size=2),
    "preview_days": st.integers(-2, 3),
    "math": st.booleans(),
    "labels": st.dictionaries(st.sampled_from(["papers", "date_long", "nav_year", "tldr",
                                               "more_authors", "nonsense"]), _LABEL, max_size=2),
    "page_size": st.integers(-3, 3),
    "authors_per_page": st.integers(-1, 3),
    "feed_limit": st.integers(-1, 3),
    "feed_items": st.sampled_from(["day", "paper", "both"]),
    "nav": st.sampled_from(["auto", "append", "off", False, "on"]),
    "categories": st.booleans(),
    "authors": st.booleans(),
    "enabled": st.sampled_from([True, True, True, "yes"]),
})


@settings(max_examples=EXAMPLES or 30, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(options=_OPTIONS)
def test_no_option_value_crashes_or_writes_outside(tmp_path_factory, options):
    """Every value is refused with a configuration error or builds; nothing is written outside
    site_dir, and every paper of the input is on its day page."""
    top = tmp_path_factory.mktemp("fuzz")
    root = top / "a" / "b" / "project"
    (root / "docs").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "docs" / "2026-01-05.md").write_text(fixture_text("2026-01-05.md"), "utf-8")
    (root / "data" / "2026-01-06.md").write_text(fixture_text("2026-01-06.md"), "utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Fuzz", "site_url": SITE_URL, "theme": {"name": "mkdocs"},
        "plugins": [{"arxiv-digest": options}]}), encoding="utf-8")
    before = _files_below(top)
    with captured_logs():
        try:
            config = load_config(str(root / "mkdocs.yml"))
        except Abort:
            assert _files_below(top) == before
            return
        build(config)
    site = root / "site"
    assert {f for f in _files_below(top) - before if not f.startswith("a/b/project/site/")} \
        == set()
    pages = list(site.rglob("index.html"))
    cards = {c["data-arxiv-id"] for page in pages for c in
             BeautifulSoup(page.read_text("utf-8"), "html.parser").select("article.axd-card")}
    assert "2601.00101" in cards  # a paper of the day in docs_dir
    windowed = any("since" in source or "until" in source for source in options.get("sources", []))
    if options.get("sources") and not windowed:
        assert "2601.00201" in cards  # and one of the day in the source folder
    shutil.rmtree(top)
