"""The reading controls (assets/arxiv-digest.js) in a real headless Chromium.

Sites are built once per session (Material with instant navigation, and the mkdocs theme) into
folders served by one local http.server; each test gets a fresh browser context. Every test fails
on a console error, an uncaught exception, or a request to any host but the local server.

A generated 500-paper day (mkdocs_arxiv_digest.demo) is built too, for what only a long page
shows: how many titles the first screen holds in each view and width, the compact view kept in
the URL and across instant navigation, the mute list, the day keys and the author name box.
Screenshots for docs/screenshots/ come from docs/screenshots/make.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import build_site, local_only, serve

from mkdocs_arxiv_digest.bibtex import bibtex_entry
from mkdocs_arxiv_digest.demo import day_text
from mkdocs_arxiv_digest.parse import parse_digest

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures"
DAY = "2026-02-03"
DOCS = {
    "index.md": f"# Home\n\nRead [the latest day](digests/{DAY}.md).\n",
    **{f"digests/{p.name}": p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.md")},
}
WATCHLIST = {"keywords": ["diffusion"], "authors": ["eve novak"]}
PLUGINS = ["search", {"arxiv-digest": {"watchlist": WATCHLIST}}]
PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default",
     "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
     "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"}},
]
THEMES = {
    # `font: false` and `highlightjs: false`: the themes' own CDN requests would fail the
    # "no other host" check, which is about this plugin.
    "material": {"name": "material", "font": False, "palette": PALETTE,
                 "features": ["navigation.instant"]},
    "mkdocs": {"name": "mkdocs", "highlightjs": False},
}
# One more Material site, writing no .bib files: its cards carry their BibTeX in the page.
NO_BIB = "material-no-bib"
ALL = 8
CARDS = "article.axd-card"
VISIBLE = "article.axd-card:not([hidden])"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A local http.server on a free port; yields (root folder, base URL)."""
    root = tmp_path_factory.mktemp("www")
    with serve(root) as base:
        yield root, base


@pytest.fixture(scope="session")
def sites(server, tmp_path_factory):
    """Base URL of each built site by theme name."""
    root, base = server
    urls = {}
    for name, theme in THEMES.items():
        url = f"{base}{name}/"
        site = build_site(
            tmp_path_factory.mktemp(name),
            DOCS,
            {"site_url": url, "site_dir": str(root / name), "theme": theme, "plugins": PLUGINS},
            theme=name,
        )
        assert site.warnings() == []
        urls[name] = url
    url = f"{base}{NO_BIB}/"
    site = build_site(tmp_path_factory.mktemp(NO_BIB), DOCS, {
        "site_url": url, "site_dir": str(root / NO_BIB), "theme": THEMES["material"],
        "plugins": ["search", {"arxiv-digest": {"watchlist": WATCHLIST, "bibtex_files": False}}]})
    assert site.warnings() == []
    urls[NO_BIB] = url
    return urls


class Reader:
    """One browser context with error and request bookkeeping."""

    def __init__(self, browser, sites, **options):
        self.sites = sites
        self.errors: list[str] = []
        self.context = browser.new_context(**{"viewport": {"width": 1100, "height": 800},
                                              **options})
        self.context.set_default_timeout(5000)
        self.external = local_only(self.context)
        self.page = self.new_page()

    def new_page(self):
        page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self._error(page, m.text))
        page.on("pageerror", lambda e: self._error(page, str(e)))
        return page

    def _error(self, page, text: str) -> None:
        self.errors.append(text)

    def open(self, theme: str = "material", path: str = f"digests/{DAY}/", query: str = ""):
        self.page.goto(self.sites[theme] + path + query)
        if path.startswith("digests/"):
            self.page.wait_for_selector("[data-axd-controls]:not([hidden])")
        return self.page

    def status(self) -> str:
        return self.page.locator("[data-axd-status]").text_content()

    def visible_ids(self) -> list[str]:
        return self.page.eval_on_selector_all(VISIBLE, "els => els.map(e => e.id)")


@pytest.fixture
def reader(browser, sites):
    reader = Reader(browser, sites)
    yield reader
    reader.context.close()
    assert reader.errors == []
    assert reader.external == []


# -- filter ------------------------------------------------------------------------------------


def test_typing_narrows_and_highlights(reader):
    page = reader.open()
    assert reader.status() == f"{ALL} of {ALL} papers"
    page.locator("[data-axd-filter]").press_sequentially("lantern")
    expect(page.locator("[data-axd-status]")).to_have_text(f"3 of {ALL} papers")
    assert reader.visible_ids() == ["arxiv-2602.01001", "arxiv-2602.01005", "arxiv-math-0601001"]
    # Marks come from an IntersectionObserver (cards near the screen), so wait for them.
    expect(page.locator("mark.axd-hit")).to_have_count(7)
    marks = page.eval_on_selector_all("mark.axd-hit", "els => els.map(e => e.textContent)")
    assert {m.lower() for m in marks} == {"lantern"}
    assert page.locator("article.axd-card[hidden] mark").count() == 0
    # Marks split text nodes only: the title link keeps its text and target.
    title = page.locator("#arxiv-2602\\.01001 .axd-card__title a")
    assert title.text_content() == "Lantern Transformers for Long Documents"
    assert title.get_attribute("href") == "https://arxiv.org/abs/2602.01001"


