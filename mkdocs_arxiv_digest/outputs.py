"""Files beside the pages: RSS and Atom feeds, a JSON export and BibTeX files per day.

Pure: no MkDocs. Everything comes from the archive, the site map and the URL of each docs page.
:func:`plan_outputs` decides early which files there will be (the feeds every page announces in
its ``<head>``); :meth:`Outputs.write` makes each file only when it writes it, after the build,
streaming the large JSON files, so that no file's content waits in memory while MkDocs renders
the pages. The same archive gives the same bytes: dates come from the digests, never from the
clock.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby, islice
from pathlib import Path
from posixpath import basename, splitext
from typing import TextIO
from urllib.parse import urljoin

from markupsafe import escape

from .index import Archive, Day, Listing, slugify
from .labels import Labels
from .model import SUMMARY_FIELDS, Paper
from .pages import Memo, SiteMap

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_VERSION = 1
# Papers named in a day's feed item; the rest are counted.
TOP_PAPERS = 5
FEED_ITEMS = ("day", "paper")
# Characters XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE/U+FFFF): dropped from feeds.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# (docs path, anchor) -> absolute URL
UrlOf = Callable[..., str]


@dataclass(frozen=True)
class OutputOptions:
    """What to write. Feeds need ``site_url``: feed readers only follow absolute links."""

    site_url: str = ""
    site_name: str = ""
    feeds: bool = True
    feed_items: str = "day"
    feed_limit: int = 30
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
            export_json=plugin_config.export_json,
            bibtex_files=plugin_config.bibtex_files,
        )

    @property
    def writes_feeds(self) -> bool:
        return self.feeds and bool(self.site_url)


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


class Outputs:
    """The planned files (site-relative paths) and the feeds to announce. Planning keeps only
    names; :meth:`write` makes the content."""

    def __init__(self, site_url: str = "") -> None:
        self.files: list[str] = []  # site-relative paths
        self.feeds: list[Feed] = []
        self.notes: list[str] = []  # things worth telling the site owner (logged as info)
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


def plan_outputs(site: SiteMap, urls: Mapping[str, str], options: OutputOptions,
                 memo: Memo | None = None) -> Outputs:
    """Every file to write beside the pages: their names and the feeds now, their content in
    :meth:`Outputs.write`. ``urls`` maps docs paths (``digests/x.md``) to their URLs relative to
    the site root, as MkDocs computed them. ``memo`` lets a caller that builds again and again
    (``mkdocs serve``) reuse encoded JSON records of papers whose listings did not change, and
    feeds whose days did not."""
    archive = site.archive
    prefix = site.options.prefix.strip("/")
    outputs = Outputs(options.site_url)
    if not archive.days:
        return outputs  # a site without digests gets no files beside its pages
    if options.feeds and not options.site_url:
        outputs.notes.append("feeds are on but site_url is not set; no feeds written "
                             "(feeds need absolute links)")
    names = _day_file_names(archive)
    if options.writes_feeds:
        _plan_feeds(outputs, site, urls, options, prefix, memo)
    if options.export_json:
        paths = [f"{prefix}/papers.json"]
        paths += [f"{prefix}/days/{names[day.path]}.json" for day in archive.days]
        outputs.add(paths, lambda root: _write_json_exports(root, site, urls, outputs.site_url,
                                                            names, memo))
    if options.bibtex_files:
        bib = {day.path: f"{prefix}/bib/{names[day.path]}.bib" for day in archive.days}

        def write_bibtex(root: Path) -> None:
            for day in archive.days:
                _target(root, bib[day.path]).write_bytes(day_bibtex(archive, day))

        outputs.add(bib.values(), write_bibtex)
    return outputs


def _target(root: Path, path: str) -> Path:
    """``root / path``, its folder made."""
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


# -- feeds -----------------------------------------------------------------------------------


def _plan_feeds(outputs: Outputs, site: SiteMap, urls: Mapping[str, str],
                options: OutputOptions, prefix: str, memo: Memo | None) -> None:
    """The site's feeds and a pair per category; their items are made when they are written."""
    archive, labels = site.archive, site.options.labels
    base = outputs.site_url
    limit = max(1, options.feed_limit)
    name = options.site_name or "arXiv digest"
    absolute = _absolute_urls(base, urls)
    repeats = _days_with_repeats(archive)

    def plan(feed: Feed, link: str, description: str) -> bool:
        def items() -> Iterator[FeedItem]:
            return _items(archive, feed.category, options.feed_items, absolute, labels, repeats)

        if next(items(), None) is None:
            return False  # no dated day: nothing a feed reader could order

        def feeds() -> tuple[bytes, bytes]:
            listed = list(islice(items(), limit))
            return (rss_feed(feed.title, link, urljoin(base, feed.rss), description, listed),
                    atom_feed(feed.title, link, urljoin(base, feed.atom), description, listed))

        def write(root: Path) -> None:
            if memo is None or options.feed_items != "day":
                rss, atom = feeds()
            else:  # an item comes from its day alone: the same days make the same feeds
                days = tuple(day for day, _ in islice(
                    _dated_days(archive, feed.category, repeats), limit))
                rss, atom = memo(("feed", feed, link, description, base, tuple(map(id, days))),
                                 days, feeds)
            _target(root, feed.rss).write_bytes(rss)
            _target(root, feed.atom).write_bytes(atom)

        outputs.add((feed.rss, feed.atom), write)
        outputs.feeds.append(feed)
        return True

    # At the site root, beside sitemap.xml (see Outputs.head_links).
    per = "feed_site_day" if options.feed_items == "day" else "feed_site_paper"
    if not plan(Feed(name, "feed.xml", "atom.xml"), base, labels.text(per, site=name)):
        return  # the site's feed is empty, so every category's is
    for category, path in site.category_path.items():
        slug = splitext(basename(path))[0]
        feed = Feed(f"{name}: {category}", f"{prefix}/feeds/{slug}.xml",
                    f"{prefix}/feeds/{slug}.atom.xml", category)
        link = absolute(path) if path in urls else base
        plan(feed, link, labels.text("feed_category", category=category, site=name))


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
                line += f": {escape(_one_line(paper.tldr))}"
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


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _xml(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _xml(text)
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


# -- JSON ------------------------------------------------------------------------------------

# Compact, non-ASCII kept as is: json.dumps(..., ensure_ascii=False, separators=(",", ":")).
# Records are trees, never cyclic: the encoder need not check.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
_TEXT_FIELDS = ("tldr", *SUMMARY_FIELDS, "abstract")


def _day_file_names(archive: Archive) -> dict[str, str]:
    """File name stem for each day's JSON and BibTeX: the date, else the file name; unique."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for day in archive.days:
        name = day.date.isoformat() if day.date else slugify(day.label)
        candidate, number = name, 1
        while candidate.lower() in used:
            number += 1
            candidate = f"{name}-{number}"
        used.add(candidate.lower())
        names[day.path] = candidate
    return names


def _open_json(root: Path, path: str) -> TextIO:
    # "replace": a lone surrogate in digest text is written as "?" rather than stop the build.
    return _target(root, path).open("w", encoding="utf-8", errors="replace", newline="")


def _write_object(stream: TextIO, fields: Mapping[str, object]) -> None:
    """``fields`` as one JSON object and a newline. A value that is an iterator of encoded JSON
    values is written as an array one value at a time, so the whole array never exists."""
    stream.write("{")
    for number, (name, value) in enumerate(fields.items()):
        stream.write(f"{',' if number else ''}{_ENCODER.encode(name)}:")
        if isinstance(value, Iterator):
            stream.write("[")
            for index, encoded in enumerate(value):
                stream.write(f",{encoded}" if index else encoded)
            stream.write("]")
        else:
            stream.write(_ENCODER.encode(value))
    stream.write("}\n")


def _write_json_exports(root: Path, site: SiteMap, urls: Mapping[str, str], base: str,
                        names: Mapping[str, str], memo: Memo | None = None) -> None:
    """``papers.json`` and ``days/*.json`` (schema in docs/export.md), in one walk over the
    days, newest first.

    papers.json lists every paper once, newest first, with the text of its newest listing: the
    listing this walk meets first (the archive's ``by_key`` is built by the same walk). So each
    record is encoded once and serves twice: in papers.json, and in the day file written at the
    same time, with that listing's ``section`` and ``version`` added."""
    archive = site.archive
    prefix = site.options.prefix.strip("/")
    pages = {day.path: (day.label, urljoin(base, urls.get(day.path, ""))) for day in archive.days}

    def records() -> Iterator[str]:
        seen: set[str] = set()
        for day in reversed(archive.days):
            listed = []
            for paper in day.digest.papers:
                listings = archive.by_key[paper.key]
                make = functools.partial(_encoded, listings, paper, pages)
                if memo is None:
                    record = make()
                else:  # the record holds nothing else than these papers and their days' pages
                    key = ("record", id(paper), tuple(
                        (id(item.paper), pages[item.day.path]) for item in listings))
                    record = memo(key, (paper, *(item.paper for item in listings)), make)
                if paper.key not in seen:  # its newest listing
                    seen.add(paper.key)
                    yield record
                listed.append(_listed_record(record, paper))
            with _open_json(root, f"{prefix}/days/{names[day.path]}.json") as stream:
                # The full records take the place of the day record's list of keys.
                _write_object(stream, {"version": JSON_VERSION, **_day_record(day, urls),
                                       "papers": iter(listed)})

    with _open_json(root, f"{prefix}/papers.json") as stream:
        _write_object(stream, {
            "version": JSON_VERSION,
            "generated_from": len(archive.days),
            "papers": records(),
            "days": (_ENCODER.encode({**_day_record(day, urls), "file": names[day.path]})
                     for day in archive.days),
            "categories": _category_records(site, urls),
        })


def _paper_record(listings: list[Listing], paper: Paper,
                  pages: Mapping[str, tuple[str, str]]) -> dict:
    """A paper's record: identity and links from its newest listing, versions, sections, days
    and cards from all its ``listings`` (newest first), text from ``paper`` (one listing).
    ``pages`` gives each day's label and absolute page URL by path."""
    newest = listings[0].paper
    oldest_first = listings[::-1]
    return {
        "id": newest.arxiv_id,
        "key": newest.key,
        "versions": _distinct([item.paper.version for item in oldest_first]),
        "title": paper.title,
        "authors": list(paper.authors),
        "main_category": paper.main_category,
        "sections": _distinct([item.paper.section for item in oldest_first]),
        "days": [pages[item.day.path][0] for item in oldest_first],
        "cards": [f"{pages[item.day.path][1]}#{item.paper.anchor}" for item in oldest_first],
        **{name: getattr(paper, name) for name in _TEXT_FIELDS},
        "extras": [{"label": f.label, "text": f.text} for f in paper.extras],
        "urls": {"abs": newest.abs_url, "pdf": newest.pdf_url, "html": newest.html_url},
    }


def _encoded(listings: list[Listing], paper: Paper, pages: Mapping[str, tuple[str, str]]) -> str:
    return _ENCODER.encode(_paper_record(listings, paper, pages))


def _listed_record(record: str, paper: Paper) -> str:
    """An encoded record as a day file lists it: ``section`` and ``version`` added at the end."""
    return record[:-1] + _listing_fields(paper.section, paper.version)


@functools.lru_cache(maxsize=1024)
def _listing_fields(section: str | None, version: str | None) -> str:
    """``,"section":…,"version":…}``: few pairs recur across thousands of papers."""
    return "," + _ENCODER.encode({"section": section, "version": version})[1:]


def _distinct(values: list[str | None]) -> list[str]:
    """The values that are set, each once, in order."""
    return list(dict.fromkeys(filter(None, values)))


def _day_record(day: Day, urls: Mapping[str, str]) -> dict:
    return {
        "date": day.date.isoformat() if day.date else None,
        "label": day.label,
        "source": day.path,
        "url": urls.get(day.path),
        "title": day.digest.title,
        "papers": [p.key for p in day.digest.papers],
        "sections": [
            {"name": s.name, "total": s.total, "papers": list(s.keys)}
            for s in day.digest.sections
        ],
        "without_summary": sum(1 for p in day.digest.papers if not p.has_summary),
    }


def _category_records(site: SiteMap, urls: Mapping[str, str]) -> dict[str, dict]:
    """Per category: its arXiv name, distinct papers, days present and the URL of its page."""
    archive = site.archive
    categories = {}
    for category in sorted(archive.by_category):
        listings = archive.by_category[category]
        path = site.category_path.get(category)
        categories[category] = {
            "name": site.options.category_names.get(category),
            "papers": len({item.paper.key for item in listings}),
            "days": len(archive.category_days(category)),
            "url": urls.get(path) if path else None,
        }
    return categories


# -- BibTeX ----------------------------------------------------------------------------------


def day_bibtex(archive: Archive, day: Day) -> bytes:
    """All entries of one day. Entries match the cards' BibTeX button (dated by the paper's
    first digest when it has no arXiv id)."""
    entries = [archive.bibtex(paper) for paper in day.digest.papers]
    return ("\n\n".join(entries) + "\n").encode("utf-8", "replace") if entries else b""
