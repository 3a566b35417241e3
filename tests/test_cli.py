"""`mkdocs-arxiv-digest check`: run in-process through ``main()``, and once as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, fixture_text

from mkdocs_arxiv_digest import cli

HOSTILE = Path(__file__).parent / "hostile"
TRUNCATED = (
    "### [1] [Cut](https://arxiv.org/abs/2601.00001)\n*A*\n\n<details>\nMethod: the file ends"
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_digests_exit_zero(capsys):
    code, out, err = run(capsys, "check", str(FIXTURES))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].endswith("2026-01-05.md: 5 headings = 4 cards + 1 merged; "
                             "1 with failed AI fields")
    # The duplicate is information, with file and line.
    assert lines[1].strip().endswith(
        "2026-01-05.md:111: info: arXiv 2601.00101 is listed again (first at line 13); "
        "kept as one card [duplicate]")
    assert lines[-1] == ("2 files, 2 digests: 7 headings = 6 cards + 1 merged; "
                         "0 warnings, 1 info")


def test_warnings_exit_one_with_file_and_line(capsys, tmp_path):
    path = tmp_path / "2026-01-07.md"
    path.write_text(TRUNCATED, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert f"{path.as_posix()}:4: warning: <details> opened here is not closed" in out
    assert "[unclosed_details]" in out


def test_json_report_accounts_for_every_heading(capsys):
    code, out, _ = run(capsys, "check", "--json", str(HOSTILE))
    document = json.loads(out)
    assert code == 1 and document["ok"] is False
    files = document["files"]
    assert len(files) == len(list(HOSTILE.glob("*.md"))) and all(f["digest"] for f in files)
    for report in files:
        assert report["headings"] == report["cards"] + report["merged"], report["path"]
        for d in report["diagnostics"]:
            assert d["file"] == report["path"] and d["line"] >= 1
            assert d["level"] in ("info", "warning") and d["kind"] != "internal"
    totals = document["totals"]
    assert totals["headings"] == totals["cards"] + totals["merged"]
    assert totals["warnings"] == sum(
        d["level"] == "warning" for f in files for d in f["diagnostics"])
    by_name = {Path(f["path"]).name: f for f in files}
    ids = by_name["2026-02-04-ids-and-numbering.md"]
    assert (ids["headings"], ids["cards"], ids["merged"]) == (8, 5, 3)
    kinds = {d["kind"] for d in by_name["2026-02-23-not-utf8.md"]["diagnostics"]}
    assert kinds == {"not_utf8"}


def test_not_utf8_reports_the_byte_offset(capsys, tmp_path):
    good = fixture_text("2026-01-06.md").encode()
    bad_at = good.index(b"Gustav")
    path = tmp_path / "2026-01-06.md"
    path.write_bytes(good[:bad_at] + b"\xff\xfe" + good[bad_at:])
    code, out, _ = run(capsys, "check", "--json", str(path))
    [report] = json.loads(out)["files"]
    assert code == 1
    assert report["cards"] == 2
    [problem] = report["diagnostics"]
    assert problem["kind"] == "not_utf8" and problem["level"] == "warning"
    assert f"byte offset {bad_at}" in problem["message"]
    assert problem["line"] == good[:bad_at].count(b"\n") + 1


def test_bom_front_matter_and_other_pages(capsys, tmp_path):
    (tmp_path / "notes.md").write_text("# Notes\n\nSee [1] and [2].\n", encoding="utf-8")
    (tmp_path / "off.md").write_text("---\narxiv_digest: false\n---\n" +
                                     fixture_text("2026-01-06.md"), encoding="utf-8")
    (tmp_path / "on.md").write_text("---\narxiv_digest: true\n---\n# Nothing yet\n",
                                    encoding="utf-8")
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf" + fixture_text("2026-01-06.md").encode())
    (tmp_path / "data.txt").write_text("not markdown", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--json", str(tmp_path))
    reports = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert code == 0
    assert list(reports) == ["bom.md", "notes.md", "off.md", "on.md"]  # sorted, *.md only
    assert reports["bom.md"]["digest"] and reports["bom.md"]["cards"] == 2
    assert not reports["notes.md"]["digest"] and not reports["off.md"]["digest"]
    assert reports["on.md"]["digest"] and reports["on.md"]["headings"] == 0


def test_folders_recurse_and_paths_are_listed_once(capsys, tmp_path):
    (tmp_path / "2026" / "01").mkdir(parents=True)
    (tmp_path / "2026" / "01" / "2026-01-05.md").write_text(fixture_text("2026-01-05.md"),
                                                           encoding="utf-8")
    (tmp_path / "2026-01-06.md").write_text(fixture_text("2026-01-06.md"), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--json", str(tmp_path),
                       str(tmp_path / "2026-01-06.md"))
    paths = [Path(f["path"]).relative_to(tmp_path).as_posix()
             for f in json.loads(out)["files"]]
    assert code == 0
    assert paths == ["2026/01/2026-01-05.md", "2026-01-06.md"]


@pytest.mark.parametrize("argv", [
    [],                          # no command
    ["check"],                   # no path
    ["check", "--nope", "x.md"],
    ["frobnicate"],
])
def test_usage_errors_exit_two(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert "usage:" in err or "error:" in err


def test_missing_path_is_a_usage_error(capsys, tmp_path):
    code, out, err = run(capsys, "check", str(tmp_path / "missing.md"))
    assert code == 2 and out == ""
    assert err.strip() == f"mkdocs-arxiv-digest check: error: no such file or folder: " \
                          f"{tmp_path / 'missing.md'}"


def test_lost_headings_are_reported_as_internal(monkeypatch, capsys, tmp_path):
    from dataclasses import replace

    real = cli.parse_digest
    monkeypatch.setattr(cli, "parse_digest",
                        lambda text, source: replace(real(text, source), headings_seen=9))
    path = tmp_path / "2026-01-06.md"
    path.write_text(fixture_text("2026-01-06.md"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert "warning: 7 paper heading(s) are neither a card nor a merged duplicate [internal]" \
        in out


def test_commands_are_a_registry(monkeypatch, capsys):
    monkeypatch.setattr(cli, "COMMANDS", dict(cli.COMMANDS))
    seen = []

    @cli.command("echo", "Print the words back.",
                 lambda parser: parser.add_argument("words", nargs="*"))
    def run_echo(args):
        seen.append(args.words)
        return 0

    assert run(capsys, "echo", "a", "b")[0] == 0 and seen == [["a", "b"]]
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "check" in out and "echo" in out


def test_console_entry_point_in_a_process_without_mkdocs():
    """The real process: exit code, JSON on stdout, and no MkDocs import on the way."""
    script = ("import sys\nfrom mkdocs_arxiv_digest.cli import main\ncode = main(sys.argv[1:])\n"
              "assert 'mkdocs' not in sys.modules, 'the CLI imported mkdocs'\nsys.exit(code)\n")
    done = subprocess.run(
        [sys.executable, "-c", script, "check", "--json", str(HOSTILE)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1, done.stderr
    totals = json.loads(done.stdout)["totals"]
    assert totals["digests"] == len(list(HOSTILE.glob("*.md")))
    assert totals["headings"] == totals["cards"] + totals["merged"] > 50


def test_export_round_trips_every_paper(capsys, tmp_path):
    digests = tmp_path / "data"
    digests.mkdir()
    for name in ("2026-01-05.md", "2026-01-06.md"):
        (digests / name).write_text(fixture_text(name), encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["export", str(digests), str(out), "--site-url", "https://example.org/"]) == 0
    assert "2 days, 6 papers" in capsys.readouterr().out
    index = json.loads((out / "arxiv/index.json").read_text(encoding="utf-8"))
    assert [d["json"] for d in index["days"]] == [
        "https://example.org/arxiv/days/2026-01-05.json",
        "https://example.org/arxiv/days/2026-01-06.json"]
    month = json.loads((out / "arxiv/months/2026-01.json").read_text(encoding="utf-8"))
    keys = {p["key"] for p in month["papers"]}
    # Written by hand from the two fixtures: every paper, duplicates merged.
    assert keys == {"2601.00101", "2601.00102", "2601.00103", "math/0601001", "2601.00201",
                    "doi:10.5555/lantern.2026.7"}
    assert (out / "arxiv/days/2026-01-05.json").exists()
    assert "@misc{arxiv2601.00101," in (out / "arxiv/bib/2026-01-05.bib").read_text()
    assert (out / "feed.xml").exists() and not list(digests.glob("arxiv*"))


def test_render_and_export_in_the_sites_language(capsys, tmp_path):
    digests = tmp_path / "data"
    digests.mkdir()
    (digests / "2026-01-05.md").write_text(fixture_text("2026-01-05.md"), encoding="utf-8")
    for language, title, feed in (("en", "Categories", "one item per day"),
                                  ("zh", "分类", "每天一条")):
        out = tmp_path / language
        assert cli.main(["render", str(digests), str(out), "--language", language]) == 0
        assert cli.main(["export", str(digests), str(out), "--language", language,
                         "--site-url", "https://example.org/"]) == 0
        assert f"# {title}" in (out / "arxiv/categories.md").read_text(encoding="utf-8")
        assert feed in (out / "feed.xml").read_text(encoding="utf-8")
    capsys.readouterr()
