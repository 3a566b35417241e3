"""Labels in the theme's language (English, Chinese), overridable per site; dates per language."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import broken_links, build_site, card_html, fixture_text
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_arxiv_digest.demo import generate_archive
from mkdocs_arxiv_digest.labels import (
    DATE_FIELDS,
    JS_KEYS,
    Labels,
    check_overrides,
    fields,
    labels_for,
    language_of,
)
from mkdocs_arxiv_digest.parse import parse_digest
from mkdocs_arxiv_digest.render import Renderer
from mkdocs_arxiv_digest.views import DayPage

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mkdocs_arxiv_digest"
CATALOGUE = yaml.safe_load((PACKAGE / "data/labels.yml").read_text(encoding="utf-8"))
EN, ZH = CATALOGUE["en"], CATALOGUE["zh"]
DOCS = {
    "index.md": "# Home\n",
    "digests/2026-01-05.md": fixture_text("2026-01-05.md"),
    "digests/2026-01-06.md": fixture_text("2026-01-06.md"),
}
ZH_THEME = {"theme": {"name": "material", "language": "zh"}}


def _text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _headings(soup, names: str = "h1, h2") -> list[tuple[str, str]]:
    article = soup.select_one("article.md-content__inner, [role=main]")
    return [(h.get("id", ""), h.get_text(strip=True).rstrip("¶"))
            for h in article.select(names)]


# -- the texts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code, language", [
    ("zh", "zh"), ("zh_CN", "zh"), ("zh-Hans", "zh"), ("zh_TW", "zh"), ("zh_Hans_CN", "zh"),
    ("ZH", "zh"), ("en", "en"), ("fr", "en"), ("", "en"), (None, "en"),
])
def test_language_from_theme_code(code, language):
    assert language_of(code) == language
    assert labels_for(code).language == language


def test_every_language_has_every_text():
    assert set(ZH) <= set(EN)
    assert {key for key in EN if not key.endswith("_one")} <= set(ZH)
    for key, text in ZH.items():
        if isinstance(EN[key], list):
            assert isinstance(text, list) and len(text) == len(EN[key]), key
        else:
            extra = DATE_FIELDS if key.startswith("date_") else set()
            assert fields(text) <= fields(EN[key]) | extra, key
    for key in EN:
        if key.endswith("_one"):
            assert key[: -len("_one")] in EN, key


def test_keys_do_not_hide_methods_and_are_all_used():
    members = {name for name in dir(Labels) if not name.startswith("_")} | {"language", "js"}
    assert not members & set(EN)
    sources = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*")
                        if p.suffix in {".py", ".html", ".js"})
    unused = [key for key in EN if not key.endswith("_one")
              and not any(f"{a}{key}{b}" in sources for a, b in
                          (("labels.", ""), ('"', '"'), ("'", "'")))]
    assert unused == []
    assert set(JS_KEYS) <= set(EN)


def test_script_fallbacks_are_the_english_texts():
    script = (PACKAGE / "assets/arxiv-digest.js").read_text(encoding="utf-8")
    block = script.split("const TEXTS = {", 1)[1].split("\n  };", 1)[0]
    fallbacks = dict(re.findall(r'^\s*(\w+): "(.*)",$', block, re.M))
    assert fallbacks == {key: EN[key] for key in JS_KEYS}


def test_dates_counts_and_markup():
    day = dt.date(2026, 1, 21)
    en, zh = labels_for("en"), labels_for("zh")
    assert en.long_date(day) == "Wednesday, 21 January 2026"
    assert zh.long_date(day) == "2026年1月21日 星期三"
    assert (en.month(day), zh.month(day)) == ("January 2026", "2026年1月")
    assert (en["weekdays_short"][day.weekday()], zh["weekdays_short"][day.weekday()]) == (
        "Wed", "周三")  # the calendar's column heads
    assert (en.count(1, "papers"), en.count(2, "papers")) == ("1 paper", "2 papers")
    assert (zh.count(1, "papers"), zh.count(2, "papers")) == ("1 篇论文", "2 篇论文")
    assert en.text("shown_of", 1, shown=0) == "0 of 1 paper"
    assert str(en.html("also_on", days="<b>")) == "Also on &lt;b&gt;."
    assert "shown_of_one" not in zh.js and zh.js["shown_of"] == "显示 {shown} / {n} 篇论文"


def test_overrides_are_checked():
    assert check_overrides({"tldr": "Summary", "date_long": "{year}-{month_number}"}) == {
        "tldr": "Summary", "date_long": "{year}-{month_number}"}
    labels = labels_for("zh", {"tldr": "一句话总结", "months": [str(i) for i in range(1, 13)]})
    assert labels.tldr == "一句话总结" and labels.month(dt.date(2026, 3, 1)) == "2026年3"
    for bad, message in [
        ({"tl_dr": "x"}, "unknown label(s) tl_dr"),
        ({"tldr": 3}, "label 'tldr' must be a text"),
        ({"papers": "{count} papers"}, "label 'papers' uses {count}; it may use: {n}"),
        ({"papers": "{n papers"}, "label 'papers'"),
        ({"weekdays": ["Mo"]}, "label 'weekdays' must be a list of 7 texts"),
    ]:
        with pytest.raises(ValueError, match=re.escape(message)):
            check_overrides(bad)


def test_texts_are_escaped_like_everything_else():
    digest = parse_digest(fixture_text("2026-01-05.md"), "2026-01-05.md")
    labels = labels_for("en", {"tldr": "<i>TL</i>", "watch_empty": "it's <b>"})
    renderer = Renderer(labels=labels)
    assert '<b class="axd-label">&lt;i&gt;TL&lt;/i&gt;</b>' in card_html(digest.papers[0],
                                                                         labels=labels)
    head = renderer.head(DayPage("2026-01-05.md", digest, (), None, None, {}))
    assert "it\\u0027s \\u003cb\\u003e" in head and "<b>" not in head


def test_configuration_page_lists_every_label():
    page = (ROOT / "docs/configuration.md").read_text(encoding="utf-8")
    section = page.split("### labels", 1)[1].split("\n## ", 1)[0]
    rows = dict(
        (m.group(1), (m.group(2), m.group(3)))
        for m in re.finditer(r"^\| `(\w+)` \| (.*?) \| (.*?) \|$", section, re.M)
    )

    def cell(value) -> str:
        if value is None:
            return "—"
        value = ", ".join(value) if isinstance(value, list) else value
        return f"`{value}`" if value else "*(empty)*"

    assert list(rows) == list(EN)
    for key, text in EN.items():
        assert rows[key] == (cell(text), cell(ZH.get(key))), key


# -- configuration -----------------------------------------------------------------------------


def test_bad_label_fails_config_validation(tmp_path, caplog):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Bad", "plugins": [{"arxiv-digest": {"labels": {"tl_dr": "Summary"}}}]}),
        encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs"), \
            pytest.raises(Abort, match="configuration error"):
        load_config(str(tmp_path / "mkdocs.yml"))
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("arxiv-digest" in e and "labels" in e and "unknown label(s) tl_dr" in e
               for e in errors), errors


# -- built sites ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zh_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("zh"), DOCS, ZH_THEME)


def test_chinese_cards_and_head(zh_site):
    assert zh_site.warnings() == []
    soup = zh_site.soup("digests/2026-01-05/index.html")
    assert _headings(soup, "h1") == [("day-2026-01-05", "2026年1月5日 星期一")]
    first = soup.select_one("article#arxiv-2601\\.00101")
    assert first.select_one(".axd-card__details > summary").get_text() == "详情"
    assert [h.get_text() for h in first.select("h4.axd-field")] == [
        "动机", "方法", "结果", "结论", "摘要"]
    assert first.select_one(".axd-card__also").get_text() == "当天也列于 math.PR。"
    missing = soup.select_one("article#arxiv-2601\\.00102 .axd-card__tldr--missing")
    assert missing.get_text() == "这篇论文暂无 AI 摘要，原文摘要见下方。"
    head = soup.select_one(".axd-head")
    assert _text(head.select_one(".axd-head__summary")) == "4 篇论文 · 1 篇暂无 AI 摘要"
    assert head.select_one(".axd-chips")["aria-label"] == "当天的分类"
    assert head.select_one("a.axd-daynav__next")["aria-label"] == "下一天：2026-01-06"
    assert head.select_one("[data-axd-status]").get_text() == "显示 4 / 4 篇论文"
    assert head.select_one("[data-axd-summary]").get_text() == "只看有 AI 摘要的"
    assert _text(head.select_one(".axd-keys")).startswith("快捷键： / 筛选")
    texts = json.loads(head.select_one("[data-axd-controls]")["data-axd-labels"])
    assert texts["copy_bibtex"] == "复制 BibTeX" and "shown_of_one" not in texts
    # Chips still lead to their sections.
    for chip in soup.select("a.axd-chip__jump"):
        heading = soup.find("h2", id=chip["href"][1:])
        assert heading.get_text(strip=True) == chip.parent["data-category"]


def test_chinese_repeats_and_long_author_lists(site_builder):
    authors = ", ".join(f"Author {chr(65 + i)}" for i in range(15))
    again = fixture_text("2026-01-06.md").replace("# 2026-01-06", "# 2026-01-07", 1).replace(
        "*Farah Okafor, Gustav Lind*", f"*{authors}*")
    site = site_builder({**DOCS, "digests/2026-01-07.md": again}, ZH_THEME)
    assert site.warnings() == []
    card = site.soup("digests/2026-01-07/index.html").select_one("article#arxiv-2601\\.00201")
    assert card.select_one(".axd-card__also").get_text() == "另见于 2026-01-06。"
    assert card.select_one(".axd-card__more-authors > summary").get_text() == "另有 3 位"
    row = site.soup("arxiv/categories/cs.CL/index.html").select_one(".axd-row__authors")
    assert _text(row) == "· Author A, Author B, Author C 等"


def test_chinese_generated_pages_and_nav(zh_site):
    expected = {
        "arxiv/categories/index.html": ("分类", []),
        "arxiv/archive/index.html": ("归档", [("", "2026年")]),  # in <summary>, no Markdown
        "arxiv/statistics/index.html": ("统计", [
            ("papers-per-day", "每日论文数"), ("failed-summaries", "摘要生成失败"),
            ("top-categories", "热门分类"), ("top-authors", "高产作者")]),
        "arxiv/categories/cs.LG/index.html": ("cs.LG", [("day-2026-01-05", "2026年1月5日 星期一")]),
    }
    for path, (title, h2) in expected.items():
        soup = zh_site.soup(path)
        assert _headings(soup, "h1")[0][1] == title, path
        assert _headings(soup, "h2") == h2, path
        ids = [tag["id"] for tag in soup.select("[id]")]
        assert not [i for i in ids if i[:1].isdigit()], path
    categories = zh_site.soup("arxiv/categories/index.html")
    assert [th.get_text() for th in categories.select("th")] == [
        "分类", "名称", "论文", "天数", "最近出现"]
    assert "归档中共有 4 个分类" in _text(categories.select_one(".axd-intro"))
    archive = zh_site.soup("arxiv/archive/index.html")
    assert _text(archive.select_one(".axd-intro")) == "共 2 天，6 篇不同的论文。"
    month = archive.select_one("details#month-2026-01")
    assert _text(month.select_one("h3")) == "2026年1月"
    assert [_text(th) for th in month.select("th")] == [
        "周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    day = month.select_one("a[data-axd-day='2026-01-05']")
    assert day["aria-label"] == "2026年1月5日 星期一：4 篇论文"
    assert _text(archive.select_one(".axd-jump label")) == "跳转到日期"
    category = zh_site.soup("arxiv/categories/cs.LG/index.html")
    assert category.select_one(".axd-day-link a").get_text() == "查看当天全部论文"
    assert "全部分类" in _text(category.select_one(".axd-intro"))
    stats = _text(zh_site.soup("arxiv/statistics/index.html").select_one(".axd-intro"))
    assert stats.startswith("共 2 天（2026-01-05 至 2026-01-06），6 条记录中有 6 篇不同的论文")
    nav = _text(zh_site.soup("index.html").select_one("nav.md-nav--primary"))
    for label in ("每日论文", "浏览", "分类", "作者", "归档", "统计"):
        assert label in nav
    assert "Digests" not in nav and "Browse" not in nav
    assert broken_links(zh_site.site_dir) == []


def test_chinese_nav_groups_by_year_and_month(site_builder, tmp_path):
    paths = generate_archive(tmp_path / "gen", 35, 2, seed=3)
    docs = {"index.md": "# Home\n"}
    docs.update({f"digests/{p.name}": p.read_text(encoding="utf-8") for p in paths})
    site = site_builder(docs, ZH_THEME)
    assert site.warnings() == []
    nav = site.soup("index.html").select_one("nav.md-nav--primary")
    labels = [_text(label) for label in nav.select("label.md-nav__link")]
    years = [label for label in labels if re.fullmatch(r"\d{4}年", label)]
    months = [label for label in labels if re.fullmatch(r"\d{1,2}月", label)]
    assert years and len(months) >= 2


def test_chinese_feeds(site_builder):
    site = site_builder(DOCS, {**ZH_THEME, "site_url": "https://example.org/"})
    channel = ET.fromstring(site.html("feed.xml")).find("channel")
    assert channel.findtext("description") == "Test site 的新论文，每天一条。"
    day = channel.find("item").findtext("description")
    assert day.startswith("<p>2 篇论文，分属 1 个分类。</p>")
    category = ET.fromstring(site.html("arxiv/feeds/cs.LG.xml")).find("channel")
    assert category.findtext("description") == "Test site 上 cs.LG 分类的新论文。"


def test_mkdocs_theme_locale(site_builder):
    site = site_builder(DOCS, {"theme": {"name": "mkdocs", "locale": "zh_CN"}}, theme="mkdocs")
    assert site.warnings() == []
    soup = site.soup("digests/2026-01-05/index.html")
    assert _headings(soup, "h1")[0] == ("day-2026-01-05", "2026年1月5日 星期一")
    assert soup.select_one(".axd-card__details > summary").get_text() == "详情"


def test_overrides_win_in_every_language(site_builder):
    options = {"labels": {"tldr": "Summary", "nav_digests": "Daily papers",
                          "date_long": "{year}/{month_number}/{day} ({weekday})"}}
    for theme in ({"name": "material"}, {"name": "material", "language": "zh"}):
        site = site_builder(DOCS, {"theme": theme,
                                   "plugins": ["search", {"arxiv-digest": options}]})
        assert site.warnings() == []
        soup = site.soup("digests/2026-01-05/index.html")
        assert soup.select_one(".axd-card__tldr .axd-label").get_text() == "Summary"
        weekday = "星期一" if theme.get("language") else "Monday"
        assert _headings(soup, "h1")[0][1] == f"2026/1/5 ({weekday})"
        assert "Daily papers" in _text(soup.select_one("nav.md-nav--primary"))


def test_section_names_starting_with_a_digit(site_builder):
    # The mkdocs theme's script breaks on such ids (mkdocs#3978), in any language.
    day = fixture_text("2026-01-06.md").replace("cs.CL", "3D Vision")
    site = site_builder({"index.md": "# Home\n", "digests/2026-01-06.md": day}, theme="mkdocs")
    soup = site.soup("digests/2026-01-06/index.html")
    chip = soup.select_one("a.axd-chip__jump")
    assert chip["href"] == "#h-3d-vision"
    assert soup.find("h2", id="h-3d-vision").get_text(strip=True) == "3D Vision"
    assert [a["href"] for a in soup.select(".bs-sidebar a")] == ["#tuesday-6-january-2026",
                                                                 "#h-3d-vision"]


def test_english_stays_the_default(site_builder):
    site = site_builder(DOCS)
    soup = site.soup("digests/2026-01-05/index.html")
    assert _headings(soup, "h1") == [("monday-5-january-2026", "Monday, 5 January 2026")]
    assert _text(soup.select_one(".axd-head__summary")) == "4 papers · 1 without AI summary"
    assert soup.select_one(".axd-card__tldr .axd-label").get_text() == "TL;DR"
    texts = json.loads(soup.select_one("[data-axd-controls]")["data-axd-labels"])
    assert texts["shown_of_one"] == "{shown} of {n} paper"
    stats = site.soup("arxiv/statistics/index.html")
    assert _headings(stats, "h1") == [("statistics", "Statistics")]
    assert _text(stats.select_one(".axd-intro")).startswith(
        "2 days (2026-01-05 to 2026-01-06), 6 distinct papers in 6 listings, 10 authors, "
        "4 categories. 1 listing without a usable AI summary.")
