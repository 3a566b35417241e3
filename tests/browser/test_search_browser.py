"""Archive-wide search in headless Chromium over a local HTTP server (Material and mkdocs
themes): a shared `?q=` link shows the paper's card link, any paper is found by its title, an
author's name and its arXiv id, category and date filters narrow the results, and the themes'
own search boxes hand their query over. No request leaves the local server and no JavaScript
error happens. Bytes transferred and the time to the first result are printed (the benchmark's
targets: <= 1.5 MB, <= 1.5 s), never asserted.

Expected papers come from the digest Markdown, read here with regular expressions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from urllib.parse import quote, urlsplit

import pytest
from conftest import build_site, local_only, serve

from mkdocs_arxiv_digest.demo import day_text

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = pytest.mark.browser

DAYS = [dt.date(2026, 1, 5) + dt.timedelta(days=n) for n in range(4)]
DOCS = {"index.md": "# Home\n\nWelcome.\n",
        **{f"digests/{d.isoformat()}.md": day_text(d, 40, seed=5) for d in DAYS}}
THEMES = {"material": {"name": "material", "font": False},
          "mkdocs": {"name": "mkdocs", "highlightjs": False}}
ENTRY = re.compile(r"^### \[\d+\] \[(.*)\]\(https://arxiv\.org/abs/(\S+?)(?:v\d+)?\)\n"
                   r"\*(.*)\*\n\nMain category: (\S+)\n\nTL;DR: (.*)$", re.M)


def papers() -> list[dict]:
    """Each paper once, at its newest day: where its search result lands."""
    out: dict[str, dict] = {}
    for path, text in DOCS.items():
        for title, ident, authors, category, tldr in ENTRY.findall(text):
            day = path[len("digests/"):-len(".md")]
            if ident in out and out[ident]["day"] > day:
                continue
            out[ident] = {"day": day, "title": title, "id": ident,
                          "authors": [a for a in authors.split(",") if a], "category": category,
                          "tldr": tldr, "card": "arxiv-" + re.sub(r"[^A-Za-z0-9._-]", "-", ident)}
    return list(out.values())


PAPERS = papers()


def plain(paper: dict) -> bool:
    """A title without math or markup, which a reader would type as it is. Without `:` too:
    MkDocs' own search (lunr) throws on `a:b` in any query, in its box or in `?q=`."""
    return re.fullmatch(r"[A-Za-z0-9 ,'-]+", paper["title"]) is not None


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("www-search")
    for name, theme in THEMES.items():
        site = build_site(tmp_path_factory.mktemp(f"search-{name}"), DOCS, {
            "site_dir": str(root / name), "theme": theme}, theme=name)
        assert site.warnings() == []
    with serve(root) as base:
        yield {name: f"{base}{name}/" for name in THEMES}


