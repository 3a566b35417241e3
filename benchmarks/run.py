"""Build-time benchmark: the same synthetic archive built with and without the plugin.

    python benchmarks/run.py            # full run (60 x 200 headline, 15..180 days), ~20-30 min
    python benchmarks/run.py --quick    # small sizes, one run each, a minute or two

Every timed build is `python -m mkdocs build -q` in a fresh subprocess, plain and plugin in
alternating order, with peak RSS read from that one child (os.wait4). The phase split, the
serve-style rebuild and the parser throughput are measured in-process by ``inprocess.py``.
The full run writes ``benchmarks/results/latest.json``, ``docs/assets/performance.svg`` and
``docs/performance.md``; ``--quick`` writes ``benchmarks/results/quick.json`` only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import report  # noqa: E402  (benchmarks/report.py, next to this file)

from mkdocs_arxiv_digest.demo import generate_archive  # noqa: E402

FULL = {"days": [30, 60, 180], "papers": 200, "headline": 60, "runs": 3}
QUICK = {"days": [5, 10, 20], "papers": 100, "headline": 10, "runs": 1}

# The same site for both variants; only the plugin list differs.
MKDOCS_YML = """\
site_name: Digest benchmark
site_url: https://example.org/digest/
site_dir: {site_dir}
theme:
  name: material
markdown_extensions:
  - toc
  - pymdownx.arithmatex:
      generic: true
plugins:
  - search
{plugin}"""
PLUGIN_LINE = "  - arxiv-digest\n"  # every feature is on by default (feeds need site_url)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# Where the children import the package from: a snapshot taken at the start of the run.
PACKAGE_PATH = [str(ROOT)]


def child_env() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [*PACKAGE_PATH, env.get("PYTHONPATH")]))
    return env


def snapshot_package(ref: str | None, dest: Path) -> str:
    """Copy the package (as it is now, or as committed at ``ref``) and import it from there,
    so that edits made in the working tree while the benchmark runs do not leak into it."""
    dest.mkdir(parents=True, exist_ok=True)
    if ref is None:
        shutil.copytree(ROOT / "mkdocs_arxiv_digest", dest / "mkdocs_arxiv_digest",
                        ignore=shutil.ignore_patterns("__pycache__"))
        label = "working tree"
    else:
        archive = subprocess.run(["git", "archive", ref, "mkdocs_arxiv_digest"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
        commit = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
        label = f"git {ref} ({commit})"
    PACKAGE_PATH.insert(0, str(dest))
    return label


def run_child(cmd: list[str], cwd: Path) -> tuple[float, float, str, float]:
    """Run one subprocess; return (wall seconds, peak RSS in MB, stdout, CPU seconds) of it.

    CPU time (user + system) barely moves when other work shares the machine; wall time does.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=child_env(), stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024, stdout, cpu  # ru_maxrss is in KiB on Linux


