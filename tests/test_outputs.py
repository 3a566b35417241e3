"""Files beside the pages: feeds, JSON export, BibTeX per day, statistics page, `render` CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
import tracemalloc
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import broken_links, build_site, fixture_text
from mkdocs.exceptions import Abort

from mkdocs_arxiv_digest import export as export_module
from mkdocs_arxiv_digest import feeds as feeds_module
from mkdocs_arxiv_digest import outputs as outputs_module
from mkdocs_arxiv_digest.bibtex import bibtex_entry
from mkdocs_arxiv_digest.demo import generate_archive
from mkdocs_arxiv_digest.index import Archive, slugify
from mkdocs_arxiv_digest.outputs import OutputOptions, Outputs, plan_outputs
from mkdocs_arxiv_digest.parse import parse_digest
from mkdocs_arxiv_digest.sitemap import PageOptions, SiteMap
from mkdocs_arxiv_digest.standalone import render_archive

DAYS = 8
ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "mkdocs_arxiv_digest/schema/export.schema.json"
PER_DAY = 10
SITE_URL = "https://example.org/papers/"


@pytest.fixture(scope="module")
def digests(tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("gen")
    paths = generate_archive(out, DAYS, PER_DAY, seed=11)
    return {f"digests/{p.name}": p.read_text(encoding="utf-8") for p in paths}


@pytest.fixture(scope="module")
def archive(digests) -> Archive:
    return Archive.from_digests({name: parse_digest(text, name) for name, text in digests.items()})


@pytest.fixture(scope="module")
def site(digests, tmp_path_factory):
    root = tmp_path_factory.mktemp("outputs")
    docs = {"index.md": "# Home\n", **digests}
    return build_site(root, docs, {"site_url": SITE_URL})


def _local(site, url: str) -> tuple[Path, str]:
    """The built file an absolute site URL points at, and its anchor."""
    assert url.startswith(SITE_URL), url
    path, anchor = urldefrag(url[len(SITE_URL):])
    target = site.site_dir / unquote(path)
    return (target / "index.html" if path.endswith("/") or not path else target), anchor


def _assert_resolves(site, url: str, soups: dict) -> None:
    target, anchor = _local(site, url)
    assert target.exists(), url
    if anchor:
        soup = soups.get(target) or soups.setdefault(
            target, BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser"))
        assert soup.find(id=anchor) is not None, url


# -- feeds -----------------------------------------------------------------------------------


def test_build_is_strict_clean(site):
    assert site.warnings() == []  # test_archive checks every link of such a site


def _relative_links_resolve(site, page: str) -> None:
    html = site.site_dir / page
    soups: dict[Path, BeautifulSoup] = {}
    for link in site.soup(page).select("article a[href]"):
        ref = link["href"]
        if urlsplit(ref).scheme:
            continue
        path, anchor = urldefrag(ref)
        target = (html.parent / unquote(path)).resolve() if path else html
        target = target / "index.html" if target.is_dir() else target
        assert target.exists(), ref
        if anchor:
            if target not in soups:
                soups[target] = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
            assert soups[target].find(id=anchor) is not None, ref


@pytest.mark.parametrize("name, version", [("feed.xml", "rss20"), ("atom.xml", "atom10")])
def test_site_feeds_valid_with_absolute_links(site, archive, name, version):
    feed = feedparser.parse(site.site_dir / name)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == version
    days = [day for day in reversed(archive.days)]
    assert [e.title for e in feed.entries] == [day.label for day in days]
    soups: dict = {}
    for entry, day in zip(feed.entries, days, strict=True):
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        assert dt.date(*published[:3]) == day.date
        _assert_resolves(site, entry.link, soups)
        html = entry.get("description") or entry.content[0].value
        links = [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a")]
        assert len(links) >= 5
        for link in links:
            _assert_resolves(site, link, soups)
        assert f"{len(day.digest.papers)} papers" in html


def test_feed_dates_come_from_digests_not_the_clock(site, archive):
    rss = feedparser.parse(site.site_dir / "feed.xml")
    assert dt.date(*rss.feed.updated_parsed[:3]) == archive.days[-1].date


def test_category_feeds_match_category_pages(site, archive):
    feeds = site.site_dir / "arxiv/feeds"
    for category, listings in archive.by_category.items():
        slug = slugify(category)
        assert (site.site_dir / f"arxiv/categories/{slug}/index.html").exists()
        rss = feedparser.parse(feeds / f"{slug}.xml")
        atom = feedparser.parse(feeds / f"{slug}.atom.xml")
        assert rss.bozo == 0 and atom.bozo == 0, category
        days = {item.day.path for item in listings}
        assert len(rss.entries) == len(atom.entries) == len(days)
        assert rss.feed.link == f"{SITE_URL}arxiv/categories/{slug}/"


def _feed_links(soup) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for link in soup.head.find_all("link", rel="alternate"):
        if link.get("type", "").endswith("+xml"):
            links.setdefault(link["type"], []).append(link["href"])
    return links


def test_pages_announce_the_feeds(site):
    # Site feeds only, at the root beside sitemap.xml: Material fetches `sitemap.xml` next to
    # every alternate link, so a link one folder down would cost a 404 on every page load.
    site_feeds = {"application/rss+xml": [f"{SITE_URL}feed.xml"],
                  "application/atom+xml": [f"{SITE_URL}atom.xml"]}
    for page in ("index.html", "digests/2026-01-05/index.html", "arxiv/archive/index.html",
                 "arxiv/categories/cs.LG/index.html"):
        assert _feed_links(site.soup(page)) == site_feeds, page
    assert (site.site_dir / "sitemap.xml").exists()


def test_paper_items_and_limit(site_builder):
    docs = {"digests/2026-01-05.md": fixture_text("2026-01-05.md"),
            "digests/2026-01-06.md": fixture_text("2026-01-06.md")}
    built = site_builder(docs, {
        "site_url": SITE_URL,
        "plugins": ["search", {"arxiv-digest": {"feed_items": "paper", "feed_limit": 3}}],
    })
    assert built.warnings() == []
    feed = feedparser.parse(built.site_dir / "feed.xml")
    assert feed.bozo == 0 and len(feed.entries) == 3
    newest = parse_digest(fixture_text("2026-01-06.md"), "digests/2026-01-06.md")
    older = parse_digest(fixture_text("2026-01-05.md"), "digests/2026-01-05.md")
    new_keys = [p.key for p in newest.papers if p.key not in {q.key for q in older.papers}]
    # Newest day first; a paper already listed the day before is not news again.
    expected = [f"{SITE_URL}digests/2026-01-06/#{p.anchor}" for p in newest.papers
                if p.key in new_keys][:3]
    assert [e.link for e in feed.entries][: len(expected)] == expected


def test_hostile_text_stays_well_formed(site_builder):
    text = fixture_text("2026-01-05.md").replace(
        "Sparse Lanterns", "Sparse \x01Lan\x0bterns <script>alert(1)</script> & ]]>")
    built = site_builder({"digests/2026-01-05.md": text}, {"site_url": SITE_URL})
    for name in ("feed.xml", "atom.xml", "arxiv/feeds/cs.LG.xml"):
        feed = feedparser.parse(built.site_dir / name)
        assert feed.bozo == 0, (name, feed.get("bozo_exception"))
    rss = (built.site_dir / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in rss and "\x01" not in rss
    stats = built.soup("arxiv/statistics/index.html").select_one("article")
    assert stats.find("script") is None


def test_without_site_url_no_feeds_and_a_warning_that_names_the_fix(site_builder):
    docs = {"digests/2026-01-05.md": fixture_text("2026-01-05.md")}
    built = site_builder(docs, {"site_url": None})
    assert not (built.site_dir / "feed.xml").exists()
    assert not (built.site_dir / "arxiv/feeds").exists()
    warned = [m for m in built.plugin_warnings() if "site_url" in m]
    assert len(warned) == 1
    assert "set site_url in mkdocs.yml" in warned[0] and "feeds: false" in warned[0]
    assert 'rel="alternate"' not in built.html("digests/2026-01-05/index.html")
    index = json.loads((built.site_dir / "arxiv/index.json").read_text(encoding="utf-8"))
    # The export needs no site_url: its links are then relative to the site root.
    assert index["days"][0]["json"] == "arxiv/days/2026-01-05.json"
    # So `mkdocs build --strict` in CI stops; with feeds off nothing is said.
    with pytest.raises(Abort):
        site_builder(docs, {"site_url": None, "strict": True})
    quiet = site_builder(docs, {"site_url": None, "plugins": [{"arxiv-digest": {"feeds": False}}]})
    assert quiet.warnings() == []


def test_everything_off(site_builder):
    built = site_builder({"digests/2026-01-05.md": fixture_text("2026-01-05.md")}, {
        "site_url": SITE_URL,
        "plugins": ["search", {"arxiv-digest": {"feeds": False, "export_json": False,
                                                "bibtex_files": False, "statistics": False,
                                                "search": False}}],
    })
    assert built.warnings() == []
    produced = {p.relative_to(built.site_dir).as_posix() for p in built.site_dir.rglob("*")}
    assert not any(re.search(r"\.(xml|json|bib)$", p) and p.startswith("arxiv/") for p in produced)
    assert "arxiv/statistics/index.html" not in produced
    assert not any("pagefind" in p or p.startswith("arxiv/search") for p in produced)
    assert 'rel="alternate"' not in built.html("digests/2026-01-05/index.html")


def test_feed_limit_must_be_positive(site_builder):
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        site_builder({"digests/2026-01-05.md": fixture_text("2026-01-05.md")},
                     {"plugins": [{"arxiv-digest": {"feed_limit": 0}}]})


# -- JSON and BibTeX -------------------------------------------------------------------------


def _json(site, path: str):
    return json.loads((site.site_dir / "arxiv" / path).read_text(encoding="utf-8"))


def test_json_export_round_trip(site, archive, digests):
    index = _json(site, "index.json")
    assert index["version"] == 2 and index["papers"] == archive.paper_count
    assert [d["label"] for d in index["days"]] == sorted(d.digest.date.isoformat()
                                                         for d in archive.days)
    found = versioned = 0
    soups: dict = {}
    keys: set[str] = set()
    for name, text in digests.items():
        digest = parse_digest(text, name)
        label = digest.date.isoformat()
        [entry] = [d for d in index["days"] if d["label"] == label]
        assert entry["json"] == f"{SITE_URL}arxiv/days/{label}.json"
        assert entry["bib"] == f"{SITE_URL}arxiv/bib/{label}.bib"
        assert (entry["papers"], entry["month"]) == (len(digest.papers), label[:7])
        _assert_resolves(site, entry["json"], soups)
        day_file = _json(site, f"days/{label}.json")
        assert [p["key"] for p in day_file["papers"]] == [p.key for p in digest.papers]
        for paper, listed in zip(digest.papers, day_file["papers"], strict=True):
            assert label in listed["days"]
            assert listed["title"] == paper.title and listed["tldr"] == paper.tldr
            assert listed["authors"] == list(paper.authors)
            assert listed["abstract"] == paper.abstract
            assert (listed["section"], listed["version"]) == (paper.section, paper.version)
            assert listed["urls"]["abs"] == paper.abs_url
            assert len(listed["cards"]) == len(listed["days"])
            if found < 40:
                for url in listed["cards"]:
                    _assert_resolves(site, url, soups)
            keys.add(paper.key)
            found += 1
            versioned += paper.version is not None
    assert found == sum(len(day.digest.papers) for day in archive.days)
    assert len(keys) == archive.paper_count
    assert versioned  # the demo gives some papers a version
    assert index["categories"]["cs.LG"]["name"] == "Machine Learning"
    assert index["categories"]["cs.LG"]["url"] == "arxiv/categories/cs.LG/"


@pytest.fixture(scope="module")
def two_months(tmp_path_factory) -> tuple[Archive, Path]:
    """Six days across a month's end and one undated digest, exported as the CLI does."""
    root = tmp_path_factory.mktemp("months")
    paths = generate_archive(root / "gen", 6, 12, seed=5, start=dt.date(2026, 1, 29))
    texts = {f"digests/{p.name}": p.read_text(encoding="utf-8") for p in paths}
    texts["digests/topic.md"] = texts["digests/2026-01-30.md"]  # no date in its name
    archive = Archive.from_digests({name: parse_digest(text, name)
                                    for name, text in texts.items()})
    _plan(archive).write(root / "site")
    return archive, root / "site/arxiv"


