"""The statistics page: charts of the archive drawn at build time as inline SVG (no JavaScript).

Pure: no MkDocs. This module computes the numbers and the geometry; the templates
``statistics_*.html`` draw them (Jinja autoescapes every label) and give each chart a title, a
description and a table with the same numbers for readers who cannot see the picture.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .index import Archive, Day
from .labels import Labels
from .model import Paper
from .sitemap import SiteMap, Target
from .views import Block, PageSpec, distinct_papers

# Charts show the most recent days only: a year of bars would be too thin to read.
CHART_DAYS = 90
TOP_STACKED = 8
TOP_BARS = 15
# Distinct in light and dark schemes (Tableau 10); the "Other" series is grey.
COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7")
OTHER_COLOUR = "#9c9c9c"
FAILED_COLOUR = "#e15759"
BAR_COLOUR = "#4e79a7"
WIDTH = 720
_PLOT = {"left": 44, "right": 8, "top": 10, "bottom": 34}


def statistics_pages(site: SiteMap, enabled: bool = True) -> list[PageSpec]:
    """The statistics page, when enabled and there is at least one day."""
    return [statistics_page(site)] if enabled and site.archive.days else []


def statistics_page(site: SiteMap) -> PageSpec:
    archive, labels = site.archive, site.options.labels
    days = list(archive.days[-CHART_DAYS:])
    blocks = (
        Block(None, "statistics_intro.html", Chart(_totals(archive, len(days)))),
        Block(labels.stats_days_heading, "statistics_days.html",
              Chart(papers_per_day(days, labels)), anchor="papers-per-day"),
        Block(labels.stats_failed_heading, "statistics_failed.html",
              Chart(failed_per_day(days, labels)), anchor="failed-summaries"),
        Block(labels.stats_categories_heading, "statistics_bars.html",
              Chart(top_categories(site)), anchor="top-categories"),
        Block(labels.stats_authors_heading, "statistics_bars.html", Chart(top_authors(site)),
              anchor="top-authors"),
    )
    return PageSpec(site.statistics_page, labels.statistics_title, "statistics", blocks)


@dataclass(frozen=True)
class Chart:
    """A chart's numbers and geometry, as the ``statistics_*.html`` templates read them (one
    template variable per key)."""

    data: dict

    def context(self) -> dict:
        return self.data


def failed(paper: Paper) -> bool:
    """The AI summary failed: a field holds the generator's failure text, or there is none."""
    return bool(paper.placeholders) or not paper.has_summary


def _totals(archive: Archive, charted: int) -> dict:
    listings = sum(len(day.digest.papers) for day in archive.days)
    dated = [day.date for day in archive.days if day.date]
    return {
        "days": len(archive.days),
        "charted": charted,
        "papers": archive.paper_count,
        "listings": listings,
        "authors": len(archive.authors),
        "categories": len(archive.by_category),
        "first": min(dated).isoformat() if dated else "",
        "last": max(dated).isoformat() if dated else "",
        "failed": sum(failed(p) for day in archive.days for p in day.digest.papers),
    }


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round axis values from 0 to at least ``top``: steps of 1, 2 or 5 times a power of ten."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if step < 1 and top >= 1:
        step = 1
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _axis(days: list[Day], ticks: list[float], height: int,
          label: Callable[[float], str]) -> dict:
    plot_w = WIDTH - _PLOT["left"] - _PLOT["right"]
    plot_h = height - _PLOT["top"] - _PLOT["bottom"]
    slot = plot_w / max(1, len(days))
    every = max(1, math.ceil(len(days) / 8))  # at most ~8 date labels under the bars
    return {
        "width": WIDTH,
        "height": height,
        "left": _PLOT["left"],
        "right": WIDTH - _PLOT["right"],
        "bottom": height - _PLOT["bottom"],
        "slot": slot,
        "bar": round(max(0.5, slot * 0.8), 2),
        "scale": plot_h / ticks[-1],
        "yticks": [
            {"y": round(height - _PLOT["bottom"] - t / ticks[-1] * plot_h, 2), "label": label(t)}
            for t in ticks
        ],
        "xticks": [
            {"x": round(_PLOT["left"] + (i + 0.5) * slot, 2), "label": _short(day)}
            for i, day in enumerate(days) if i % every == 0
        ],
    }


def _short(day: Day) -> str:
    return day.date.strftime("%m-%d") if day.date else day.label[:8]


