"""A real `mkdocs serve` process: it starts, serves the cards, and after a digest is edited on
disk or a new day arrives in a source folder (as the daily job would) it rebuilds and serves the
new text, without a traceback."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from conftest import build_site, fixture_text

from mkdocs_arxiv_digest.demo import day_text

TIMEOUT = 90  # seconds for a build or a rebuild of this small site on a slow machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, text: str, process: subprocess.Popen) -> str:
    """The page at ``url`` once it contains ``text``; fails if the server dies or times out."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, "mkdocs serve exited"
        page = _fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{text!r} not served at {url} within {TIMEOUT} s")


@contextmanager
def _serving(root: Path, plugin: str | dict) -> Iterator[tuple[str, subprocess.Popen]]:
    """`mkdocs serve` of the site in ``root`` (Material, search and ``plugin``): yields its base
    URL and process; afterwards checks that it built at least twice, cleanly."""
    (root / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Serve test", "theme": {"name": "material"}, "plugins": ["search", plugin],
    }), encoding="utf-8")
    port = _free_port()
    log = root / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}  # whole log
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            # Live reload on: it is also what watches the files (--no-livereload does not).
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root, stdout=output, stderr=subprocess.STDOUT, env=env)
        try:
            yield f"http://127.0.0.1:{port}", process
        finally:
            process.terminate()
            process.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    # MkDocs drops a log message it printed before ("Documentation built in 0.32 seconds" twice
    # shows once); a finished rebuild is what "Reloading browsers" follows.
    assert text.count("Building documentation") >= 2 and "Reloading browsers" in text, text
    assert "Traceback" not in text and "ERROR" not in text, text


def test_serve_rebuilds_after_a_digest_changes(tmp_path: Path):
    docs = tmp_path / "docs" / "digests"
    docs.mkdir(parents=True)
    day = docs / "2026-01-06.md"
    day.write_text(fixture_text("2026-01-06.md"), encoding="utf-8")
    (docs / "2026-01-05.md").write_text(fixture_text("2026-01-05.md"), encoding="utf-8")
    with _serving(tmp_path, "arxiv-digest") as (base, process):
        url = f"{base}/digests/2026-01-06/"
        first = _wait_for(url, 'class="axd-card', process)
        assert "Bold Labels and Extra Fields" in first
        day.write_text(fixture_text("2026-01-06.md").replace(
            "Bold Labels and Extra Fields", "Rebuilt While Serving"), encoding="utf-8")
        second = _wait_for(url, "Rebuilt While Serving", process)
        assert "Bold Labels and Extra Fields" not in second
        # The other day's cross-links and the generated pages came along.
        archive = _wait_for(f"{base}/arxiv/archive/", "2026-01-06", process)
        assert "2026-01-05" in archive


def test_serve_picks_up_a_new_day_in_a_source_folder(tmp_path: Path):
    """The daily job writes into its own folder, outside docs_dir, while serve runs."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "2026-01-05.md").write_text(fixture_text("2026-01-05.md"), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    plugin = {"arxiv-digest": {"sources": [{"path": "data", "prefix": "digests"}]}}
    with _serving(tmp_path, plugin) as (base, process):
        older = _wait_for(f"{base}/digests/2026-01-05/", 'class="axd-card', process)
        assert "axd-daynav__next" not in older
        (data / "2026-01-06.md").write_text(fixture_text("2026-01-06.md"), encoding="utf-8")
        new = _wait_for(f"{base}/digests/2026-01-06/", 'class="axd-card', process)
        assert "Bold Labels and Extra Fields" in new
        # The day before now leads to the new day.
        _wait_for(f"{base}/digests/2026-01-05/", "axd-daynav__next", process)
    assert not (tmp_path / "docs" / "digests").exists()  # nothing was copied into docs_dir


def test_serve_previews_the_newest_days_and_says_so(tmp_path: Path):
    """`preview_days` keeps a serve rebuild small: the newest days only, a notice on every page;
    a new day moves the window."""
    data = tmp_path / "data"
    for day in ("2026-01-03", "2026-01-04", "2026-01-05"):
        (data / f"{day}.md").parent.mkdir(exist_ok=True)
        (data / f"{day}.md").write_text(day_text(dt.date.fromisoformat(day), 6, seed=3),
                                        encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    plugin = {"arxiv-digest": {"preview_days": 2,
                               "sources": [{"path": "data", "prefix": "digests"}]}}
    with _serving(tmp_path, plugin) as (base, process):
        newest = _wait_for(f"{base}/digests/2026-01-05/", 'class="axd-card', process)
        assert "newest 2 of 3 days" in newest and "preview_days: 0" in newest
        assert "newest 2 of 3 days" in _fetch(f"{base}/")  # every page says so
        assert _fetch(f"{base}/digests/2026-01-04/") is not None
        assert _fetch(f"{base}/digests/2026-01-03/") is None  # 404: outside the window
        archive = _fetch(f"{base}/arxiv/archive/")
        assert "2026-01-04" in archive and "2026-01-03" not in archive
        (data / "2026-01-06.md").write_text(day_text(dt.date(2026, 1, 6), 6, seed=3),
                                            encoding="utf-8")
        _wait_for(f"{base}/digests/2026-01-06/", "newest 2 of 4 days", process)
        _wait_for(f"{base}/arxiv/archive/", "2026-01-06", process)
        assert "2026-01-04" not in _fetch(f"{base}/arxiv/archive/")


def test_build_always_builds_every_day(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    for day in ("2026-01-03", "2026-01-04", "2026-01-05"):
        (data / f"{day}.md").write_text(day_text(dt.date.fromisoformat(day), 4, seed=3),
                                        encoding="utf-8")
    plugin = {"preview_days": 1, "sources": [{"path": str(data), "prefix": "digests"}]}
    site = build_site(tmp_path, {"index.md": "# Home\n"}, {"plugins": [{"arxiv-digest": plugin}]})
    assert site.warnings() == []
    for day in ("2026-01-03", "2026-01-04", "2026-01-05"):
        assert "axd-card" in site.html(f"digests/{day}/index.html")
    assert "axd-preview" not in site.html("digests/2026-01-05/index.html")