def test_month_files_list_each_paper_of_the_month_once(two_months):
    archive, arxiv = two_months
    index = json.loads((arxiv / "index.json").read_text(encoding="utf-8"))
    [undated] = [d for d in index["days"] if d["date"] is None]
    assert (undated["label"], undated["month"]) == ("topic", None)
    assert (arxiv / "days/topic.json").exists()
    months: dict[str, list] = {}
    for day in archive.days:
        if day.date:
            months.setdefault(day.date.strftime("%Y-%m"), []).append(day)
    assert [m["month"] for m in index["months"]] == list(months) == ["2026-01", "2026-02"]
    for entry in index["months"]:
        days = months[entry["month"]]
        month = json.loads((arxiv / f"months/{entry['month']}.json").read_text("utf-8"))
        assert entry["json"] == f"{SITE_URL}arxiv/months/{entry['month']}.json"
        assert month["days"] == [day.label for day in days] and entry["days"] == len(days)
        listed: dict[str, list[str]] = {}
        for day in days:
            for paper in day.digest.papers:
                listed.setdefault(paper.key, []).append(day.label)
        assert [p["key"] for p in month["papers"]] == list(listed)
        assert entry["papers"] == len(listed)
        for paper in month["papers"]:
            assert paper["days"] == listed[paper["key"]]
            newest = next(item.paper for item in archive.by_key[paper["key"]]
                          if item.day.label == paper["days"][-1])
            assert (paper["title"], paper["authors"]) == (newest.title, list(newest.authors))
            # Lean: what picks a paper, not its summary again.
            assert set(paper) == {"id", "key", "title", "authors", "main_category", "days"}


