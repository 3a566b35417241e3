"""Bad and unsafe input: every paper heading still gets a card, and nothing the input says can
run in a reader's browser.

The digests in ``tests/hostile/`` are our own: truncated files, missing parts, odd numbering and
ids, empty days, wrong totals, CRLF / CR / mixed line endings, a BOM, bytes that are not UTF-8,
control characters, titles of thousands of characters, unknown and path-like categories,
headings that link to ``javascript:``, ``data:``, ``ftp:`` or relative URLs, HTML, Markdown and
Jinja syntax in every field, our own ``<!--axd:...-->`` slot markers, headings inside fields,
broken front matter and a page title that closes ``</title>``. Multi-megabyte lines are made
here, in the tests.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
import posixpath
import re
import signal
import subprocess
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import PLUGIN_LOGGER, Site, build_site, captured_logs, fixture_text, local_only, serve
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_arxiv_digest.parse import parse_digest

HOSTILE = Path(__file__).parent / "hostile"
HOSTILE_FILES = sorted(HOSTILE.glob("*.md"))
CLEAN = {"2026-01-05.md": fixture_text("2026-01-05.md"),
         "2026-01-06.md": fixture_text("2026-01-06.md")}
# No web fonts or CDN scripts: the browser check wants no request to any other host.
THEMES = {"material": {"name": "material", "font": False},
          "mkdocs": {"name": "mkdocs", "highlightjs": False}}
CONTENT = {"material": ".md-content", "mkdocs": "[role=main]"}
SITE_URL = "https://example.org/hostile/"  # feeds are written only with a site_url

# -- our own count of paper headings ------------------------------------------------------------
# The documented shapes (corpus README, parse.py), written again here: a Markdown heading whose
# text is `[N] [Title](http(s)://...)`, `[Title](http(s)://...)` (maybe behind an empty
# `<a id=..></a>`), or `[N] Title` without a usable link; and a plain `[N] Title` line directly
# followed by an `Authors:` line. Unnumbered link headings count at levels 1-4 only (deeper ones
# are sub-headings inside an entry); front matter is not content.
_HEAD = re.compile(r"^(#+)\s+(?:<a [^>]*></a>\s*)?(\[(\d+)\]\s+)?(.*)$")
_LINKED = re.compile(r"^\[.*\]\((?:<((?i:https?)://[^<>\n]*)>|((?i:https?)://[^)\s\]]*))\)")
_PLAIN = re.compile(r"^\[\d+\]\s+\S")
_AUTHORS = re.compile(r"^(\*\*)?authors(\*\*)?\s*:", re.I)
# The whole path of a link to an arXiv host (`2603.040200` is no id; another host is no arXiv).
_ARXIV = re.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/"
                    r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?/?(?:[?#].*)?$",
                    re.I)


def lines_of(data: bytes) -> list[str]:
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        text = data.decode("utf-32")
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16")
    else:
        text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[0].strip() == "---":
        ends = [i for i, line in enumerate(lines[1:500], 1) if line.strip() in ("---", "...")]
        if ends:
            return [""] * (ends[0] + 1) + lines[ends[0] + 1:]
    return lines


def paper_headings(data: bytes) -> list[tuple[int, str | None]]:
    """(line number, arXiv id or None) of every paper heading in a file."""
    # Invisible format characters (a BOM, a zero-width space) at a line start are not there.
    lines = ["".join(itertools.dropwhile(
        lambda ch: ch.isspace() or unicodedata.category(ch) == "Cf", line)).rstrip()
        for line in lines_of(data)]
    found = []
    for index, line in enumerate(lines):
        m = _HEAD.match(line)
        if m and len(m[1]) <= 6 and m[4]:
            link = _LINKED.match(m[4])
            if not (link or m[2]) or (link and not m[2] and len(m[1]) > 4):
                continue
            arxiv = _ARXIV.match(link[1] or link[2]) if link else None
            found.append((index + 1, arxiv[1] if arxiv else None))
        elif _PLAIN.match(line) and index + 1 < len(lines) and _AUTHORS.match(lines[index + 1]):
            found.append((index + 1, None))
    return found


def test_the_counter_sees_what_the_corpus_holds():
    counts = {p.name: len(paper_headings(p.read_bytes())) for p in HOSTILE_FILES}
    assert counts["2026-02-03-missing-parts.md"] == 8
    assert counts["2026-02-13-headings-in-fields.md"] == 4  # `#### [See also](https://..)` too
    assert counts["2026-02-14-non-arxiv-links.md"] == 14  # not the unnumbered javascript: one
    assert counts["2026-02-18-plain-numbered.md"] == 2
    assert counts["2026-02-21-cr-only.md"] == 2
    assert counts["2026-02-25-front-matter.md"] == 1  # not the ones inside front matter
    assert sum(counts.values()) > 80


# -- building ---------------------------------------------------------------------------------


def hostile_docs() -> dict[str, str | bytes]:
    docs: dict[str, str | bytes] = {"index.md": "# Home\n\nNothing here but a link to "
                                                "[a day](days/2026-01-05.md).\n"}
    docs.update({f"days/{name}": text for name, text in CLEAN.items()})
    docs.update({f"days/{p.name}": p.read_bytes() for p in HOSTILE_FILES})
    return docs


@pytest.fixture(scope="module")
def www(tmp_path_factory):
    """A folder the browser test serves; each theme builds into its own subfolder."""
    return tmp_path_factory.mktemp("www")


@functools.cache
def _build(theme: str, hostile: bool, root: Path, www: Path) -> Site:
    docs = hostile_docs() if hostile else {"index.md": "# Home\n",
                                           **{f"days/{n}": t for n, t in CLEAN.items()}}
    out = www / f"{theme}-{'hostile' if hostile else 'clean'}"
    return build_site(root, docs, {"theme": THEMES[theme], "site_url": SITE_URL,
                                   "site_dir": str(out)}, theme=theme)


@pytest.fixture(scope="module")
def sites(tmp_path_factory, www):
    """``sites(theme, hostile=True)``: the built site, built once per module."""

    def get(theme: str, hostile: bool = True) -> Site:
        root = tmp_path_factory.getbasetemp() / f"build-{theme}-{hostile}"
        if not root.exists():
            root.mkdir()
        return _build(theme, hostile, root, www)

    yield get
    _build.cache_clear()


# -- what "safe" means ------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster",
                  "background", "srcset", "content"}
NEVER_IN_CARDS = ["script", "style", "iframe", "frame", "frameset", "svg", "object",
                  "embed", "img", "picture", "video", "audio", "source", "form", "input",
                  "textarea", "select", "base", "meta", "link", "marquee", "template", "body"]


# Typeset math is MathML: layout elements and attributes only (no id, class, style, link, colour).
MATHML_ELEMENTS = {"math", "mrow", "mi", "mn", "mo", "mtext", "ms", "mspace", "mpadded",
                   "mphantom", "msub", "msup", "msubsup", "munder", "mover", "munderover",
                   "mmultiscripts", "mprescripts", "none", "mfrac", "msqrt", "mroot", "mstyle",
                   "mtable", "mtr", "mtd", "merror"}
MATHML_ATTRIBUTES = {"display", "mathvariant", "stretchy", "fence", "form", "separator", "accent",
                     "accentunder", "largeop", "movablelimits", "symmetric", "lspace", "rspace",
                     "minsize", "maxsize", "width", "height", "depth", "voffset",
                     "linethickness", "displaystyle", "scriptlevel", "columnalign"}


def math_problems(card) -> list[str]:
    """What typeset math in a card carries beyond layout."""
    problems = []
    for math in card.find_all("math"):
        for el in [math, *math.find_all(True)]:
            if el.name not in MATHML_ELEMENTS:
                problems.append(f"<{el.name}> in math in card {card.get('id')}")
            problems += [f"<{el.name} {name}=...> in math in card {card.get('id')}"
                         for name in set(el.attrs) - MATHML_ATTRIBUTES]
    return problems


def _script_key(script) -> tuple:
    """A script element without what depends on the page's depth (relative paths)."""
    attrs = tuple(sorted((k, v) for k, v in script.attrs.items() if k != "src"))
    src = posixpath.basename(script.get("src", ""))
    if script.get("type") == "application/json":
        return (attrs, src, "json")  # data, checked separately: it must parse
    text = re.sub(r'(?:\.\./)*\.\.(?=[/"])|(?<=")\.(?=")|\(\.\)', "", script.get_text())
    return (attrs, src, text)


