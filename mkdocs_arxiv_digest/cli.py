"""The `mkdocs-arxiv-digest` command line.

Pure core only (no MkDocs import): it reads digests exactly as the plugin does and reports what a
build would make of them. Subcommands live in :data:`COMMANDS`; to add one, write a function
that adds its arguments to a parser and a function that runs it and returns the exit code, and
register them with :func:`command`.

Exit codes: 0 fine, 1 something at warning level was found, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .diagnostics import DEFAULT_LEVELS
from .model import Diagnostic
from .parse import decode_digest, is_digest, parse_digest

PROG = "mkdocs-arxiv-digest"


class UsageError(Exception):
    """Bad arguments found after parsing (a missing path...): exit code 2."""


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: dict[str, Command] = {}


def command(
    name: str, help: str, configure: Callable[[argparse.ArgumentParser], None]
) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    """Register ``run`` as subcommand ``name``; ``configure`` adds its arguments."""

    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = Command(name, help, configure, run)
        return run

    return register


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # a title in a message must never crash the report
            stream.reconfigure(errors="backslashreplace")
    parser = argparse.ArgumentParser(
        prog=PROG, description="Check and convert daily arXiv digest Markdown files."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for cmd in COMMANDS.values():
        cmd.configure(subparsers.add_parser(cmd.name, help=cmd.help, description=cmd.help))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage and 0 after --help
        return exc.code if isinstance(exc.code, int) else 2
    if args.command is None:
        parser.print_usage(sys.stderr)
        print(f"{PROG}: error: a command is required ({', '.join(COMMANDS)})", file=sys.stderr)
        return 2
    try:
        return COMMANDS[args.command].run(args)
    except UsageError as exc:
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return 2


# -- reading files ---------------------------------------------------------------------------


def markdown_files(paths: Iterable[str]) -> list[Path]:
    """Files named on the command line, and every ``*.md`` below folders, in a stable order."""
    found: dict[Path, None] = {}
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.update((p, None) for p in sorted(path.rglob("*.md")) if p.is_file())
        elif path.is_file():
            found[path] = None
        else:
            raise UsageError(f"no such file or folder: {name}")
    return list(found)


# -- check -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileReport:
    """What a build would make of one file. Every paper heading is either a card or a duplicate
    merged into one; anything else is reported as an ``internal`` diagnostic."""

    path: str
    digest: bool
    headings: int = 0
    cards: int = 0
    merged: int = 0
    placeholders: int = 0
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if level(d) == "warning")

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "digest": self.digest,
            "headings": self.headings,
            "cards": self.cards,
            "merged": self.merged,
            "placeholders": self.placeholders,
            "diagnostics": [
                {"file": d.file, "line": d.line, "kind": d.kind, "level": level(d),
                 "message": d.message}
                for d in self.diagnostics
            ],
        }


def level(diagnostic: Diagnostic) -> str:
    """Default log level of a diagnostic; kinds nobody classified count as warnings."""
    return DEFAULT_LEVELS.get(diagnostic.kind, "warning")


def check_text(text: str, source: str, problems: Sequence[Diagnostic] = ()) -> FileReport:
    """Report on one file's text (``problems`` come from reading it, e.g. ``not_utf8``)."""
    digest = parse_digest(text, source)
    flag = digest.meta.get("arxiv_digest")  # front matter wins, as in the plugin
    if not (bool(flag) if flag is not None else is_digest(text)):
        return FileReport(source, False, diagnostics=tuple(problems))
    diagnostics = list(problems) + list(digest.diagnostics)
    merged = sum(1 for d in digest.diagnostics if d.kind == "duplicate")
    lost = digest.headings_seen - len(digest.papers) - merged
    if lost:
        diagnostics.append(
            Diagnostic(source, 0, "internal",
                       f"{lost} paper heading(s) are neither a card nor a merged duplicate")
        )
    return FileReport(
        path=source,
        digest=True,
        headings=digest.headings_seen,
        cards=len(digest.papers),
        merged=merged,
        placeholders=digest.placeholder_count,
        diagnostics=tuple(diagnostics),
    )


def check_file(path: Path) -> FileReport:
    source = path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from exc
    text, problems = decode_digest(data, source)
    return check_text(text, source, problems)


