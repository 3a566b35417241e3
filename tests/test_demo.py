"""The synthetic archive generator: deterministic, parseable, and shaped like real archives."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from mkdocs_arxiv_digest.demo import day_text, generate_archive, main
from mkdocs_arxiv_digest.parse import PLACEHOLDERS, is_digest, parse_digest

# Counted independently of the parser: every `### [N] [Title](url)` heading.
_PAPER_HEADING = re.compile(r"^### \[(\d+)\] \[.*\]\(https://arxiv\.org/abs/[^)]+\)$", re.M)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_same_seed_same_archive_other_seed_other_archive(tmp_path):
    first = generate_archive(tmp_path / "a", 3, 40, seed=7)
    again = generate_archive(tmp_path / "b", 3, 40, seed=7)
    other = generate_archive(tmp_path / "c", 3, 40, seed=8)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert first[0].read_bytes() != other[0].read_bytes()
    # A day does not depend on where the archive starts.
    assert first[1].read_text(encoding="utf-8") == day_text(dt.date(2026, 1, 6), 40, seed=7)


def test_file_names_are_consecutive_days(tmp_path):
    paths = generate_archive(tmp_path, 4, 10, start=dt.date(2026, 1, 30))
    assert [p.name for p in paths] == ["2026-01-30.md", "2026-01-31.md", "2026-02-01.md",
                                       "2026-02-02.md"]
    assert sorted(tmp_path.iterdir()) == paths


def test_every_generated_paper_parses(tmp_path):
    for path in generate_archive(tmp_path, 4, 120, seed=3):
        text = path.read_text(encoding="utf-8")
        numbers = [int(n) for n in _PAPER_HEADING.findall(text)]
        assert numbers == list(range(1, 121)), path.name  # `[N]` runs over the whole file
        assert is_digest(text)
        digest = parse_digest(text, path.name)
        assert digest.date == dt.date.fromisoformat(path.stem)
        assert digest.headings_seen == 120
        assert len(digest.papers) == 120
        assert not digest.diagnostics, digest.diagnostics[:3]
        for section in digest.sections:
            assert section.total == len(section.keys), section.name
        for paper in digest.papers:
            assert paper.arxiv_id and paper.abstract and paper.section, paper.key


def test_archive_looks_like_real_days(tmp_path):
    paths = generate_archive(tmp_path, 6, 200, seed=1)
    digests = [parse_digest(p.read_text(encoding="utf-8"), p.name) for p in paths]
    papers = [paper for d in digests for paper in d.papers]

    # Repeats across consecutive days: about a quarter of each day, same id.
    for yesterday, today in itertools.pairwise(digests):
        shared = {p.key for p in yesterday.papers} & {p.key for p in today.papers}
        assert 0.18 <= len(shared) / len(today.papers) <= 0.32
    assert any(p.version for p in papers)  # some repeats come back as v2

    failed = [p for p in papers if "tldr" in p.placeholders]
    assert 0.05 <= len(failed) / len(papers) <= 0.16
    assert {"tldr", "motivation", "method", "result", "conclusion"} <= {
        name for p in failed for name in p.placeholders
    }
    chinese = [p for p in papers if p.tldr and _CJK.search(p.tldr)]
    assert 0.05 <= len(chinese) / len(papers) <= 0.16

    assert all(20 <= len(d.sections) <= 45 for d in digests)
    assert any(p.main_category != p.section for p in papers)
    assert any("/" in p.key for p in papers)  # old-style ids such as hep-th/0601001
    assert any("$" in (p.abstract or "") for p in papers)
    assert any("\n\n" in (p.abstract or "") for p in papers)  # two-paragraph abstracts

    # Authors recur across days, and accented names are among them.
    by_day = [{a for p in d.papers for a in p.authors} for d in digests]
    assert len(by_day[0] & by_day[-1]) > 20
    assert any(not a.isascii() for names in by_day for a in names)


def test_placeholder_text_is_the_generators_own():
    text = day_text(dt.date(2026, 3, 2), 300, seed=5)
    for line in re.findall(r"^(?:TL;DR|Motivation|Method|Result|Conclusion): (.*)$", text, re.M):
        if "fail" in line or "unavailable" in line:
            assert line.lower() in PLACEHOLDERS


def test_command_line(tmp_path, capsys):
    main([str(tmp_path / "out"), "--days", "2", "--papers", "5", "--seed", "4"])
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "2026-01-05.md",
        "2026-01-06.md",
    ]
    assert "wrote 2 digests" in capsys.readouterr().out
