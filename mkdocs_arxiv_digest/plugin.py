"""The MkDocs adapter: hooks only. The work is done by the pure core (parse, index, sitemap,
views, render, outputs); this module feeds it MkDocs' files and pages and puts its results back.

Cards never pass through Python-Markdown. A digest page's Markdown is replaced by a skeleton
(title, one real heading per category so the table of contents works, and HTML-comment slots,
see :mod:`.markup`); the slots are filled with rendered cards just before the theme renders the
page (``on_page_context``) and emptied again after it is written (``on_post_page``), so a build
holds one page's cards at a time.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .config import ArxivDigestConfig, reading_defaults
from .diagnostics import DEFAULT_LEVELS
from .index import Archive
from .labels import labels_for
from .markup import SLOT, digest_skeleton, fill_latest, safe_title
from .model import Diagnostic, Digest
from .navigation import site_navigation
from .outputs import OutputOptions, Outputs, plan_outputs
from .pageids import section_ids, usable_ids
from .render import Renderer
from .search import SiteSearch, day_summary, search_pages
from .sitemap import PageOptions, SiteMap
from .sources import ParseCache, Scratch, add_sources, language_folder, preview_window
from .stats import statistics_pages
from .taxonomy import category_names
from .urls import Urls
from .views import Cards, PageSpec, day_page, generated_pages, latest_block

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
# Site paths of the assets, and their files in the package.
STYLES = {"assets/arxiv-digest/arxiv-digest.css": "arxiv-digest.css",
          "assets/arxiv-digest/arxiv-digest-reader.css": "arxiv-digest-reader.css",
          "assets/arxiv-digest/arxiv-digest-search.css": "arxiv-digest-search.css"}
SCRIPTS = {"assets/arxiv-digest/arxiv-digest.js": "arxiv-digest.js",
           "assets/arxiv-digest/arxiv-digest-search.js": "arxiv-digest-search.js"}
_LOG_LEVELS = {"info": logging.INFO, "warning": logging.WARNING}


class ArxivDigestPlugin(BasePlugin[ArxivDigestConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # Parsed digests by path and text: the one thing worth keeping across the rebuilds of
        # `mkdocs serve` (which keeps a plugin that defines on_startup).
        self._parsed = ParseCache()
        self._serving = False  # under `mkdocs serve`: the preview window applies
        self._scratch = Scratch()  # the Markdown of generated pages, outside docs_dir
        self._reset()

    def _reset(self) -> None:
        """Per-build state (on_config runs first in every build)."""
        self.digests: dict[str, Digest] = {}  # digest pages, by path
        self.sitemap: SiteMap | None = None
        self.generated: dict[str, PageSpec] = {}  # pages this build generated, by path
        self.anchors: dict[str, list[str]] = {}  # section heading ids of digest pages
        self.outputs: Outputs | None = None  # feeds, JSON, BibTeX written after the build
        self._urls: Urls | None = None
        self._folder = ""  # where this build's pages go below site_dir (see language_folder)
        self._slotted: tuple[Page, str] | None = None  # the page being rendered, slots empty
        self._notice = ""  # the preview notice on every page while serving a window of days
        self.search: SiteSearch | None = None  # archive-wide search (search.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Also makes `mkdocs serve` keep this instance (and its parse cache)."""
        self._serving = command == "serve"

    def on_shutdown(self) -> None:
        self._scratch.remove()

    # -- configuration ---------------------------------------------------------------------

    # After mkdocs-static-i18n (-100), which sets each language build's theme language in its
    # on_config and keeps only files below docs_dir in its on_files: our texts follow the
    # language being built, and our generated pages and outside sources survive its filter.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return None
        self.levels = {**DEFAULT_LEVELS, **self.config.logs}
        # Material names the language `language`; the mkdocs theme has a babel `locale`.
        language = config.theme.get("language") or str(config.theme.get("locale") or "")
        self.labels = labels_for(language, self.config.labels)
        math = self.config.math
        self.renderer = Renderer(config.theme.dirs, math, self.labels,
                                 reading=reading_defaults(self.config))
        self.cards = Cards(self.labels, category_names(), math)
        config.extra_css.extend(uri for uri in self._assets(STYLES) if uri not in config.extra_css)
        scripts = list(map(str, config.extra_javascript))
        config.extra_javascript.extend(uri for uri in self._assets(SCRIPTS) if uri not in scripts)
        config.watch.extend(s.path for s in self.config.sources if s.path not in config.watch)
        return config

    def _assets(self, assets: dict[str, str]) -> dict[str, str]:
        """The plugin's assets this site uses: the search page's only when search is on."""
        return {uri: name for uri, name in assets.items()
                if self.config.search or "-search." not in name}

    # -- files -----------------------------------------------------------------------------

    @event_priority(-110)  # after mkdocs-static-i18n: see on_config
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        for uri, name in self._assets({**STYLES, **SCRIPTS}).items():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(ASSETS / name)))
        add_sources(files, config, self.config.sources)
        for file in files.documentation_pages():
            digest = self._digest(file)
            if digest is None:
                continue
            self.digests[file.src_uri] = digest
            if config.nav is not None and self._arranges_nav(config):
                # `nav: append` adds digests in on_nav; keep MkDocs from calling them omitted.
                file.inclusion = InclusionLevel.NOT_IN_NAV
        self._parsed.prune()  # a long serve session stays small
        if self._serving and (older := preview_window(self.digests, self.config.preview_days)):
            total = len({d.date for d in self.digests.values()})
            for path in older:
                files.remove(files.get_file_from_path(path))
                del self.digests[path]
            self._notice = self.renderer.preview(total - len(older), total)
        own_home = files.get_file_from_path("index.md") or files.get_file_from_path("README.md")
        self.sitemap = SiteMap(Archive.from_digests(self.digests), PageOptions(
            prefix=self.config.pages_prefix, categories=self.config.categories,
            authors=self.config.authors, archive=self.config.archive,
            page_size=self.config.page_size, authors_per_page=self.config.authors_per_page,
            category_names=category_names(), labels=self.labels,
            home=own_home is None, bibtex_files=self.config.bibtex_files))
        specs = generated_pages(self.sitemap)
        specs += statistics_pages(self.sitemap, self.config.statistics)
        specs += search_pages(self.sitemap, self.config.search, config.use_directory_urls)
        folder = language_folder(files, config)
        self.generated = self._scratch.add_pages(files, config, specs, folder,
                                                 self.config.search_exclude, log.info)
        self._urls = Urls(files, folder)
        if self.sitemap.search_page in self.generated:
            self.search = SiteSearch(self.sitemap, self._urls, self.labels)
            self.search.start(config.site_dir)  # Pagefind indexes while the pages render
        self._folder = folder
        return files

    def _digest(self, file: File) -> Digest | None:
        """The parsed digest of ``file``, or None when it is not a digest."""
        digest = self._parsed.read(file, self.config, self._report, log.warning)
        for diagnostic in digest.diagnostics if digest else ():
            self._report(diagnostic)
        return digest

    def _report(self, diagnostic: Diagnostic) -> None:
        level = self.levels.get(diagnostic.kind, "warning")
        if level != "ignore":
            log.log(_LOG_LEVELS[level], "%s", diagnostic)

    # -- navigation ------------------------------------------------------------------------

    def _arranges_nav(self, config: MkDocsConfig) -> bool:
        return self.config.nav == "append" or (self.config.nav == "auto" and config.nav is None)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not (self.config.enabled and self.digests and self._arranges_nav(config)):
            return None
        return site_navigation(nav.items, files, self.sitemap, self.generated, self.labels)

    # -- pages -----------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        digest = self.digests.get(page.file.src_uri)
        if digest is None:  # a page of the site's own may ask for the latest days
            return self.sitemap and fill_latest(markdown, lambda n: self.renderer.block(
                latest_block(self.sitemap, n), self._urls.href_from(page.url)))
        heading = None
        if not page.meta.get("title"):
            # The navigation shows the ISO date; the page's h1 spells the day out.
            title = (digest.date.isoformat() if digest.date else digest.title
                     or Path(page.file.src_uri).stem.replace("_", " "))
            page.meta["title"] = safe_title(title)
            heading = self.labels.long_date(digest.date) if digest.date else page.meta["title"]
        return digest_skeleton(digest, heading)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Fix heading ids and register anchors; the slots stay empty until on_page_context."""
        path = page.file.src_uri
        if (spec := self.generated.get(path)) is not None:
            hints = {spec.title: spec.kind}
            hints.update((b.heading, b.anchor) for b in spec.blocks if b.heading and b.anchor)
            html = usable_ids(html, page, hints)
            anchors = list(spec.anchors)
        elif (digest := self.digests.get(path)) is not None:
            hints = {}
            if digest.date:  # the h1 spells the day out (see on_page_markdown)
                hints[self.labels.long_date(digest.date)] = f"day-{digest.date.isoformat()}"
            html = usable_ids(html, page, hints)
            self.anchors[path] = section_ids(page)
            anchors = [p.anchor for p in digest.papers]
        else:
            return self._notice + html if self._notice else None
        html = self._notice + html
        # Card and author ids exist only after Markdown; register them so links to them validate.
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(anchors)
        return html

    # Search plugins (MkDocs' and Material's, priority 0) index page.content in on_page_context
    # and parse every element of it; Material also runs a regex over every page's content,
    # indexed or not. Digest pages show them one short paragraph (their cards are in the
    # Pagefind index, search.py) and are filled after them; generated pages are filled before
    # them only when they are indexed (`search_exclude: false`). on_post_page empties the slots
    # again.
    @event_priority(50)
    def _before_search(self, context, *, page: Page, config: MkDocsConfig, nav):
        path = page.file.src_uri
        if (digest := self.digests.get(path)) is not None:
            self._slotted = (page, page.content)
            page.content = day_summary(digest, self.labels)  # cards: see search.py
        elif path in self.generated and not self.config.search_exclude:
            self._fill(page)
        return context

    @event_priority(-50)
    def _after_search(self, context, *, page: Page, config: MkDocsConfig, nav):
        path = page.file.src_uri
        if path in self.digests or (path in self.generated and self.config.search_exclude):
            self._fill(page)
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def _fill(self, page: Page) -> None:
        """Put the cards (or the generated blocks) into the page's slots."""
        path = page.file.src_uri
        if self._slotted is None or self._slotted[0] is not page:
            self._slotted = (page, page.content)
        html = self._slotted[1]
        href = self._urls.href_from(page.url)
        site = self.sitemap
        if (spec := self.generated.get(path)) is not None:
            page.content = SLOT.sub(lambda m: self.renderer.block(
                spec.blocks[int(m.group(1)[2:])], href), html)
            return
        view = day_page(site, path, self.anchors.get(path, []), href)
        cards, renderer = self.cards, self.renderer

        def fill(match) -> str:
            slot = match.group(1)
            if slot == "head":
                return renderer.head(view)
            return "\n".join(renderer.card(cards.view(paper, site.card_links(path, paper, href)))
                             for paper in view.sections[int(slot[2:])].papers)

        page.content = SLOT.sub(fill, html)

    # -- files beside the pages ------------------------------------------------------------

    def on_env(self, env, *, config: MkDocsConfig, files: Files) -> None:
        if self.config.enabled and self.sitemap is not None:  # page URLs are final by now
            urls = {f.src_uri: f.url for f in files.documentation_pages()}
            options = OutputOptions.from_config(self.config, config.site_url, config.site_name)
            self.outputs = plan_outputs(self.sitemap, urls, options)
            for message in self.outputs.warnings:
                log.warning(message)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self._slotted is not None and self._slotted[0] is page:
            page.content = self._slotted[1]  # the written page keeps its slots, not its cards
            self._slotted = None
        if self.search is not None:
            output = self.search.link(output, page.url)
        return self.outputs.add_head_links(output) if self.outputs else output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.outputs is not None:
            self.outputs.write(Path(config.site_dir, self._folder))
        if self.search is not None:
            self.search.finish()

    def on_build_error(self, *, error: Exception) -> None:
        if self.search is not None:
            self.search.stop()