def test_json_files_follow_the_shipped_schema(site, two_months):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert (ROOT / "docs/schema/export.schema.json").read_text(encoding="utf-8") == \
        SCHEMA.read_text(encoding="utf-8")  # the docs serve the same file
    jsonschema.Draft202012Validator.check_schema(schema)
    folders = (site.site_dir / "arxiv", two_months[1])
    kinds = {"index": [folder / "index.json" for folder in folders],
             "day": sorted(p for folder in folders for p in folder.glob("days/*.json")),
             "month": sorted(p for folder in folders for p in folder.glob("months/*.json"))}
    assert len(kinds["day"]) == DAYS + 7 and len(kinds["month"]) == 1 + 2
    for kind, paths in kinds.items():
        validator = jsonschema.Draft202012Validator(
            {"$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"},
            format_checker=jsonschema.FormatChecker())
        whole = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        for path in paths:
            data = json.loads(path.read_text(encoding="utf-8"))
            validator.validate(data)
            whole.validate(data)  # and it is exactly one of the three kinds


def test_schema_rejects_what_the_export_never_writes(site):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    day = _json(site, "days/2026-01-05.json")
    assert validator.is_valid(day)
    assert not validator.is_valid({**day, "file": "2026-01-05"})  # docs once claimed this key
    paper = dict(day["papers"][0])
    del paper["abstract"]
    assert not validator.is_valid({**day, "papers": [paper]})


