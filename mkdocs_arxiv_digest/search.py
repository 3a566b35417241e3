"""Archive-wide search on Pagefind: the search page, the short text the theme's own search gets
for a day page, and the index written into the site after the build.

Part of the MkDocs adapter. The index comes from one run of Pagefind's CLI over a scratch folder
(outside ``site_dir`` and ``docs_dir``) of lean HTML documents, one per day and main category:
each card is a heading with the card's id, so Pagefind makes it a sub-result that links to
``<day page>#<card id>``, followed by its authors, arXiv id, category, TL;DR and abstract as
escaped text. A document's ``date`` and ``category`` are Pagefind filters (one category per
document, so a category filter is exact) and its ``url`` meta is the real day page, relative to
the bundle's folder (``<pages_prefix>/search/``), so results land on the built pages whatever
``use_directory_urls`` or a language folder made of their URLs. See docs/search.md.
"""

from __future__ import annotations

import atexit
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

from .labels import Labels
from .markup import escape, one_line
from .model import Digest, Paper
from .sitemap import SiteMap
from .urls import Urls
from .views import Block, PageSpec

log = get_plugin_logger(__name__)

# What the bundle holds that our page never loads (Pagefind's own UIs).
_UNUSED = re.compile(r"pagefind-(component-ui|modular-ui|ui|highlight)\.")
_CJK = re.compile(r"[\u3400-\u9fff]")
_HEAD = "</head>"


@dataclass(frozen=True)
class SearchView:
    """The search page's form and the script's settings: where the bundle is (relative to the
    page), the categories to filter by (code, name) and the range of days."""

    bundle: str
    categories: tuple[tuple[str, str], ...]
    first: str
    last: str


def search_pages(site: SiteMap, enabled: bool, use_directory_urls: bool) -> list[PageSpec]:
    """The search page, when search is on and there is at least one day."""
    archive = site.archive
    if not enabled or not archive.days:
        return []
    names = site.options.category_names
    categories = tuple((code, names.get(code, "")) for code in sorted(archive.by_category))
    dates = sorted(day.date.isoformat() for day in archive.days if day.date)
    # `arxiv/search/` holds its bundle in `pagefind/`; `arxiv/search.html` in `search/pagefind/`.
    bundle = "pagefind/" if use_directory_urls else "search/pagefind/"
    view = SearchView(bundle, categories, dates[0] if dates else "", dates[-1] if dates else "")
    return [PageSpec(site.search_page, site.options.labels.search_title, "search",
                     (Block(None, "search.html", view),))]


def day_summary(digest: Digest, labels: Labels) -> str:
    """A day page as the theme's search indexes it: one short paragraph (its date, its number
    of papers and its categories), so ``search_index.json`` holds one small entry per day however
    many cards the day has. The cards are found by the archive-wide search."""
    categories = labels.list_separator.join(s.name for s in digest.sections if s.name)
    day = labels.long_date(digest.date) if digest.date else (digest.title or "")
    text = labels.text("search_day_summary", len(digest.papers), day=day, categories=categories)
    return f"<p>{escape(text)}</p>"


# -- the index -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexRun:
    """What one indexing cost: documents and papers fed in, seconds, the indexer's peak RSS
    (bytes; 0 where the system does not tell) and the bundle's size on disk."""

    documents: int
    papers: int
    seconds: float
    peak_rss: int
    size: int


def documents(site: SiteMap, urls: Urls, bundle_dir: str, language: str) -> list[str]:
    """The lean HTML documents Pagefind indexes: one per day and main category. A result is one
    paper: a paper listed on several days is indexed once, at its newest day (its card there
    links to the others)."""
    out = []
    seen: set[str] = set()
    for day in reversed(site.archive.days):
        page = urls.url(day.path)
        if not page:
            continue
        url = get_relative_url(page, bundle_dir)
        date = day.date.isoformat() if day.date else day.label
        groups: dict[str, list[Paper]] = defaultdict(list)
        for paper in day.digest.papers:
            if paper.key not in seen:
                seen.add(paper.key)
                groups[paper.category or ""].append(paper)
        for category, papers in groups.items():
            out.append(_document(url, date, category, papers, language))
    return out


