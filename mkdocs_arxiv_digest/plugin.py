"""The MkDocs adapter: finds digest pages, parses them (cached), indexes the archive, generates
the browse pages, arranges the navigation, and swaps rendered cards into digest pages.

Cards never pass through Python-Markdown. A digest page's Markdown is replaced by a small
skeleton (title, one real heading per category so the table of contents works, and HTML-comment
slots); the slots are filled with rendered cards just before the theme renders the page
(``on_page_context``) and emptied again after it is written (``on_post_page``).
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import html as htmllib
import logging
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from .config import ArxivDigestConfig
from .diagnostics import DEFAULT_LEVELS
from .index import Archive
from .labels import Labels, labels_for
from .model import Diagnostic, Digest, Paper
from .outputs import OutputOptions, Outputs, plan_outputs
from .pages import Changes, Memo, PageOptions, PageSpec, SiteMap, Target, generated_pages
from .parse import decode_digest, is_digest, parse_digest
from .render import Renderer, SectionView, card_links, md_text, md_title, safe_title
from .stats import statistics_pages, statistics_path
from .taxonomy import category_names

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
CSS_URI = "assets/arxiv-digest/arxiv-digest.css"
READER_CSS_URI = "assets/arxiv-digest/arxiv-digest-reader.css"
JS_URI = "assets/arxiv-digest/arxiv-digest.js"
_SLOT = re.compile(r"<!--axd:(head|s:\d+|b:\d+)-->")
# The id Python-Markdown's toc gives a heading whose text slugifies to nothing (Chinese).
_EMPTY_SLUG = re.compile(r"_\d+")
_LOG_LEVELS = {"info": logging.INFO, "warning": logging.WARNING}
# Group digests by year and month in the navigation above this many days.
_NAV_GROUP_THRESHOLD = 31
T = TypeVar("T")


class ArxivDigestPlugin(BasePlugin[ArxivDigestConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # State that survives `mkdocs serve` rebuilds (a plugin that defines on_startup is kept
        # for the whole serve session): parsed digests by (path, content hash), always; and,
        # while serving, what was planned and rendered from them (see _Memory).
        self._cache: dict[tuple[str, str], Digest] = {}
        self._fingerprint = ""
        self._serving = False
        self._memory = _Memory()
        self._reset()

    def _reset(self) -> None:
        self.digests: dict[str, Digest] = {}
        self.archive = Archive(())
        self.sitemap: SiteMap | None = None
        self.generated: dict[str, PageSpec] = {}  # pages this build generated, by path
        self._urls: dict[str, str] = {}
        self._sections: dict[str, list[SectionView]] = {}  # digest pages, by path
        self._slotted: tuple[Page, str] | None = None  # the page being rendered, slots empty
        self._files: Files | None = None
        self._href_memo: dict[str, Callable[[Target], str]] = {}  # href(), by base
        self.outputs: Outputs | None = None  # feeds, JSON, BibTeX written after the build
        self._changes = Changes(set(), set(), set())  # since the last build (serve)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Present so MkDocs keeps this instance (and its caches) across rebuilds."""
        self._serving = command == "serve"
        self._memory = _Memory()

    # -- configuration ---------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return None
        self.levels = {**DEFAULT_LEVELS, **self.config.logs}
        # Material names the language `language`; the mkdocs theme has a babel `locale`.
        language = config.theme.get("language") or str(config.theme.get("locale") or "")
        self.labels = labels_for(language, self.config.labels)
        math = "pymdownx.arithmatex" in config.markdown_extensions
        self.renderer = Renderer(
            override_dirs=config.theme.dirs,
            math=math,
            category_names=category_names(),
            labels=self.labels,
        )
        # Everything besides the digests that the generated pages and cards depend on.
        self._settings = (repr(dict(self.config)), language, math, config.use_directory_urls,
                          _template_stamp(config.theme.dirs))
        # Reading controls (assets/arxiv-digest.js): site watchlist and per-card BibTeX.
        self.renderer.env.globals["watchlist"] = {
            "keywords": list(self.config.watchlist.keywords),
            "authors": list(self.config.watchlist.authors),
        }
        for uri in (CSS_URI, READER_CSS_URI):
            if uri not in config.extra_css:
                config.extra_css.append(uri)
        if JS_URI not in map(str, config.extra_javascript):
            config.extra_javascript.append(JS_URI)
        for source in self.config.sources:
            if source.path not in config.watch:
                config.watch.append(source.path)
        return config

    # -- files -----------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self._add_asset(files, config, CSS_URI, ASSETS / "arxiv-digest.css")
        self._add_asset(files, config, READER_CSS_URI, ASSETS / "arxiv-digest-reader.css")
        self._add_asset(files, config, JS_URI, ASSETS / "arxiv-digest.js")
        self._add_sources(files, config)
        self._files = files
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
            if config.nav is not None and self._arranges_nav(config):
                # `nav: append` adds digests in on_nav; keep MkDocs from calling them omitted.
                file.inclusion = InclusionLevel.NOT_IN_NAV
            for diagnostic in digest.diagnostics:
                self._report(diagnostic)
        # Forget digests that are gone or changed, so a long serve session stays small.
        for stale in set(self._cache) - used:
            del self._cache[stale]
        previous = self._memory.plan
        self._memory.start((frozenset(used), self._settings) if self._serving else None)
        plan = self._memory.plan
        if plan is None:
            if previous is None or not self._serving:
                previous = None
            archive = Archive.from_digests(self.digests, previous and previous.archive,
                                           reusable=self._serving)
            plan = self._memory.plan = self._plan(archive)
            if previous is not None:  # which kept cards may have other links now
                self._changes = plan.sitemap.changes_since(previous.sitemap)
        self.archive, self.sitemap = plan.archive, plan.sitemap
        self._generate(files, config, plan)
        self._mark_cross_linked_pages(files, used)
        return files

    def _add_sources(self, files: Files, config: MkDocsConfig) -> None:
        """Digests kept outside docs_dir join the site as virtual files (never copied)."""
        for source in self.config.sources:
            root = Path(source.path)
            prefix = source.prefix.strip("/")
            for path in sorted(root.rglob("*.md")):
                src_uri = "/".join(filter(None, (prefix, path.relative_to(root).as_posix())))
                if files.get_file_from_path(src_uri) is None:
                    files.append(File.generated(config, src_uri, abs_src_path=str(path)))

    def _plan(self, archive: Archive) -> _Plan:
        """The generated pages (and their Markdown) for the digests of this build."""
        options = PageOptions(
            prefix=self.config.pages_prefix,
            categories=self.config.categories,
            authors=self.config.authors,
            archive=self.config.archive,
            page_size=self.config.page_size,
            authors_per_page=self.config.authors_per_page,
            category_names=category_names(),
            labels=self.labels,
        )
        sitemap = SiteMap(archive, options)
        specs = generated_pages(sitemap) + statistics_pages(sitemap, self.config.statistics)
        pages = [(spec, self.renderer.page_markdown(spec, self.config.search_exclude))
                 for spec in specs]
        return _Plan(archive, sitemap, pages)

    def _generate(self, files: Files, config: MkDocsConfig, plan: _Plan) -> None:
        for spec, content in plan.pages:
            if files.get_file_from_path(spec.path) is not None:
                log.info("%s exists in docs_dir: keeping yours instead of generating it", spec.path)
                continue
            # Not in MkDocs' (or a nav plugin's) idea of the nav: on_nav adds the index pages
            # itself, so nothing warns about generated pages being left out.
            files.append(File.generated(config, spec.path, content=content,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
            self.generated[spec.path] = spec

    def _mark_cross_linked_pages(self, files: Files, used: set[tuple[str, str]]) -> None:
        """Digest pages link to each other: when any digest changes, all of them are stale."""
        fingerprint = hashlib.sha1(repr(sorted(used)).encode()).hexdigest()
        if fingerprint != self._fingerprint:
            for src_uri in self.digests:
                file = files.get_file_from_path(src_uri)
                if file is not None:
                    file.is_modified = lambda: True  # type: ignore[method-assign]
        self._fingerprint = fingerprint

    def _wanted(self, src_uri: str) -> bool:
        if src_uri in self.generated:
            return False
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
        except UnicodeDecodeError:
            text, problems = decode_digest(file.content_bytes, file.src_uri)
            for problem in problems:
                self._report(problem)
            file.content_string = text
            return text
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

    # -- navigation ------------------------------------------------------------------------

    def _arranges_nav(self, config: MkDocsConfig) -> bool:
        return self.config.nav == "append" or (self.config.nav == "auto" and config.nav is None)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or not self._arranges_nav(config):
            return None
        if not self.digests:
            return None
        ours = set(self.digests) | set(self.generated)
        items = _without(nav.items, ours)
        days = [files.get_file_from_path(day.path) for day in reversed(self.archive.days)]
        pages = [f.page for f in days if f is not None and f.page is not None]
        items.append(Section(self.labels.nav_digests,
                             _group_by_month(pages, self.archive, self.labels)))
        browse = [
            f.page
            for path in (self.sitemap.categories_index, self.sitemap.authors_index,
                         self.sitemap.archive_page, statistics_path(self.sitemap))
            if path in self.generated and (f := files.get_file_from_path(path)) and f.page
        ]
        if browse:
            items.append(Section(self.labels.nav_browse, browse))
        return _navigation(items)

    # -- pages -----------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        digest = self.digests.get(page.file.src_uri)
        if digest is None:
            return None
        return _skeleton(digest, page, self.labels)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Fix heading ids and register anchors. The slots stay empty until the page is about
        to be rendered (on_page_context), so that only one page's cards exist at a time."""
        path = page.file.src_uri
        spec = self.generated.get(path)
        if spec is not None:
            hints = {spec.title: spec.kind}
            hints.update((b.heading, b.anchor) for b in spec.blocks if b.heading and b.anchor)
            html = _usable_ids(html, page, hints)
            anchors: Iterable[str] = spec.anchors
        elif (digest := self.digests.get(path)) is not None:
            hints = {}
            if digest.date:  # the h1 spells the day out (see _skeleton)
                hints[self.labels.long_date(digest.date)] = f"day-{digest.date.isoformat()}"
            html = _usable_ids(html, page, hints)
            self._sections[path] = _section_views(digest, page, self.renderer)
            anchors = (p.anchor for p in digest.papers)
        else:
            return None
        # Card and author ids exist only after Markdown; register them so links to them validate.
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(anchors)
        return html

    # Search plugins (MkDocs' and Material's, priority 0) index page.content in on_page_context
    # and parse every element of it; Material also runs a regex over every page's content,
    # indexed or not. Digest pages show them a lean view with the same text (one heading and
    # one paragraph per card) and are filled after them; generated pages are filled before them
    # only when they are indexed (`search_exclude: false`). on_post_page empties the slots
    # again, so cards do not pile up in memory.
    @event_priority(50)
    def _before_search(self, context, *, page: Page, config: MkDocsConfig, nav):
        path = page.file.src_uri
        if path in self._sections:
            self._slotted = (page, page.content)
            page.content = self._filled(page, page.content, lean=True)
        elif path in self.generated and not self.config.search_exclude:
            self._slotted = (page, page.content)
            page.content = self._filled(page, page.content, lean=False)
        return context

    @event_priority(-50)
    def _after_search(self, context, *, page: Page, config: MkDocsConfig, nav):
        path = page.file.src_uri
        if path in self._sections and self._slotted is not None and self._slotted[0] is page:
            page.content = self._filled(page, self._slotted[1], lean=False)
        elif path in self.generated and self.config.search_exclude:
            self._slotted = (page, page.content)
            page.content = self._filled(page, page.content, lean=False)
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def _filled(self, page: Page, html: str, lean: bool) -> str:
        """The page with its slots filled; while serving, as last time if nothing changed."""
        path = page.file.src_uri
        if lean:  # the search view depends on the digest alone
            digest = self.digests[path]
            return self._memory.recall(("lean", path, page.url, html, id(digest)), digest,
                                       lambda: self._fill(page, html, lean)[0])
        key = (path, page.url, html)
        parts = self._memory.page(key)
        if parts is None:
            # Kept as parts: the cards in them are the very strings the card memory holds.
            parts = self._memory.keep_page(key, self._fill(page, html, lean))
        return "".join(parts)

    def _fill(self, page: Page, html: str, lean: bool) -> list[str]:
        """The parts of the page with its slots filled, in order."""
        path = page.file.src_uri
        base = get_relative_url("", page.url)
        files = self._files
        href = self._hrefs(base)
        spec = self.generated.get(path)
        if spec is not None:
            memo = self._memory.memo
            if memo is not None:  # links are relative: what is kept is kept per page depth
                remember = memo
                memo = lambda key, keep, make: remember((base, *key), keep, make)  # noqa: E731
            return [_SLOT.sub(lambda m: self.renderer.block(spec.blocks[int(m.group(1)[2:])],
                                                           href, memo), html)]
        digest = self.digests[path]
        sections = self._sections[path]
        if lean:
            return [_SLOT.sub(lambda m: "" if m.group(1) == "head" else self.renderer.search_text(
                sections[int(m.group(1)[2:])].papers), html)]
        previous, following = self.archive.neighbours(path)
        nav = {
            "previous": previous and (previous.label, self._href(previous.path, base, files)),
            "next": following and (following.label, self._href(following.path, base, files)),
        }

        parts, pos = [], 0
        for match in _SLOT.finditer(html):
            parts.append(html[pos : match.start()])
            pos = match.end()
            slot = match.group(1)
            if slot == "head":
                bibtex = {p.key: self.archive.bibtex(p) for p in digest.papers}
                head = functools.partial(self.renderer.head, digest, sections, nav, bibtex)
                memo = self._memory.memo
                parts.append(head() if memo is None else memo(  # the section ids are in html
                    ("head", path, page.url, html, id(digest), tuple(nav.items()),
                     tuple(bibtex.values())), digest, head))
                continue
            for number, paper in enumerate(sections[int(slot[2:])].papers):
                if number:
                    parts.append("\n")
                parts.append(self._card(path, paper, href))
        parts.append(html[pos:])
        return parts

    def _card(self, path: str, paper: Paper, href: Callable[[Target], str]) -> str:
        """The card of ``paper`` on the digest page at ``path``. While serving, the card of the
        last build when its links cannot have changed (or did not), else a new one."""
        memory = self._memory
        if memory.key is None:
            return self.renderer.card(paper, card_links(self.sitemap, path, paper, href))
        key = ("card", path, id(paper))  # the entry keeps the paper: its id stays its own
        kept = memory.get(key)
        if kept is not None and not self._changes.touch(paper):
            return kept[1]
        links = card_links(self.sitemap, path, paper, href)
        # The links as a tuple of strings, which the garbage collector soon stops tracking.
        same = (links.category, tuple(links.authors.items()), links.also_on)
        if kept is None or kept[0] != same:
            kept = (same, self.renderer.card(paper, links))
        memory.put(key, paper, kept)
        return kept[1]

    # -- files beside the pages (outputs.py) -----------------------------------------------

    def on_env(self, env, *, config: MkDocsConfig, files: Files) -> None:
        if self.config.enabled and self.sitemap is not None:  # page URLs are final by now
            urls = {f.src_uri: f.url for f in files.documentation_pages()}
            options = OutputOptions.from_config(self.config, config.site_url, config.site_name)
            self.outputs = plan_outputs(self.sitemap, urls, options, self._memory.memo)
            for note in self.outputs.notes:
                log.info(note)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self._slotted is not None and self._slotted[0] is page:
            page.content = self._slotted[1]  # the written page keeps its slots, not its cards
            self._slotted = None
        return self.outputs.add_head_links(output) if self.outputs else None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.outputs is not None:
            self.outputs.write(config.site_dir)
        self._memory.finish()

    def _hrefs(self, base: str) -> Callable[[Target], str]:
        """``href(target)`` for pages whose way to the site root is ``base``, remembered: the
        same author and category links recur on every digest page."""
        href = self._href_memo.get(base)
        if href is None:
            memo: dict[Target, str] = {}
            files = self._files

            def href(target: Target) -> str:
                url = memo.get(target)
                if url is None:
                    url = memo[target] = self._href(target.path, base, files, target.anchor)
                return url

            self._href_memo[base] = href
        return href

    def _href(self, src_uri: str, base: str, files: Files, anchor: str = "") -> str:
        """URL of a docs page relative to the current page (``base`` leads to the site root)."""
        url = self._urls.get(src_uri)
        if url is None:
            file = files.get_file_from_path(src_uri)
            url = self._urls[src_uri] = file.url if file is not None else ""
        href = url if base == "." else f"{base}/{url}"
        return f"{href}#{anchor}" if anchor else href


def _page_title(digest: Digest, page: Page) -> str:
    if digest.date:
        return digest.date.isoformat()
    return digest.title or Path(page.file.src_uri).stem.replace("_", " ")


def _skeleton(digest: Digest, page: Page, labels: Labels) -> str:
    lines = []
    if not page.meta.get("title"):
        # The navigation shows the ISO date; the page's h1 spells the day out.
        page.meta["title"] = safe_title(_page_title(digest, page))
        heading = labels.long_date(digest.date) if digest.date else page.meta["title"]
        lines += [f"# {md_title(heading)}", ""]
    lines += ["<!--axd:head-->", ""]
    for index, section in enumerate(digest.sections):
        if section.name:
            lines += [f"## {md_text(section.name)}", ""]
        lines += [f"<!--axd:s:{index}-->", ""]
    return "\n".join(lines)


def _toc_items(toc) -> list[AnchorLink]:
    """Every heading of a table of contents, in page order."""
    items: list[AnchorLink] = []
    for item in toc or ():
        items.append(item)
        items.extend(_toc_items(item.children))
    return items


def _usable_ids(html: str, page: Page, hints: dict[str, str]) -> str:
    """Heading ids that themes' scripts can use in CSS selectors, in ``html`` and page.toc.

    The toc extension makes `2026121` of a Chinese date (a selector cannot start with a digit:
    the mkdocs theme's scrollspy breaks) and `_1` of Chinese text. Such a heading takes its
    hint (by heading text) when it has one; an id starting with a digit gets an `h-` prefix.
    Run before the slots are filled: only headings and their permalinks are in ``html`` yet.
    """
    items = _toc_items(page.toc)
    used = {item.id for item in items}
    renames: dict[str, str] = {}
    for item in items:
        digit = item.id[:1].isdigit()
        if not (digit or _EMPTY_SLUG.fullmatch(item.id)):
            continue
        new = hints.get(htmllib.unescape(item.title)) or (f"h-{item.id}" if digit else None)
        if new is None:
            continue
        while new in used:
            new += "-"
        used.add(new)
        renames[item.id] = new
        item.id = new
    if not renames:
        return html
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.difference_update(renames)
        page.present_anchor_ids.update(renames.values())
    alternatives = "|".join(map(re.escape, renames))
    pattern = re.compile(f'(id="|href="#)({alternatives})"')
    return pattern.sub(lambda m: f'{m.group(1)}{renames[m.group(2)]}"', html)


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


def _without(items: list, remove: set[str]) -> list:
    """Navigation items minus the pages in ``remove``; sections left empty disappear."""
    kept = []
    for item in items:
        if isinstance(item, Section):
            children = _without(item.children, remove)
            if children:
                item.children = children
                kept.append(item)
        elif not (isinstance(item, Page) and item.file.src_uri in remove):
            kept.append(item)
    return kept


def _group_by_month(pages: list[Page], archive: Archive, labels: Labels) -> list:
    """Newest first; by year and month when there are many days."""
    if len(pages) <= _NAV_GROUP_THRESHOLD:
        return pages
    years: dict[str, dict[str, list[Page]]] = {}
    for page in pages:
        day = archive.day(page.file.src_uri)
        date = day.date if day else None
        year = labels.text("nav_year", year=date.year) if date else labels.undated
        month = labels.month_name(date) if date else labels.undated
        years.setdefault(year, {}).setdefault(month, []).append(page)
    return [
        Section(year, [Section(month, days) for month, days in months.items()])
        for year, months in years.items()
    ]


def _navigation(items: list) -> Navigation:
    """A Navigation with parents and previous/next links set, as MkDocs builds it."""
    pages: list[Page] = []

    def walk(children: list, parent: Section | None) -> None:
        for item in children:
            item.parent = parent
            if isinstance(item, Section):
                walk(item.children, item)
            elif isinstance(item, Page):
                pages.append(item)

    walk(items, None)
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None
    return Navigation(items, pages)


@dataclass
class _Plan:
    archive: Archive
    sitemap: SiteMap
    pages: list[tuple[PageSpec, str]]  # generated pages and their Markdown


class _Memory:
    """What a `mkdocs serve` session keeps from one build to the next. Off (``key`` None) for
    `mkdocs build`, where nothing is built twice and memory matters more.

    - The plan (index, site map, generated pages) and the filled pages, while the digests and
      settings stay the same.
    - Whatever :meth:`recall` made, by a key that names every object it was made from: author
      entries, category day blocks, page heads, search views, JSON records and feeds; and
      cards, by page and paper, with their links (see ``ArxivDigestPlugin._card``). After one
      digest changed, most of them are still the same. (The archive itself reuses the unchanged
      days, authors and BibTeX entries of the last plan; see Archive.)
    Entries that a build did not use are dropped when it ends; all of them when settings change.
    """

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.plan: _Plan | None = None
        self._pages: dict[tuple, list[str]] = {}
        # What was made, and the objects it was made from (in two dicts: no pair to track).
        self._made: dict[Hashable, Any] = {}
        self._kept: dict[Hashable, object] = {}
        self._used: set[Hashable] = set()
        self._prune = False  # drop entries this build did not use, when it ends

    def start(self, key: tuple | None) -> None:
        # With the same plan, pages come from _pages and no card is asked for: keep them all.
        self._prune = key is None or key != self.key
        if self._prune:
            self.plan = None
            self._pages = {}
        if key is None or (self.key is not None and key[1] != self.key[1]):
            self._made, self._kept = {}, {}  # other settings: other labels, templates, links
        self.key = key
        self._used = set()

    def page(self, key: tuple) -> list[str] | None:
        return self._pages.get(key)

    def keep_page(self, key: tuple, parts: list[str]) -> list[str]:
        if self.key is not None:
            self._pages[key] = parts
        return parts

    @property
    def memo(self) -> Memo | None:
        """:meth:`recall` while serving, for the pure modules that can reuse earlier work."""
        return None if self.key is None else self.recall

    def recall(self, key: Hashable, keep: object, make: Callable[[], T]) -> T:
        """``make()``, or what it made for ``key`` in this or the last build. ``keep`` holds
        the objects whose ``id()`` is in the key, so no other object can take their ids."""
        if self.key is None:
            return make()
        made = self.get(key)
        if made is None:
            made = self.put(key, keep, make())
        return made

    def get(self, key: Hashable) -> Any:
        """What was kept for ``key`` (None if nothing), kept again for the next build."""
        self._used.add(key)
        return self._made.get(key)

    def put(self, key: Hashable, keep: object, made: T) -> T:
        self._used.add(key)
        self._made[key] = made
        self._kept[key] = keep
        return made

    def finish(self) -> None:
        if self.key is not None and self._prune:
            self._made = {k: v for k, v in self._made.items() if k in self._used}
            self._kept = {k: v for k, v in self._kept.items() if k in self._used}
        self._used = set()


def _template_stamp(dirs: Iterable[str]) -> tuple:
    """Names and times of template overrides, so a changed override is noticed while serving."""
    stamp = []
    for folder in dirs:
        overrides = Path(folder, "arxiv_digest")
        if overrides.is_dir():
            stamp += [(str(p), p.stat().st_mtime_ns) for p in sorted(overrides.iterdir())]
    return tuple(stamp)
