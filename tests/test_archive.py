"""The archive across days: generated pages, navigation, cross-links, sources, rebuilds."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, broken_links, build_site, captured_logs, fixture_text
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_arxiv_digest.demo import generate_archive
from mkdocs_arxiv_digest.index import author_key
from mkdocs_arxiv_digest.markup import fill_latest
from mkdocs_arxiv_digest.parse import parse_digest

DAYS = 62
PER_DAY = 12


@pytest.fixture(scope="module")
def archive_docs(tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("gen")
    paths = generate_archive(out, DAYS, PER_DAY, seed=7)
    docs = {"index.md": "# Home\n\nThe archive.\n"}
    docs.update({f"digests/{p.name}": p.read_text(encoding="utf-8") for p in paths})
    return docs


@pytest.fixture(scope="module")
def archive_site(archive_docs, tmp_path_factory):
    root = tmp_path_factory.mktemp("archive")
    return build_site(root, archive_docs)


def _digests(docs):
    return {name: parse_digest(text, name) for name, text in docs.items() if name != "index.md"}


def test_strict_clean_and_no_broken_links(archive_site):
    assert archive_site.warnings() == []
    assert broken_links(archive_site.site_dir) == []


def test_every_paper_reachable_from_categories_and_authors(archive_site, archive_docs):
    site_dir = archive_site.site_dir
    category_html = "".join(p.read_text() for p in (site_dir / "arxiv/categories").rglob("*.html"))
    author_html = (site_dir / "arxiv/authors/index.html").read_text()
    author_html += "".join(p.read_text() for p in (site_dir / "arxiv/authors").rglob("*.html"))
    papers = 0
    for name, digest in _digests(archive_docs).items():
        day = Path(name).stem
        for paper in digest.papers:
            target = f"digests/{day}/#{paper.anchor}"
            assert target in category_html, (day, paper.key)
            if paper.authors:
                assert target in author_html, (day, paper.key)
            papers += 1
    assert papers >= DAYS * PER_DAY * 0.9


def test_author_entries_list_each_paper_once(archive_site, archive_docs):
    expected: dict[str, dict[str, set[str]]] = {}  # author key -> card anchor -> days
    for name, digest in _digests(archive_docs).items():
        for paper in digest.papers:
            for author in paper.authors:
                days = expected.setdefault(author_key(author), {}).setdefault(paper.anchor, set())
                days.add(Path(name).stem)
    site_dir = archive_site.site_dir
    entries = {}
    for page in (site_dir / "arxiv/authors").rglob("index.html"):
        for li in archive_site.soup(str(page.relative_to(site_dir))).select("ul.axd-authors > li"):
            entries[author_key(li.strong.get_text())] = li
    assert entries.keys() == expected.keys()
    repeated = 0
    for key, papers in expected.items():
        li = entries[key]
        rows = li.select("ul > li")
        assert int(li.select_one(".axd-chip__count").get_text()) == len(rows) == len(papers)
        for row in rows:
            links = [a["href"] for a in row.select("a")]
            anchor = links[0].rsplit("#", 1)[1]
            days = [re.search(r"\d{4}-\d{2}-\d{2}", href).group(0) for href in links]
            assert all(href.endswith(f"#{anchor}") for href in links)
            assert days == sorted(papers[anchor], reverse=True), (key, anchor)
            assert row.select_one(".axd-row__day").get_text() == days[0]
            repeated += len(days) > 1
    assert repeated > DAYS


def test_category_page_rows_newest_first(archive_site):
    soup = archive_site.soup("arxiv/categories/cs.LG/index.html")
    days = [re.search(r"\d{4}-\d{2}-\d{2}", a["href"]).group(0)
            for a in soup.select(".axd-day-link a")]
    assert days == sorted(days, reverse=True) and len(days) > 10
    headings = [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")]
    assert headings[0].endswith(" 2026") and headings[0].split(",")[0] in {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
    index = archive_site.soup("arxiv/categories/index.html")
    row = next(tr for tr in index.select("tbody tr") if tr.td.get_text() == "cs.LG")
    assert row.select("td")[1].get_text() == "Machine Learning"


def test_repeats_are_cross_linked_both_ways(archive_site, archive_docs):
    seen: dict[str, list[str]] = {}
    for name, digest in _digests(archive_docs).items():
        for paper in digest.papers:
            seen.setdefault(paper.key, []).append(Path(name).stem)
    repeats = {k: v for k, v in seen.items() if len(v) > 1}
    assert len(repeats) > DAYS  # the generator repeats about a quarter of each day
    soups = {}
    for key, days in repeats.items():
        for day in days:
            if day not in soups:
                soups[day] = archive_site.soup(f"digests/{day}/index.html")
            soup = soups[day]
            card = soup.find("article", attrs={"data-arxiv-id": key})
            hrefs = [a["href"] for a in card.select(".axd-card__also a")]
            for other in days:
                if other != day:
                    assert any(f"{other}/#" in h for h in hrefs), (key, day, other)


def test_previous_next_chain_covers_all_days(archive_site, archive_docs):
    days = sorted(Path(n).stem for n in archive_docs if n != "index.md")
    day = days[0]
    visited = [day]
    while True:
        soup = archive_site.soup(f"digests/{day}/index.html")
        nxt = soup.select_one("a.axd-daynav__next")
        if nxt is None:
            break
        day = re.search(r"(\d{4}-\d{2}-\d{2})", nxt["href"]).group(1)
        prev = archive_site.soup(f"digests/{day}/index.html").select_one("a.axd-daynav__prev")
        assert visited[-1] in prev["href"]
        visited.append(day)
    assert visited == days


def test_nav_newest_first_grouped_and_browse(archive_site):
    soup = archive_site.soup("index.html")
    nav = soup.select_one("nav.md-nav--primary")
    labels = [a.get_text(" ", strip=True) for a in nav.select("a.md-nav__link")]
    dates = [t for t in labels if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t)]
    assert len(dates) == DAYS and dates == sorted(dates, reverse=True)
    text = nav.get_text(" ")
    for label in ("Digests", "2026", "February", "January", "Browse", "Categories", "Authors",
                  "Archive"):
        assert label in text


def test_search_index_has_one_short_entry_per_day_and_no_generated_page(archive_site,
                                                                        archive_docs):
    import json

    index = json.loads(archive_site.html("search/search_index.json"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert not any(loc.startswith("arxiv/") for loc in locations)
    for name, digest in _digests(archive_docs).items():
        day = Path(name).stem
        entries = [d for d in index["docs"] if d["location"].startswith(f"digests/{day}/")]
        assert len(entries) == 1  # the cards are in the archive-wide search (test_search.py)
        for paper in digest.papers:
            assert paper.title.replace("&", "&amp;").replace("<", "&lt;") not in entries[0]["text"]
    # The page itself still carries the full cards (search saw one paragraph instead).
    soup = archive_site.soup("digests/2026-01-20/index.html")
    assert soup.select("article.axd-card details.axd-card__details")


def test_generated_pages_are_searchable_when_asked(tmp_path):
    import json

    docs = {"digests/2026-01-05.md": fixture_text("2026-01-05.md")}
    site = build_site(tmp_path, docs, {"plugins": [
        "search", {"arxiv-digest": {"search_exclude": False}}]})
    index = json.loads(site.html("search/search_index.json"))
    paper = parse_digest(fixture_text("2026-01-05.md"), "x.md").papers[0]
    generated = [d for d in index["docs"] if d["location"].startswith("arxiv/")]
    # Category and author pages were filled before the search plugin indexed them.
    assert any(paper.title in d["text"] for d in generated
               if d["location"].startswith("arxiv/categories/"))
    assert any(paper.authors[0] in d["text"] for d in generated
               if d["location"].startswith("arxiv/authors"))


def test_user_page_wins_and_user_nav_respected(site_builder):
    docs = {
        "digests/2026-01-05.md": fixture_text("2026-01-05.md"),
        "arxiv/archive.md": "# My own archive page\n",
    }
    site = site_builder(docs, {"nav": ["digests/2026-01-05.md", "arxiv/archive.md"]})
    assert "My own archive page" in site.html("arxiv/archive/index.html")
    assert site.warnings() == []
    nav = site.soup("digests/2026-01-05/index.html").select_one("nav.md-nav--primary").get_text(" ")
    assert "Browse" not in nav and "Digests" not in nav
    # Generated pages still exist, linked from cards, just not in the user's nav.
    assert (site.site_dir / "arxiv/categories/cs.LG/index.html").exists()


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_without_directory_urls(site_builder, theme):
    docs = {"index.md": "# Home\n",
            "digests/2026-01-05.md": fixture_text("2026-01-05.md"),
            "digests/2026-01-06.md": fixture_text("2026-01-06.md")}
    site = site_builder(docs, {"use_directory_urls": False}, theme=theme)
    assert site.warnings() == []
    assert broken_links(site.site_dir) == []
    soup = site.soup("digests/2026-01-05.html")
    badge = soup.select_one("#arxiv-2601\\.00101 a.axd-badge")
    assert badge["href"] == "../arxiv/categories/cs.LG.html"
    author = soup.select_one("#arxiv-2601\\.00101 a.axd-author")
    assert author["href"].startswith("../arxiv/authors.html#author-")


def test_sources_outside_docs_dir(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "2026-01-05.md").write_text(fixture_text("2026-01-05.md"), encoding="utf-8")
    site = build_site(tmp_path, {"index.md": "# Home\n"},
                      {"plugins": [{"arxiv-digest": {"sources": [{"path": "data",
                                                                   "prefix": "daily"}]}}]})
    assert site.warnings() == []
    assert len(site.soup("daily/2026-01-05/index.html").select("article.axd-card")) == 4
    assert not (tmp_path / "docs" / "daily").exists()  # nothing written into docs_dir
    assert str(data) in site.config.watch


def test_rebuild_tracks_added_and_removed_days(tmp_path):
    docs = {"digests/2026-01-05.md": fixture_text("2026-01-05.md")}
    first = build_site(tmp_path, docs)
    assert "2026-01-06" not in first.html("arxiv/archive/index.html")
    second = build_site(tmp_path, {"digests/2026-01-06.md": fixture_text("2026-01-06.md")})
    archive = second.html("arxiv/archive/index.html")
    assert "2026-01-05" in archive and "2026-01-06" in archive
    soup = second.soup("digests/2026-01-05/index.html")
    assert "2026-01-06" in soup.select_one("a.axd-daynav__next")["href"]
    (tmp_path / "docs/digests/2026-01-05.md").unlink()
    third = build_site(tmp_path, {})
    assert "2026-01-05" not in third.html("arxiv/archive/index.html")
    assert third.soup("digests/2026-01-06/index.html").select_one("a.axd-daynav__prev") is None


@pytest.fixture
def serving():
    """The plugin as `mkdocs serve` runs it: one instance, kept from build to build."""
    plugin = load_config(str(FIXTURES.parent.parent / "mkdocs.yml")).plugins["arxiv-digest"]
    plugin.on_startup(command="serve", dirty=False)
    yield plugin
    plugin.on_startup(command="build", dirty=False)


def _pages(site) -> dict[str, bytes]:
    """Every file of the built site (pages, feeds, JSON, BibTeX, search index...), except the
    gzipped sitemap, whose header holds the time it was written."""
    return {p.relative_to(site.site_dir).as_posix(): p.read_bytes()
            for p in site.site_dir.rglob("*") if p.is_file() and p.name != "sitemap.xml.gz"}


def test_serve_rebuilds_match_fresh_builds(tmp_path, serving):
    """What a serve session keeps between builds never shows: after each change, every file
    of the site is what a fresh build of the same files writes."""
    old_title = "Bold Labels and Extra Fields"
    original = fixture_text("2026-01-06.md")
    # Two new authors sort before Ada Quill (2026-01-05) by surname and, two authors a page,
    # move her entry to the next page; a new category `CS.LG` takes the page name of `cs.LG`, which
    # moves: the cards of that unchanged digest must link to both new places.
    changed = (original.replace(old_title, "Brand New Title")
               .replace("*Farah Okafor,", "*Aaron Qabir,Abe Qadri,Farah Okafor,")
               .replace("**Main category:** cs.CL", "**Main category:** CS.LG", 1))
    # A new day repeating the papers of 2026-01-05, one in a new version: their other days,
    # author entries, categories and JSON records change although their own digest did not.
    repeated = fixture_text("2026-01-05.md").replace("2601.00102v2", "2601.00102v3")
    small = {"authors_per_page": 2}
    feeds = {"site_url": "https://example.org/digest/",
             "plugins": ["search", {"arxiv-digest": small}]}
    relabelled = {**feeds, "plugins": [
        "search", {"arxiv-digest": {**small, "labels": {"tldr": "In short"}}}]}
    steps = [  # (what changes, config)
        ({"digests/2026-01-05.md": fixture_text("2026-01-05.md"),
          "digests/2026-01-06.md": original}, feeds),
        ({"notes.md": "# Notes\n"}, feeds),  # no digest changed
        ({"digests/2026-01-06.md": changed}, feeds),  # one digest changed
        ({"digests/2026-01-07.md": repeated}, feeds),  # a day added
        ({}, relabelled),  # a setting changed
    ]
    served = []
    for docs, config in steps:
        site = build_site(tmp_path / "served", docs, config)
        served.append(_pages(site))
    assert {"feed.xml", "arxiv/index.json", "notes/index.html"} <= served[1].keys()
    assert old_title.encode() in served[1]["digests/2026-01-06/index.html"]
    assert not any(old_title.encode() in data for data in served[2].values())
    assert b"Brand New Title" in served[2]["digests/2026-01-06/index.html"]
    assert b"2026-01-07" in served[3]["digests/2026-01-05/index.html"]  # "also on" links
    assert b"authors/q/#author-ada-quill" in served[1]["digests/2026-01-05/index.html"]
    assert b"authors/q/2/#author-ada-quill" in served[2]["digests/2026-01-05/index.html"]
    assert b"categories/cs.LG/" in served[1]["digests/2026-01-05/index.html"]
    assert b"categories/cs.LG-/" in served[2]["digests/2026-01-05/index.html"]
    assert b'<b class="axd-label">In short</b>' in served[4]["digests/2026-01-05/index.html"]

    serving.on_startup(command="build", dirty=False)
    docs: dict[str, str] = {}
    for number, (change, config) in enumerate(steps):
        docs.update(change)
        if number == 0:
            continue
        fresh = _pages(build_site(tmp_path / f"fresh-{number}", docs, config))
        assert served[number].keys() == fresh.keys()
        assert [p for p in fresh if served[number][p] != fresh[p]] == [], number


def test_a_source_takes_a_window_of_dates(tmp_path):
    """One site per year: `since` and `until` on a source pick days by the date in the name."""
    data = tmp_path / "data"
    generate_archive(data, 4, 3, start=dt.date(2025, 12, 30))
    (data / "notes.md").write_text("# Notes\n\nNot a digest.\n", encoding="utf-8")
    source = {"path": str(data), "prefix": "digests", "since": "2025-12-31",
              "until": dt.date(2026, 1, 1)}
    site = build_site(tmp_path, {"index.md": "# Home\n"},
                      {"plugins": [{"arxiv-digest": {"sources": [source]}}]})
    assert site.warnings() == []
    built = sorted(p.parent.name for p in (site.site_dir / "digests").glob("*/index.html"))
    assert built == ["2025-12-31", "2026-01-01", "notes"]  # a file without a date stays in
    archive = site.html("arxiv/archive/index.html")
    assert "2025-12-30" not in archive and "2026-01-02" not in archive


@pytest.mark.parametrize("value", ["2026-02-30", "yesterday", 5])
def test_a_bad_source_date_is_a_config_error(tmp_path, value):
    (tmp_path / "data").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - arxiv-digest:\n      sources:\n"
        f"        - {{path: data, since: {value!r}}}\n", encoding="utf-8")
    with captured_logs() as records, pytest.raises(Abort):
        load_config(str(tmp_path / "mkdocs.yml"))
    assert any("expected a date such as 2026-01-31" in r.getMessage() for r in records)
# -- the calendar, the way in from the home page ------------------------------------------------

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
CARD = re.compile(r'<article class="axd-card"')


def _target(page: Path, href: str) -> Path:
    """The built file a relative link on ``page`` leads to."""
    path = (page.parent / href.split("#")[0]).resolve()
    return path / "index.html" if path.is_dir() else path


def test_archive_calendar_grids_counts_and_links(archive_site, archive_docs):
    page = archive_site.site_dir / "arxiv/archive/index.html"
    soup = archive_site.soup("arxiv/archive/index.html")
    papers = {dt.date.fromisoformat(Path(name).stem): len(digest.papers)
              for name, digest in _digests(archive_docs).items()}
    months = sorted({(d.year, d.month) for d in papers}, reverse=True)
    grids = soup.select("details.axd-year details.axd-month")
    assert [g["id"] for g in grids] == [f"month-{y}-{m:02d}" for y, m in months]
    # Newest first; only the newest month (and its year) starts open.
    assert [g.has_attr("open") for g in grids] == [True] + [False] * (len(grids) - 1)
    years = soup.select("details.axd-year")
    assert [y["id"] for y in years] == ["year-2026"] and years[0].has_attr("open")
    linked = []
    for grid, (year, month) in zip(grids, months, strict=True):
        assert [th.get_text() for th in grid.select("thead th")] == WEEKDAYS
        assert all(th["scope"] == "col" for th in grid.select("thead th"))
        assert grid.select_one("caption").get_text() == dt.date(year, month, 1).strftime("%B %Y")
        cells = grid.select("tbody td")
        assert len(cells) % 7 == 0
        numbers = []
        for index, cell in enumerate(cells):
            number = cell.select_one(".axd-cal__n")
            if number is None:
                assert cell.get_text() == ""
                continue
            date = dt.date(year, month, int(number.get_text()))
            numbers.append(date.day)
            assert index % 7 == date.weekday(), date  # in its weekday's column
            link = cell.find("a")
            assert (link is not None) == (date in papers), date
            if link is None:
                continue
            count = int(link.select_one(".axd-cal__count").get_text())
            target = _target(page, link["href"])
            assert target == archive_site.site_dir / f"digests/{date}/index.html"
            assert count == papers[date] == len(CARD.findall(target.read_text(encoding="utf-8")))
            assert link["aria-label"] == f"{date:%A}, {date.day} {date:%B %Y}: {count} papers"
            assert link["data-axd-day"] == date.isoformat()
            linked.append(date)
        assert numbers == list(range(1, calendar.monthrange(year, month)[1] + 1))
    assert sorted(linked) == sorted(papers)
    form = soup.select_one("form[data-axd-jump]")
    assert form.has_attr("hidden")  # shown by the script; the grids work without it
    field = form.select_one("input[type=date]")
    assert (field["min"], field["max"]) == (min(papers).isoformat(), max(papers).isoformat())
    assert soup.select_one(f"label[for={field['id']}]").get_text() == "Go to a day"


def _top_level(soup) -> list:
    """The links at the top level of Material's navigation (not inside a section)."""
    return soup.select("nav.md-nav--primary > ul.md-nav__list > li.md-nav__item > a.md-nav__link")


