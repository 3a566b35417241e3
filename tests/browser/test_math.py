"""Digest math in headless Chromium with every other host blocked: formulas are typeset (MathML,
drawn natively), no request leaves the local server, and the TeX commands that could carry CSS,
ids, classes, links or requests (or expand without end) are inert."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import build_site, fixture_text, local_only, serve

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

HOSTILE_DAY = "2026-03-10"
HOSTILE = Path(__file__).parents[1] / "hostile" / f"{HOSTILE_DAY}-math-commands.md"
MATH_DAY = "2026-03-11"


def _entry(n: int, title: str, tldr: str, abstract: str) -> str:
    return (f"### [{n}] [{title}](https://arxiv.org/abs/2603.2{n:04d})\n"
            "*Iris Bloom,Omar Venn*\n\nMain category: math.OC\n\n"
            f"TL;DR: {tldr}\n\n\n<details>\n  <summary>Details</summary>\n"
            f"Abstract: {abstract}\n\n</details>\n\n\n")


# Formulas of the shapes digests carry, written for this test.
MATH_DIGEST = (
    "<div id=toc></div>\n\n# Table of Contents\n\n- [math.OC](#math.OC) [Total: 4]\n\n\n"
    "<div id='math.OC'></div>\n\n# math.OC [[Back]](#toc)\n\n"
    + _entry(1, r"Rates of $\mathcal{O}(1/\sqrt{T})$ for Descent on $\mathbb{R}^d$",
             r"Descent reaches $\epsilon$-stationary points in $O(\epsilon^{-2})$ steps.",
             r"We minimise $f(x) = \frac{1}{n}\sum_{i=1}^{n} \ell_i(x)$ where each $\ell_i$ is"
             "\n" r"$L$-smooth, and show"
             r" $$\min_{t \le T} \|\nabla f(x_t)\|^2 \le \frac{C}{\sqrt{T}}$$"
             " for a constant $C > 0$.")
    + _entry(2, r"Estimating $\hat{\theta}$ When $p \gg n$",
             r"A sparse estimator with error $\left(\frac{s \log p}{n}\right)^{1/2}$.",
             r"The loss $\operatorname{KL}(p_\theta \| q)$ is split into "
             r"$\begin{cases} a & x > 0 \\ b & \text{otherwise} \end{cases}$ two parts.")
    + _entry(3, r"Bold Vectors $\boldsymbol{x} \in \mathbb{R}^{n \times m}$ and $\mathbf{W}$",
             r"Weights $\mathbf{W}_{ij}$ decay like $e^{-\lambda t}$ with $\lambda \in (0, 1]$.",
             r"Attention $\mathrm{softmax}(QK^\top / \sqrt{d_k})V$ costs $\Theta(n^2 d)$.")
    + _entry(4, r"Limits of $\lim_{n \to \infty} a_n$ and Integrals $\int_0^1 g(t)\,dt$",
             r"Accuracy of $95\%$ at $10\times$ fewer parameters.",
             r"A bound $\Pr[X \ge t] \le \exp(-t^2/2\sigma^2)$ holds for all $t \geq 0$.")
)
DOCS = {"index.md": "# Home\n", f"days/{HOSTILE_DAY}.md": HOSTILE.read_text(encoding="utf-8"),
        f"days/{MATH_DAY}.md": MATH_DIGEST, "days/2026-01-05.md": fixture_text("2026-01-05.md")}
THEMES = {"material": {"name": "material", "font": False, "features": ["navigation.instant"]},
          "mkdocs": {"name": "mkdocs", "highlightjs": False}}
PLUGINS = ["search", {"arxiv-digest": {"feeds": False}}]
# Visible TeX: a formula left as written (`$...$`, `\(...\)`), or any TeX command at all.
FORMULA = re.compile(r"\$[^\s$][^$]*\$|\\[()\[\]]")
RAW_TEX = re.compile(f"{FORMULA.pattern}|\\\\[a-zA-Z]+")


def _build(root: Path, docs: dict, theme: dict) -> None:
    site = build_site(root / "src", docs, {"site_dir": str(root / "site"), "theme": theme,
                                           "plugins": PLUGINS}, theme=theme["name"])
    assert not [r for r in site.records if r.levelno >= 40]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Base URL of the math site per theme, served by a local http.server."""
    root = tmp_path_factory.mktemp("www-math")
    for name, theme in THEMES.items():
        _build(root / name, DOCS, theme)
    with serve(root) as base:
        yield {name: f"{base}{name}/site/" for name in THEMES}


class Offline:
    """A browser page that may reach 127.0.0.1 only; records what else it tried and what broke."""

    def __init__(self, browser, width: int = 1280):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.context.set_default_timeout(30000)  # a busy machine is slow, not broken
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.elsewhere = local_only(self.context)
        self.page = self.context.new_page()
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))

    def visit(self, url: str):
        self.page.goto(url, wait_until="networkidle")
        return self.page


@pytest.fixture
def offline(browser):
    tab = Offline(browser)
    yield tab
    tab.context.close()


# What a reader sees in titles, TL;DRs and abstracts, with typeset math taken out.
VISIBLE_TEXT = """() => [...document.querySelectorAll(
    '.axd-card__title, .axd-card__tldr, .axd-card__details > p')].map(el => {
      const copy = el.cloneNode(true);
      copy.querySelectorAll('math').forEach(m => m.remove());
      return copy.textContent; })"""