def unsafe_parts(soup: BeautifulSoup, content: str, allowed_scripts: set) -> list[str]:
    """Everything in one built page that could run code or leave the site unasked."""
    problems = []
    for el in soup.find_all(True):
        for name, value in el.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") or name.lower() == "srcdoc":
                problems.append(f"<{el.name} {name}=...>")
            compact = re.sub(r"[\x00-\x20]+", "", value).lower()
            if name.lower() in URL_ATTRIBUTES and compact.startswith(
                    ("javascript:", "data:", "vbscript:")):
                problems.append(f"<{el.name} {name}={value[:60]!r}>")
    for script in soup.find_all("script"):
        if script.get("type") == "application/json":
            try:
                json.loads(script.get_text())
            except ValueError:
                problems.append(f"JSON script that does not parse: {script.get_text()[:80]!r}")
        elif _script_key(script) not in allowed_scripts:
            problems.append(f"script the theme and plugin never write: {str(script)[:80]!r}")
    for script in soup.select(f"{content} script"):
        if script.get("type") != "application/json":
            problems.append(f"script in the page content: {str(script)[:80]!r}")
    for card in soup.select("article.axd-card"):
        problems += [f"<{el.name}> in card {card.get('id')}"
                     for el in card.find_all(NEVER_IN_CARDS)]
        problems += [f"style= in card {card.get('id')}" for el in card.find_all(style=True)]
        problems += math_problems(card)
        for a in card.find_all(href=True):
            href = a["href"]
            scheme = urlsplit(href).scheme
            if not (scheme in ("http", "https") or (scheme == "" and not href.startswith("//"))):
                problems.append(f"href {href[:60]!r} in card {card.get('id')}")
    if "<!--axd:" in str(soup):
        problems.append("an unfilled <!--axd:...--> slot")
    return problems


