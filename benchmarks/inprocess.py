"""Measurements that need a build inside this process. ``run.py`` calls this in a fresh
subprocess per task; it prints one JSON object on stdout.

Tasks:
  stages  CONFIG          one unprofiled build: wall time per build stage, per page kind, and per
                          hook of the plugin (the plugin's own time, without profiler overhead).
  profile CONFIG          one build under cProfile: hooks, time per package module, top functions.
  rebuild CONFIG DIGEST   cold build, change DIGEST, build again with the same (cached) plugin
                          instance, as `mkdocs serve` does; compares the plugin's time.
  parser  [FILE ...]      parser throughput on a synthetic 500-paper day and on FILEs.

Nothing here asserts anything: it measures and reports.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import functools
import gc
import itertools
import json
import logging
import os
import pstats
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

PLUGIN_NAME = "arxiv-digest"
PACKAGE = "mkdocs_arxiv_digest"
# Events whose timing the stage clock records (page events are kept per page).
_GLOBAL_EVENTS = ("config", "pre_build", "files", "nav", "env", "post_build")
_PAGE_EVENTS = ("pre_page", "page_markdown", "page_content", "page_context", "post_page")


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.first: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if len(self.first) < 5:
            self.first.append(f"{record.name}: {record.getMessage()[:200]}")


def _quiet_logs() -> _WarningCounter:
    counter = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.handlers[:] = [counter]
    return counter


# --- Stage clock: two tiny plugins that run first and last in every event -------------------


def _page_kind(page) -> str:
    if getattr(page.file, "generated_by", None):
        return "generated"
    return "digest" if page.file.src_uri.startswith("digests/") else "other"


def _clock_class(priority: float, marks: dict, kinds: dict) -> type:
    """A plugin whose every handler only records perf_counter() under (event, page)."""
    from mkdocs.plugins import BasePlugin

    def make(event: str, per_page: bool):
        def handler(self, *args, **kwargs):
            page = args[0] if event == "pre_page" else kwargs.get("page")
            if per_page and page is not None:
                key = (event, page.file.src_uri)
                kinds[page.file.src_uri] = _page_kind(page)
            else:
                key = (event, None)
            marks[key] = time.perf_counter()
            return None

        handler.mkdocs_priority = priority
        return handler

    namespace = {f"on_{e}": make(e, False) for e in _GLOBAL_EVENTS}
    namespace.update({f"on_{e}": make(e, True) for e in _PAGE_EVENTS})
    return type(f"Clock{int(priority)}", (BasePlugin,), namespace)


# The steps of one page between consecutive clock marks, and the stage (0 = markdown,
# 1 = templates) each belongs to; None is the gap between the two stages (other pages run there).
PAGE_STEPS = (
    ("read source + on_pre_page", 0),
    ("on_page_markdown hooks", 0),
    ("Python-Markdown", 0),
    ("on_page_content hooks", 0),
    (None, None),
    ("on_page_context hooks (search index)", 1),
    ("theme template", 1),
    ("on_post_page hooks", 1),
)
PAGE_STAGE = {name: stage for name, stage in PAGE_STEPS if name}


class StageClock:
    """Brackets every event with a first and a last handler; yields a per-stage split."""

    def __init__(self) -> None:
        self.first: dict = {}
        self.last: dict = {}
        self.kinds: dict[str, str] = {}

    def attach(self, config) -> None:
        config.plugins["bench-clock-first"] = _clock_class(10_000, self.first, self.kinds)()
        config.plugins["bench-clock-last"] = _clock_class(-10_000, self.last, self.kinds)()

    def split(self, start: float, end: float) -> dict:
        f, la = self.first, self.last

        def span(a, b):
            return round(b - a, 4) if a is not None and b is not None else None

        stages = {
            "config": span(f.get(("config", None)), la.get(("config", None))),
            "collect files": span(la.get(("pre_build", None)), f.get(("files", None))),
            "on_files (all plugins)": span(f.get(("files", None)), la.get(("files", None))),
            "nav": span(la.get(("files", None)), la.get(("nav", None))),
            "pages: markdown": None,
            "on_env (all plugins)": span(f.get(("env", None)), la.get(("env", None))),
            "pages: templates": None,
            "anchors + on_post_build": None,
        }
        pages: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        counts: dict[str, int] = defaultdict(int)
        post_pages = []
        for uri, kind in self.kinds.items():
            marks = [
                f.get(("pre_page", uri)), f.get(("page_markdown", uri)),
                la.get(("page_markdown", uri)), f.get(("page_content", uri)),
                la.get(("page_content", uri)), f.get(("page_context", uri)),
                la.get(("page_context", uri)), f.get(("post_page", uri)),
                la.get(("post_page", uri)),
            ]
            if None in marks:
                continue
            counts[kind] += 1
            post_pages.append(marks[-1])
            row = pages[kind]
            for (name, _), (a, b) in zip(PAGE_STEPS, itertools.pairwise(marks), strict=True):
                if name is not None:
                    row[name] += b - a
        markdown = sum(v for row in pages.values() for k, v in row.items() if PAGE_STAGE[k] == 0)
        templates = sum(v for row in pages.values() for k, v in row.items() if PAGE_STAGE[k] == 1)
        stages["pages: markdown"] = round(markdown, 4)
        stages["pages: templates"] = round(templates, 4)
        stages["anchors + on_post_build"] = span(
            max(post_pages, default=None), la.get(("post_build", None))
        )
        accounted = sum(v for v in stages.values() if v)
        stages["other (static files, theme templates, search index)"] = round(
            (end - start) - accounted, 4
        )
        return {
            "total": round(end - start, 4),
            "stages": stages,
            "pages": {
                kind: {"count": counts[kind], **{k: round(v, 4) for k, v in pages[kind].items()}}
                for kind in sorted(counts)
            },
        }


# --- Hook timer: wraps the plugin's own event handlers ---------------------------------------


# How many of the plugin's handlers are running (0 or 1: handlers do not nest); the garbage
# collector timer below reads it.
_IN_HOOK = [0]


def time_plugin_hooks(config, name: str = PLUGIN_NAME) -> dict[str, list]:
    """Wrap each event handler of plugin ``name`` in a timer; returns
    {event: [wall seconds, calls, CPU seconds]}."""
    plugin = config.plugins.get(name)
    totals: dict[str, list] = defaultdict(lambda: [0.0, 0, 0.0])  # wall, calls, CPU
    if plugin is None:
        return totals
    plugins = config.plugins
    for event, methods in plugins.events.items():
        for index, method in enumerate(methods):
            if getattr(method, "__self__", None) is not plugin:
                continue

            def timed(*args, _method=method, _event=event, **kwargs):
                t0, c0 = time.perf_counter(), time.process_time()
                _IN_HOOK[0] += 1
                try:
                    return _method(*args, **kwargs)
                finally:
                    _IN_HOOK[0] -= 1
                    slot = totals[f"on_{_event}"]
                    slot[0] += time.perf_counter() - t0
                    slot[1] += 1
                    slot[2] += time.process_time() - c0

            functools.update_wrapper(timed, method)
            methods[index] = timed
            # Keep the origin, so files the hook generates still say which plugin made them.
            origin = plugins._event_origins.get(method)
            if origin:
                plugins._event_origins[timed] = origin
    return totals


def _load(config_file: str, site_dir: str | None = None):
    from mkdocs.config import load_config

    kwargs = {"site_dir": site_dir} if site_dir else {}
    return load_config(config_file=config_file, **kwargs)


class GcTimer:
    """CPU time of Python's cyclic garbage collector, in all and inside the plugin's hooks."""

    def __init__(self) -> None:
        self.total = self.in_hooks = 0.0
        self.collections = 0
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.process_time()
            return
        spent = time.process_time() - self._start
        self.total += spent
        self.collections += 1
        if _IN_HOOK[0]:
            self.in_hooks += spent

    def snapshot(self) -> tuple[float, float, int]:
        return self.total, self.in_hooks, self.collections


def _build_measured(config) -> tuple[float, dict, dict]:
    from mkdocs.commands.build import build

    clock = StageClock()
    clock.attach(config)
    hooks = time_plugin_hooks(config)
    start = time.perf_counter()
    build(config)
    end = time.perf_counter()
    split = clock.split(start, end)
    plugin = {k: {"seconds": round(v[0], 4), "calls": v[1], "cpu_seconds": round(v[2], 4)}
              for k, v in sorted(hooks.items())}
    return end - start, split, plugin


# The plugin's work by phase: the functions that do each phase, timed in CPU time. A function
# called while another timed one runs (BibTeX entries made while writing the .bib files) counts
# for itself only. The timers cost well under 1% of a build.
PHASES = {
    "detect (read, is it a digest?)": [("sources", "read_text"),
                                       ("sources", "looks_like_digest")],
    "parse": [("sources", "parse_digest")],
    "index": [("index", "Archive.__init__")],
    "plan generated pages": [("sitemap", "SiteMap.__init__"), ("plugin", "generated_pages"),
                             ("plugin", "statistics_pages"), ("sources", "page_skeleton")],
    "cards (views, links, HTML, BibTeX, page head)": [
        ("plugin", "day_page"), ("sitemap", "SiteMap.card_links"), ("views", "Cards.view"),
        ("render", "Renderer.card"), ("index", "Archive.bibtex"), ("render", "Renderer.head")],
    "search (theme summaries, Pagefind documents, waiting for Pagefind)": [
        ("plugin", "day_summary"), ("search", "documents"), ("search", "IndexJob.finish")],
    "fill generated pages": [("render", "Renderer.block")],
    "outputs (feeds, JSON, BibTeX files)": [("plugin", "plan_outputs"),
                                            ("outputs", "Outputs.write")],
}


def time_phases() -> dict[str, float]:
    """Wrap the functions of PHASES in exclusive CPU timers; returns {phase: seconds}."""
    import importlib

    totals = dict.fromkeys(PHASES, 0.0)
    stack: list[str] = []
    mark = [0.0]

    def timed(function, phase):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            now = time.process_time()
            if stack:
                totals[stack[-1]] += now - mark[0]
            stack.append(phase)
            mark[0] = now
            try:
                return function(*args, **kwargs)
            finally:
                now = time.process_time()
                totals[stack.pop()] += now - mark[0]
                mark[0] = now

        return wrapper

    for phase, targets in PHASES.items():
        for module_name, dotted in targets:
            owner = importlib.import_module(f"{PACKAGE}.{module_name}")
            *path, name = dotted.split(".")
            for part in path:
                owner = getattr(owner, part)
            setattr(owner, name, timed(getattr(owner, name), phase))
    return totals


def task_stages(config_file: str) -> dict:
    counter = _quiet_logs()
    config = _load(config_file)
    phases = time_phases() if config.plugins.get(PLUGIN_NAME) else {}
    wall, split, plugin = _build_measured(config)
    import mkdocs_arxiv_digest

    return {
        "package_imported_from": str(Path(mkdocs_arxiv_digest.__file__).parent),
        "wall": round(wall, 3),
        "split": split,
        "plugin_hooks": plugin,
        "plugin_total": round(sum(h["seconds"] for h in plugin.values()), 4),
        "plugin_cpu": round(sum(h["cpu_seconds"] for h in plugin.values()), 4),
        "plugin_phases": {k: round(v, 4) for k, v in phases.items()},
        "warnings": counter.count,
        "first_warnings": counter.first,
    }


# --- cProfile: group by module of the package -------------------------------------------------


def _module_of(filename: str) -> str | None:
    path = filename.replace("\\", "/")
    marker = f"/{PACKAGE}/"
    if marker not in path:
        return None
    return PACKAGE + "." + path.split(marker, 1)[1].removesuffix(".py").replace("/", ".")


def _label(key: tuple) -> str:
    filename, line, func = key
    module = _module_of(filename)
    if module:
        return f"{module}:{func}"
    path = filename.replace("\\", "/")
    if "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    elif "/lib/python" in path:
        path = "stdlib/" + path.split("/lib/python", 1)[1].split("/", 1)[-1]
    return f"{path}:{line}:{func}" if line else func


def task_profile(config_file: str) -> dict:
    from mkdocs.commands.build import build

    counter = _quiet_logs()
    config = _load(config_file)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    build(config)
    profiler.disable()
    wall = time.perf_counter() - start
    stats = pstats.Stats(profiler).stats  # key -> (cc, nc, tt, ct, callers)

    hooks: dict[str, dict] = {}
    own: dict[str, float] = defaultdict(float)
    entry: dict[str, float] = defaultdict(float)
    package_functions = []
    for key, (_cc, nc, tt, ct, callers) in stats.items():
        module = _module_of(key[0])
        if module is None:
            continue
        own[module] += tt
        package_functions.append((ct, tt, nc, key))
        # Time that flows into this module from outside it, callees included (jinja2 etc.).
        for caller, values in callers.items():
            if _module_of(caller[0]) != module:
                entry[module] += values[3]
        if module.endswith(".plugin") and key[2].startswith("on_"):
            hooks[key[2]] = {"cumulative": round(ct, 4), "calls": nc}
    package_functions.sort(reverse=True)
    overall = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:25]
    landmarks = {}
    for key, (_cc, nc, _tt, ct, _callers) in stats.items():
        label = _label(key)
        if (
            label.startswith("mkdocs/commands/build.py")
            or label.endswith(":convert") and "markdown/core.py" in label
            or label.endswith(":render") and "jinja2/environment.py" in label
        ):
            landmarks[label] = {"cumulative": round(ct, 4), "calls": nc}
    return {
        "wall_profiled": round(wall, 3),
        "warnings": counter.count,
        "plugin_hooks_cumulative": dict(sorted(hooks.items())),
        "modules": {
            m: {"own": round(own[m], 4), "entered_cumulative": round(entry[m], 4)}
            for m in sorted(own, key=lambda m: -entry[m])
        },
        "top_package_functions": [
            {"function": _label(k), "cumulative": round(ct, 4), "own": round(tt, 4), "calls": nc}
            for ct, tt, nc, k in package_functions[:20]
        ],
        "top_own_time_overall": [
            {"function": _label(k), "own": round(v[2], 4), "cumulative": round(v[3], 4),
             "calls": v[1]}
            for k, v in overall
        ],
        "mkdocs_landmarks": dict(sorted(landmarks.items(), key=lambda kv: -kv[1]["cumulative"])),
    }


# --- Serve-style rebuild ----------------------------------------------------------------------


def task_rebuild(config_file: str, digest: str, repeats: int = 3) -> dict:
    """Serve-style rebuilds with the same plugin instance: after a new day arrived beside the
    newest digest ``digest`` (as the daily job adds one), and with no digest changed (another
    page edited). Each kind runs ``repeats`` times; the run with the median plugin CPU time is
    reported in full."""
    from mkdocs_arxiv_digest.demo import day_text

    counter = _quiet_logs()
    config = _load(config_file)
    plugin = config.plugins.get(PLUGIN_NAME)
    config.plugins.on_startup(command="serve", dirty=False)
    phases, collector = time_phases(), GcTimer()

    def measured(config) -> tuple:
        before, gc_before = dict(phases), collector.snapshot()
        wall, split, hooks = _build_measured(config)
        spent = {phase: phases[phase] - before[phase] for phase in phases}
        now = collector.snapshot()
        total, in_hooks, count = (a - b for a, b in zip(now, gc_before, strict=True))
        return wall, split, hooks, spent, {"whole build": total, "inside the plugin's hooks":
                                           in_hooks, "collections": count}

    runs: dict[str, list] = {"cold": [measured(config)], "rebuild": [], "unchanged": []}

    # A new day arrives, as the daily job adds one, then serve rebuilds.
    path = Path(digest)
    papers = path.read_text(encoding="utf-8").count("\n### [")
    same_instance = True
    for number in range(repeats):
        day = dt.date.fromisoformat(path.stem) + dt.timedelta(days=number + 1)
        path.with_name(f"{day.isoformat()}.md").write_text(
            day_text(day, papers, seed=12345 + number), "utf-8")
        config = _load(config_file)
        same_instance &= config.plugins.get(PLUGIN_NAME) is plugin
        runs["rebuild"].append(measured(config))
    # Nothing in the digests changed: what editing any other page costs.
    index = Path(config.docs_dir) / "index.md"
    for _ in range(repeats):
        index.write_text(index.read_text(encoding="utf-8") + "\nEdited.\n", "utf-8")
        runs["unchanged"].append(measured(_load(config_file)))

    def total(hooks: dict, key: str) -> float:
        return round(sum(h[key] for h in hooks.values()), 4)

    result: dict = {"same_plugin_instance": same_instance, "warnings": counter.count,
                    "repeats": repeats}
    for name, runs_of_kind in runs.items():
        runs_of_kind.sort(key=lambda run: total(run[2], "cpu_seconds"))
        wall, split, hooks, spent, collected = runs_of_kind[len(runs_of_kind) // 2]
        result[name] = {"wall": round(wall, 3), "plugin_total": total(hooks, "seconds"),
                        "plugin_cpu": total(hooks, "cpu_seconds"), "hooks": hooks,
                        "split": split,
                        # CPU time; the garbage collector's pauses count in the phase they fall in
                        "phases": {k: round(v, 4) for k, v in spent.items()},
                        "gc": {k: round(v, 4) for k, v in collected.items()},
                        "plugin_cpu_runs": [total(run[2], "cpu_seconds") for run in runs_of_kind]}
    cold = result["cold"]["plugin_cpu"]
    # CPU time: on a shared machine, wall time inside the hooks also counts other processes.
    result["plugin_share_of_cold"] = round(result["rebuild"]["plugin_cpu"] / cold, 4) if cold \
        else None
    result["plugin_share_unchanged"] = round(result["unchanged"]["plugin_cpu"] / cold, 4) if \
        cold else None
    return result


# --- Parser throughput ------------------------------------------------------------------------


def _throughput(text: str, repeats: int) -> dict:
    from mkdocs_arxiv_digest.parse import is_digest, parse_digest

    size = len(text.encode("utf-8"))
    parse_times, detect_times = [], []
    papers = 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        digest = parse_digest(text, "bench.md")
        parse_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        is_digest(text)
        detect_times.append(time.perf_counter() - t0)
        papers = len(digest.papers)
    best, median = min(parse_times), statistics.median(parse_times)
    return {
        "bytes": size,
        "papers": papers,
        "best_seconds": round(best, 5),
        "median_seconds": round(median, 5),
        "mb_per_s_best": round(size / 1e6 / best, 1),
        "mb_per_s_median": round(size / 1e6 / median, 1),
        "detect_mb_per_s": round(size / 1e6 / min(detect_times), 1),
    }


def task_parser(files: list[str]) -> dict:
    from mkdocs_arxiv_digest.demo import day_text

    text = day_text(dt.date(2026, 3, 2), 500, seed=0)
    result = {"synthetic_500": _throughput(text, 15)}
    for name in files:
        path = Path(name)
        text = path.read_bytes().decode("utf-8", errors="replace")
        result[f"file:{path.name}"] = _throughput(text, 15)
    return result


def main(argv: list[str]) -> None:
    task, *args = argv
    if task == "stages":
        out = task_stages(args[0])
    elif task == "profile":
        out = task_profile(args[0])
    elif task == "rebuild":
        out = task_rebuild(args[0], args[1])
    elif task == "parser":
        out = task_parser(args)
    else:
        raise SystemExit(f"unknown task {task!r}")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
