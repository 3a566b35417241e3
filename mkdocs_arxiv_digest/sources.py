"""Digest files among MkDocs' files: sources outside docs_dir, reading, and detection.

Part of the MkDocs adapter.
"""

from __future__ import annotations

import atexit
import datetime as dt
import fnmatch
import hashlib
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

from .markup import page_skeleton
from .model import Diagnostic, Digest
from .parse import decode_digest, is_digest, parse_digest
from .views import PageSpec

_NAME_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def add_sources(files: Files, config: MkDocsConfig, sources: Sequence) -> None:
    """Digests kept outside docs_dir join the site as virtual files (never copied), those of
    days between a source's `since` and `until` (by the date in the file's path; a file with
    no date in its path is always taken)."""
    for source in sources:
        root = Path(source.path)
        prefix = source.prefix.strip("/")
        for path in sorted(root.rglob("*.md")):
            relative = path.relative_to(root).as_posix()
            if not _in_window(relative, source.since, source.until):
                continue
            src_uri = "/".join(filter(None, (prefix, relative)))
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, abs_src_path=str(path)))


def _in_window(relative: str, since: dt.date | None, until: dt.date | None) -> bool:
    if since is None and until is None:
        return True
    match = _NAME_DATE.search(relative)
    try:
        day = dt.date.fromisoformat(match.group(1)) if match else None
    except ValueError:  # 2026-13-45
        day = None
    if day is None:
        return True
    return (since is None or day >= since) and (until is None or day <= until)


def preview_window(digests: dict[str, Digest], days: int) -> set[str]:
    """The digests left out of a `mkdocs serve` preview of the newest ``days`` dates (digests
    without a date stay in)."""
    dates = sorted({d.date for d in digests.values() if d.date}, reverse=True)
    if days <= 0 or len(dates) <= days:
        return set()
    first = dates[days - 1]
    return {path for path, d in digests.items() if d.date and d.date < first}


def language_folder(files: Files, config: MkDocsConfig) -> str:
    """The folder this build writes its pages into below site_dir: '' unless a plugin such as
    mkdocs-static-i18n builds each language into its own folder by rewriting the pages'
    destinations. Read from the first page whose destination is not the one MkDocs gives it."""
    for file in files.documentation_pages():
        natural = File(file.src_uri, None, config.site_dir, config.use_directory_urls).dest_uri
        if file.dest_uri != natural and file.dest_uri.endswith("/" + natural):
            return file.dest_uri[: -len(natural)]
    return ""


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


class ParseCache:
    """Parsed digests by path and the hash of their text, across the builds of one process."""

    def __init__(self) -> None:
        self._digests: dict[tuple[str, str], Digest] = {}
        self._used: set[tuple[str, str]] = set()

    def read(self, file: File, options, report: Callable[[Diagnostic], None],
             warn: Callable[[str], None]) -> Digest | None:
        """The digest in ``file``, or None when the plugin's ``options`` (include, exclude,
        detect) or its text say it is not one."""
        if not wanted(file.src_uri, options.include, options.exclude):
            return None
        text = read_text(file, report, warn)
        if text is None or not looks_like_digest(text, options.detect):
            return None
        return self.get(file.src_uri, text)

    def get(self, src_uri: str, text: str) -> Digest:
        key = (src_uri, hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest())
        digest = self._digests.get(key)
        if digest is None:
            digest = self._digests[key] = parse_digest(text, src_uri)
        self._used.add(key)
        return digest

    def prune(self) -> None:
        """Forget what this build did not ask for."""
        for stale in set(self._digests) - self._used:
            del self._digests[stale]
        self._used = set()


class Scratch:
    """A folder outside docs_dir for the Markdown of generated pages, so that they have a real
    source file like any page. A file is rewritten only when its text changed (its time tells
    `--dirty` builds what changed). Removed at shutdown, or when the process ends."""

    def __init__(self) -> None:
        self._root: Path | None = None

    def write(self, src_uri: str, text: str) -> str:
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="mkdocs-arxiv-digest-"))
            atexit.register(shutil.rmtree, self._root, ignore_errors=True)
        path = self._root.joinpath(*src_uri.split("/"))
        data = text.encode("utf-8", "surrogatepass")
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return str(path)

    def add_pages(self, files: Files, config: MkDocsConfig, specs: Sequence[PageSpec],
                  folder: str, search_exclude: bool, say: Callable[..., None]
                  ) -> dict[str, PageSpec]:
        """Add the generated pages that no file of the site takes already; return them by path.
        ``folder`` is the build's language folder (see :func:`language_folder`)."""
        added = {}
        for spec in specs:
            if (theirs := files.get_file_from_path(spec.path)) is not None:
                origin = f"made by {theirs.generated_by}" if theirs.generated_by else "in docs_dir"
                say("%s exists (%s): keeping it instead of generating it", spec.path, origin)
                continue
            markdown = page_skeleton(spec.title, [b.heading for b in spec.blocks], search_exclude)
            # Not in MkDocs' (or a nav plugin's) idea of the nav: the plugin's on_nav adds the
            # index pages itself, so nothing warns about generated pages being left out.
            file = File.generated(config, spec.path, abs_src_path=self.write(
                folder + spec.path, markdown), inclusion=InclusionLevel.NOT_IN_NAV)
            file.dest_uri = folder + file.dest_uri  # beside this build's other pages
            files.append(file)
            added[spec.path] = spec
        return added

    def remove(self) -> None:
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None