def allowed_scripts(site: Site) -> set:
    keys = set()
    for html in site.site_dir.rglob("*.html"):
        keys.update(_script_key(s) for s in site.soup(str(html.relative_to(site.site_dir)))
                    .find_all("script"))
    return keys


# -- the build --------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_every_heading_becomes_a_card(sites, theme):
    site = sites(theme)
    ours = [r for r in site.records if r.name.startswith(PLUGIN_LOGGER)]
    assert not [r for r in site.records if r.levelno >= logging.ERROR or r.exc_info]
    total = 0
    for path in HOSTILE_FILES:
        src = f"days/{path.name}"
        headings = paper_headings(path.read_bytes())
        soup = site.soup(site.page(src))
        cards = soup.select("article.axd-card")
        ids = [c["data-arxiv-id"] for c in cards]
        merged = sum(1 for r in ours if f" {src}:" in r.getMessage()
                     and "is listed again" in r.getMessage())
        assert len(headings) == len(cards) + merged, path.name
        assert len(set(ids)) == len(ids), path.name
        missing = {arxiv for _, arxiv in headings if arxiv} - set(ids)
        assert not missing, (path.name, missing)
        others = [h for h in headings if h[1] is None]
        assert len(others) == sum(not _ARXIV_KEY.match(i) for i in ids), path.name
        assert len(soup.select(".axd-head")) == 1, path.name
        total += len(headings)
    assert total > 80