def papers_per_day(days: list[Day], labels: Labels) -> dict:
    """Stacked bars: each day's papers by category (top categories, then "Other")."""
    counts = [Counter(p.category or labels.no_category for p in day.digest.papers)
              for day in days]
    totals: Counter = Counter()
    for count in counts:
        totals.update(count)
    top = [c for c, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_STACKED]]
    series = [(c, COLOURS[i]) for i, c in enumerate(top)]
    if len(totals) > len(top):
        series.append((labels.other, OTHER_COLOUR))
    ticks = nice_ticks(max((sum(c.values()) for c in counts), default=0))
    axis = _axis(days, ticks, 280, lambda t: f"{t:g}")
    bars, rows = [], []
    for index, (day, count) in enumerate(zip(days, counts, strict=True)):
        values = [count.get(c, 0) for c in top]
        if len(series) > len(top):
            values.append(sum(count.values()) - sum(values))
        y = axis["bottom"]
        segments = []
        for (name, colour), value in zip(series, values, strict=True):
            if not value:
                continue
            height = value * axis["scale"]
            y -= height
            segments.append({"y": round(y, 2), "h": round(height, 2), "colour": colour,
                             "label": f"{day.label}: {name} {value}"})
        x = _PLOT["left"] + index * axis["slot"] + (axis["slot"] - axis["bar"]) / 2
        bars.append({"x": round(x, 2), "segments": segments})
        rows.append({"day": day.label, "target": Target(day.path), "values": values,
                     "total": sum(count.values())})
    return {"id": "axd-stats-days", "axis": axis, "bars": bars, "rows": rows,
            "series": [{"name": n, "colour": c} for n, c in series], "days": len(days)}


def failed_per_day(days: list[Day], labels: Labels) -> dict:
    """Bars: the share of each day's papers whose AI summary failed."""
    axis = _axis(days, [0, 25, 50, 75, 100], 220, lambda t: f"{t:g}%")
    bars, rows = [], []
    for index, day in enumerate(days):
        total = len(day.digest.papers)
        bad = sum(failed(p) for p in day.digest.papers)
        share = 100 * bad / total if total else 0.0
        height = share * axis["scale"]
        x = _PLOT["left"] + index * axis["slot"] + (axis["slot"] - axis["bar"]) / 2
        bars.append({"x": round(x, 2), "y": round(axis["bottom"] - height, 2),
                     "h": round(height, 2),
                     "label": labels.text("stats_failed_bar", day=day.label, failed=bad,
                                          papers=total)})
        rows.append({"day": day.label, "target": Target(day.path), "papers": total,
                     "failed": bad, "share": f"{share:.1f}%"})
    worst = max(rows, key=lambda r: (r["failed"] / r["papers"] if r["papers"] else 0),
                default=None)
    return {"id": "axd-stats-failed", "axis": axis, "bars": bars, "rows": rows,
            "colour": FAILED_COLOUR, "days": len(days), "worst": worst}


def _bars(ident: str, texts: dict[str, str], items: list[dict]) -> dict:
    """Horizontal bars, one row per item (``label``, ``value``, ``target``, ``note``);
    ``texts`` are the chart's ``title``, ``table``, ``empty`` and ``column`` texts."""
    label_w, row_h, top = 210, 22, 6
    bar_max = WIDTH - label_w - 50
    peak = max((item["value"] for item in items), default=1) or 1
    for index, item in enumerate(items):
        item["y"] = top + index * row_h
        item["w"] = round(max(1.0, item["value"] / peak * bar_max), 2)
        item["short"] = item["label"] if len(item["label"]) <= 30 else item["label"][:29] + "…"
    return {"id": ident, **texts, "items": items, "label_w": label_w,
            "row_h": row_h, "width": WIDTH, "height": top * 2 + row_h * len(items),
            "colour": BAR_COLOUR}


def top_categories(site: SiteMap) -> dict:
    """Categories with the most distinct papers (main category, section or cross-listing)."""
    archive, names, labels = site.archive, site.options.category_names, site.options.labels
    ranked = heapq.nsmallest(
        TOP_BARS,
        ((distinct_papers(listings), category)
         for category, listings in archive.by_category.items()),
        key=lambda pair: (-pair[0], pair[1]),
    )
    items = [{
        "label": category,
        "value": count,
        "note": names.get(category, ""),
        "target": site.category_page(category) if site.options.categories else None,
    } for count, category in ranked]
    return _bars("axd-stats-categories", {
        "title": labels.count(len(items), "stats_categories_title"),
        "table": labels.stats_categories_table,
        "empty": labels.stats_categories_empty,
        "column": labels.column_category,
    }, items)


def top_authors(site: SiteMap) -> dict:
    """Authors with the most distinct papers."""
    archive, labels = site.archive, site.options.labels
    counted = [
        (distinct_papers(author.listings), author.name, author.key)
        for author in archive.authors.values()
    ]
    ranked = heapq.nsmallest(TOP_BARS, counted, key=lambda t: (-t[0], t[2]))
    items = []
    for count, name, key in ranked:
        target = None
        if site.options.authors and key in site.author_path:
            target = Target(site.author_path[key], site.author_anchor[key])
        items.append({"label": name, "value": count, "note": "", "target": target})
    return _bars("axd-stats-authors", {
        "title": labels.count(len(items), "stats_authors_title"),
        "table": labels.stats_authors_table,
        "empty": labels.stats_authors_empty,
        "column": labels.column_author,
    }, items)
