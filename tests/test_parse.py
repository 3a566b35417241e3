"""Parser behaviour on hand-written fixtures: expected values are written here, by hand."""

from __future__ import annotations

import datetime as dt
import time

from conftest import fixture_text

from mkdocs_arxiv_digest.parse import is_digest, paper_key, parse_digest, split_authors


def test_canonical_fixture_fields():
    digest = parse_digest(fixture_text("2026-01-05.md"), "digests/2026-01-05.md")
    assert digest.date == dt.date(2026, 1, 5)
    assert digest.headings_seen == 5
    assert [p.key for p in digest.papers] == ["2601.00101", "2601.00102", "2601.00103",
                                              "math/0601001"]
    first = digest.papers[0]
    assert first.title == "Sparse Lanterns: Pruning Recurrent Models by Lighting Paths"
    assert first.authors == ("Ada Quill", "Bruno Ferreira", "Chen Mei")
    assert first.main_category == "cs.LG" and first.section == "cs.LG"
    assert first.tldr.startswith("Prunes recurrent networks")
    assert first.method == (
        "Score every weight by the ``lantern'' heuristic and remove the darkest ones."
    )
    # Hard-wrapped lines join; an indented line starts a new paragraph.
    assert first.abstract == (
        "We study pruning for recurrent networks with a score $s(w) = |w \\cdot g|$ that "
        "follows the gradient along paths.\n\nWe show that the score is stable across seeds."
    )
    # Listed twice: one card that says where else it was listed.
    assert first.also_listed_under == ("math.PR",)
    assert first.number == 1 and first.line == 13


def test_placeholders_are_missing_not_content():
    digest = parse_digest(fixture_text("2026-01-05.md"), "2026-01-05.md")
    failed = digest.papers[1]
    assert failed.version == "v2" and failed.arxiv_id == "2601.00102"
    assert failed.tldr is None and failed.motivation is None and failed.conclusion is None
    assert set(failed.placeholders) == {"tldr", "motivation", "method", "result", "conclusion"}
    assert failed.abstract == "An abstract that survives although every AI field failed."
    assert not failed.has_summary


def test_sections_and_totals():
    digest = parse_digest(fixture_text("2026-01-05.md"), "2026-01-05.md")
    assert [(s.name, s.total, len(s.keys)) for s in digest.sections] == [
        ("cs.LG", 3, 3),
        ("math.PR", 2, 1),
    ]
    # The duplicate is reported, as information.
    assert [d.kind for d in digest.diagnostics] == ["duplicate"]
    assert digest.diagnostics[0].line == 111


def test_bold_labels_extras_and_doi():
    digest = parse_digest(fixture_text("2026-01-06.md"), "2026-01-06.md")
    bold, doi = digest.papers
    assert bold.authors == ("Farah Okafor", "Gustav Lind")
    assert bold.main_category == "cs.CL"
    assert bold.tldr == "A fork that writes bold labels and adds keywords."
    assert [e.label for e in bold.extras] == ["Keywords", "Relevance Score", "Read time",
                                              "Key Contributions"]
    assert bold.result == "The parser keeps up."
    assert doi.key == "doi:10.5555/lantern.2026.7" and doi.arxiv_id is None
    assert doi.anchor == "doi-10.5555-lantern.2026.7"
    assert doi.abstract == "Not every paper is on arXiv."
    assert digest.diagnostics == ()


def test_category_heading_never_leaks_into_abstract():
    text = (
        "### [1] [A](https://arxiv.org/abs/2601.00001)\n*X*\n\nAbstract: first paper text\n"
        "<div id='cs.AI'></div>\n\n# cs.AI [[Back]](#toc)\n\n"
        "### [2] [B](https://arxiv.org/abs/2601.00002)\n*Y*\n\nAbstract: second\n"
    )
    a, b = parse_digest(text).papers
    assert a.abstract == "first paper text"
    assert b.section == "cs.AI"


def test_keys_and_authors():
    assert paper_key("https://arxiv.org/abs/2601.15380v3", "t") == ("2601.15380", "2601.15380",
                                                                     "v3")
    assert paper_key("http://arxiv.org/pdf/hep-th/9901001v1", "t")[0] == "hep-th/9901001"
    assert paper_key("https://example.org/x", "t")[0].startswith("url:")
    assert paper_key(None, "Some Title")[0] == paper_key(None, "some  title")[0]
    assert split_authors("A B,C D, E F") == ("A B", "C D", "E F")
    assert split_authors("['A B', \"C O'D\"]") == ("A B", "C O'D")
    assert split_authors("") == ()


