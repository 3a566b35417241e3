"""arXiv category codes to human names, from the YAML file shipped with the package."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

TAXONOMY_FILE = Path(__file__).parent / "data" / "arxiv_taxonomy.yml"


@functools.cache
def category_names() -> dict[str, str]:
    """`{"cs.LG": "Machine Learning", ...}` for every arXiv category (and archive)."""
    with TAXONOMY_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {str(code): str(name) for code, name in data.items()}
