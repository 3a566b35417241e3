"""The project's own site: it builds strictly, its demo data is current, its docs match the code."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_arxiv_digest.config import ArxivDigestConfig
from mkdocs_arxiv_digest.demo import generate_archive

ROOT = Path(__file__).resolve().parent.parent


def test_docs_site_builds_strict(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    build(config)  # raises Abort on any warning
    site = tmp_path / "site"
    assert (site / "demo/2026-01-18/index.html").exists()
    assert "axd-card" in (site / "demo/2026-01-18/index.html").read_text(encoding="utf-8")
    assert (site / "arxiv/categories/index.html").exists()


def test_demo_digests_are_what_the_generator_writes(tmp_path):
    demo = ROOT / "demo"
    committed = sorted(demo.glob("*.md"))
    fresh = generate_archive(tmp_path, len(committed), 24, seed=2026)
    assert [p.name for p in committed] == [p.name for p in fresh]
    for old, new in zip(committed, fresh, strict=True):
        assert old.read_bytes() == new.read_bytes(), old.name


def test_configuration_page_lists_every_option():
    page = (ROOT / "docs/configuration.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### (\w+)$", page, re.M))
    options = {name for name, _ in ArxivDigestConfig._schema}
    assert documented == options
