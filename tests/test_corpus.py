"""Conformance with real digests. Reads the corpus through ARXIV_DIGEST_CORPUS; skips without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkdocs_arxiv_digest.parse import PLACEHOLDERS, is_digest, parse_digest

# Our own count of paper headings, written independently of the parser: a heading line that
# links to http(s) (optionally numbered, optionally behind an HTML anchor), a numbered heading
# without a link, or a `[N] Title` line directly followed by an `Authors:` line.
_HEADING = re.compile(r"^#{1,6} +(<a [^>]*></a>)?(\[\d+\] +)?\[.*\]\(https?://[^)]*\)")
_NUMBERED = re.compile(r"^#{1,6} +\[\d+\] +[^\[]")
_PLAIN = re.compile(r"^\[\d+\] +\S")

# Files in the corpus that are not digests of this generator (see the corpus README).
NOT_DIGESTS = {
    "README.md",
    "Casablancassss__daily-arXiv-ai-enhanced__2026-08-21_report.md",  # a `_report.md` sibling
    "xmkxabc__daily-arXiv-ai-enhanced__2025-06-09.md",  # a README saved as a digest
    "xmkxabc__daily-arXiv-ai-enhanced__2025-06-18.md",  # one 'no papers today' heading
}
# Broken files whose warnings are expected (unfilled template placeholders).
BROKEN = {"xmkxabc__daily-arXiv-ai-enhanced__2025-06-10.md"}


def count_headings(text: str) -> int:
    lines = text.replace("\r\n", "\n").split("\n")
    count = 0
    for index, line in enumerate(lines):
        if _HEADING.match(line) or _NUMBERED.match(line):
            count += 1
        elif _PLAIN.match(line) and index + 1 < len(lines) and "Authors" in lines[index + 1][:12]:
            count += 1
    return count


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.glob("*.md"))


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def test_every_corpus_paper_is_parsed(corpus_dir):
    files = corpus_files(corpus_dir)
    assert len(files) > 30
    total = 0
    for path in files:
        text = read(path)
        if path.name in NOT_DIGESTS:
            assert not is_digest(text), path.name
            continue
        assert is_digest(text), path.name
        digest = parse_digest(text, path.name)
        expected = count_headings(text)
        duplicates = sum(1 for d in digest.diagnostics if d.kind == "duplicate")
        assert digest.headings_seen == expected, path.name
        assert len(digest.papers) + duplicates == expected, path.name
        total += expected
    assert total > 5000


def test_other_generators_are_left_alone(corpus_dir):
    others = sorted((corpus_dir / "other").glob("*.md"))
    assert others
    for path in others:
        assert not is_digest(read(path)), path.name


@pytest.fixture(scope="module")
def corpus_site(corpus_dir, tmp_path_factory):
    from conftest import build_site

    docs: dict[str, str | bytes] = {"index.md": "# Corpus\n"}
    for path in corpus_files(corpus_dir):
        docs[f"days/{path.name}"] = path.read_bytes()
    for path in sorted((corpus_dir / "other").glob("*.md")):
        docs[f"other/{path.name}"] = path.read_bytes()
    root = tmp_path_factory.mktemp("corpus")
    return build_site(root, docs, {"markdown_extensions": [{"pymdownx.arithmatex":
                                                            {"generic": True}}]})


def test_corpus_site_builds_every_card(corpus_site, corpus_dir):
    for path in corpus_files(corpus_dir):
        if path.name in NOT_DIGESTS:
            continue
        digest = parse_digest(read(path), path.name)
        soup = corpus_site.soup(corpus_site.page(f"days/{path.name}"))
        cards = soup.select("article.axd-card")
        assert [c["data-arxiv-id"] for c in cards if True] == [
            p.key for s in digest.sections for p in (
                {q.key: q for q in digest.papers}[k] for k in s.keys)
        ], path.name
        assert len({c["id"] for c in cards}) == len(cards), path.name
        text = " ".join(c.get_text(" ") for c in cards).lower()
        for placeholder in PLACEHOLDERS:
            assert placeholder not in text, (path.name, placeholder)
        assert "{tldr}" not in text and "{cate}" not in text, path.name


def test_corpus_strict_warnings_only_for_broken_files(corpus_site):
    ours = corpus_site.plugin_warnings()
    assert ours, "the broken file must be reported"
    for message in ours:
        assert any(name in message for name in BROKEN), message
        assert re.search(r"\.md:\d+: ", message), message
    # MkDocs itself finds nothing to complain about on digest pages (other generators' pages
    # carry their own broken links, which are not ours to fix).
    assert not [w for w in corpus_site.warnings() if "days/" in w and w not in ours]


def test_other_pages_untouched_in_the_site(corpus_site, corpus_dir):
    for path in sorted((corpus_dir / "other").glob("*.md")):
        soup = corpus_site.soup(corpus_site.page(f"other/{path.name}"))
        assert not soup.select("article.axd-card, .axd-head"), path.name
