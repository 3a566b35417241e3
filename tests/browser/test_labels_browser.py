"""The reading controls of a Chinese site in headless Chromium: texts from `data-axd-labels`
(with a site override), chips that still jump to their sections, and theme scripts that run on
every page (no heading id starts with a digit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_site, local_only, serve

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures"
DAY = "2026-02-03"
DOCS = {
    "index.md": "# Home\n",
    **{f"digests/{p.name}": p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.md")},
}
OPTIONS = {"watchlist": {"keywords": ["diffusion"], "authors": ["eve novak"]},
           "mute": {"keywords": ["tokenizer"], "authors": []},
           "labels": {"expanded": "详情都展开了"}}
THEMES = {
    "material": {"name": "material", "language": "zh", "font": False,
                 "features": ["navigation.instant"]},
    "mkdocs": {"name": "mkdocs", "locale": "zh_CN", "highlightjs": False},
}
ALL = 8


@pytest.fixture(scope="module")
def zh_sites(tmp_path_factory):
    """Base URL of each Chinese site by theme name, served by a local http.server."""
    root = tmp_path_factory.mktemp("www-zh")
    for name, theme in THEMES.items():
        # MkDocs' search would follow the theme to lunr.zh, which needs Node's nodejieba and
        # throws in a browser: not ours to test, so the index stays English.
        site = build_site(tmp_path_factory.mktemp(f"zh-{name}"), DOCS, {
            "site_dir": str(root / name), "theme": theme,
            "plugins": [{"search": {"lang": "en"}}, {"arxiv-digest": OPTIONS}]}, theme=name)
        assert site.warnings() == []
    with serve(root) as base:
        yield {name: f"{base}{name}/" for name in THEMES}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    context.set_default_timeout(5000)
    # Only the local server: the themes' CDN requests are not what this test is about.
    local_only(context)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and "net::ERR_FAILED" not in m.text
            and page.errors.append(m.text))
    yield page
    context.close()
    assert page.errors == []


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_controls_speak_chinese(page, zh_sites, theme):
    page.goto(zh_sites[theme] + f"digests/{DAY}/")
    page.wait_for_selector("[data-axd-controls]:not([hidden])")
    status = page.locator("[data-axd-status]")
    # The site mutes "tokenizer": one paper hidden, counted, one click away.
    expect(status).to_have_text(f"显示 {ALL - 1} / {ALL} 篇论文")
    expect(page.locator("[data-axd-muted-count]")).to_have_text("已隐藏 1 篇屏蔽的论文")
    page.get_by_role("button", name="显示它们").click()
    expect(status).to_have_text(f"显示 {ALL} / {ALL} 篇论文")
    expect(page.locator("[data-axd-muted-count]")).to_have_text("正在显示 1 篇屏蔽的论文")
    expect(page.locator("[data-axd-list=mute] [data-axd-list-count]")).to_have_text(
        "（1 项，本页 1 篇）")
    page.locator("[data-axd-filter]").press_sequentially("lantern")
    expect(status).to_have_text(f"显示 3 / {ALL} 篇论文")
    expect(page.locator("[data-axd-list=watchlist] [data-axd-list-count]")).to_have_text(
        "（2 项，本页 4 篇）")
    assert page.locator(".axd-watch-badge").first.get_attribute("title") == "在你的关注列表中"
    expect(page.locator("button.axd-bibtex").first).to_have_text("复制 BibTeX")
    page.click("button[data-axd-expand]")
    expect(page.locator("[data-axd-announce]")).to_have_text("详情都展开了")  # the override
    # The view toggle and the chips' toggles speak Chinese too.
    page.get_by_role("group", name="视图").get_by_role("button", name="紧凑").click()
    expect(page.locator("[data-axd-announce]")).to_have_text("紧凑视图")
    expect(page.get_by_role("button", name="只显示 cs.LG")).to_have_attribute("aria-pressed",
                                                                            "false")


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_chips_jump_to_their_sections(page, zh_sites, theme):
    page.goto(zh_sites[theme] + f"digests/{DAY}/")
    page.wait_for_selector("[data-axd-controls]:not([hidden])")
    chips = page.locator("a.axd-chip__jump")
    assert chips.count() >= 2
    last = chips.nth(chips.count() - 1)
    target = last.evaluate("a => a.hash.slice(1)")  # Material makes the href absolute
    last.click()
    page.wait_for_function(f"location.hash === '#{target}'")
    heading = page.locator(f"h2[id='{target}']")
    expect(heading).to_be_in_viewport()
    category = last.evaluate("a => a.parentElement.dataset.category")
    assert heading.inner_text().strip().rstrip("¶").strip() == category


def test_mkdocs_theme_script_runs_on_chinese_pages(page, zh_sites):
    # A Chinese date slugifies to digits (`2026121`), which the mkdocs theme's script cannot use
    # as a selector (mkdocs#3978); our headings get ids that start with a letter instead.
    for path in (f"digests/{DAY}/", "arxiv/categories/cs.LG/", "arxiv/archive/",
                 "arxiv/statistics/", "arxiv/authors/"):
        page.goto(zh_sites["mkdocs"] + path)
        page.wait_for_load_state("load")
        ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
        assert not [i for i in ids if i[:1].isdigit()], path


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_name_box_speaks_chinese(page, zh_sites, theme):
    page.goto(zh_sites[theme] + "arxiv/authors/")
    box = page.get_by_role("searchbox", name="查找作者")
    expect(box).to_have_attribute("placeholder", "姓名的任意部分")
    total = page.locator(".axd-authors > li").count()
    box.fill("novak")
    expect(page.locator("[data-axd-names-status]")).to_have_text(f"显示 1 / {total} 位作者")
    assert page.eval_on_selector_all(".axd-authors > li:not([hidden]) > strong",
                                     "els => els.map(e => e.textContent)") == ["Eve Novak"]