def test_marks_follow_the_screen(browser, sites):
    # Only cards on or near the screen are highlighted, so long pages stay quick to filter.
    reader = Reader(browser, sites, viewport={"width": 1100, "height": 300})
    try:
        page = reader.open(query="?filter=lantern")
        far = page.locator("#arxiv-math-0601001 mark.axd-hit")
        expect(page.locator("[data-axd-status]")).to_have_text(f"3 of {ALL} papers")
        expect(far).to_have_count(0)
        page.locator("#arxiv-math-0601001").scroll_into_view_if_needed()
        expect(far).to_have_count(1)
    finally:
        reader.context.close()
    assert reader.errors == [] and reader.external == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("citation", ["arxiv-2602.01004"]),  # only in an abstract
        ("okafor", ["arxiv-2602.01008"]),  # an author
        ("greta solberg", ["arxiv-2602.01003"]),  # the 14th author, behind "2 more"
        ("lantern graphs", ["arxiv-math-0601001"]),  # every word must match
        ('"long documents"', ["arxiv-2602.01001"]),  # a phrase
        ("中文", ["arxiv-2602.01006"]),
        ("2602.01002", ["arxiv-2602.01002"]),  # the arXiv id
        ("<b>", []),  # text, never markup
    ],
)
def test_filter_fields(reader, query, expected):
    page = reader.open()
    page.fill("[data-axd-filter]", query)
    expect(page.locator("[data-axd-status]")).to_have_text(f"{len(expected)} of {ALL} papers")
    assert reader.visible_ids() == expected


def test_nonsense_shows_none_and_clearing_restores_all(reader):
    page = reader.open()
    page.fill("[data-axd-filter]", "zzqqxxyy")
    expect(page.locator("[data-axd-status]")).to_have_text(f"0 of {ALL} papers")
    assert page.locator(VISIBLE).count() == 0
    # Section headings with nothing left under them go too.
    assert page.locator("h2#cscl").is_hidden()
    page.fill("[data-axd-filter]", "")
    expect(page.locator("[data-axd-status]")).to_have_text(f"{ALL} of {ALL} papers")
    assert page.locator(VISIBLE).count() == ALL
    assert page.locator("mark").count() == 0
    assert page.locator("h2#cscl").is_visible()
    page.fill("[data-axd-filter]", "lantern")
    page.locator("[data-axd-filter]").press("Escape")
    expect(page.locator("[data-axd-status]")).to_have_text(f"{ALL} of {ALL} papers")


# -- toggles -----------------------------------------------------------------------------------


def test_category_toggles(reader):
    page = reader.open()
    lg = page.locator('button[data-axd-category="cs.LG"]')
    pr = page.locator('button[data-axd-category="math.PR"]')
    assert lg.get_attribute("aria-pressed") == "false"
    # The toggle is the check box half of the category's chip; the other half jumps.
    chip = page.locator('.axd-chip[data-category="cs.LG"]')
    assert chip.text_content().split() == ["cs.LG", "3"]
    expect(chip.locator("a")).to_have_attribute("href", re.compile(r"#cslg$"))
    expect(lg).to_have_accessible_name("Show only cs.LG")
    lg.click()
    expect(lg).to_have_attribute("aria-pressed", "true")
    assert reader.visible_ids() == ["arxiv-2602.01004", "arxiv-2602.01005", "arxiv-2602.01006"]
    assert reader.status() == f"3 of {ALL} papers"
    assert page.locator("h2#cscl").is_hidden() and page.locator("h2#cslg").is_visible()
    pr.click()
    assert reader.status() == f"5 of {ALL} papers"
    lg.click()
    expect(lg).to_have_attribute("aria-pressed", "false")
    assert reader.visible_ids() == ["arxiv-math-0601001", "arxiv-2602.01008"]
    # Categories and text combine.
    page.fill("[data-axd-filter]", "random")
    assert reader.visible_ids() == ["arxiv-math-0601001"]
    pr.click()
    page.fill("[data-axd-filter]", "")
    assert reader.status() == f"{ALL} of {ALL} papers"


def test_summary_toggle(reader):
    page = reader.open()
    toggle = page.locator("button[data-axd-summary]")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert reader.status() == f"6 of {ALL} papers"
    assert page.locator('article[data-summary="no"]:not([hidden])').count() == 0
    toggle.click()
    assert reader.status() == f"{ALL} of {ALL} papers"


