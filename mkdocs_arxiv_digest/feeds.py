"""RSS and Atom feeds: the site's feed, one per category, and the watchlist's.

Pure: no MkDocs. Items come from the archive, dated by their digests (never by the clock), so
the same archive gives the same bytes. Every text passes through :func:`.markup.clean`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby, islice
from pathlib import Path
from posixpath import basename, splitext
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from markupsafe import escape

from .export import target
from .index import Archive, Day, Listing
from .labels import Labels
from .markup import clean, one_line
from .model import Paper
from .sitemap import SiteMap
from .watchlist import Watchlist

if TYPE_CHECKING:
    from .outputs import OutputOptions, Outputs

ATOM_NS = "http://www.w3.org/2005/Atom"
# Papers named in a day's feed item; the rest are counted.
TOP_PAPERS = 5

# (docs path, anchor) -> absolute URL
UrlOf = Callable[..., str]


@dataclass(frozen=True)
class Feed:
    """One feed in both formats; paths are relative to the site root."""

    title: str
    rss: str
    atom: str
    category: str | None = None


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    date: dt.date
    html: str
    categories: tuple[str, ...] = ()


def plan_feeds(outputs: Outputs, site: SiteMap, urls: Mapping[str, str],
               options: OutputOptions, prefix: str) -> None:
    """The site's feeds and a pair per category; their items are made when they are written."""
    archive, labels = site.archive, site.options.labels
    base = outputs.site_url
    limit = max(1, options.feed_limit)
    name = options.site_name or "arXiv digest"
    absolute = _absolute_urls(base, urls)
    repeats = _days_with_repeats(archive)

    def plan(feed: Feed, link: str, description: str,
             items: Callable[[], Iterator[FeedItem]]) -> bool:
        if next(items(), None) is None:
            return False  # no dated day (or no match): nothing a feed reader could order

        def feeds() -> tuple[bytes, bytes]:
            listed = list(islice(items(), limit))
            return (rss_feed(feed.title, link, urljoin(base, feed.rss), description, listed),
                    atom_feed(feed.title, link, urljoin(base, feed.atom), description, listed))

        def write(root: Path) -> None:
            rss, atom = feeds()
            target(root, feed.rss).write_bytes(rss)
            target(root, feed.atom).write_bytes(atom)

        outputs.add((feed.rss, feed.atom), write)
        outputs.feeds.append(feed)
        return True

    def listed(category: str | None) -> Callable[[], Iterator[FeedItem]]:
        return lambda: _items(archive, category, options.feed_items, absolute, labels, repeats)

    # At the site root, beside sitemap.xml (see Outputs.head_links).
    per = "feed_site_day" if options.feed_items == "day" else "feed_site_paper"
    if not plan(Feed(name, "feed.xml", "atom.xml"), base, labels.text(per, site=name),
                listed(None)):
        return  # the site's feed is empty, so every category's is
    watchlist = Watchlist(options.watch_keywords, options.watch_authors)
    if watchlist:  # at the root too: it is announced in every page's <head>
        terms = labels.list_separator.join(watchlist.terms)
        plan(Feed(labels.text("feed_watchlist_title", site=name), "watchlist.xml",
                  "watchlist.atom.xml"), base,
             labels.text("feed_watchlist", site=name, terms=terms),
             lambda: _watched_items(archive, watchlist, absolute, labels))
    for category, path in site.category_path.items():
        slug = splitext(basename(path))[0]
        feed = Feed(f"{name}: {category}", f"{prefix}/feeds/{slug}.xml",
                    f"{prefix}/feeds/{slug}.atom.xml", category)
        link = absolute(path) if path in urls else base
        plan(feed, link, labels.text("feed_category", category=category, site=name),
             listed(category))


def _absolute_urls(base: str, urls: Mapping[str, str]) -> UrlOf:
    """``absolute(docs path, anchor="")``: the page's absolute URL; one urljoin per page."""
    pages: dict[str, str] = {}

    def absolute(path: str, anchor: str = "") -> str:
        url = pages.get(path)
        if url is None:
            url = pages[path] = urljoin(base, urls.get(path, ""))
        return f"{url}#{anchor}" if anchor else url

    return absolute


def _days_with_repeats(archive: Archive) -> set[str]:
    """Days listing some paper twice (under two sections, say)."""
    return {day.path for day in archive.days
            if len({paper.key for paper in day.digest.papers}) < len(day.digest.papers)}


def _items(archive: Archive, category: str | None, kind: str, absolute: UrlOf,
           labels: Labels, repeats: set[str]) -> Iterator[FeedItem]:
    """Feed items, newest first: one per dated day, or one per paper on the day it first
    appeared. Lazy: a feed takes only its first ``feed_limit``."""
    for day, papers in _dated_days(archive, category, repeats):
        if kind == "day":
            yield _day_item(day, papers, category, absolute, labels)
        else:
            yield from (_paper_item(day, paper, absolute) for paper in papers
                        if _first_listing(archive, paper.key).day.path == day.path)


def _dated_days(archive: Archive, category: str | None,
                repeats: set[str]) -> Iterator[tuple[Day, list[Paper]]]:
    """Dated days newest first, with their papers (in ``category``) in the digest's order.
    Lazy, so a feed reads only the days it shows."""
    if category is None:
        yield from ((day, list(day.digest.papers)) for day in reversed(archive.days) if day.date)
        return
    # A category's listings are newest first, each day's together and in the digest's order.
    for day, listings in groupby(archive.by_category.get(category, ()),
                                 key=lambda item: item.day):
        if not day.date:
            continue
        papers = [item.paper for item in listings]
        if day.path in repeats:  # a paper listed twice that day counts wherever it is listed
            keys = {paper.key for paper in papers}
            papers = [paper for paper in day.digest.papers if paper.key in keys]
        yield day, papers