_ARXIV_KEY = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})$")


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_nothing_unsafe_in_any_page(sites, theme):
    site = sites(theme)
    allowed = allowed_scripts(sites(theme, hostile=False))
    pages = sorted(site.site_dir.rglob("*.html"))
    assert len(pages) > 40  # digest days, and category/author/archive pages named by them
    report = {}
    for html in pages:
        rel = str(html.relative_to(site.site_dir))
        problems = unsafe_parts(site.soup(rel), CONTENT[theme], allowed)
        if problems:
            report[rel] = problems
    assert report == {}
    for xml in site.site_dir.rglob("*.xml"):  # feeds and sitemap: still well-formed XML
        ET.parse(xml)
    for data in site.site_dir.rglob("*.json"):
        json.loads(data.read_text(encoding="utf-8"))
    if theme != "material":
        return  # MkDocs' own search stores plain text and escapes it when showing results
    # Material's search index holds HTML that its results show as is: markup must be escaped.
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        for value in (doc["title"], doc["text"]):
            soup = BeautifulSoup(value, "html.parser")
            assert soup.find(NEVER_IN_CARDS) is None, (doc["location"], value[:200])
            assert not [el for el in soup.find_all(True)
                        if any(name.lower().startswith("on") for name in el.attrs)], doc["location"]


def test_hostile_text_shows_as_text(sites):
    site = sites("material")
    soup = site.soup(site.page("days/2026-02-11-markup-in-fields.md"))
    first = soup.find(id="arxiv-2602.11001")
    assert "<script>alert('title')</script> Scripts In The Title" in first.h3.get_text()
    text = first.get_text()
    assert "<img src=x onerror=alert('tldr-img')>" in first.select_one(".axd-card__tldr").get_text()
    for shown in ("<body onload=alert('body')>", "<script>alert('authors')</script>",
                  "<svg onload=alert('category')>", "<iframe src=\"javascript:alert('iframe')\">",
                  "[click](javascript:alert('tldr-link'))"):
        assert shown in text, shown
    jinja = soup.find(id="arxiv-2602.11003")
    assert "{{ config.site_name }}" in jinja.h3.get_text()
    assert "{{ ''.__class__.__mro__[1].__subclasses__() }}" in jinja.get_text()
    closing = soup.find(id="arxiv-2602.11002")
    assert "</details></article></div>" in closing.h3.get_text()
    assert soup.find(id="fake-card") is None
    # Category and section names reach generated pages and page titles as text, too.
    for page in site.site_dir.joinpath("arxiv", "categories").rglob("index.html"):
        title = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").title
        assert title.find(True) is None, page


def test_slot_markers_cannot_inject_or_duplicate(sites):
    site = sites("material")
    soup = site.soup(site.page("days/2026-02-12-slot-markers.md"))
    assert len(soup.select(".axd-head")) == 1
    ids = [c["id"] for c in soup.select("article.axd-card")]
    assert ids == ["arxiv-2602.12001", "arxiv-2602.12002", "arxiv-2602.12003"]
    title = soup.find(id="arxiv-2602.12001").h3.get_text()
    assert "<!--axd:head-->" in title and "<!--axd:s:0-->" in title
    assert "<!--axd:" not in str(soup)  # every real slot was filled, no marker left behind


def test_titles_that_close_the_title_element(sites):
    for theme in THEMES:
        site = sites(theme)
        soup = site.soup(site.page("days/undated-title.md"))
        assert soup.title.find(True) is None
        assert "img" not in [el.name for el in soup.head.find_all(True)]
        assert "onerror" in soup.title.get_text()  # shown, as text


# -- strict, levels, options ----------------------------------------------------------------


def _build_strict(root: Path, docs: dict, plugin_options: dict | None = None):
    (root / "docs" / "days").mkdir(parents=True)
    for name, content in docs.items():
        (root / "docs" / name).write_bytes(content if isinstance(content, bytes)
                                           else content.encode())
    plugin = {"arxiv-digest": plugin_options} if plugin_options else "arxiv-digest"
    (root / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Strict", "site_url": SITE_URL, "strict": True, "theme": {"name": "mkdocs"},
        "plugins": [plugin]}), encoding="utf-8")
    with captured_logs() as records:
        try:
            build(load_config(str(root / "mkdocs.yml")))
            error = None
        except Abort as exc:
            error = exc
    return error, [r.getMessage() for r in records if r.levelno >= logging.WARNING]