def test_expand_and_collapse_all(reader):
    page = reader.open()
    details = page.locator("article.axd-card details.axd-card__details")
    assert details.count() == ALL
    page.click("button[data-axd-expand]")
    assert page.eval_on_selector_all("details.axd-card__details", "ds => ds.every(d => d.open)")
    assert page.locator(".axd-field--abstract").first.is_visible()
    page.click("button[data-axd-collapse]")
    assert page.eval_on_selector_all("details.axd-card__details", "ds => ds.every(d => !d.open)")
    # Details opened one by one (and "2 more" authors) are collapsed too.
    page.click("#arxiv-2602\\.01003 .axd-card__details > summary")
    page.click("#arxiv-2602\\.01003 .axd-card__more-authors > summary")
    page.click("#arxiv-2602\\.01005 .axd-card__details > summary")
    assert page.locator("article details[open]").count() == 3
    page.click("button[data-axd-collapse]")
    assert page.locator("article details[open]").count() == 0
    assert page.locator(".axd-field--abstract:visible").count() == 0
    # In the compact view, collapse all closes open rows as well.
    page.click('button[data-axd-view="compact"]')
    page.click("#arxiv-2602\\.01002 .axd-card__open")
    expect(page.locator("#arxiv-2602\\.01002 .axd-field--abstract")).to_be_visible()
    page.click("button[data-axd-expand]")
    assert page.locator("article.axd-card--open").count() == ALL
    page.click("button[data-axd-collapse]")
    assert page.locator("article.axd-card--open, article details[open]").count() == 0