def test_bibtex_per_day(site, archive):
    for day in archive.days:
        text = (site.site_dir / f"arxiv/bib/{day.label}.bib").read_text(encoding="utf-8")
        assert text.count("@misc{") == len(day.digest.papers)
        first = day.digest.papers[0]
        dates = [item.day.date for item in archive.by_key[first.key]]
        assert bibtex_entry(first, min(dates)) in text


def test_json_files_are_compact_canonical_json(site):
    # Written record by record, yet the same bytes as one json.dumps of the whole document.
    arxiv = site.site_dir / "arxiv"
    ours = [p for p in sorted(arxiv.rglob("*.json")) if "pagefind" not in p.parts]  # not Pagefind's
    assert len(ours) > 3
    for path in ours:
        raw = path.read_bytes()
        dumped = json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":"))
        assert raw == (dumped + "\n").encode("utf-8"), path.name


# -- planning early, writing late --------------------------------------------------------------


def _plan(archive: Archive, site_url: str = SITE_URL, site: SiteMap | None = None) -> Outputs:
    """What the plugin plans in on_env, with the page URLs the CLI assumes."""
    urls = {day.path: day.path[: -len(".md")] + "/" for day in archive.days}
    return plan_outputs(site or SiteMap(archive, PageOptions()), urls,
                        OutputOptions(site_url=site_url, site_name="Test"))