def _latest_link(site, page: str = "index.html"):
    links = [a for a in _top_level(site.soup(page)) if a.get_text(strip=True).startswith("Latest")]
    assert len(links) == 1, page
    return links[0]


def test_nav_latest_day_at_top_level(archive_site, archive_docs):
    newest = max(Path(name).stem for name in archive_docs if name != "index.md")
    for page in ("index.html", f"digests/{newest}/index.html", "arxiv/archive/index.html"):
        link = _latest_link(archive_site, page)
        assert link.get_text(strip=True) == f"Latest: {newest}"
        target = _target(archive_site.site_dir / page, link["href"])
        assert target == archive_site.site_dir / f"digests/{newest}/index.html"
    titles = [a.get_text(strip=True) for a in _top_level(archive_site.soup("index.html"))]
    assert titles[:2] == ["Home", f"Latest: {newest}"]


@pytest.fixture(scope="module")
def small_archive(tmp_path_factory) -> dict[str, str]:
    paths = generate_archive(tmp_path_factory.mktemp("small"), 12, 3, seed=5)
    return {f"digests/{p.name}": p.read_text(encoding="utf-8") for p in paths}


def test_nav_latest_day_with_own_nav_in_append_mode(site_builder, small_archive):
    docs = {"index.md": "# Home\n", "about.md": "# About\n", **small_archive}
    site = site_builder(docs, {"nav": [{"Home": "index.md"}, {"About": "about.md"}],
                               "plugins": ["search", {"arxiv-digest": {"nav": "append"}}]})
    assert site.warnings() == []
    newest = max(Path(name).stem for name in small_archive)
    titles = [a.get_text(strip=True) for a in _top_level(site.soup("about/index.html"))]
    assert titles == ["Home", "About", f"Latest: {newest}"]
    link = _latest_link(site, "about/index.html")
    assert _target(site.site_dir / "about/index.html", link["href"]) == (
        site.site_dir / f"digests/{newest}/index.html")
    # `auto` leaves a site's own nav alone: no link there.
    alone = site_builder(docs, {"nav": [{"Home": "index.md"}, {"About": "about.md"}]})
    assert not any("Latest" in a.get_text() for a in alone.soup("index.html").select("nav a"))