def test_strict_fails_naming_file_and_line(tmp_path):
    name = "2026-02-02-truncated-mid-details.md"
    docs = {f"days/{name}": (HOSTILE / name).read_bytes(),
            "days/2026-02-23-not-utf8.md": (HOSTILE / "2026-02-23-not-utf8.md").read_bytes()}
    error, warnings = _build_strict(tmp_path, docs)
    assert error is not None and "strict" in str(error)
    assert f"days/{name}:43: <details> opened here is not closed before line 48" in \
        "\n".join(warnings)
    assert any(re.search(r"days/2026-02-23-not-utf8\.md:12: bytes that are not UTF-8 at byte "
                         r"offset 166", w) for w in warnings)


def test_logs_option_changes_levels(tmp_path):
    name = "2026-02-02-truncated-mid-details.md"
    docs = {f"days/{name}": (HOSTILE / name).read_bytes()}
    error, warnings = _build_strict(tmp_path / "a", docs, {"logs": {"unclosed_details": "ignore"}})
    assert error is None and warnings == []
    # And the other way round: information made a warning fails a strict build.
    docs = {"days/2026-02-04-ids-and-numbering.md":
            (HOSTILE / "2026-02-04-ids-and-numbering.md").read_bytes()}
    error, warnings = _build_strict(tmp_path / "b", docs, {"logs": {"duplicate": "warning"}})
    assert error is not None
    assert sum("is listed again" in w for w in warnings) == 3


@pytest.mark.parametrize("options, expected", [
    ({"logs": {"nonsense": "warning"}}, "unknown diagnostic kind(s) nonsense; known kinds: "),
    ({"logs": {"duplicate": "loud"}}, "loud"),
    ({"detect": "maybe"}, "maybe"),
])
def test_bad_options_fail_at_config_load(tmp_path, options, expected):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Bad", "plugins": [{"arxiv-digest": options}]}), encoding="utf-8")
    with captured_logs() as records, pytest.raises(Abort, match="configuration error"):
        load_config(str(tmp_path / "mkdocs.yml"))
    errors = [r.getMessage() for r in records if r.levelno >= logging.ERROR]
    assert any("arxiv-digest" in e and expected in e for e in errors), errors


# -- determinism ------------------------------------------------------------------------------


def test_builds_are_byte_identical(tmp_path):
    """Two builds, in two processes with different hash seeds, into two folders.

    Every file is byte-identical. Only `sitemap.xml` and `sitemap.xml.gz` carry a date (the day
    of the build, or SOURCE_DATE_EPOCH): they would differ only between builds on two sides of
    midnight UTC, which is why they are the only files allowed to differ.
    """
    docs = tmp_path / "docs"
    for name, content in hostile_docs().items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Twice", "site_url": SITE_URL, "theme": THEMES["material"],
        "plugins": ["search", "arxiv-digest"]}), encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"site{seed}"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                        str(tmp_path / "mkdocs.yml"), "-d", str(out)],
                       check=True, timeout=300, capture_output=True,
                       env={**__import__("os").environ, "PYTHONHASHSEED": seed,
                            "NO_MKDOCS_2_WARNING": "1"})
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes()
                        for p in sorted(out.rglob("*")) if p.is_file()})
    first, second = outputs
    assert first.keys() == second.keys()
    differ = {name for name in first if first[name] != second[name]}
    assert differ <= {"sitemap.xml", "sitemap.xml.gz"}, differ
    assert sum(name.startswith("days/") for name in first) == len(HOSTILE_FILES) + len(CLEAN)


# -- huge lines -----------------------------------------------------------------------------