def test_planning_makes_no_file_content(archive, monkeypatch, tmp_path):
    """Between on_env and on_post_build MkDocs holds every page: planning keeps only names,
    and write() makes exactly the planned files."""
    def refuse(*args, **kwargs):
        raise AssertionError("file content made while planning")

    with monkeypatch.context() as patch:
        for module, name in ((feeds_module, "rss_feed"), (feeds_module, "atom_feed"),
                             (export_module, "_paper_record"), (outputs_module, "day_bibtex")):
            patch.setattr(module, name, refuse)
        outputs = _plan(archive)
    assert [feed.rss for feed in outputs.feeds][:1] == ["feed.xml"]
    outputs.write(tmp_path)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == set(outputs.files)
    # index.json, one file per day and one per month (the demo's days are in one), one .bib a day
    assert len(outputs.files) == 2 * len(outputs.feeds) + 1 + 1 + 2 * DAYS


def test_json_export_is_never_whole_in_memory(tmp_path):
    paths = generate_archive(tmp_path / "gen", 20, 50, seed=3)
    archive = Archive.from_digests({f"digests/{p.name}": parse_digest(p.read_text("utf-8"),
                                                                      f"digests/{p.name}")
                                    for p in paths})
    for day in archive.days:  # what the cards cached already, in a build
        for paper in day.digest.papers:
            archive.bibtex(paper), paper.anchor, paper.has_summary  # noqa: B018
    site = SiteMap(archive, PageOptions())
    tracemalloc.start()
    try:
        _plan(archive, site_url="", site=site).write(tmp_path / "site")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    size = sum(p.stat().st_size for p in (tmp_path / "site/arxiv").rglob("*.json"))
    assert peak < size / 4, (peak, size)


# -- statistics ------------------------------------------------------------------------------


def test_statistics_page(site, archive):
    soup = site.soup("arxiv/statistics/index.html")
    article = soup.select_one("article")
    assert article.find("script") is None
    charts = article.find_all("svg", attrs={"role": "img"})
    assert len(charts) == 4
    for svg in charts:
        ids = svg["aria-labelledby"].split()
        assert svg.find("title")["id"] == ids[0] and svg.find("desc")["id"] == ids[1]
        assert svg.find("desc").get_text(strip=True)
        assert svg.find_next("table") is not None  # text alternative
    headings = [h.get_text(strip=True).rstrip("¶") for h in article.select("h2")]
    assert headings == ["Papers per day", "Failed summaries", "Top categories", "Top authors"]
    tables = article.select("table")
    totals = {row.td.get_text(strip=True): int(row.select("td")[-1].get_text())
              for row in tables[0].select("tbody tr")}
    assert totals == {day.label: len(day.digest.papers) for day in archive.days}
    failed = {row.td.get_text(strip=True): int(row.select("td")[2].get_text())
              for row in tables[1].select("tbody tr")}
    for day in archive.days:
        assert failed[day.label] == sum(bool(p.placeholders) or not p.has_summary
                                        for p in day.digest.papers)
    nav = soup.select_one("nav.md-nav--primary").get_text(" ")
    assert "Statistics" in nav
    _relative_links_resolve(site, "arxiv/statistics/index.html")