def _latest_rows(site, page: str) -> list[tuple[str, str, Path]]:
    """(date text, count text, target file) of each row of the latest-days list on ``page``."""
    file = site.site_dir / page
    return [(li.a.get_text(), li.select_one(".axd-cal__total").get_text(),
             _target(file, li.a["href"])) for li in site.soup(page).select("ul.axd-latest > li")]


def _expected_rows(site, docs: dict[str, str], count: int) -> list[tuple[str, str, Path]]:
    days = sorted((Path(name).stem for name in docs if name.startswith("digests/")),
                  reverse=True)[:count]
    rows = []
    for day in days:
        date = dt.date.fromisoformat(day)
        target = site.site_dir / f"digests/{day}/index.html"
        cards = len(CARD.findall(target.read_text(encoding="utf-8")))
        rows.append((f"{date:%A}, {date.day} {date:%B %Y}", f"{cards} papers", target))
    return rows


def test_home_snippet_replaced_outside_code(site_builder, small_archive):
    marker = "<!-- arxiv-digest:latest -->"
    home = (f"# Welcome\n\nOur newest days:\n\n<!-- arxiv-digest:latest 3 -->\n\n"
            f"Put this line on your page:\n\n```html\n{marker}\n```\n\nThanks.\n")
    docs = {"index.md": home, "news.md": f"# News\n\n{marker}\n", **small_archive}
    site = site_builder(docs)
    assert site.warnings() == []
    assert _latest_rows(site, "index.html") == _expected_rows(site, docs, 3)
    assert _latest_rows(site, "news/index.html") == _expected_rows(site, docs, 7)
    soup = site.soup("index.html")
    assert soup.select_one("article h1").get_text(strip=True).rstrip("¶") == "Welcome"
    assert soup.select_one("article pre code").get_text().strip() == marker  # documented, kept
    assert soup.select_one(".axd-latest__all a")["href"] == "arxiv/archive/"
    assert (site.root / "docs/index.md").read_text(encoding="utf-8") == home
    assert broken_links(site.site_dir) == []


