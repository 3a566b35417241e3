"""What readers and consumers get, pinned as reviewed files under tests/golden/.

A markup change shows up as a failing test here; `python -m pytest tests/test_golden.py
--update-golden` rewrites the files, and the diff is reviewed and committed with the change
that caused it (never in CI: the option is only ever given by hand).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import build_site, fixture_text

GOLDEN = Path(__file__).parent / "golden"
DOCS = {"index.md": "# Home\n", "digests/2026-01-05.md": fixture_text("2026-01-05.md"),
        "digests/2026-01-06.md": fixture_text("2026-01-06.md")}
CONFIG = {"site_url": "https://example.org/digest/",
          "markdown_extensions": [{"pymdownx.arithmatex": {"generic": True}}]}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("golden"), DOCS, CONFIG)


def _content(html: str) -> str:
    """The page's own content: Material's article, without the theme around it."""
    start = html.index('<article class="md-content__inner md-typeset">')
    end = html.rindex("</article>", start, html.index('<footer class="md-footer">'))
    return html[start:end] + "</article>"


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _compare(request, name: str, actual: str) -> None:
    path = GOLDEN / name
    if request.config.getoption("--update-golden"):
        path.write_text(actual.rstrip("\n") + "\n", encoding="utf-8")
    assert path.exists(), f"{name} is missing: run pytest with --update-golden and review it"
    assert _normal(actual) == _normal(path.read_text(encoding="utf-8")), (
        f"{name} differs: if the change is intended, run pytest --update-golden, review the "
        "diff and commit it")


def _first_card(html: str) -> str:
    start = html.index('<article class="axd-card"')
    return html[start : html.index("</article>", start) + len("</article>")]


def test_card(site, request):
    _compare(request, "card.html", _first_card(site.html("digests/2026-01-05/index.html")))


def test_day_page(site, request):
    _compare(request, "day.html", _content(site.html("digests/2026-01-06/index.html")))


def test_category_page(site, request):
    _compare(request, "category.html", _content(site.html("arxiv/categories/cs.LG/index.html")))


def test_author_index(site, request):
    _compare(request, "authors.html", _content(site.html("arxiv/authors/index.html")))


def test_feed(site, request):
    _compare(request, "feed.xml", site.html("feed.xml"))


def test_json_day_file(site, request):
    record = json.loads(site.html("arxiv/days/2026-01-05.json"))
    _compare(request, "day.json", json.dumps(record, indent=1, ensure_ascii=False))


def test_archive_page(site, request):
    _compare(request, "archive.html", _content(site.html("arxiv/archive/index.html")))


def test_watchlist_feed(tmp_path, request):
    watchlist = {"keywords": ["lantern"], "authors": ["Hana Sato"]}
    config = {**CONFIG, "plugins": ["search", {"arxiv-digest": {"watchlist": watchlist}}]}
    built = build_site(tmp_path, DOCS, config)
    _compare(request, "watchlist.xml", built.html("watchlist.xml"))