def _typeset(page) -> dict:
    """How Chromium drew the page's formulas: as MathML boxes, with real fractions and roots."""
    return page.evaluate("""() => {
        document.querySelectorAll('article.axd-card details').forEach(d => { d.open = true; });
        const all = [...document.querySelectorAll('article.axd-card math')];
        const box = el => el.getBoundingClientRect();
        return {
          count: all.length,
          mathml: all.every(m => m instanceof MathMLElement
                            && getComputedStyle(m).display.includes('math')),
          drawn: all.filter(m => box(m).width > 0 && box(m).height > 0).length,
          fractions: [...document.querySelectorAll('article math mfrac')]
            .filter(f => box(f.children[0]).bottom <= box(f.children[1]).top + 1).length,
        };
    }""")


@pytest.mark.parametrize("theme", THEMES)
def test_math_typeset_with_no_request_to_another_host(sites, offline, theme):
    for path in ["", f"days/{MATH_DAY}/", "days/2026-01-05/", f"days/{HOSTILE_DAY}/",
                 "arxiv/categories/"]:
        offline.visit(sites[theme] + path)
    page = offline.visit(sites[theme] + f"days/{MATH_DAY}/")
    drawn = _typeset(page)
    assert drawn["count"] >= 25 and drawn["mathml"] and drawn["drawn"] == drawn["count"]
    assert drawn["fractions"] == 3  # the three \\frac above: numerator over denominator
    visible = page.evaluate(VISIBLE_TEXT)
    assert len(visible) == 12 and not [t for t in visible if RAW_TEX.search(t)]
    assert offline.elsewhere == [] and offline.failed == [] and offline.errors == []


def test_hostile_commands_are_inert(sites, offline):
    page = offline.visit(sites["material"] + f"days/{HOSTILE_DAY}/")
    assert page.locator("article.axd-card").count() == 18
    report = page.evaluate("""() => {
        const cards = [...document.querySelectorAll('article.axd-card')];
        const inMath = [...document.querySelectorAll('article.axd-card math, '
                                                     + 'article.axd-card math *')];
        const text = getComputedStyle(cards[0].querySelector('.axd-card__tldr')).color;
        const styled = inMath.filter(el => {
          const s = getComputedStyle(el);
          return (el.localName !== 'math' && s.color !== getComputedStyle(el.parentElement).color)
            || s.backgroundColor !== 'rgba(0, 0, 0, 0)' || s.backgroundImage !== 'none'
            || s.position !== 'static' || /evil/.test(s.fontFamily);
        }).map(el => el.outerHTML.slice(0, 120));
        return {
          text, styled,
          named: [...document.querySelectorAll('[id*=evil], [class*=evil], [data-evil]')].length,
          attributes: inMath.flatMap(el => [...el.attributes].map(a => a.name))
            .filter(n => /^(id|class|style|href|src|on.*|xlink:href|mathcolor|mathbackground)$/
                    .test(n)),
          links: [...document.querySelectorAll('article.axd-card a')]
            .filter(a => a.href.includes('evil')).length,
          images: document.querySelectorAll('article.axd-card img').length,
          tldrMath: [...document.querySelectorAll('.axd-card__tldr math')]
            .map(m => getComputedStyle(m).color),
          bombs: [...document.querySelectorAll('.axd-card__tldr')]
            .map(p => p.textContent)
            .filter(t => t.includes('\\\\def') || t.includes('\\\\newcommand')),
        };
    }""")
    assert report["styled"] == [] and report["named"] == 0 and report["attributes"] == []
    assert report["links"] == 0 and report["images"] == 0
    assert set(report["tldrMath"]) == {report["text"]}  # no colour from \color, \style
    assert len(report["bombs"]) == 3  # macro definitions: shown as written, never expanded
    assert offline.elsewhere == [] and offline.failed == [] and offline.errors == []


def test_the_mkdocs_theme_fetches_highlightjs_unless_told_not_to(tmp_path, browser):
    """What the docs say: the mkdocs theme loads highlight.js from a CDN by default;
    `highlightjs: false` keeps it local."""
    urls = {}
    for flag in (True, False):
        root = tmp_path / str(flag)
        _build(root, {"index.md": "# Home\n", f"days/{MATH_DAY}.md": MATH_DIGEST},
               {"name": "mkdocs", "highlightjs": flag})
        with serve(root / "site") as base:
            tab = Offline(browser)
            tab.visit(base + f"days/{MATH_DAY}/")
            urls[flag] = {urlsplit(u).hostname for u in tab.elsewhere}
            tab.context.close()
    assert urls == {True: {"cdnjs.cloudflare.com"}, False: set()}


def test_a_real_day_typesets_offline(corpus_dir, tmp_path, browser):
    name = "Troy9748__daily-arXiv-ai-enhanced__2026-06-16.md"
    _build(tmp_path, {"index.md": "# Home\n",
                      "days/2026-06-16.md": (corpus_dir / name).read_bytes()}, THEMES["material"])
    with serve(tmp_path / "site") as base:
        tab = Offline(browser)
        page = tab.visit(base + "days/2026-06-16/")
        drawn = _typeset(page)
        visible = page.evaluate(VISIBLE_TEXT)
        tab.context.close()
    assert drawn["count"] > 200 and drawn["mathml"] and drawn["drawn"] == drawn["count"]
    # Real abstracts also carry TeX outside any formula (`H\,\textsc{i}`): text, as written.
    leftovers = sorted({m.group(0) for t in visible for m in FORMULA.finditer(t)})
    assert leftovers == [], leftovers
    assert tab.elsewhere == [] and tab.failed == [] and tab.errors == []
