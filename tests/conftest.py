"""Shared helpers: build real MkDocs sites in temporary folders and read what they produced."""

from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CORPUS_ENV = "ARXIV_DIGEST_CORPUS"
FIXTURES = Path(__file__).parent / "fixtures"

PLUGIN_LOGGER = "mkdocs.plugins.mkdocs_arxiv_digest"
STRICT_VALIDATION = {"omitted_files": "warn", "unrecognized_links": "warn", "anchors": "warn"}


class Site:
    """A built site: its folder, and the log records the build emitted."""

    def __init__(self, root: Path, records: list[logging.LogRecord], config):
        self.root = root
        self.site_dir = Path(config.site_dir)
        self.records = records
        self.config = config

    def html(self, path: str) -> str:
        return (self.site_dir / path).read_text(encoding="utf-8")

    def soup(self, path: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(path), "html.parser")

    def warnings(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= logging.WARNING]

    def plugin_warnings(self) -> list[str]:
        """Warnings logged by this plugin (not by MkDocs or the theme)."""
        return [
            r.getMessage()
            for r in self.records
            if r.levelno >= logging.WARNING and r.name.startswith(PLUGIN_LOGGER)
        ]

    def page(self, src_uri: str) -> str:
        """Output path of a page, following the site's use_directory_urls."""
        stem = src_uri[: -len(".md")]
        if not self.config.use_directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem + ".html"
        return stem + "/index.html"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def captured_logs() -> Iterator[list[logging.LogRecord]]:
    """Records of the `mkdocs` logger tree, also when the build raises (strict, bad config)."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    old_level = logger.level
    # INFO, not DEBUG: MkDocs skips anchor validation when its logger is at DEBUG.
    logger.setLevel(logging.INFO)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def build_site(
    root: Path,
    docs: dict[str, str | bytes],
    config: dict | None = None,
    theme: str = "material",
) -> Site:
    """Write ``docs`` into ``root/docs``, build with the plugin, and return the result."""
    docs_dir = root / "docs"
    for name, content in docs.items():
        path = docs_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    settings = {
        "site_name": "Test site",
        # Feeds need an absolute address; without one the plugin warns (tests that are about
        # that case pass `site_url: None`).
        "site_url": "https://example.org/",
        "theme": {"name": theme},
        "plugins": ["search", "arxiv-digest"],
        "validation": STRICT_VALIDATION,
    }
    settings.update(config or {})
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(settings), encoding="utf-8")
    with captured_logs() as records:
        cfg = load_config(str(config_file))
        # As `mkdocs build` does: some plugins (mkdocs-rss-plugin) set up in on_startup.
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    return Site(root, records, cfg)


@pytest.fixture
def site_builder(tmp_path):
    """``site_builder(docs, config=None, theme="material")`` builds a site in a fresh folder."""
    counter = iter(range(1000))

    def make(docs, config=None, theme="material"):
        root = tmp_path / f"site{next(counter)}"
        root.mkdir()
        return build_site(root, docs, config, theme)

    return make


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    value = os.environ.get(CORPUS_ENV)
    if not value:
        pytest.skip(f"{CORPUS_ENV} is not set: real-corpus conformance tests skipped")
    path = Path(value)
    if not path.is_dir():
        pytest.skip(f"{CORPUS_ENV}={value} is not a folder")
    return path


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def broken_links(site_dir: Path) -> list[tuple[str, str]]:
    """Every internal href/src in the built site that points at a missing file or anchor."""
    from urllib.parse import unquote, urldefrag, urlsplit

    pages: dict[Path, BeautifulSoup] = {}

    def load(path: Path) -> BeautifulSoup:
        if path not in pages:
            pages[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return pages[path]

    broken = []
    for html in sorted(site_dir.rglob("*.html")):
        if html.name == "404.html":  # uses site-absolute URLs by design
            continue
        soup = load(html)
        for tag in soup.find_all(["a", "link", "img", "script"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or urlsplit(ref).scheme or ref.startswith(("/", "mailto:")):
                continue
            target_ref, anchor = urldefrag(ref)
            target = html if not target_ref else (html.parent / unquote(target_ref)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((str(html.relative_to(site_dir)), ref))
                continue
            if anchor and target.suffix == ".html":
                if load(target).find(id=unquote(anchor)) is None and \
                        load(target).find("a", attrs={"name": unquote(anchor)}) is None:
                    broken.append((str(html.relative_to(site_dir)), ref))
    return broken


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's package) for the whole session: Playwright's sync API
    allows one driver per thread, so every browser test shares it."""
    import shutil

    sync_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("no `chromium` on PATH: browser tests need Debian's chromium package")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def local_only(context) -> list[str]:
    """Let a Playwright browser context reach 127.0.0.1 only; every other request is aborted
    and its address recorded in the returned list."""
    elsewhere: list[str] = []

    def route(request_route) -> None:
        if urlsplit(request_route.request.url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            elsewhere.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    return elsewhere


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port) from a thread; yields the base
    URL and shuts the server down afterwards."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def card_html(paper, math: bool = False, labels=None, links=None) -> str:
    """One card of ``paper`` as the plugin renders it, without a site around it."""
    from mkdocs_arxiv_digest.labels import english
    from mkdocs_arxiv_digest.render import Renderer
    from mkdocs_arxiv_digest.sitemap import CardLinks
    from mkdocs_arxiv_digest.taxonomy import category_names
    from mkdocs_arxiv_digest.views import Cards

    labels = labels or english()
    cards = Cards(labels, category_names(), math)
    return Renderer(math=math, labels=labels).card(cards.view(paper, links or CardLinks()))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files under tests/golden/ (review the diff!)")
