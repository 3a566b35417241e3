"""The kinds of diagnostic the parser and the plugin report, and their default log levels.

`warning` fails `mkdocs build --strict`; `info` is shown with `--verbose`; `ignore` is silent.
"""

LEVELS = ("ignore", "info", "warning")

DEFAULT_LEVELS: dict[str, str] = {
    # Broken input: a paper lost something. The card is still built.
    "no_link": "warning",
    "empty_entry": "warning",
    "unclosed_details": "warning",
    "template_placeholder": "warning",
    "not_utf8": "warning",
    "fewer_papers": "warning",
    "internal": "warning",
    # Normal in real archives: kept quiet unless asked for.
    "duplicate": "info",
    "total_mismatch": "info",
}