def make_project(root: Path, days: int, papers: int, seed: int) -> dict[str, Path]:
    """docs/index.md + docs/digests/*.md, and one mkdocs.yml per variant."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Digest benchmark\n\nSynthetic archive.\n", "utf-8")
    generate_archive(docs / "digests", days, papers, seed=seed)
    configs = {}
    for variant, plugin in (("plain", ""), ("plugin", PLUGIN_LINE)):
        path = root / f"mkdocs-{variant}.yml"
        path.write_text(MKDOCS_YML.format(site_dir=f"site-{variant}", plugin=plugin), "utf-8")
        configs[variant] = path
    return configs


# What each output of a site costs, by where it lives (first match wins).
OUTPUTS = (
    ("digest pages", lambda rel: rel.startswith("digests/") and rel.endswith(".html")),
    ("archive search (Pagefind)", lambda rel: "/pagefind/" in rel or rel.startswith("pagefind/")),
    ("generated pages", lambda rel: rel.startswith("arxiv/") and rel.endswith(".html")),
    ("JSON export", lambda rel: rel.startswith("arxiv/") and rel.endswith(".json")),
    ("BibTeX files", lambda rel: rel.endswith(".bib")),
    ("feeds", lambda rel: rel.endswith(".xml") and not rel.startswith("sitemap")),
    ("theme search index", lambda rel: rel.startswith("search/")),
    ("theme and other", lambda rel: True),
)


def output_bytes(site_dir: Path) -> dict[str, int]:
    totals = dict.fromkeys((name for name, _ in OUTPUTS), 0)
    for path in site_dir.rglob("*"):
        if path.is_file():
            rel = path.relative_to(site_dir).as_posix()
            name = next(name for name, test in OUTPUTS if test(rel))
            totals[name] += path.stat().st_size
    return totals


def site_stats(site_dir: Path) -> dict:
    html = [(p.stat().st_size, p) for p in site_dir.rglob("*.html")]
    largest_size, largest = max(html)
    # Pages the plugin generates live under its pages_prefix (default `arxiv/`); digest pages
    # are as large as the day they show, with or without the plugin.
    generated = [(size, p) for size, p in html
                 if p.relative_to(site_dir).as_posix().startswith("arxiv/")]
    biggest_generated = max(generated, default=(0, None))
    search = site_dir / "search" / "search_index.json"
    return {
        "html_files": len(html),
        "html_bytes": sum(size for size, _ in html),
        "site_bytes": sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file()),
        "largest_html": largest.relative_to(site_dir).as_posix(),
        "largest_html_bytes": largest_size,
        "largest_generated_html": (biggest_generated[1].relative_to(site_dir).as_posix()
                                   if biggest_generated[1] else None),
        "largest_generated_html_bytes": biggest_generated[0],
        "search_index_bytes": search.stat().st_size if search.exists() else 0,
        "outputs": output_bytes(site_dir),
    }


def build_cmd(config: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]


def inprocess(task: str, *args: str, cwd: Path) -> tuple[dict, float]:
    cmd = [sys.executable, str(HERE / "inprocess.py"), task, *args]
    _, rss, stdout, _ = run_child(cmd, cwd)
    return json.loads(stdout), rss


def measure_size(root: Path, days: int, papers: int, runs: int, seed: int) -> dict:
    configs = make_project(root, days, papers, seed)
    input_bytes = sum(p.stat().st_size for p in (root / "docs" / "digests").glob("*.md"))
    samples: dict[str, dict[str, list[float]]] = {
        v: {"wall": [], "cpu": [], "rss_mb": []} for v in configs
    }
    for run in range(runs):
        order = ("plain", "plugin") if run % 2 == 0 else ("plugin", "plain")
        for variant in order:
            wall, rss, _, cpu = run_child(build_cmd(configs[variant]), root)
            samples[variant]["wall"].append(round(wall, 3))
            samples[variant]["cpu"].append(round(cpu, 3))
            samples[variant]["rss_mb"].append(round(rss, 1))
            log(f"  {days:>3} days  run {run + 1}/{runs}  {variant:<6} {wall:7.2f} s  "
                f"(CPU {cpu:6.2f} s)  {rss:6.0f} MB")
    result = {
        "days": days,
        "papers_per_day": papers,
        "papers": days * papers,
        "input_bytes": input_bytes,
    }
    for variant, data in samples.items():
        result[variant] = {
            "wall": data["wall"],
            "median": round(statistics.median(data["wall"]), 3),
            "cpu": data["cpu"],
            "cpu_median": round(statistics.median(data["cpu"]), 3),
            "rss_mb": data["rss_mb"],
            "peak_rss_mb": max(data["rss_mb"]),
            "site": site_stats(root / f"site-{variant}"),
        }
    result["ratio"] = round(result["plugin"]["median"] / result["plain"]["median"], 3)
    result["cpu_ratio"] = round(
        result["plugin"]["cpu_median"] / result["plain"]["cpu_median"], 3
    )
    result["rss_ratio"] = round(result["plugin"]["peak_rss_mb"] / result["plain"]["peak_rss_mb"], 3)
    log(f"  {days:>3} days  median plain {result['plain']['median']:.2f} s, plugin "
        f"{result['plugin']['median']:.2f} s, ratio {result['ratio']:.2f} "
        f"(CPU ratio {result['cpu_ratio']:.2f})")
    return result


def machine_info() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2"):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
        "git": _git_state(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _git_state() -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    changed = git("status", "--porcelain", "--", "mkdocs_arxiv_digest")
    return {"commit": git("rev-parse", "--short", "HEAD"),
            "package_changes_not_committed": changed.splitlines()}


def largest_corpus_file() -> Path | None:
    corpus = os.environ.get("ARXIV_DIGEST_CORPUS")
    if not corpus or not Path(corpus).is_dir():
        return None
    files = sorted(Path(corpus).glob("*.md"), key=lambda p: p.stat().st_size)
    # Absolute: the measuring child runs in the work folder, not here.
    return files[-1].resolve() if files else None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each")
    parser.add_argument("--runs", type=int, help="builds per variant and size (median reported)")
    parser.add_argument("--days", type=int, nargs="+", help="archive sizes in days")
    parser.add_argument("--papers", type=int, help="papers per day")
    parser.add_argument("--headline", type=int, help="days of the headline size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--output", type=Path, help="results JSON (default by mode)")
    parser.add_argument("--no-docs", action="store_true", help="do not touch docs/")
    parser.add_argument("--ref", help="benchmark the package as committed at this git ref "
                        "(default: the working tree)")
    parser.add_argument("--from-json", type=Path, metavar="FILE",
                        help="only redo targets, chart and docs page from saved results")
    args = parser.parse_args(argv)
    if args.from_json:
        results = json.loads(args.from_json.read_text("utf-8"))
        results["targets"] = report.targets(results)
        args.from_json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                                  "utf-8")
        write_report(results)
        print(report.summary(results))
        return

    plan = dict(QUICK if args.quick else FULL)
    for key in ("runs", "days", "papers", "headline"):
        if getattr(args, key) is not None:
            plan[key] = getattr(args, key)
    if plan["headline"] not in plan["days"]:
        plan["days"] = sorted({*plan["days"], plan["headline"]})
    output = args.output or HERE / "results" / ("quick.json" if args.quick else "latest.json")
    write_docs = not (args.quick or args.no_docs)

    work = args.keep or Path(tempfile.mkdtemp(prefix="axd-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log(f"working in {work}; plan {plan}")
    started = time.perf_counter()
    machine = machine_info()
    try:
        machine["package"] = snapshot_package(args.ref, work / "src")
        # Warm the OS file cache and Python bytecode once, untimed.
        warm = make_project(work / "warmup", 2, 20, args.seed)
        for config in warm.values():
            run_child(build_cmd(config), work / "warmup")

        sizes = []
        for days in sorted(plan["days"]):
            log(f"size {days} days x {plan['papers']} papers")
            sizes.append(
                measure_size(work / f"d{days}", days, plan["papers"], plan["runs"], args.seed)
            )

        head = work / f"d{plan['headline']}"
        stages: dict[str, dict] = {}
        for days in sorted({plan["headline"], max(plan["days"])}):
            log(f"phase split (unprofiled stage clock) at {days} days, plain and plugin")
            stages[str(days)] = {v: inprocess("stages", f"mkdocs-{v}.yml", cwd=work / f"d{days}")[0]
                                 for v in ("plain", "plugin")}
        log("phase split (cProfile), plugin")
        profile, _ = inprocess("profile", "mkdocs-plugin.yml", cwd=head)

        # The largest archive: serve's preview window must keep its rebuilds small.
        log(f"serve-style rebuild at {max(plan['days'])} days")
        rebuild_root, largest = work / "rebuild", work / f"d{max(plan['days'])}"
        shutil.copytree(largest / "docs", rebuild_root / "docs", dirs_exist_ok=True)
        shutil.copy(largest / "mkdocs-plugin.yml", rebuild_root / "mkdocs-plugin.yml")
        newest = sorted((rebuild_root / "docs" / "digests").glob("*.md"))[-1]
        rebuild, _ = inprocess("rebuild", "mkdocs-plugin.yml", str(newest), cwd=rebuild_root)

        log("parser throughput")
        corpus_file = largest_corpus_file()
        parser_result, _ = inprocess("parser", *([str(corpus_file)] if corpus_file else []),
                                     cwd=work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    results = {
        "generated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "plan": plan,
        "seed": args.seed,
        "machine": machine,
        "sizes": sizes,
        "stages": stages,
        "profile": profile,
        "rebuild": rebuild,
        "parser": parser_result,
        "duration_seconds": round(time.perf_counter() - started, 1),
    }
    machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["targets"] = report.targets(results)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", "utf-8")
    log(f"wrote {output}")
    if write_docs:
        write_report(results)
    print(report.summary(results))


def write_report(results: dict) -> None:
    svg = ROOT / "docs" / "assets" / "performance.svg"
    svg.parent.mkdir(parents=True, exist_ok=True)
    svg.write_text(report.chart_svg(results), "utf-8")
    (ROOT / "docs" / "performance.md").write_text(report.markdown(results), "utf-8")
    log(f"wrote {svg} and docs/performance.md")


if __name__ == "__main__":
    main()