def test_controls_are_named_and_in_focus_order(reader):
    page = reader.open()
    search = page.get_by_role("searchbox", name="Filter")
    expect(search).to_have_attribute("aria-keyshortcuts", "/")
    expect(page.get_by_role("status")).to_have_text(f"{ALL} of {ALL} papers")
    chips = page.get_by_role("navigation", name="Categories on this day")
    expect(chips.get_by_role("button", pressed=False)).to_have_count(3)
    expect(chips.get_by_role("link")).to_have_count(3)
    expect(page.get_by_role("group", name="View").get_by_role("button", pressed=True)).to_have_text(
        "Cards")
    expect(page.get_by_role("button", name="Only with AI summary", pressed=False)).to_be_visible()
    expect(page.get_by_role("button", name="Options")).to_be_hidden()  # a phone's fold only
    search.focus()
    names = []
    for _ in range(9):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert names == ["Cards", "Compact", "Only with AI summary", "Watchlist first", "Expand all",
                     "Collapse all", "Watchlist (2; 4 on this page)", "Mute (empty)", "Keys"]
    # Before the filter: the chips, biggest category first (ties keep the digest's order),
    # each a link and a toggle.
    search.focus()
    back = []
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
        back.append(page.evaluate("[document.activeElement.tagName, "
                                  "document.activeElement.getAttribute('aria-label') || "
                                  "document.activeElement.textContent.trim()]"))
    assert back == [["BUTTON", "Show only math.PR"], ["A", "math.PR 2"],
                    ["BUTTON", "Show only cs.LG"], ["A", "cs.LG 3"],
                    ["BUTTON", "Show only cs.CL"], ["A", "cs.CL 3"]]
    search.focus()
    for _ in range(7):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # opens the watchlist disclosure
    page.keyboard.press("Tab")
    expect(page.get_by_role("textbox", name="Keyword or author")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")  # Collapse all, from the keyboard
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # Expand all
    assert page.eval_on_selector_all("details.axd-card__details", "ds => ds.every(d => d.open)")


def test_dark_scheme_uses_theme_colours(browser, sites):
    reader = Reader(browser, sites, color_scheme="dark")
    try:
        page = reader.open()
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        colours = page.evaluate("""() => {
            const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
            return [css("[data-axd-filter]", "backgroundColor"), css("body", "backgroundColor"),
                    css("[data-axd-filter]", "color"),
                    css(".axd-toggle[aria-pressed=false]", "color")];
        }""")
        field, body, text, button = colours
        assert field == body  # the filter sits on the page colour, not on white
        assert text == button and text != "rgb(0, 0, 0)"
    finally:
        reader.context.close()
    assert reader.errors == [] and reader.external == []


# -- URL state ---------------------------------------------------------------------------------


def test_state_survives_reload_and_is_shareable(reader):
    page = reader.open()
    page.fill("[data-axd-filter]", "lantern")
    page.click('button[data-axd-category="cs.LG"]')
    page.click("button[data-axd-summary]")
    page.wait_for_url("**/?filter=lantern&cat=cs.LG&ai=1")
    page.reload()
    page.wait_for_selector("[data-axd-controls]:not([hidden])")
    assert page.input_value("[data-axd-filter]") == "lantern"
    lg = page.locator('button[data-axd-category="cs.LG"]')
    expect(lg).to_have_attribute("aria-pressed", "true")
    expect(page.locator("button[data-axd-summary]")).to_have_attribute("aria-pressed", "true")
    assert reader.visible_ids() == ["arxiv-2602.01005"]
    # A shared link opens in the same state, and Material's search (which owns `?q=`) stays shut.
    other = reader.new_page()
    other.goto(reader.sites["material"] + f"digests/{DAY}/?filter=random&cat=math.PR&cat=nope")
    expect(other.locator("[data-axd-status]")).to_have_text(f"1 of {ALL} papers")
    assert not other.is_checked("[data-md-toggle=search]")
    # Clearing everything leaves a clean URL.
    page.fill("[data-axd-filter]", "")
    page.click('button[data-axd-category="cs.LG"]')
    page.click("button[data-axd-summary]")
    page.wait_for_url(reader.sites["material"] + f"digests/{DAY}/")


# -- keyboard ----------------------------------------------------------------------------------


def current(page) -> list[str]:
    return page.eval_on_selector_all(".axd-card--current", "els => els.map(e => e.id)")


def test_slash_focuses_the_filter_not_material_search(reader):
    page = reader.open()
    page.keyboard.press("/")
    expect(page.locator("[data-axd-filter]")).to_be_focused()
    assert page.input_value("[data-axd-filter]") == ""  # the key itself is not typed
    assert not page.is_checked("[data-md-toggle=search]")
    page.keyboard.press("Escape")  # leaves the (empty) box
    expect(page.locator("[data-axd-filter]")).not_to_be_focused()
    # Material's other search keys still work.
    page.keyboard.press("s")
    expect(page.locator("[data-md-toggle=search]")).to_be_checked()


def test_slash_focuses_the_filter_not_mkdocs_help(reader):
    page = reader.open("mkdocs", "digests/2026-02-01/")
    page.keyboard.press("/")
    expect(page.locator("[data-axd-filter]")).to_be_focused()
    assert page.locator("#mkdocs_keyboard_modal.show").count() == 0
    page.keyboard.press("Escape")
    # The theme's own key for its help dialog (`?`, the same key with shift) still works.
    page.keyboard.press("Shift+?")
    expect(page.locator("#mkdocs_keyboard_modal")).to_have_class(re.compile(r"\bshow\b"))


def test_mkdocs_theme_script_runs_on_our_pages(browser, sites):
    # The mkdocs theme's script breaks on heading ids that start with a digit (mkdocs#3978):
    # our day headings spell the day out, so their ids start with a letter.
    context = browser.new_context()
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in (f"digests/{DAY}/", "arxiv/categories/cs.LG/", "arxiv/archive/"):
        page.goto(sites["mkdocs"] + path)
        page.wait_for_load_state("load")
    context.close()
    assert errors == []


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_j_k_x_o(reader, theme):
    page = reader.open(theme)
    page.keyboard.press("j")
    assert current(page) == ["arxiv-2602.01001"]
    expect(page.locator("#arxiv-2602\\.01001")).to_be_focused()
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert current(page) == ["arxiv-2602.01003"]
    page.keyboard.press("k")
    assert current(page) == ["arxiv-2602.01002"]
    details = page.locator("#arxiv-2602\\.01002 details.axd-card__details")
    page.keyboard.press("x")
    expect(details).to_have_attribute("open", "")
    page.keyboard.press("x")
    expect(details).not_to_have_attribute("open", "")
    # j and k skip hidden cards.
    page.click("button[data-axd-summary]")
    page.keyboard.press("j")
    assert current(page) == ["arxiv-2602.01004"]
    with reader.context.expect_page() as opened:
        page.keyboard.press("o")
    opened.value.wait_for_load_state()
    # The new tab asked for the abs page (aborted here: tests never leave the local server).
    assert reader.external == ["https://arxiv.org/abs/2602.01004"]
    reader.external.clear()
    opened.value.close()


def test_instant_navigation_sets_up_once(reader):
    page = reader.open(path="")
    page.evaluate("window.__sameDocument = true")
    page.click(f".md-content a[href$='digests/{DAY}/']")
    page.wait_for_selector("[data-axd-controls]:not([hidden])")
    assert page.evaluate("window.__sameDocument") is True  # no full reload: instant navigation
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert current(page) == ["arxiv-2602.01002"]
    # Away to the previous day (another digest) and back again, still without reloading.
    page.click("a.axd-daynav__prev")
    # Material changes the URL first and swaps the content later: wait for the new cards.
    page.wait_for_selector("#arxiv-2602\\.00901")
    page.wait_for_selector("[data-axd-controls]:not([hidden])")
    page.keyboard.press("j")
    assert current(page) == ["arxiv-2602.00901"]
    page.click("a.axd-daynav__next")
    page.wait_for_selector("#arxiv-2602\\.01001")
    page.wait_for_selector("[data-axd-controls]:not([hidden])")
    assert page.evaluate("window.__sameDocument") is True
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert current(page) == ["arxiv-2602.01002"]  # one card per press: one listener
    page.locator("[data-axd-filter]").press_sequentially("graph")
    expect(page.locator("[data-axd-status]")).to_have_text(f"2 of {ALL} papers")
    assert page.locator("article.axd-card:not([hidden]) .axd-watch-badge").count() == 2


# -- watchlist ---------------------------------------------------------------------------------


def watched(page) -> list[str]:
    return page.eval_on_selector_all("article.axd-card--watched", "els => els.map(e => e.id)")


def test_watchlist_defaults_reader_entries_and_sorting(reader):
    page = reader.open()
    # Site defaults: "diffusion" (title, and "heat-diffusion" in an abstract); Eve Novak, in any
    # case. Document order.
    defaults = ["arxiv-2602.01004", "arxiv-2602.01005", "arxiv-math-0601001", "arxiv-2602.01008"]
    assert watched(page) == defaults
    page.click("[data-axd-list=watchlist] > summary")
    page.fill("[data-axd-list=watchlist] form input[name=term]", "Tokenizer")
    page.press("[data-axd-list=watchlist] form input[name=term]", "Enter")
    expect(page.locator("#arxiv-2602\\.01003")).to_have_class("axd-card axd-card--watched")
    page.fill("[data-axd-list=watchlist] form input[name=term]", "zhang san")
    page.select_option("[data-axd-list=watchlist] form select", "authors")
    page.click("[data-axd-list=watchlist] form button[type=submit]")
    assert "arxiv-2602.01006" in watched(page)
    stored = page.evaluate("JSON.parse(localStorage.getItem('arxiv-digest.watchlist'))")
    assert stored == {"keywords": ["Tokenizer"], "authors": ["zhang san"]}
    # Kept across page views.
    page.reload()
    assert len(watched(page)) == 6
    order = page.eval_on_selector_all(CARDS, "els => els.map(e => e.id)")
    page.click("button[data-axd-watch-first]")
    box = page.eval_on_selector_all(".axd-watched article", "els => els.map(e => e.id)")
    assert box == [i for i in order if i in watched(page)]
    assert page.eval_on_selector_all(CARDS, "els => els.map(e => e.id)")[: len(box)] == box
    page.keyboard.press("j")
    assert current(page) == [box[0]]  # j follows the new order
    # A card watched later joins the block in page order (Omar Haddad is on the first card).
    page.click("[data-axd-list=watchlist] > summary")
    page.fill("[data-axd-list=watchlist] form input[name=term]", "Omar Haddad")
    page.select_option("[data-axd-list=watchlist] form select", "authors")
    page.press("[data-axd-list=watchlist] form input[name=term]", "Enter")
    box = page.eval_on_selector_all(".axd-watched article", "els => els.map(e => e.id)")
    assert box == [i for i in order if i in watched(page)] and len(box) == 7
    page.click("button[data-axd-watch-first]")
    assert page.eval_on_selector_all(CARDS, "els => els.map(e => e.id)") == order
    assert page.locator(".axd-watched").count() == 0
    # Reader entries can be removed; the site's cannot.
    page.click('button[aria-label="Remove Tokenizer from the watchlist"]')
    assert "arxiv-2602.01003" not in watched(page)
    assert page.locator(".axd-terms__item--site button").count() == 0


# -- BibTeX --------------------------------------------------------------------------------------


@pytest.mark.parametrize("site", ["material", NO_BIB])
def test_copy_bibtex(browser, sites, site):
    # From the day's .bib file (fetched on first use), or from the page when the site writes
    # no .bib files.
    reader = Reader(browser, sites, permissions=["clipboard-read", "clipboard-write"])
    fetched = []
    reader.context.on("request", lambda r: r.url.endswith(".bib") and fetched.append(r.url))
    try:
        page = reader.open(site)
        inline = page.locator(".axd-head").get_attribute("data-axd-bibtex")
        assert (inline is None) == (site != NO_BIB)
        assert page.locator("article .axd-bibtex").count() == ALL
        button = page.locator("#arxiv-2602\\.01002 .axd-bibtex")
        expect(button).to_be_visible()
        button.click()
        expect(button).to_have_class("axd-bibtex axd-bibtex--copied")
        text = page.evaluate("navigator.clipboard.readText()")
        paper = parse_digest(DOCS[f"digests/{DAY}.md"], "x.md").papers[1]
        assert text == bibtex_entry(paper)
        assert text.startswith("@misc{arxiv2602.01002,\n  title = {Braces \\textbraceleft{}and")
        assert "100\\% Specials \\& Co\\_op \\#1" in text
        assert "author = {Zoë Ångström and {Research and Development Team}}" in text
        expect(page.locator("[data-axd-announce]")).to_have_text("BibTeX copied to the clipboard")
        # An old-style id finds its entry too, and the file is read once.
        page.locator("#arxiv-math-0601001 .axd-bibtex").click()
        expect(page.locator("#arxiv-math-0601001 .axd-bibtex")).to_have_class(
            "axd-bibtex axd-bibtex--copied")
        assert page.evaluate("navigator.clipboard.readText()").startswith(
            "@misc{arxivmath-0601001,")
        assert fetched == ([] if site == NO_BIB else [f"{sites[site]}arxiv/bib/{DAY}.bib"])
    finally:
        reader.context.close()
    assert reader.errors == [] and reader.external == []


# -- without JavaScript, other themes, small screens --------------------------------------------


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_without_javascript_every_card_shows(browser, sites, theme):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(sites[theme] + f"digests/{DAY}/")
        assert page.locator(CARDS).count() == ALL
        for index in range(ALL):
            expect(page.locator(CARDS).nth(index)).to_be_visible()
        assert page.locator(".axd-controls").is_hidden()
        assert page.locator(".axd-bibtex").first.is_hidden()
        # The chips are plain jump links; their toggles wait for the script.
        assert page.locator("a.axd-chip__jump").count() == 3
        assert page.locator("button.axd-chip__only").first.is_hidden()
        assert "axd-compact" not in (page.get_attribute("html", "class") or "")
        expect(page.locator("#arxiv-2602\\.01001 .axd-card__tldr")).to_be_visible()
    finally:
        context.close()


def test_mkdocs_theme_filter_and_toggles(reader):
    page = reader.open("mkdocs")
    page.locator("[data-axd-filter]").press_sequentially("lantern")
    expect(page.locator("[data-axd-status]")).to_have_text(f"3 of {ALL} papers")
    page.click('button[data-axd-category="math.PR"]')
    assert reader.visible_ids() == ["arxiv-math-0601001"]
    expect(page.locator("mark.axd-hit")).to_have_count(1)


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_phone_width(browser, sites, theme):
    reader = Reader(browser, sites, viewport={"width": 375, "height": 740}, is_mobile=True,
                    has_touch=True)
    try:
        page = reader.open(theme)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        controls = page.locator("[data-axd-controls]").bounding_box()
        assert controls["x"] >= 0 and controls["x"] + controls["width"] <= 375
        page.locator("[data-axd-filter]").fill("lantern")
        expect(page.locator("[data-axd-status]")).to_have_text(f"3 of {ALL} papers")
        # The toolbar folds behind "Options" on a phone.
        more = page.get_by_role("button", name="Options")
        expect(more).to_have_attribute("aria-expanded", "false")
        expect(page.locator("button[data-axd-summary]")).to_be_hidden()
        more.click()
        expect(more).to_have_attribute("aria-expanded", "true")
        page.locator("[data-axd-filter]").fill("")
        page.locator("button[data-axd-summary]").click()
        expect(page.locator("[data-axd-status]")).to_have_text(f"6 of {ALL} papers")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        reader.context.close()
    assert reader.errors == [] and reader.external == []


# -- a 500-paper day -----------------------------------------------------------------------------

BIG_DAYS = [dt.date(2026, 7, 1) + dt.timedelta(days=n) for n in range(3)]
BIG_TEXTS = {day: day_text(day, 500, seed=14) for day in BIG_DAYS}
BIG_PAPERS = parse_digest(BIG_TEXTS[BIG_DAYS[1]], "x.md").papers
# The site mutes the busiest author of the middle day by default.
BIG_MUTED = Counter(a for p in BIG_PAPERS for a in p.authors).most_common(1)[0][0]
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="session")
def big(server, tmp_path_factory):
    """Base URL of a Material site (instant navigation) with three 500-paper days."""
    root, base = server
    url = f"{base}big/"
    docs = {"index.md": "# Home\n",
            **{f"digests/{day}.md": text for day, text in BIG_TEXTS.items()}}
    site = build_site(tmp_path_factory.mktemp("big"), docs, {
        "site_url": url, "site_dir": str(root / "big"), "theme": THEMES["material"],
        "plugins": ["search", {"arxiv-digest": {"mute": {"authors": [BIG_MUTED]}}}]})
    assert site.warnings() == []
    return {"material": url}