def _document(url: str, date: str, category: str, papers: list[Paper], language: str) -> str:
    # Inline meta and filters take the rest of the attribute as their value: one per element.
    head = [f'<i data-pagefind-meta="url:{escape(url)}"></i>',
            f'<i data-pagefind-meta="date:{escape(date)}"></i>',
            f'<i data-pagefind-filter="date:{escape(date)}"></i>',
            f'<i data-pagefind-sort="date:{escape(date)}"></i>']
    if category:
        head += [f'<i data-pagefind-meta="category:{escape(category)}"></i>',
                 f'<i data-pagefind-filter="category:{escape(category)}"></i>']
    cards = []
    for paper in papers:
        anchor = escape(paper.anchor)
        ident = (f"arXiv:{paper.arxiv_id}{paper.version or ''} {paper.arxiv_id}"
                 if paper.arxiv_id else paper.key)
        parts = [f'<h2 id="{anchor}">{escape(one_line(paper.title, 1000))}</h2>',
                 f'<p id="by-{anchor}">{escape(", ".join(paper.authors))}</p>',
                 f'<p id="id-{anchor}">{escape(ident)}</p>', f"<p>{escape(category)}</p>"]
        # The result's snippet is cut from here on (after title, authors and id).
        texts = [t for t in (paper.tldr or (None if paper.abstract else paper.raw),
                             paper.abstract) if t]
        parts += [f'<p id="t-{anchor}">{escape(texts[0])}</p>'] if texts else []
        parts += [f"<p>{escape(t)}</p>" for t in texts[1:]]
        cards.append("".join(parts))
    return (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>'
            f'{escape(date)}</title></head><body><main data-pagefind-body>{"".join(head)}'
            f'{"".join(cards)}</main></body></html>')


def index_language(site: SiteMap) -> str:
    """The language Pagefind indexes in: Chinese for a Chinese site, or when the summaries are
    Chinese (the pipeline writes them in Chinese by default); else English."""
    if site.options.labels.language == "zh":
        return "zh"
    sample = "".join(p.tldr or "" for day in site.archive.days[-3:] for p in day.digest.papers[:20])
    return "zh" if len(_CJK.findall(sample)) * 4 > len(sample) else "en"


