"""Zensical ignores MkDocs plugins; the `render` route publishes an archive with it.

Runs the real `zensical build` (skipped when Zensical is not installed), in a scratch folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mkdocs_arxiv_digest import cli
from mkdocs_arxiv_digest.demo import generate_archive
from mkdocs_arxiv_digest.parse import parse_digest

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = shutil.which("zensical")
pytestmark = pytest.mark.skipif(ZENSICAL is None, reason="zensical is not installed")

ASSETS = """
extra_css:
  - digests/assets/arxiv-digest/arxiv-digest.css
  - digests/assets/arxiv-digest/arxiv-digest-reader.css
extra_javascript:
  - digests/assets/arxiv-digest/arxiv-digest.js
"""


def zensical_build(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([ZENSICAL, "build", "--strict"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_rendered_archive_builds_with_zensical(tmp_path):
    project = tmp_path / "site"
    data = project / "data"  # the pipeline's digests, outside docs/
    paths = generate_archive(data, 3, 10, seed=15)
    (project / "docs").mkdir()
    (project / "docs/index.md").write_text("# Papers\n", encoding="utf-8")
    # The documented CI step, as the console script runs it.
    assert cli.main(["render", str(data), str(project / "docs/digests")]) == 0
    (project / "mkdocs.yml").write_text("site_name: Papers\n" + ASSETS, encoding="utf-8")
    zensical_build(project)
    site = project / "site"
    for path in paths:
        page = (site / f"digests/{path.stem}/index.html").read_text(encoding="utf-8")
        digest = parse_digest(path.read_text(encoding="utf-8"), path.name)
        assert page.count('<article class="axd-card"') == len(digest.papers) > 0
        assert '<link rel="stylesheet" href="../assets/arxiv-digest/arxiv-digest.css">' in page
        assert '<script src="../assets/arxiv-digest/arxiv-digest.js">' in page
    assert (site / "digests/assets/arxiv-digest/arxiv-digest.js").is_file()
    for generated in ("arxiv/archive", "arxiv/statistics", "arxiv/categories/cs.LG"):
        assert (site / "digests" / generated / "index.html").is_file(), generated


def test_zensical_ignores_the_plugin(tmp_path):
    """What the docs warn about: `arxiv-digest` under `plugins:` does nothing in Zensical, so a
    digest stays raw Markdown (no cards) and the build does not fail. If this test starts
    failing, Zensical runs MkDocs plugins and docs/configuration.md must say so."""
    project = tmp_path / "site"
    [path] = generate_archive(project / "docs/digests", 1, 5, seed=15)
    (project / "mkdocs.yml").write_text("site_name: Papers\nplugins:\n  - arxiv-digest\n",
                                        encoding="utf-8")
    zensical_build(project)
    page = (project / f"site/digests/{path.stem}/index.html").read_text(encoding="utf-8")
    assert "axd-card" not in page and "<details>" in page  # the digest as written