def big_reader(browser, big, screen="desktop"):
    phone = screen == "phone"
    reader = Reader(browser, big, viewport=SCREENS[screen], is_mobile=phone, has_touch=phone)
    reader.context.set_default_timeout(20000)  # 1.7 MB pages on a busy machine
    return reader


def titles_on_screen(page) -> list[str]:
    """Ids of the cards whose title lies wholly on screen, below Material's fixed header."""
    return page.evaluate("""() => {
        const top = document.querySelector(".md-header").getBoundingClientRect().bottom;
        return [...document.querySelectorAll("article.axd-card:not([hidden])")].filter(card => {
            const r = card.querySelector(".axd-card__title").getBoundingClientRect();
            return r.height > 0 && r.top >= top && r.bottom <= innerHeight;
        }).map(card => card.id);
    }""")


@pytest.mark.parametrize("screen", ["desktop", "phone"])
@pytest.mark.parametrize("view", ["cards", "compact"])
def test_first_screen_shows_papers(browser, big, screen, view):
    reader = big_reader(browser, big, screen)
    try:
        page = reader.open(path=f"digests/{BIG_DAYS[1]}/", query=f"?view={view}")
        expect(page.locator(".axd-compact")).to_have_count(1 if view == "compact" else 0)
        shown = titles_on_screen(page)
        first = page.locator("article.axd-card").first.get_attribute("id")
        print(f"\n{view} view at {SCREENS[screen]['width']}x{SCREENS[screen]['height']}: "
              f"{len(shown)} titles in the first screen")
        assert shown[:1] == [first]  # the first paper's title, without scrolling
        if view == "compact" and screen == "desktop":
            assert len(shown) >= 12
        assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
    finally:
        reader.context.close()
    assert reader.errors == [] and reader.external == []