def test_plugin_home_page_only_without_index(site_builder, small_archive):
    site = site_builder(dict(small_archive))
    assert site.warnings() == []
    assert not (site.root / "docs/index.md").exists()  # generated, never written into docs
    soup = site.soup("index.html")
    assert soup.select_one("article h1").get_text(strip=True).rstrip("¶") == "Latest digests"
    assert _latest_rows(site, "index.html") == _expected_rows(site, small_archive, 10)
    titles = [a.get_text(strip=True) for a in _top_level(soup)]
    assert titles[0] == "Latest digests" and titles[1].startswith("Latest: ")
    assert broken_links(site.site_dir) == []
    # A site's own home page (index.md, or README.md standing in for it) wins.
    for name in ("index.md", "README.md"):
        own = site_builder({name: "# Our lab\n\nHello.\n", **small_archive})
        assert own.warnings() == []
        soup = own.soup("index.html")
        assert soup.select_one("article h1").get_text(strip=True).rstrip("¶") == "Our lab"
        assert soup.select_one(".axd-latest") is None


@pytest.mark.parametrize("markdown, replaced", [
    ("<!-- arxiv-digest:latest -->", [7]),
    ("# Hi\n\n<!-- arxiv-digest:latest 12 -->  \n\ntext", [12]),
    ("```\n<!-- arxiv-digest:latest -->\n```\n<!-- arxiv-digest:latest 2 -->", [2]),
    ("~~~~md\n```\n<!-- arxiv-digest:latest -->\n~~~~\n<!-- arxiv-digest:latest 3 -->", [3]),
    ("    <!-- arxiv-digest:latest -->", []),  # indented code
    ("Text <!-- arxiv-digest:latest --> inline", []),  # not alone on its line
    ("<!-- arxiv-digest:latest five -->", []),
])
def test_latest_marker_only_alone_on_a_line_outside_code(markdown, replaced):
    asked = []

    def render(days: int) -> str:
        asked.append(days)
        return f"<ul><li>{days}</li></ul>"

    out = fill_latest(markdown, render)
    assert asked == replaced
    for days in replaced:
        assert f"\n<div class=\"axd-home\">\n<ul><li>{days}</li></ul>\n</div>\n" in out
    assert fill_latest("# No marker here\n", render) is None


def test_undated_digests_listed_after_the_calendar(site_builder):
    docs = {"index.md": "# Home\n", "digests/2026-01-06.md": fixture_text("2026-01-06.md"),
            "digests/special-issue.md": fixture_text("2026-01-05.md")}
    site = site_builder(docs)
    assert site.warnings() == []
    page = site.site_dir / "arxiv/archive/index.html"
    soup = site.soup("arxiv/archive/index.html")
    assert [d["id"] for d in soup.select("details.axd-year")] == ["year-2026", "undated"]
    row = soup.select_one("details#undated li")
    target = _target(page, row.a["href"])
    assert target == site.site_dir / "digests/special-issue/index.html"
    assert row.get_text(" ", strip=True) == (
        f"special-issue · {len(CARD.findall(target.read_text(encoding='utf-8')))} papers")
    field = soup.select_one("input[type=date]")
    assert (field["min"], field["max"]) == ("2026-01-06", "2026-01-06")
