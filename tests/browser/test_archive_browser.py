"""The archive calendar's date field (assets/arxiv-digest.js, archiveCalendar) in a real
headless Chromium: it lands on the chosen day, or on the nearest day with a digest.

One site per theme (Material with instant navigation, and the mkdocs theme) is built from
generated digests with a week-long gap, and served locally. Every test fails on a console
error, an uncaught exception, or a request to any host but the local server.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from conftest import build_site, local_only, serve

from mkdocs_arxiv_digest.demo import generate_archive

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = pytest.mark.browser

# 2026-01-05 to 2026-02-13, without 2026-01-20 to 2026-01-26.
GAP = {dt.date(2026, 1, 20) + dt.timedelta(days=n) for n in range(7)}
THEMES = {
    "material": {"name": "material", "font": False, "features": ["navigation.instant"]},
    "mkdocs": {"name": "mkdocs", "highlightjs": False},
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("www")
    paths = generate_archive(tmp_path_factory.mktemp("gen"), 40, 3, seed=4)
    docs = {"index.md": "# Home\n\n<!-- arxiv-digest:latest 3 -->\n"}
    docs.update({f"digests/{p.name}": p.read_text(encoding="utf-8") for p in paths
                 if dt.date.fromisoformat(p.stem) not in GAP})
    with serve(root) as base:
        urls = {}
        for name, theme in THEMES.items():
            url = f"{base}{name}/"  # Material's instant navigation needs site_url
            site = build_site(tmp_path_factory.mktemp(name), docs,
                              {"site_url": url, "site_dir": str(root / name), "theme": theme},
                              theme=name)
            assert site.warnings() == []
            urls[name] = url
        yield urls


@pytest.fixture
def page(browser, sites):
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    context.set_default_timeout(5000)
    errors: list[str] = []
    external = local_only(context)
    tab = context.new_page()
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    context.close()
    assert errors == []
    assert external == []


def _jump(page, base: str, day: str) -> tuple[str, bool]:
    """Open the archive, choose ``day`` in the date field, press Go: the day the page lands
    on, and whether it got there without loading a new document."""
    page.goto(f"{base}arxiv/archive/")
    field = page.locator("form[data-axd-jump] input[type=date]")
    expect(field).to_be_visible()
    page.evaluate("window.__axdSameDocument = true")
    field.fill(day)
    page.get_by_role("button", name="Go").click()
    page.wait_for_url(f"{base}digests/*/")
    landed = urlsplit(page.url).path.rstrip("/").rsplit("/", 1)[1]
    expect(page.locator("h1").first).to_contain_text(str(int(landed[-2:])))
    return landed, page.evaluate("window.__axdSameDocument === true")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("chosen, landed", [
    ("2026-01-12", "2026-01-12"),  # a day with a digest
    ("2026-01-21", "2026-01-19"),  # in the gap, nearer its start
    ("2026-01-25", "2026-01-27"),  # in the gap, nearer its end
    ("2026-01-23", "2026-01-27"),  # as near to both: the later day
    ("2025-11-30", "2026-01-05"),  # before the archive
    ("2026-03-15", "2026-02-13"),  # after it
])
def test_date_field_lands_on_the_day_or_the_nearest(page, sites, theme, chosen, landed):
    # Material's instant navigation takes the jump (the calendar's link is clicked).
    assert _jump(page, sites[theme], chosen) == (landed, theme == "material")


def test_field_starts_on_the_newest_day_and_a_month_link_opens_it(page, sites):
    base = sites["material"]
    page.goto(f"{base}arxiv/archive/")
    field = page.locator("input[type=date]")
    assert (field.get_attribute("min"), field.get_attribute("max"), field.input_value()) == (
        "2026-01-05", "2026-02-13", "2026-02-13")
    january = page.locator("details#month-2026-01")
    assert january.get_attribute("open") is None  # newest month only starts open
    page.goto(f"{base}arxiv/archive/#month-2026-01")
    expect(january).to_have_attribute("open", "")
    page.locator("a[data-axd-day='2026-01-14']").click()  # the grid itself links the days
    page.wait_for_url(f"{base}digests/2026-01-14/")


def test_without_javascript_the_grids_still_work(browser, sites):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        base = sites["material"]
        tab.goto(f"{base}arxiv/archive/")
        expect(tab.locator("form[data-axd-jump]")).to_be_hidden()
        tab.locator("details#month-2026-01 > summary").click()  # <details> needs no script
        tab.locator("a[data-axd-day='2026-01-27']").click()
        tab.wait_for_url(f"{base}digests/2026-01-27/")
    finally:
        context.close()


def test_field_works_after_instant_navigation_to_the_archive(page, sites):
    base = sites["material"]
    page.goto(base)
    page.evaluate("window.__axdSameDocument = true")
    page.locator(".axd-latest__all a").click()  # from the home page's latest days
    page.wait_for_url(f"{base}arxiv/archive/")
    page.locator("input[type=date]").fill("2026-01-22")
    page.get_by_role("button", name="Go").click()
    page.wait_for_url(f"{base}digests/2026-01-19/")
    assert page.evaluate("window.__axdSameDocument === true")