def test_compact_rows_open_and_keep_the_tools(browser, big):
    reader = big_reader(browser, big)
    try:
        page = reader.open(path=f"digests/{BIG_DAYS[1]}/", query="?view=compact")
        row = page.locator("article.axd-card").nth(2)
        box = row.bounding_box()
        assert box["height"] < 50  # two lines: title line and TL;DR line
        expect(row.locator(".axd-card__details")).to_be_hidden()
        expect(row.locator(".axd-card__title a")).to_be_visible()
        expect(row.locator(".axd-badge").first).to_be_visible()
        # A click on the row (not on a link) opens the whole card, abstract included.
        row.locator(".axd-card__tldr, .axd-card__tldr--missing").first.click()
        expect(row).to_have_class(re.compile(r"\baxd-card--open\b"))
        expect(row.locator(".axd-field--abstract")).to_be_visible()
        expect(row.locator(".axd-card__open")).to_have_attribute("aria-expanded", "true")
        assert row.bounding_box()["height"] > 2 * box["height"]
        row.locator(".axd-card__open").click()
        expect(row.locator(".axd-card__details")).to_be_hidden()
        # j and x work on rows: x opens the current one.
        page.keyboard.press("j")
        page.keyboard.press("x")
        current_row = page.locator(".axd-card--current")
        expect(current_row).to_have_class(re.compile(r"\baxd-card--open\b"))
        page.keyboard.press("x")
        expect(current_row).not_to_have_class(re.compile(r"\baxd-card--open\b"))
        # Watchlist stars show on the rows.
        page.click("[data-axd-list=watchlist] > summary")
        page.fill("[data-axd-list=watchlist] input[name=term]", "benchmark")
        page.press("[data-axd-list=watchlist] input[name=term]", "Enter")
        starred = page.locator("article.axd-card--watched").first
        expect(starred.locator(".axd-watch-badge")).to_be_visible()
        expect(starred.locator(".axd-watch-badge")).to_have_text("★ benchmark")
        # The filter and its highlight work the same.
        word = BIG_PAPERS[0].title.split()[0]
        page.fill("[data-axd-filter]", word)
        expect(page.locator("article.axd-card:not([hidden]) mark.axd-hit").first).to_be_visible()
    finally:
        reader.context.close()
    assert reader.errors == [] and reader.external == []