def _watched_items(archive: Archive, watchlist: Watchlist, absolute: UrlOf,
                   labels: Labels) -> Iterator[FeedItem]:
    """One item per paper the watchlist matches, on the day it first appeared, newest day
    first. Lazy: a feed takes only its first ``feed_limit``."""
    seen: set[str] = set()  # a paper listed under two sections of its day is one item
    for day in reversed(archive.days):
        if not day.date:
            continue
        for paper in day.digest.papers:
            if paper.key in seen or _first_listing(archive, paper.key).day is not day:
                continue
            seen.add(paper.key)
            terms = watchlist.matches(paper)
            if terms:
                item = _paper_item(day, paper, absolute)
                why = labels.text("feed_watch_matches", terms=labels.list_separator.join(terms))
                yield dataclasses.replace(item, html=f"{item.html}<p>{escape(why)}</p>")


def _first_listing(archive: Archive, key: str) -> Listing:
    return archive.by_key[key][-1]  # listings are newest first


def _day_item(day: Day, papers: list[Paper], category: str | None,
              absolute: UrlOf, labels: Labels) -> FeedItem:
    count = len(papers)
    categories = sorted({p.category for p in papers if p.category})
    missing = sum(1 for p in papers if not p.has_summary)
    spread = without = ""
    if category is None and categories:
        spread = labels.text("feed_in_categories",
                             categories=labels.count(len(categories), "categories_count"))
    if missing:
        without = labels.text("feed_missing", missing=labels.count(missing, "without_summary"))
    summary = labels.text("feed_day_summary", papers=labels.count(count, "papers"),
                          categories=spread, missing=without)
    parts = [f"<p>{escape(summary)}</p>"]
    if papers:
        parts.append("<ul>")
        for paper in papers[:TOP_PAPERS]:
            line = f'<a href="{escape(absolute(day.path, paper.anchor))}">{escape(paper.title)}</a>'
            if paper.category:
                line += f" ({escape(paper.category)})"
            if paper.tldr:
                line += f": {escape(one_line(paper.tldr))}"
            parts.append(f"<li>{line}</li>")
        parts.append("</ul>")
        if count > TOP_PAPERS:
            parts.append(f'<p><a href="{escape(absolute(day.path))}">'
                         f"{escape(labels.count(count, 'feed_all_papers', day=day.label))}"
                         "</a></p>")
    title = day.label if category is None else f"{category}: {day.label}"
    return FeedItem(title, absolute(day.path), day.date, "".join(parts),
                    (category,) if category else tuple(categories))


def _paper_item(day: Day, paper: Paper, absolute: UrlOf) -> FeedItem:
    parts = []
    if paper.authors:
        parts.append(f"<p>{escape(', '.join(paper.authors))}</p>")
    if paper.tldr:
        parts.append(f"<p>{escape(paper.tldr)}</p>")
    links = [f'<a href="{escape(paper.abs_url)}">{escape(paper.arxiv_id or paper.abs_url)}</a>']
    if paper.pdf_url:
        links.append(f'<a href="{escape(paper.pdf_url)}">PDF</a>')
    parts.append(f"<p>{' · '.join(links)}</p>")
    return FeedItem(paper.title, absolute(day.path, paper.anchor), day.date, "".join(parts),
                    (paper.category,) if paper.category else ())


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = clean(text)
    return element


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _midnight(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


def rss_feed(title: str, link: str, self_url: str, description: str,
             items: list[FeedItem]) -> bytes:
    """An RSS 2.0 document; ``items`` newest first, each dated by its digest."""
    rss = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS})
    channel = _sub(rss, "channel")
    _sub(channel, "title", title)
    _sub(channel, "link", link)
    _sub(channel, "description", description)
    _sub(channel, "atom:link", href=self_url, rel="self", type="application/rss+xml")
    if items:
        newest = max(item.date for item in items)
        _sub(channel, "lastBuildDate", email.utils.format_datetime(_midnight(newest), True))
    for item in items:
        element = _sub(channel, "item")
        _sub(element, "title", item.title)
        _sub(element, "link", item.link)
        _sub(element, "guid", item.link, isPermaLink="true")
        _sub(element, "pubDate", email.utils.format_datetime(_midnight(item.date), True))
        for category in item.categories:
            _sub(element, "category", category)
        _sub(element, "description", item.html)
    return _serialise(rss)


def atom_feed(title: str, link: str, self_url: str, description: str,
              items: list[FeedItem]) -> bytes:
    """An Atom 1.0 document with the same items as :func:`rss_feed`."""
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _sub(feed, "title", title)
    _sub(feed, "subtitle", description)
    _sub(feed, "id", self_url)
    _sub(feed, "link", href=link, rel="alternate", type="text/html")
    _sub(feed, "link", href=self_url, rel="self", type="application/atom+xml")
    newest = max((item.date for item in items), default=dt.date(1970, 1, 1))
    _sub(feed, "updated", _midnight(newest).isoformat().replace("+00:00", "Z"))
    author = _sub(feed, "author")
    _sub(author, "name", title)
    for item in items:
        entry = _sub(feed, "entry")
        _sub(entry, "title", item.title)
        _sub(entry, "id", item.link)
        _sub(entry, "link", href=item.link, rel="alternate", type="text/html")
        _sub(entry, "updated", _midnight(item.date).isoformat().replace("+00:00", "Z"))
        for category in item.categories:
            _sub(entry, "category", term=category)
        _sub(entry, "content", item.html, type="html")
    return _serialise(feed)

