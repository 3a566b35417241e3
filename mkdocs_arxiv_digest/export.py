"""The archive as data files: JSON (an index, one file per day, one per month) and BibTeX per
day.

Pure: no MkDocs. Day files are streamed record by record, so that no file's content waits in
memory; a month file holds one lean entry per paper of that month. Every text passes through
:func:`.markup.clean`.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TextIO
from urllib.parse import urljoin

from .index import Archive, Day, Listing, slugify
from .markup import clean
from .model import SUMMARY_FIELDS, Paper
from .sitemap import SiteMap

JSON_VERSION = 2


def target(root: Path, path: str) -> Path:
    """``root / path``, its folder made."""
    path_ = root / path
    path_.parent.mkdir(parents=True, exist_ok=True)
    return path_


# -- JSON ------------------------------------------------------------------------------------

# Compact, non-ASCII kept as is: json.dumps(..., ensure_ascii=False, separators=(",", ":")).
# Records are trees, never cyclic: the encoder need not check.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
_TEXT_FIELDS = ("tldr", *SUMMARY_FIELDS, "abstract")


def day_file_names(archive: Archive) -> dict[str, str]:
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
    return target(root, path).open("w", encoding="utf-8", errors="replace", newline="")


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


def json_paths(archive: Archive, names: Mapping[str, str], prefix: str) -> list[str]:
    """Site-relative paths of the JSON files :func:`write_json_exports` writes: the index, one
    file per day, one per month of dated days."""
    months = dict.fromkeys(month for day in archive.days if (month := month_of(day)))
    return [f"{prefix}/index.json",
            *(f"{prefix}/days/{names[day.path]}.json" for day in archive.days),
            *(f"{prefix}/months/{month}.json" for month in months)]


def month_of(day: Day) -> str | None:
    """``YYYY-MM`` of a dated day; undated days belong to no month."""
    return day.date.strftime("%Y-%m") if day.date else None


def write_json_exports(root: Path, site: SiteMap, urls: Mapping[str, str], base: str,
                       names: Mapping[str, str], bib: Mapping[str, str]) -> None:
    """``index.json``, ``days/*.json`` and ``months/*.json`` (schema in docs/export.md and
    ``schema/export.schema.json``), in one walk over the days, oldest first.

    Each paper's full record is written once per listing, in its day's file, and nowhere else.
    A month file holds the lean entries a consumer picks papers by (title, authors, category,
    days); the index holds what picks days and months. ``bib`` maps day paths to their BibTeX
    file, when those are written."""
    archive = site.archive
    prefix = site.options.prefix.strip("/")
    pages = {day.path: (day.label, urljoin(base, urls.get(day.path, ""))) for day in archive.days}
    index_days, index_months = [], []
    for month, days in itertools.groupby(archive.days, key=month_of):
        lean: dict[str, dict] = {}
        stems: list[str] = []  # the month's days, by file name: unlike labels, never repeated
        for day in days:
            stem = names[day.path]
            day_file = f"{prefix}/days/{stem}.json"
            listed = (_listed_record(_encoded(archive.by_key[paper.key], paper, pages), paper)
                      for paper in day.digest.papers)
            record = _day_record(day, urls)
            with _open_json(root, day_file) as stream:
                # The full records take the place of the day record's list of keys.
                _write_object(stream, {"version": JSON_VERSION, **record, "papers": listed})
            index_days.append({
                **{name: record[name] for name in ("date", "label", "source", "url", "title")},
                "file": stem,
                "month": month,
                "papers": len(day.digest.papers),
                "without_summary": record["without_summary"],
                "json": urljoin(base, day_file),
                "bib": urljoin(base, bib[day.path]) if day.path in bib else None,
            })
            stems.append(stem)
            for paper in day.digest.papers:
                entry = lean.get(paper.key)
                # A later listing in the month has the newer text; the days add up.
                lean[paper.key] = {**_lean_record(paper),
                                   "days": [*entry["days"], stem] if entry else [stem]}
        if month is None:
            continue
        month_file = f"{prefix}/months/{month}.json"
        with _open_json(root, month_file) as stream:
            _write_object(stream, {"version": JSON_VERSION, "month": month, "days": stems,
                                   "papers": (_ENCODER.encode(entry) for entry in lean.values())})
        index_months.append({"month": month, "days": len(stems), "papers": len(lean),
                             "json": urljoin(base, month_file)})
    with _open_json(root, f"{prefix}/index.json") as stream:
        _write_object(stream, {
            "version": JSON_VERSION,
            "papers": archive.paper_count,
            "days": index_days,
            "months": index_months,
            "categories": _category_records(site, urls),
        })


def _lean_record(paper: Paper) -> dict:
    """What a month file says of a paper: enough to choose it (its days are added)."""
    return {
        "id": paper.arxiv_id,
        "key": paper.key,
        "title": clean(paper.title),
        "authors": [clean(name) for name in paper.authors],
        "main_category": paper.main_category,
    }


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
        "title": clean(paper.title),
        "authors": [clean(name) for name in paper.authors],
        "main_category": paper.main_category,
        "sections": _distinct([item.paper.section for item in oldest_first]),
        "days": [pages[item.day.path][0] for item in oldest_first],
        "cards": [f"{pages[item.day.path][1]}#{item.paper.anchor}" for item in oldest_first],
        **{name: clean(text) if (text := getattr(paper, name)) else text
           for name in _TEXT_FIELDS},
        "extras": [{"label": clean(f.label), "text": clean(f.text)} for f in paper.extras],
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