def test_view_is_kept_in_url_storage_and_instant_navigation(browser, big):
    reader = big_reader(browser, big)
    try:
        middle = f"digests/{BIG_DAYS[1]}/"
        page = reader.open(path=middle)
        assert "axd-compact" not in page.get_attribute("html", "class")
        page.keyboard.press("v")  # or the toolbar's button
        page.wait_for_url(f"**/{middle}?view=compact")
        expect(page.locator('button[data-axd-view="compact"]')).to_have_attribute(
            "aria-pressed", "true")
        page.reload()
        page.wait_for_selector("[data-axd-controls]:not([hidden])")
        assert "axd-compact" in page.get_attribute("html", "class")
        page.evaluate("window.__sameDocument = true")
        # To the next day with Material's instant navigation: still compact, and the URL says so.
        page.click("a.axd-daynav__next")
        page.wait_for_url(f"**/digests/{BIG_DAYS[2]}/?view=compact")
        page.wait_for_selector(f"a.axd-daynav__prev[href$='{BIG_DAYS[1]}/']")
        assert page.evaluate("window.__sameDocument") is True
        assert "axd-compact" in page.get_attribute("html", "class")
        # A fresh visit without ?view= remembers the choice; ?view=cards wins and is kept.
        other = reader.new_page()
        other.goto(reader.sites["material"] + f"digests/{BIG_DAYS[0]}/")
        other.wait_for_url(f"**/digests/{BIG_DAYS[0]}/?view=compact")
        other.goto(reader.sites["material"] + f"digests/{BIG_DAYS[0]}/?view=cards")
        other.wait_for_selector("[data-axd-controls]:not([hidden])")
        assert "axd-compact" not in (other.get_attribute("html", "class") or "")
        assert other.evaluate("localStorage.getItem('arxiv-digest.view')") == "cards"
        # Pages other than digests keep their own look.
        page.click("a.md-logo")
        page.wait_for_url(reader.sites["material"])
        page.wait_for_selector(".md-content h1:text('Home')")
        assert page.evaluate("window.__sameDocument") is True
        expect(page.locator("html.axd-compact")).to_have_count(0)
    finally:
        reader.context.close()
    assert reader.errors == [] and reader.external == []


def test_bracket_keys_go_to_the_previous_and_next_day(browser, big):
    reader = big_reader(browser, big)
    try:
        page = reader.open(path=f"digests/{BIG_DAYS[1]}/")
        page.evaluate("window.__sameDocument = true")
        page.keyboard.press("[")
        page.wait_for_url(f"**/digests/{BIG_DAYS[0]}/")
        page.wait_for_selector(f"a.axd-daynav__next[href$='{BIG_DAYS[1]}/']")
        page.keyboard.press("[")  # the first day has no previous day: nothing happens
        page.keyboard.press("]")
        page.wait_for_url(f"**/digests/{BIG_DAYS[1]}/")
        page.wait_for_selector(f"a.axd-daynav__next[href$='{BIG_DAYS[2]}/']")
        page.keyboard.press("]")
        page.wait_for_url(f"**/digests/{BIG_DAYS[2]}/")
        assert page.evaluate("window.__sameDocument") is True  # instant navigation took them
        # Not while typing in the filter.
        page.wait_for_selector(f"a.axd-daynav__prev[href$='{BIG_DAYS[1]}/']")
        page.locator("[data-axd-filter]").press_sequentially("[x")
        assert page.input_value("[data-axd-filter]") == "[x"
        page.wait_for_url(f"**/digests/{BIG_DAYS[2]}/?filter=%5Bx")  # still on the same day
    finally:
        reader.context.close()
    assert reader.errors == [] and reader.external == []


def card_ids_with(page, script: str) -> set[str]:
    """Ids of the day's cards for which the JavaScript predicate ``script`` (over the card
    element) holds: counted from the DOM, independently of the reading script's own matching."""
    return set(page.eval_on_selector_all("article.axd-card", f"els => els.filter({script})"
                                         ".map(e => e.id)"))