def test_detection_is_shape_based():
    assert is_digest(fixture_text("2026-01-05.md"))
    assert is_digest("<div id=toc></div>\n\n# Table of Contents\n")  # an empty day
    assert not is_digest("# Notes\n\n### [A link](https://arxiv.org/abs/2601.00001)\n")
    assert not is_digest("# Home\n\nSee [1] and [2].\n")


def test_detection_looks_at_line_starts_only():
    heading = "### [1] [T](https://x.org/a)"
    assert is_digest(heading + "\n") and is_digest("intro\n" + heading + "\n")
    assert not is_digest("intro " + heading + "\n")
    assert not is_digest("intro\r" + heading + "\r")  # a lone CR does not start a line
    assert is_digest("[1] Title\nAuthors: A\n") and is_digest("x\n[1] Title\n**Authors**: A\n")
    assert not is_digest("x [1] Title\nAuthors: A\n")
    assert is_digest("x\n## [T](https://arxiv.org/abs/2601.00001)\n<summary>")
    assert not is_digest("x ## [T](https://arxiv.org/abs/2601.00001)\n<summary>")


def test_repeats_join_in_order_and_in_linear_time():
    heading = "### [1] [T](https://arxiv.org/abs/2601.00001)\n*A*\n\n"
    step = "x" * 90
    repeated_field = heading + "".join(f"Method: {n} {step}\n\n" for n in range(40000))
    listed_again = "".join(f"## s{n % 20000}\n{heading}" for n in range(40000))
    started = time.perf_counter()
    [paper] = parse_digest(repeated_field).papers
    [again] = parse_digest(listed_again).papers
    # Adding one repeat at a time to a string or a tuple made this take about 9 s.
    assert time.perf_counter() - started < 5
    assert paper.method.split("\n\n")[:2] == [f"0 {step}", f"1 {step}"]
    assert paper.method.count("\n\n") == 39999
    assert again.section == "s0"
    assert again.also_listed_under == tuple(f"s{n}" for n in range(1, 20000))


def test_malformed_entries_still_yield_papers():
    text = (
        "### [1] [Fine](https://arxiv.org/abs/2601.00001)\n*A*\n\nTL;DR: ok\n\n"
        "### [2] Heading without a link\nsome loose text\n\n"
        "### [3] [Cut off](https://arxiv.org/abs/2601.00003)\n*B*\n\n<details>\n"
        "Motivation: the file ends here"
    )
    digest = parse_digest(text, "bad.md")
    assert len(digest.papers) == 3
    assert digest.papers[1].raw == "some loose text"
    kinds = {(d.kind, d.line) for d in digest.diagnostics}
    assert ("no_link", 6) in kinds and ("unclosed_details", 12) in kinds


def test_headings_inside_a_summary_stay_in_the_paper():
    # An LLM summary may carry its own `## Method` or `# Result` inside <details>: they are the
    # paper's fields, not new sections, and nothing after them is lost.
    text = "\n".join([
        "- [cs.LG](#cs.LG) [Total: 2]", "", "<div id='cs.LG'></div>", "",
        "# cs.LG [[Back]](#toc)", "",
        "### [1] [Headed](https://arxiv.org/abs/2601.00001)", "*Ada Quill*", "",
        "TL;DR: Short.", "", "<details>", "  <summary>Details</summary>",
        "Motivation: Why.", "", "## Method", "We do things.", "", "# Result", "It worked.", "",
        "## Limitations", "Only small data.", "", "Abstract: The abstract.", "</details>", "",
        "### [2] [Next](https://arxiv.org/abs/2601.00002)", "*Bo Li*", "", "TL;DR: Also.",
    ])
    digest = parse_digest(text, "headed.md")
    first, second = digest.papers
    assert (first.method, first.result, first.abstract) == (
        "We do things.", "It worked.", "The abstract.")
    assert [(f.label, f.text) for f in first.extras] == [("Limitations", "Only small data.")]
    assert [(s.name, s.keys) for s in digest.sections] == [("cs.LG", ("2601.00001",
                                                                     "2601.00002"))]
    assert second.section == "cs.LG" and digest.diagnostics == ()


def test_a_section_heading_still_ends_an_unclosed_summary():
    text = "\n".join([
        "# cs.LG [[Back]](#toc)", "",
        "### [1] [Cut Short](https://arxiv.org/abs/2601.00001)", "*Ada Quill*", "",
        "<details>", "Method: Half", "",
        "# cs.CV [[Back]](#toc)", "",
        "### [2] [Vision](https://arxiv.org/abs/2601.00002)", "*Bo Li*",
    ])
    digest = parse_digest(text, "cut.md")
    assert [(s.name, s.keys) for s in digest.sections] == [
        ("cs.LG", ("2601.00001",)), ("cs.CV", ("2601.00002",))]
    assert digest.papers[0].method == "Half"
    assert any("not closed" in str(d) for d in digest.diagnostics)
