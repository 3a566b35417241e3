"""Digest files among MkDocs' files: sources outside docs_dir, reading, and detection.

Part of the MkDocs adapter.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from .model import Diagnostic
from .parse import decode_digest, is_digest


def add_sources(files: Files, config: MkDocsConfig, sources: Sequence) -> None:
    """Digests kept outside docs_dir join the site as virtual files (never copied)."""
    for source in sources:
        root = Path(source.path)
        prefix = source.prefix.strip("/")
        for path in sorted(root.rglob("*.md")):
            src_uri = "/".join(filter(None, (prefix, path.relative_to(root).as_posix())))
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, abs_src_path=str(path)))


def wanted(src_uri: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether the `include` and `exclude` patterns let the page be a digest."""
    if include and not any(fnmatch.fnmatchcase(src_uri, p) for p in include):
        return False
    return not any(fnmatch.fnmatchcase(src_uri, p) for p in exclude)


def looks_like_digest(text: str, detect: str) -> bool:
    """Front matter `arxiv_digest: true/false` decides; else the shape, when `detect: auto`."""
    flag = get_data(text)[1].get("arxiv_digest") if text.startswith("---") else None
    if flag is not None:
        return bool(flag)
    return detect == "auto" and is_digest(text)


def read_text(file: File, report: Callable[[Diagnostic], None],
              warn: Callable[[str], None]) -> str | None:
    """The page source; bytes that are not UTF-8 are replaced (and reported), not fatal."""
    try:
        return file.content_string
    except UnicodeDecodeError:
        text, problems = decode_digest(file.content_bytes, file.src_uri)
        for problem in problems:
            report(problem)
        file.content_string = text
        return text
    except OSError as exc:
        warn(f"{file.src_uri}: cannot read the file: {exc}")
        return None