def test_mute_hides_counts_and_shows_them(browser, big):
    reader = big_reader(browser, big)
    try:
        page = reader.open(path=f"digests/{BIG_DAYS[1]}/")
        total = len(BIG_PAPERS)
        # The site's default: one author, matched by full name.
        by_author = card_ids_with(page, "e => [...e.querySelectorAll('.axd-author')]"
                                        f".some(a => a.textContent === {BIG_MUTED!r})")
        assert len(by_author) >= 2
        note = page.locator("[data-axd-muted]")
        expect(note).to_contain_text(f"{len(by_author)} muted papers hidden")
        expect(page.locator("[data-axd-status]")).to_have_text(
            f"{total - len(by_author)} of {total} papers")
        assert set(page.eval_on_selector_all("article.axd-card[hidden]", "els => els.map(e => e.id)"
                                             )) == by_author
        # A reader's keyword joins it.
        page.click("[data-axd-list=mute] > summary")
        page.fill("[data-axd-list=mute] input[name=term]", "benchmark")
        page.press("[data-axd-list=mute] input[name=term]", "Enter")
        by_word = card_ids_with(page, "e => /(?<![\\p{L}\\p{N}])benchmark/iu.test(e.textContent)")
        assert by_word and not by_word <= by_author
        muted = by_author | by_word
        expect(note).to_contain_text(f"{len(muted)} muted papers hidden")
        expect(page.locator("[data-axd-status]")).to_have_text(
            f"{total - len(muted)} of {total} papers")
        assert page.evaluate("JSON.parse(localStorage.getItem('arxiv-digest.mute'))") == {
            "keywords": ["benchmark"], "authors": []}
        # One click shows them (dimmed), one more hides them again.
        page.get_by_role("button", name="Show them").click()
        expect(page.locator("[data-axd-status]")).to_have_text(f"{total} of {total} papers")
        expect(note).to_contain_text(f"{len(muted)} muted papers shown")
        assert page.locator("article.axd-card--muted").count() == len(muted)
        page.get_by_role("button", name="Hide them").click()
        expect(page.locator("[data-axd-status]")).to_have_text(
            f"{total - len(muted)} of {total} papers")
        # The watchlist wins: a watched paper is never hidden by the mute list.
        page.click("[data-axd-list=watchlist] > summary")
        page.fill("[data-axd-list=watchlist] input[name=term]", BIG_MUTED)
        page.select_option("[data-axd-list=watchlist] select", "authors")
        page.press("[data-axd-list=watchlist] input[name=term]", "Enter")
        kept = muted - by_author
        expect(page.locator("[data-axd-status]")).to_have_text(
            f"{total - len(kept)} of {total} papers")
        # Kept across visits, as the watchlist is.
        page.reload()
        page.wait_for_selector("[data-axd-controls]:not([hidden])")
        expect(note).to_contain_text(f"{len(kept)} muted papers hidden")
        # Removing the reader's keyword brings its papers back; the site's entry stays.
        page.click("[data-axd-list=mute] > summary")
        page.click('button[aria-label="Remove benchmark from the mute list"]')
        expect(note).to_be_hidden()
        assert page.locator("[data-axd-list=mute] .axd-terms__item--site").count() == 1
    finally:
        reader.context.close()
    assert reader.errors == [] and reader.external == []


def test_name_box_finds_a_surname(browser, big):
    # 500 papers a day give more than 600 authors: the index is split by initial, and the
    # name box reads the other initials' pages of this site.
    reader = big_reader(browser, big)
    try:
        name = next(a for p in BIG_PAPERS for a in p.authors if len(a.split()) == 3)
        surname = name.split()[-1]
        expected = sorted({a for p in BIG_PAPERS for a in p.authors
                           if surname.lower() in a.lower()})
        page = reader.open(path="arxiv/authors/")
        assert page.locator(".axd-initials a").count() > 3
        box = page.get_by_role("searchbox", name="Find an author")
        box.fill(surname.lower())
        results = page.locator(".axd-names__results a")
        expect(results.first).to_be_visible()
        found = results.evaluate_all("els => els.map(e => e.textContent)")
        assert set(expected) <= set(found)
        assert all(surname.lower() in f.lower() for f in found)
        # A result lands on the author's entry (opened as a fresh page: how Material's instant
        # navigation scrolls to an anchor is Material's business).
        href = results.filter(has_text=name).first.get_attribute("href")
        assert re.search(r"/arxiv/authors/[^/]+/#author-", href)
        page.goto(href)
        page.wait_for_selector("[data-axd-names]:not([hidden])")
        entry = page.locator(f"li[id='{href.split('#')[1]}']")
        expect(entry).to_be_in_viewport()
        assert entry.locator("strong").text_content() == name
        # On an initial's page, its own entries are filtered in place.
        box = page.get_by_role("searchbox", name="Find an author")
        box.fill(name.split()[0])
        visible = page.eval_on_selector_all(".axd-authors > li:not([hidden]) > strong",
                                            "els => els.map(e => e.textContent)")
        assert name in visible
        assert all(name.split()[0].lower() in v.lower() for v in visible)
        assert page.locator(".axd-authors > li[hidden]").count() > 0
        box.press("Escape")
        assert page.locator(".axd-authors > li[hidden]").count() == 0
    finally:
        reader.context.close()
    assert reader.errors == [] and reader.external == []
