"""The plugin's options (`plugins: - arxiv-digest: {...}` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .diagnostics import DEFAULT_LEVELS, LEVELS


class _LogLevels(c.DictOfItems):
    """`logs: {duplicate: warning}`: one level per diagnostic kind; unknown kinds are errors."""

    def run_validation(self, value: object) -> dict:
        result = super().run_validation(value)
        unknown = sorted(set(result) - set(DEFAULT_LEVELS))
        if unknown:
            raise c.ValidationError(
                f"unknown diagnostic kind(s) {', '.join(unknown)}; "
                f"known kinds: {', '.join(sorted(DEFAULT_LEVELS))}"
            )
        return result


class ArxivDigestConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Switch the plugin off without removing it (e.g. `enabled: !ENV [DIGEST, true]`)."""

    detect = c.Choice(("auto", "front_matter"), default="auto")
    """`auto`: any page with a paper entry is a digest. `front_matter`: only pages that say
    `arxiv_digest: true`. Front matter `arxiv_digest: false` always wins."""

    include = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns (relative to docs_dir) of pages to consider; empty means all."""

    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns of pages never treated as digests."""

    logs = _LogLevels(c.Choice(LEVELS), default={})
    """Log level per diagnostic kind, e.g. `{duplicate: warning, total_mismatch: ignore}`."""
