"""A real `mkdocs serve` process: it starts, serves the cards, and after a digest is edited on
disk (as the daily job would) it rebuilds and serves the new text, without a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml
from conftest import fixture_text

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


def test_serve_rebuilds_after_a_digest_changes(tmp_path: Path):
    docs = tmp_path / "docs" / "digests"
    docs.mkdir(parents=True)
    day = docs / "2026-01-06.md"
    day.write_text(fixture_text("2026-01-06.md"), encoding="utf-8")
    (docs / "2026-01-05.md").write_text(fixture_text("2026-01-05.md"), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Serve test", "theme": {"name": "material"},
        "plugins": ["search", "arxiv-digest"],
    }), encoding="utf-8")
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            # Live reload on: it is also what watches the files (--no-livereload does not).
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT, env=env)
        try:
            url = f"http://127.0.0.1:{port}/digests/2026-01-06/"
            first = _wait_for(url, 'class="axd-card', process)
            assert "Bold Labels and Extra Fields" in first
            day.write_text(fixture_text("2026-01-06.md").replace(
                "Bold Labels and Extra Fields", "Rebuilt While Serving"), encoding="utf-8")
            second = _wait_for(url, "Rebuilt While Serving", process)
            assert "Bold Labels and Extra Fields" not in second
            # The other day's cross-links and the generated pages came along.
            archive = _wait_for(f"http://127.0.0.1:{port}/arxiv/archive/", "2026-01-06",
                                process)
            assert "2026-01-05" in archive
        finally:
            process.terminate()
            process.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert text.count("Documentation built") >= 2, text
    assert "Traceback" not in text and "ERROR" not in text, text