# -- render: plain files for other generators --------------------------------------------


@pytest.fixture(scope="module")
def data_dir(digests, tmp_path_factory) -> Path:
    """Four days of digests in a folder, as a pipeline would leave them."""
    folder = tmp_path_factory.mktemp("data")
    for name, text in sorted(digests.items())[:4]:
        (folder / Path(name).name).write_text(text, encoding="utf-8")
    return folder


def test_rendered_markdown_builds_without_the_plugin(tmp_path, data_dir):
    archive = Archive.from_digests({p.name: parse_digest(p.read_text("utf-8"), p.name)
                                    for p in sorted(data_dir.glob("*.md"))})
    out = tmp_path / "docs"
    result = render_archive(data_dir, out / "digests")
    assert (result.days, result.papers) == (4, archive.paper_count)
    (out / "index.md").write_text("# Home\n", encoding="utf-8")
    extra_css = ["digests/assets/arxiv-digest/arxiv-digest.css"]
    built = build_site(tmp_path, {}, {"plugins": [], "theme": {"name": "mkdocs"},
                                      "extra_css": extra_css})
    assert built.warnings() == []
    assert broken_links(built.site_dir) == []  # chips, prev/next, cards, authors, categories
    cards = 0
    for day in archive.days:
        soup = built.soup(f"digests/{day.label}/index.html")
        cards += len(soup.select("article.axd-card"))
        for chip in soup.select("a.axd-chip__jump"):
            assert soup.find(id=chip["href"][1:]) is not None
    assert cards == sum(len(day.digest.papers) for day in archive.days)
    assert (built.site_dir / "digests/arxiv/statistics/index.html").exists()
    assert (built.site_dir / "digests/assets/arxiv-digest/arxiv-digest.css").exists()


def test_rendered_html_fragments_link_to_each_other(tmp_path, data_dir):
    out = tmp_path / "fragments"
    render_archive(data_dir, out, fmt="html", url_style="html")
    first = sorted(data_dir.glob("*.md"))[0]
    page = BeautifulSoup((out / f"{first.stem}.html").read_text("utf-8"), "html.parser")
    digest = parse_digest(first.read_text("utf-8"), first.name)
    assert len(page.select("article.axd-card")) == len(digest.papers)
    for chip in page.select("a.axd-chip__jump"):
        assert page.find("h2", id=chip["href"][1:]) is not None
    for link in page.find_all("a"):
        href = link["href"]
        if urlsplit(href).scheme or href.startswith("#"):
            continue
        assert (out / unquote(urldefrag(href)[0])).exists(), href


def test_render_command(tmp_path, data_dir, capsys):
    from mkdocs_arxiv_digest.cli import main

    assert main(["render", str(data_dir), str(tmp_path / "out")]) == 0
    assert "4 days" in capsys.readouterr().out
    assert (tmp_path / "out/arxiv/categories.md").exists()
    assert main(["render", str(tmp_path / "missing"), str(tmp_path / "out")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_docs_examples_follow_the_schema():
    """The JSON examples of docs/export.md are valid files of their kind: same keys as the
    real output (the schema requires every key and allows no other)."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    text = (ROOT / "docs/export.md").read_text(encoding="utf-8")
    examples = re.findall(r"^### `arxiv/(\w+)[^`]*`\n.*?```json\n(.*?)```", text, re.M | re.S)
    assert [kind for kind, _ in examples] == ["index", "days", "months"]
    for kind, example in examples:
        ref = {"index": "index", "days": "day", "months": "month"}[kind]
        jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{ref}"}
                                        ).validate(json.loads(example))