@contextmanager
def time_limit(seconds: int):
    """Fail instead of hanging when a regular expression goes quadratic."""

    def expired(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


MB = 1 << 20


def _entry(n: int, title: str, authors: str, tldr: str, abstract: str = "x") -> str:
    return (f"### [{n}] [{title}](https://arxiv.org/abs/2603.{n:05d})\n*{authors}*\n\n"
            f"Main category: cs.LG\n\nTL;DR: {tldr}\n\n\n<details>\n  <summary>Details</summary>\n"
            f"Abstract: {abstract}\n\n</details>\n\n\n")


def huge_digest() -> str:
    """Lines of megabytes, each in a shape that once made a regular expression backtrack."""
    return (
        "<div id=toc></div>\n\n# Table of Contents\n\n- [cs.LG](#cs.LG) [Total: 6]\n\n\n"
        "<div id='cs.LG'></div>\n\n# cs.LG [[Back]](#toc)\n\n"
        + _entry(1, "A Title " * (MB // 16), "Ann Long,Bob Long", "short",
                 "lantern " * (3 * MB // 8))  # a 3 MB abstract line
        + _entry(2, "Many Authors", ",".join(f"Person{i} Name{i}" for i in range(20000)), "ok")
        + _entry(3, "Markup Runs", "C D", "**a " * (MB // 8) + "``b " * (MB // 8))
        + _entry(4, "Padding", "E F", "x" + " " * MB + "y | Keywords: z" + "&nbsp;" * 50000)
        + _entry(5, "[" * (MB // 4) + "Brackets", "G H", "$a " * (MB // 8))
        + f"### [6] [T](https://arxiv.org/abs/2603.00006){'](http://' * (MB // 32)}\n*I*\n\n"
        + f"# {'#' * (MB // 4)} x\n\n# {'[[' * (MB // 8)}\n\n- [{' ' * MB}x](#y)\n"
    )


def test_megabyte_lines_parse_in_linear_time():
    text = huge_digest()
    assert len(text) > 5 * MB
    with time_limit(60):
        started = time.perf_counter()
        digest = parse_digest(text, "2026-03-01.md")
        elapsed = time.perf_counter() - started
    assert elapsed < 20
    assert [p.key for p in digest.papers] == [f"2603.{n:05d}" for n in range(1, 7)]
    assert len(digest.papers[1].authors) == 20000


def test_megabyte_lines_build(site_builder):
    with time_limit(180):
        site = site_builder({"2026-03-01.md": huge_digest()},
                            {"theme": THEMES["material"]})
    soup = site.soup(site.page("2026-03-01.md"))
    assert len(soup.select("article.axd-card")) == 6
    assert site.plugin_warnings() == []


# -- a real browser -----------------------------------------------------------------------------


@pytest.mark.browser
def test_no_script_runs_in_chromium(sites, www, browser):
    """Every hostile page and every page named after hostile input, loaded in Chromium: no
    dialog opens, no request leaves the local server, no injected element exists."""
    site = sites("material")
    # Every page that shows hostile text: digest days and the pages named after their content.
    pages = sorted(p.relative_to(www).as_posix() for p in site.site_dir.rglob("index.html")
                   if "alert(" in p.read_text(encoding="utf-8"))
    dialogs: list[str] = []
    injected: dict[str, int] = {}

    with serve(www) as base:
        # The session's shared Chromium (tests/conftest.py `browser`).
        context = browser.new_context()
        external = local_only(context)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"),
                                     d.dismiss()))
        urls = [base + p for p in pages]
        urls.append(base + pages[0] + "?filter=%3Cimg%20src%3Dx%20onerror%3Dalert(9)%3E")
        for url in urls:
            page.goto(url, wait_until="load")  # `load` waits for images: onerror has fired
            # Run the reader's filter over the cards, so highlighting touches every field.
            if "/days/" in url and page.locator("input[type=search]").count():
                page.locator("input[type=search]").first.fill("alert")
            count = page.evaluate(
                "document.querySelectorAll('article.axd-card :is(script, iframe, svg, img, "
                "object, embed, style, form), [onerror], [onload], [onclick], "
                "[onmouseover], [onfocus], [ontoggle], [onstart]').length")
            if count:
                injected[url] = count
        page.wait_for_timeout(300)  # late onerror/onload handlers would fire by now
        context.close()
    assert len(pages) > 30
    # Material itself fetches `<site_url>/sitemap.xml`; nothing else may leave the server.
    assert dialogs == [] and injected == {}
    assert set(external) <= {SITE_URL + "sitemap.xml"}