def pagefind_binary() -> str | None:
    """The Pagefind binary that `pip install pagefind[extended]` brought, if any."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return shutil.which("pagefind_extended") or shutil.which("pagefind")
    executable = get_executable()
    return str(executable) if executable else None


class IndexJob:
    """One Pagefind run over ``docs`` (written into a scratch folder outside site_dir and
    docs_dir), writing the bundle to ``output`` (emptied first). It runs beside the rest of the
    build: :meth:`finish` waits for it. Raises RuntimeError (or OSError) with Pagefind's
    message when it is missing or fails."""

    def __init__(self, docs: list[str], output: Path, language: str):
        binary = pagefind_binary()
        if binary is None:
            raise RuntimeError("the Pagefind binary is missing: pip install 'pagefind[extended]'")
        self.documents, self.output = len(docs), output
        self.papers = sum(text.count("<h2 ") for text in docs)
        self._process: subprocess.Popen | None = None
        self._log = None
        self._scratch = Path(tempfile.mkdtemp(prefix="mkdocs-arxiv-digest-search-"))
        atexit.register(self.stop)  # a build that fails before finish() leaves nothing behind
        try:
            for number, text in enumerate(docs):
                Path(self._scratch, f"{number}.html").write_text(text, encoding="utf-8")
            if output.exists():
                shutil.rmtree(output)
            self._log = (self._scratch / "pagefind.log").open("w+", encoding="utf-8")
            self._start = time.perf_counter()
            self._process = subprocess.Popen(
                [binary, "--site", str(self._scratch), "--glob", "*.html",
                 "--output-path", str(output), "--force-language", language, "--quiet"],
                stdout=self._log, stderr=subprocess.STDOUT)
        except BaseException:
            self.stop()
            raise

    def finish(self) -> IndexRun:
        """Wait for Pagefind, tidy the bundle, and say what it cost."""
        process = self._process
        assert process is not None and self._log is not None
        try:
            peak = 0
            if hasattr(os, "wait4"):  # the indexer's own peak memory
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = os.waitstatus_to_exitcode(status)
                peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
            else:
                process.wait()
            seconds = time.perf_counter() - self._start
            if process.returncode != 0:
                self._log.seek(0)
                raise RuntimeError(self._log.read().strip() or f"exit {process.returncode}")
            for path in self.output.iterdir():
                if _UNUSED.match(path.name):
                    path.unlink()
            _reproducible(self.output)
            size = sum(p.stat().st_size for p in self.output.rglob("*") if p.is_file())
            return IndexRun(self.documents, self.papers, seconds, peak, size)
        finally:
            self.stop()

    def stop(self) -> None:
        """End Pagefind if it still runs and remove the scratch folder."""
        process = self._process
        if process is not None and process.returncode is None and process.poll() is None:
            process.kill()
            process.wait()
        if self._log is not None:
            self._log.close()
        shutil.rmtree(self._scratch, ignore_errors=True)
        atexit.unregister(self.stop)


class SiteSearch:
    """One build's search: the way in from every page (a ``<link rel="search">`` that the
    search script reads) and the index, started once the pages' URLs are known and finished
    after the build."""

    def __init__(self, site: SiteMap, urls: Urls, labels: Labels):
        self.site, self.urls, self.labels = site, urls, labels
        self.language = "en"
        self.last_run: IndexRun | None = None
        self._job: IndexJob | None = None

    def link(self, output: str, page_url: str) -> str:
        """``output`` with a link to the search page in its head."""
        target = self.urls.url(self.site.search_page)
        if not target or _HEAD not in output:
            return output
        href = escape(get_relative_url(target, page_url))
        tag = (f'<link rel="search" type="text/html" href="{href}" data-axd-search '
               f'title="{escape(self.labels.search_title)}" '
               f'data-axd-label="{escape(self.labels.search_all_papers)}">')
        return output.replace(_HEAD, tag + _HEAD, 1)

    def start(self, site_dir: str) -> None:
        """Start indexing: Pagefind runs while MkDocs renders the pages (a second core)."""
        folder = self.urls.url(self.site.search_page)
        folder = folder[: -len(".html")] + "/" if folder.endswith(".html") else folder
        self.language = index_language(self.site)
        docs = documents(self.site, self.urls, folder, self.language)
        try:
            self._job = IndexJob(docs, Path(site_dir, folder, "pagefind"), self.language)
        except (RuntimeError, OSError) as exc:
            log.warning("search: no index written: %s", exc)

    def finish(self) -> IndexRun | None:
        """Wait for the index; a failure is a warning (the site is built, its search page
        says the index could not be loaded)."""
        job, self._job = self._job, None
        if job is None:
            return None
        try:
            run = job.finish()
        except (RuntimeError, OSError, ValueError, KeyError) as exc:
            log.warning("search: no index written: %s", exc)
            return None
        log.info("search: indexed %d papers (%d documents, %s) in %.1f s, %.1f MB",
                 run.papers, run.documents, self.language, run.seconds, run.size / 1e6)
        self.last_run = run
        return run

    def stop(self) -> None:
        """A build that failed: end the indexer."""
        if self._job is not None:
            self._job.stop()
            self._job = None


# -- reproducible bundles ----------------------------------------------------------------------
# Pagefind writes the values of a filter in hash-map order, which changes from run to run, and
# names the filter files (and the meta file that lists them) after their bytes: two builds of
# the same site would differ. `_reproducible` sorts each filter's values and names the files
# after the sorted bytes. The files are gzip'd CBOR after a `pagefind_dcd` marker; the subset
# of CBOR Pagefind writes (integers, strings, arrays, maps) is read and written here.

_MARKER = b"pagefind_dcd"


def _cbor_read(data: bytes, at: int = 0) -> tuple[object, int]:
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        value = info
    elif info <= 27:
        size = 1 << (info - 24)
        value, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise ValueError(f"unexpected CBOR byte {head:#x}")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        raw = data[at : at + value]
        return (raw if major == 2 else raw.decode("utf-8")), at + value
    if major in (4, 5):
        items = []
        for _ in range(value * (1 if major == 4 else 2)):
            item, at = _cbor_read(data, at)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2], strict=True))), at
    raise ValueError(f"unexpected CBOR type {major}")


def _cbor_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    size = next(n for n in (1, 2, 4, 8) if value < 1 << (8 * n))
    return bytes([major << 5 | (24 + size.bit_length() - 1)]) + value.to_bytes(size, "big")


def _cbor_write(value: object) -> bytes:
    if isinstance(value, bool) or value is None:
        raise ValueError(f"unexpected value {value!r}")
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(map(_cbor_write, value))
    if isinstance(value, dict):
        return _cbor_head(5, len(value)) + b"".join(
            _cbor_write(k) + _cbor_write(v) for k, v in value.items())
    raise ValueError(f"unexpected value {value!r}")


def _load(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_MARKER):
        raise ValueError(f"{path.name}: not a Pagefind file")
    value, end = _cbor_read(data, len(_MARKER))
    if end != len(data):
        raise ValueError(f"{path.name}: trailing bytes")
    return value


def _store(folder: Path, prefix: str, language: str, suffix: str, value: object,
           digits: int) -> str:
    """Write ``value`` as a Pagefind file named after its bytes; returns its hash name."""
    data = _MARKER + _cbor_write(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return name


def _renamed(value: object, names: dict[str, str]) -> object:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return [_renamed(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _renamed(v, names) for k, v in value.items()}
    return value


def _reproducible(bundle: Path) -> None:
    """Sort the filter values of the bundle and rename its filter and meta files after their
    bytes (see above)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        names = {}
        for path in sorted((bundle / "filter").glob(f"{language}_*.pf_filter")):
            name, values = _load(path)  # [filter name, [[value, [pages]], ...]]
            path.unlink()
            names[path.name[: -len(".pf_filter")]] = _store(
                bundle / "filter", "", language, ".pf_filter",
                [name, sorted(values, key=lambda pair: pair[0])], 7)
        meta = bundle / f"pagefind.{info['hash']}.pf_meta"
        value = _renamed(_load(meta), names)
        if isinstance(value, list):  # its list of (filter name, file), in hash-map order too
            files = set(names.values())
            value = [sorted(part) if part and isinstance(part, list) and all(
                isinstance(p, list) and len(p) == 2 and isinstance(p[1], str) and p[1] in files
                for p in part) else part for part in value]
        meta.unlink()
        info["hash"] = _store(bundle, "pagefind.", language, ".pf_meta", value, 10)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