# Material fetches the sitemap of `site_url` (the tests' https://example.org/); not ours.
THEIRS = {"https://example.org/sitemap.xml"}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(8000)
    local_only(context)
    page = context.new_page()
    page.errors, page.received = [], []
    outside, failed = [], []
    # Pagefind fetches from a worker: count bytes at the context, not in the page's timeline.
    context.on("requestfinished", lambda r: page.received.append(
        r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # A failed load shows in the console without its address: requestfailed names it.
    page.on("console", lambda m: m.type == "error" and "net::ERR_FAILED" not in m.text
            and page.errors.append(m.text))
    page.on("request", lambda r: "127.0.0.1" not in r.url and r.url not in THEIRS
            and outside.append(r.url))
    page.on("requestfailed", lambda r: r.url not in THEIRS and failed.append(r.url))
    yield page
    context.close()
    assert page.errors == []
    assert outside == [] and failed == []  # every request went to the local server


def hit(page, paper):
    """The result link to ``paper``'s card."""
    return page.locator(f'.axd-hit__title[href$="digests/{paper["day"]}/#{paper["card"]}"]')


def transferred(page) -> int:
    page.wait_for_load_state("networkidle")
    return sum(page.received)


def search(page, base, query, **params):
    url = f"{base}arxiv/search/?q={quote(query)}" + "".join(
        f"&{k}={quote(v)}" for k, v in params.items())
    page.goto(url)
    return url


@pytest.mark.parametrize("theme", list(THEMES))
def test_a_shared_link_finds_the_paper_by_title(page, sites, theme):
    paper = next(p for p in PAPERS[len(PAPERS) // 2:] if plain(p))
    search(page, sites[theme], paper["title"])
    link = hit(page, paper)
    expect(link.first).to_be_visible()
    shown = page.evaluate("() => performance.now()")
    print(f"\n[{theme}] title search: first result at {shown:.0f} ms after navigation start, "
          f"{transferred(page) / 1e6:.3f} MB transferred")
    expect(link.first).to_have_text(paper["title"])
    item = page.locator(".axd-hit", has=link).first
    expect(item.locator(".axd-hit__authors")).to_contain_text(paper["authors"][0])
    expect(item.locator(".axd-badge")).to_have_text(paper["category"])
    expect(item.locator(".axd-hit__date")).to_have_text(paper["day"])
    # The result lands on the card.
    link.first.click()
    page.wait_for_url(f"**/digests/{paper['day']}/#{paper['card']}")
    expect(page.locator(f"article.axd-card#{re.escape(paper['card'])}")).to_be_visible()
    assert page.input_value("[data-axd-filter]") == ""  # the reading filter did not take `q`


def test_any_paper_by_title_author_and_id(page, sites):
    base = sites["material"]
    counts = Counter(name for p in PAPERS for name in p["authors"])
    chosen = [p for p in PAPERS if plain(p)][::9][:5]
    for paper in chosen:
        search(page, base, paper["title"])
        expect(hit(page, paper).first).to_be_visible()
        author = min(paper["authors"], key=lambda name: (counts[name], name))
        search(page, base, author)
        expect(hit(page, paper).first).to_be_visible()
        search(page, base, paper["id"])
        expect(hit(page, paper).first).to_be_visible()
        expect(page.locator(".axd-hit__title").first).to_have_text(paper["title"])


def test_filters_by_category_and_date(page, sites):
    base = sites["material"]
    # A word in the TL;DRs of papers of several categories and days.
    words = Counter(w for p in PAPERS for w in set(re.findall(r"[a-z]{7,}", p["tldr"])))
    word = next(w for w, _ in words.most_common()
                if len({p["category"] for p in PAPERS if w in p["tldr"]}) >= 3
                and len({p["day"] for p in PAPERS if w in p["tldr"]}) >= 3)
    search(page, base, word)
    expect(page.locator(".axd-hit").first).to_be_visible()
    categories = Counter(p["category"] for p in PAPERS if word in p["tldr"])
    category = categories.most_common(1)[0][0]
    page.select_option("select[name=category]", category)
    page.wait_for_url(re.compile(r"category=" + re.escape(quote(category))))
    badges = page.locator(".axd-hit .axd-badge")
    expect(badges.first).to_have_text(category)
    assert set(badges.all_text_contents()) == {category}
    day = DAYS[1].isoformat()
    page.select_option("select[name=category]", "")
    page.fill("input[name=from]", day)
    page.fill("input[name=to]", day)
    page.wait_for_url(re.compile(f"from={day}&to={day}|to={day}.*from={day}"))
    dates = page.locator(".axd-hit__date")
    expect(dates.first).to_have_text(day)
    assert set(dates.all_text_contents()) == {day}
    # The filters are part of the shared link.
    url = page.url
    page.goto("about:blank")
    page.goto(url)
    expect(page.locator(".axd-hit__date").first).to_have_text(day)
    assert page.input_value("input[name=from]") == day


@pytest.mark.parametrize("width", [1280, 390])
def test_material_header_box_hands_over(page, sites, width):
    paper = next(p for p in PAPERS if plain(p))
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(sites["material"] + f"digests/{DAYS[0].isoformat()}/")
    # What a reader clicks: the box in the header, or its magnifier on a phone.
    opener = ".md-search__input" if width > 1000 else "label.md-header__button[for=__search]"
    page.locator(opener).click()
    box = page.locator(".md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially(paper["title"][:40])
    every = page.locator(".md-search-result .axd-search-all")
    expect(every).to_be_visible()
    assert urlsplit(every.get_attribute("href")).path.endswith("/arxiv/search/")
    box.press("Enter")
    page.wait_for_url("**/arxiv/search/?q=*")
    expect(hit(page, paper).first).to_be_visible()
    # The search page runs the query; the theme's search dialog stays closed over it.
    expect(page.locator(".md-search__output")).to_be_hidden()
    assert page.input_value("[data-axd-search-page] input[name=q]") == paper["title"][:40]


def test_mkdocs_theme_dialog_hands_over(page, sites):
    paper = next(p for p in PAPERS if plain(p))
    page.goto(sites["mkdocs"] + f"digests/{DAYS[0].isoformat()}/")
    page.click('a[data-bs-target="#mkdocs_search_modal"]')
    box = page.locator("#mkdocs-search-query")
    expect(box).to_be_focused()
    box.press_sequentially(paper["title"][:40])
    expect(page.locator("#mkdocs_search_modal .axd-search-all")).to_be_visible()
    box.press("Enter")
    page.wait_for_url("**/arxiv/search/?q=*")
    expect(hit(page, paper).first).to_be_visible()
    expect(page.locator("#mkdocs_search_modal")).to_be_hidden()
    hit(page, paper).first.click()  # nothing covers the results
    page.wait_for_url(f"**/#{paper['card']}")


def test_no_match_and_empty_query(page, sites):
    search(page, sites["material"], "zzqxjv")
    expect(page.locator("[data-axd-search-status]")).to_have_text("No paper matches.")
    page.fill("[data-axd-search-page] input[name=q]", "")
    expect(page.locator("[data-axd-search-status]")).to_have_text(
        "Type words from a title, an author's name or an arXiv id.")
    assert "q=" not in page.url
