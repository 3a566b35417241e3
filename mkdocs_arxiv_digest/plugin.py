"""The MkDocs adapter: finds digest pages, parses them (cached), and swaps in rendered cards.

Cards never pass through Python-Markdown. A digest page's Markdown is replaced by a small
skeleton (title, one real heading per category so the table of contents works, and HTML-comment
slots); the slots are filled with rendered cards in ``on_page_content``.
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from .config import ArxivDigestConfig
from .diagnostics import DEFAULT_LEVELS
from .model import Diagnostic, Digest
from .parse import is_digest, parse_digest
from .render import Renderer, SectionView
from .taxonomy import category_names

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
CSS_URI = "assets/arxiv-digest/arxiv-digest.css"
_SLOT = re.compile(r"<!--axd:(head|s:\d+)-->")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_LOG_LEVELS = {"info": logging.INFO, "warning": logging.WARNING}


class ArxivDigestPlugin(BasePlugin[ArxivDigestConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # Parsed digests by (path, content hash). Survives `mkdocs serve` rebuilds, because a
        # plugin that defines on_startup is kept for the whole serve session.
        self._cache: dict[tuple[str, str], Digest] = {}
        self.digests: dict[str, Digest] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Present so MkDocs keeps this instance (and its parse cache) across rebuilds."""

    # -- configuration ---------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.digests = {}
        if not self.config.enabled:
            return None
        self.levels = {**DEFAULT_LEVELS, **self.config.logs}
        self.renderer = Renderer(
            override_dirs=config.theme.dirs,
            math="pymdownx.arithmatex" in config.markdown_extensions,
            category_names=category_names(),
        )
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        return config

    # -- files -----------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self._add_asset(files, config, CSS_URI, ASSETS / "arxiv-digest.css")
        used: set[tuple[str, str]] = set()
        for file in files.documentation_pages():
            if not self._wanted(file.src_uri):
                continue
            text = self._read(file)
            if text is None or not self._is_digest(text):
                continue
            key = (file.src_uri, hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest())
            digest = self._cache.get(key)
            if digest is None:
                digest = parse_digest(text, file.src_uri)
                self._cache[key] = digest
            used.add(key)
            self.digests[file.src_uri] = digest
            for diagnostic in digest.diagnostics:
                self._report(diagnostic)
        # Forget digests that are gone or changed, so a long serve session stays small.
        for stale in set(self._cache) - used:
            del self._cache[stale]
        return files

    def _wanted(self, src_uri: str) -> bool:
        include, exclude = self.config.include, self.config.exclude
        if include and not any(fnmatch.fnmatchcase(src_uri, p) for p in include):
            return False
        return not any(fnmatch.fnmatchcase(src_uri, p) for p in exclude)

    def _is_digest(self, text: str) -> bool:
        flag = None
        if text.startswith("---"):
            flag = get_data(text)[1].get("arxiv_digest")
        if flag is not None:
            return bool(flag)
        return self.config.detect == "auto" and is_digest(text)

    def _read(self, file: File) -> str | None:
        """The page source; bytes that are not UTF-8 are replaced (and reported), not fatal."""
        try:
            return file.content_string
        except UnicodeDecodeError as exc:
            data = file.content_bytes
            text = data.decode("utf-8", errors="replace")
            self._report(
                Diagnostic(
                    file.src_uri,
                    data[: exc.start].count(b"\n") + 1,
                    "not_utf8",
                    f"bytes that are not UTF-8 at byte offset {exc.start}; "
                    "replaced with U+FFFD so the page still builds",
                )
            )
            file.content_string = text.removeprefix("\ufeff")
            return file.content_string
        except OSError as exc:
            log.warning("%s: cannot read the file: %s", file.src_uri, exc)
            return None

    def _report(self, diagnostic: Diagnostic) -> None:
        level = self.levels.get(diagnostic.kind, "warning")
        if level != "ignore":
            log.log(_LOG_LEVELS[level], "%s", diagnostic)

    @staticmethod
    def _add_asset(files: Files, config: MkDocsConfig, uri: str, path: Path) -> None:
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(path)))

    # -- pages -----------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        digest = self.digests.get(page.file.src_uri)
        if digest is None:
            return None
        return _skeleton(digest, page)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        digest = self.digests.get(page.file.src_uri)
        if digest is None:
            return None
        sections = _section_views(digest, page, self.renderer)
        papers = {p.key: p for p in digest.papers}

        def fill(match: re.Match) -> str:
            slot = match.group(1)
            if slot == "head":
                return self.renderer.head(digest, sections)
            view = sections[int(slot[2:])]
            return self.renderer.section(view.papers)

        html = _SLOT.sub(fill, html)
        # Card ids exist only after Markdown; register them so links to them validate.
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(p.anchor for p in papers.values())
        return html


def _page_title(digest: Digest, page: Page) -> str:
    if digest.date:
        return digest.date.isoformat()
    return digest.title or Path(page.file.src_uri).stem.replace("_", " ")


def _md_text(text: str) -> str:
    """Text safe to put into a Markdown heading: no markup, no HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _skeleton(digest: Digest, page: Page) -> str:
    lines = []
    if not page.meta.get("title"):
        lines += [f"# {_md_text(_page_title(digest, page))}", ""]
    lines += ["<!--axd:head-->", ""]
    for index, section in enumerate(digest.sections):
        if section.name:
            lines += [f"## {_md_text(section.name)}", ""]
        lines += [f"<!--axd:s:{index}-->", ""]
    return "\n".join(lines)


def _section_views(digest: Digest, page: Page, renderer: Renderer) -> list[SectionView]:
    """Sections with the heading ids that the table of contents gave them."""
    ids: list[str] = []
    stack = list(page.toc or [])
    stack.reverse()
    while stack:
        item = stack.pop()
        if item.level == 2:
            ids.append(item.id)
        stack.extend(reversed(item.children))
    ids.reverse()
    papers = {p.key: p for p in digest.papers}
    views = []
    for section in digest.sections:
        anchor = ids.pop() if section.name and ids else None
        views.append(
            SectionView(
                name=section.name,
                label=renderer.category_name(section.name),
                anchor=anchor,
                papers=[papers[k] for k in section.keys],
                total=section.total,
            )
        )
    return views