def _configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="digest files, or folders to search for *.md files")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def _summary(reports: Sequence[FileReport]) -> dict:
    digests = [r for r in reports if r.digest]
    diagnostics = [d for r in reports for d in r.diagnostics]
    return {
        "files": len(reports),
        "digests": len(digests),
        "headings": sum(r.headings for r in digests),
        "cards": sum(r.cards for r in digests),
        "merged": sum(r.merged for r in digests),
        "placeholders": sum(r.placeholders for r in digests),
        "warnings": sum(1 for d in diagnostics if level(d) == "warning"),
        "infos": sum(1 for d in diagnostics if level(d) == "info"),
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _print_text(reports: Sequence[FileReport], totals: dict) -> None:
    for report in reports:
        if not report.digest:
            print(f"{report.path}: not a digest")
        else:
            line = (f"{report.path}: {_plural(report.headings, 'heading')} = "
                    f"{_plural(report.cards, 'card')} + {report.merged} merged")
            if report.placeholders:
                line += f"; {report.placeholders} with failed AI fields"
            print(line)
        for d in report.diagnostics:
            print(f"  {d.file}:{d.line}: {level(d)}: {d.message} [{d.kind}]")
    print(
        f"{_plural(totals['files'], 'file')}, {_plural(totals['digests'], 'digest')}: "
        f"{_plural(totals['headings'], 'heading')} = {_plural(totals['cards'], 'card')} + "
        f"{totals['merged']} merged; {_plural(totals['warnings'], 'warning')}, "
        f"{totals['infos']} info"
    )


@command("check", "Parse digests and report headings, cards and problems with file:line.",
         _configure_check)
def run_check(args: argparse.Namespace) -> int:
    reports = [check_file(path) for path in markdown_files(args.paths)]
    totals = _summary(reports)
    if args.json:
        document = {"files": [r.as_dict() for r in reports], "totals": totals,
                    "ok": totals["warnings"] == 0}
        print(json.dumps(document, indent=2))
    else:
        _print_text(reports, totals)
    return 1 if totals["warnings"] else 0



# -- render ----------------------------------------------------------------------------------


def _configure_render(parser: argparse.ArgumentParser) -> None:
    from .standalone import FORMATS, URL_STYLES

    parser.add_argument("digests", metavar="DIGESTS_DIR", help="folder of digest *.md files")
    parser.add_argument("out", metavar="OUT_DIR", help="where to write pages and assets")
    parser.add_argument("--format", choices=FORMATS, default="md",
                        help="Markdown pages with HTML blocks (default) or HTML fragments")
    parser.add_argument("--url-style", choices=URL_STYLES, default="directory",
                        help="links as page/ (default) or page.html")
    parser.add_argument("--prefix", default="arxiv", help="folder of the generated pages")
    parser.add_argument("--math", action="store_true", help="typeset $...$ as MathML")
    _add_language(parser)


@command("render", "Write cards and generated pages as plain files for other site generators.",
         _configure_render)
def run_render(args: argparse.Namespace) -> int:
    from .standalone import render_archive

    if not Path(args.digests).is_dir():
        raise UsageError(f"no such folder: {args.digests}")
    result = render_archive(args.digests, args.out, args.format, args.url_style, args.prefix,
                            args.math, args.language)
    print(f"{_plural(result.days, 'day')}, {_plural(result.papers, 'paper')}, "
          f"{_plural(result.pages, 'generated page')}: {len(result.files)} files in {args.out}")
    return 0


# -- export ----------------------------------------------------------------------------------


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("digests", metavar="DIGESTS_DIR", help="folder of digest *.md files")
    parser.add_argument("out", metavar="OUT_DIR", help="where to write the files")
    parser.add_argument("--site-url", default="",
                        help="absolute URL the site will have (links in the JSON become "
                             "absolute, and RSS/Atom feeds are written too)")
    parser.add_argument("--prefix", default="arxiv", help="folder of the exported files")
    _add_language(parser)


def _add_language(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--language", default="en", metavar="CODE",
                        help="language of the texts we write, as a theme's language code "
                             "(en, zh, ...; default en)")


@command("export", "Write the JSON index, day and month files, BibTeX per day (and feeds with "
         "--site-url).",
         _configure_export)
def run_export(args: argparse.Namespace) -> int:
    from .labels import labels_for
    from .outputs import OutputOptions, plan_outputs
    from .sitemap import PageOptions, SiteMap
    from .standalone import load_archive

    if not Path(args.digests).is_dir():
        raise UsageError(f"no such folder: {args.digests}")
    archive = load_archive(Path(args.digests))
    site = SiteMap(archive, PageOptions(prefix=args.prefix, labels=labels_for(args.language)))
    # Digest pages as an MkDocs site with directory URLs would have them.
    urls = {day.path: day.path[: -len(".md")] + "/" for day in archive.days}
    outputs = plan_outputs(site, urls, OutputOptions(site_url=args.site_url))
    outputs.write(args.out)
    print(f"{_plural(len(archive.days), 'day')}, {_plural(archive.paper_count, 'paper')}: "
          f"{_plural(len(outputs.files), 'file')} in {args.out}")
    return 0


# -- init ------------------------------------------------------------------------------------


def _configure_init(parser: argparse.ArgumentParser) -> None:
    from .scaffold import DEFAULT_CRON, PIPELINE_WORKFLOW

    parser.add_argument("directory", nargs="?", default=".", metavar="DIR",
                        help="the pipeline's repository (default: the current folder)")
    parser.add_argument("--site-url", help="the site's address (default: guessed from the git "
                        "remote, https://<owner>.github.io/<repo>/)")
    parser.add_argument("--site-name", help="the site's title (default: the repository's name)")
    parser.add_argument("--branch", default="data",
                        help="branch the pipeline commits its digests to (default: data)")
    parser.add_argument("--folder", default="data",
                        help="folder of the digests in that branch (default: data)")
    parser.add_argument("--workflow", default="publish-digests", metavar="NAME",
                        help="file name of the workflow, without .yml (default: publish-digests)")
    parser.add_argument("--cron", default=DEFAULT_CRON,
                        help=f"when to rebuild, in UTC (default: {DEFAULT_CRON!r}, after the "
                             "upstream pipeline's 01:30 run)")
    parser.add_argument("--pipeline", default=PIPELINE_WORKFLOW, metavar="WORKFLOW",
                        help="name of the pipeline's workflow, to rebuild when it finishes "
                             f"(default: {PIPELINE_WORKFLOW})")
    parser.add_argument("--force", action="store_true", help="overwrite files that exist")


@command("init", "Write mkdocs.yml and a GitHub Actions workflow that publishes the digests "
         "on GitHub Pages.", _configure_init)
def run_init(args: argparse.Namespace) -> int:
    from .scaffold import Scaffold, existing, github_repository, pages_url, write

    directory = Path(args.directory)
    if not directory.is_dir():
        raise UsageError(f"no such folder: {args.directory}")
    repository = github_repository(directory)
    site_url = args.site_url or (pages_url(*repository) if repository else None)
    if not site_url:
        raise UsageError("cannot tell the site's URL: the git remote 'origin' is not on "
                         "github.com; pass --site-url https://...")
    site_name = args.site_name or (repository[1] if repository else directory.resolve().name)
    scaffold = Scaffold(site_url=site_url.rstrip("/") + "/", site_name=site_name,
                        branch=args.branch, folder=args.folder, workflow=args.workflow,
                        cron=args.cron, pipeline=args.pipeline)
    files = scaffold.files()
    found = existing(directory, list(files))
    if found and not args.force:
        print(f"{PROG} init: nothing written; these files exist: {', '.join(found)}\n"
              "Run it again with --force to overwrite them.", file=sys.stderr)
        return 1
    write(directory, files)
    for path in files:
        print(f"{'overwrote' if path in found else 'wrote'} {path}")
    source = "" if args.site_url else " (from the git remote; change it with --site-url)"
    print(f"site_url: {scaffold.site_url}{source}")
    print(
        "\nNext steps:\n"
        "  1. On GitHub, Settings > Pages > Build and deployment: set Source to "
        "'GitHub Actions'.\n"
        f"  2. Commit and push: git add {' '.join(files)} && "
        "git commit -m 'Publish the digests' && git push\n"
        f"     then run 'Publish digests' from the Actions tab (it also runs at cron "
        f"'{scaffold.cron}' UTC and when the pipeline finishes)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
