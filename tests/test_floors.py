"""The lower bounds in pyproject.toml install together and build a site.

Slow (a fresh venv and a download of every floor version), so it runs only with
``ARXIV_DIGEST_FLOORS=1``. The floor set is read from pyproject.toml: each ``>=X`` of the
runtime dependencies and of the ``material`` extra becomes ``==X``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(os.environ.get("ARXIV_DIGEST_FLOORS") != "1",
                                reason="slow: set ARXIV_DIGEST_FLOORS=1 to install the floors")


def floors() -> dict[str, str]:
    """Each requirement's lower bound, by package name."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = {}
    for text in [*project["dependencies"], *project["optional-dependencies"]["material"]]:
        requirement = Requirement(text)
        [bound] = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        found[requirement.name.lower()] = bound
    return found


def test_floor_versions_install_together_and_build(tmp_path):
    pins = floors()
    # A copy of the project, so that building its wheel writes nothing into the worktree.
    source = tmp_path / "src"
    shutil.copytree(ROOT / "mkdocs_arxiv_digest", source / "mkdocs_arxiv_digest",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    constraints = tmp_path / "floors.txt"
    constraints.write_text("".join(f"{name}=={version}\n" for name, version in pins.items()))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "-c", str(constraints), f"{source}[material]"],
        capture_output=True, text=True, timeout=1200)
    assert install.returncode == 0, install.stderr
    freeze = subprocess.run([str(python), "-m", "pip", "freeze"], capture_output=True,
                            text=True, check=True).stdout
    installed = {canonicalize_name(name): Version(version) for name, _, version in
                 (line.partition("==") for line in freeze.splitlines()) if version}
    for name, version in pins.items():
        assert installed.get(canonicalize_name(name)) == Version(version), (name, freeze)

    site = tmp_path / "site"
    (site / "docs/digests").mkdir(parents=True)
    (site / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    for fixture in sorted(FIXTURES.glob("*.md")):
        shutil.copy(fixture, site / "docs/digests" / fixture.name)
    (site / "mkdocs.yml").write_text(
        "site_name: Floors\nsite_url: https://example.org/\n"
        "theme: {name: material, font: false}\n"
        "plugins: [search, arxiv-digest]\n"
        "markdown_extensions: [pymdownx.arithmatex, pymdownx.superfences]\n",
        encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    build = subprocess.run([str(python), "-m", "mkdocs", "build", "--strict"], cwd=site,
                           env={**env, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
                           text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    page = (site / "site/digests/2026-01-05/index.html").read_text(encoding="utf-8")
    assert page.count('<article class="axd-card"') >= 3
    assert (site / "site/arxiv/index.json").exists()
