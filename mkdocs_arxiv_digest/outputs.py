"""Files beside the pages, planned and written: feeds (:mod:`.feeds`), JSON and BibTeX
(:mod:`.export`).

Pure: no MkDocs. :func:`plan_outputs` decides early which files there will be (the feeds every
page announces in its ``<head>``); :meth:`Outputs.write` makes each file only when it writes it,
after the build, so that no file's content waits in memory while MkDocs renders the pages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import escape

from .export import day_bibtex, day_file_names, json_paths, target, write_json_exports
from .feeds import Feed, plan_feeds
from .sitemap import SiteMap


@dataclass(frozen=True)
class OutputOptions:
    """What to write. Feeds need ``site_url``: feed readers only follow absolute links."""

    site_url: str = ""
    site_name: str = ""
    feeds: bool = True
    feed_items: str = "day"
    feed_limit: int = 30
    watch_keywords: tuple[str, ...] = ()  # the site's watchlist, for its feed
    watch_authors: tuple[str, ...] = ()
    export_json: bool = True
    bibtex_files: bool = True

    @classmethod
    def from_config(cls, plugin_config, site_url: str | None, site_name: str) -> OutputOptions:
        """Read the plugin's options (any object with the option names as attributes)."""
        return cls(
            site_url=site_url or "",
            site_name=site_name,
            feeds=plugin_config.feeds,
            feed_items=plugin_config.feed_items,
            feed_limit=plugin_config.feed_limit,
            watch_keywords=tuple(plugin_config.watchlist.keywords),
            watch_authors=tuple(plugin_config.watchlist.authors),
            export_json=plugin_config.export_json,
            bibtex_files=plugin_config.bibtex_files,
        )

    @property
    def writes_feeds(self) -> bool:
        return self.feeds and bool(self.site_url)


class Outputs:
    """The planned files (site-relative paths) and the feeds to announce. Planning keeps only
    names; :meth:`write` makes the content."""

    def __init__(self, site_url: str = "") -> None:
        self.files: list[str] = []  # site-relative paths
        self.feeds: list[Feed] = []
        self.warnings: list[str] = []  # what the site owner must fix (logged as warnings)
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self._writers: list[Callable[[Path], None]] = []

    def add(self, paths: Iterable[str], writer: Callable[[Path], None]) -> None:
        """Plan ``paths``; ``writer(site_dir)`` will make and write them."""
        self.files.extend(paths)
        self._writers.append(writer)

    @functools.cached_property
    def head_links(self) -> str:
        """``<link rel="alternate">`` tags for the site feeds, the same on every page. Only
        those: Material fetches ``sitemap.xml`` beside every alternate link, so a link is only
        announced where a sitemap exists (the site root); category feeds are listed in
        docs/export.md. Read once the feeds are planned."""
        tags = []
        for feed in (feed for feed in self.feeds if feed.category is None):
            for kind, path in (("rss", feed.rss), ("atom", feed.atom)):
                tags.append(
                    f'<link rel="alternate" type="application/{kind}+xml" '
                    f'title="{escape(feed.title)} ({kind.upper() if kind == "rss" else "Atom"})" '
                    f'href="{escape(urljoin(self.site_url, path))}">'
                )
        return "".join(tags)

    def write(self, site_dir: str | Path) -> None:
        """Make and write every planned file under ``site_dir`` (never into docs_dir)."""
        root = Path(site_dir)
        for writer in self._writers:
            writer(root)

    def add_head_links(self, html: str) -> str:
        """The page's HTML with :attr:`head_links` before ``</head>`` (unchanged without feeds)."""
        if not self.feeds or "</head>" not in html:
            return html
        return html.replace("</head>", self.head_links + "</head>", 1)



def plan_outputs(site: SiteMap, urls: Mapping[str, str], options: OutputOptions) -> Outputs:
    """Every file to write beside the pages: their names and the feeds now, their content in
    :meth:`Outputs.write`. ``urls`` maps docs paths (``digests/x.md``) to their URLs relative to
    the site root, as MkDocs computed them."""
    archive = site.archive
    prefix = site.options.prefix.strip("/")
    outputs = Outputs(options.site_url)
    if not archive.days:
        return outputs  # a site without digests gets no files beside its pages
    if options.feeds and not options.site_url:
        outputs.warnings.append(
            "feeds are on but site_url is not set, so no feeds were written (feed readers need "
            "absolute links): set site_url in mkdocs.yml (for GitHub Pages "
            "'https://<owner>.github.io/<repo>/'), or add 'feeds: false' under arxiv-digest")
    names = day_file_names(archive)
    if options.writes_feeds:
        plan_feeds(outputs, site, urls, options, prefix)
    bib = ({day.path: f"{prefix}/bib/{names[day.path]}.bib" for day in archive.days}
           if options.bibtex_files else {})
    if options.export_json:
        outputs.add(json_paths(archive, names, prefix),
                    lambda root: write_json_exports(root, site, urls, outputs.site_url, names,
                                                    bib))
    if bib:

        def write_bibtex(root: Path) -> None:
            for day in archive.days:
                target(root, bib[day.path]).write_bytes(day_bibtex(archive, day))

        outputs.add(bib.values(), write_bibtex)
    return outputs

