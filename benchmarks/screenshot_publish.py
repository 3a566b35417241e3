"""The five minutes of docs/publish.md, run for real, and the screenshot of their result.

In a scratch git repository named like a pipeline fork: `mkdocs-arxiv-digest init`, demo
digests where the workflow checks out the `data` branch, `mkdocs build --strict`, then the
newest day page in headless Chromium, served from the built files at the site's URL (every
other host blocked), saved as
docs/screenshots/publish-site.png. Prints each command's output, which docs/publish.md quotes.

    python benchmarks/screenshot_publish.py [--out docs/screenshots/publish-site.png]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
REPO = "daily-arXiv-ai-enhanced"
REMOTE = f"https://github.com/ada-quill/{REPO}.git"
SITE_URL = f"https://ada-quill.github.io/{REPO}/"  # what `init` guesses from REMOTE


def run(command: list[str], cwd: Path) -> str:
    """Run ``command`` as a user would, with this checkout's package first; echo its output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    print(f"$ {' '.join(command)}")
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    output = done.stdout + done.stderr
    print(output, end="" if output.endswith("\n") or not output else "\n")
    if done.returncode:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}")
    return output


def screenshot(site: Path, page: str, out: Path, width: int) -> None:
    """``page`` of the built ``site`` as Chromium shows it at ``SITE_URL``: requests there are
    answered from the built files, as GitHub Pages would; any other host is blocked."""
    from playwright.sync_api import sync_playwright

    failed: list[str] = []

    def route(route) -> None:
        url = route.request.url.split("#")[0].split("?")[0]
        if not url.startswith(SITE_URL):
            failed.append(url)
            route.abort()
            return
        path = site / unquote(url[len(SITE_URL):])
        path = path / "index.html" if path.is_dir() else path
        if path.is_file():
            route.fulfill(path=str(path))
        else:
            failed.append(url)
            route.fulfill(status=404, body="not found")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"))
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.route("**/*", route)
        tab = context.new_page()
        tab.goto(SITE_URL + page, wait_until="networkidle")
        tab.screenshot(path=str(out))
        browser.close()
    if failed:
        sys.exit(f"requests to another host, or for a file the site does not have: {failed}")
    print(f"saved {out} ({width} px wide)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs/screenshots/publish-site.png")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        repo = Path(scratch) / REPO
        repo.mkdir()
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        subprocess.run(["git", "remote", "add", "origin", REMOTE], cwd=repo, check=True)
        python = sys.executable
        run([python, "-m", "mkdocs_arxiv_digest.cli", "init"], repo)
        # What `git worktree add digests data` gives in a real fork: the data branch's data/.
        run([python, "-m", "mkdocs_arxiv_digest.demo", "digests/data", "--days", "14",
             "--papers", "24", "--seed", "2026"], repo)
        run([python, "-m", "mkdocs", "build", "--strict"], repo)
        newest = sorted((repo / "digests/data").glob("*.md"))[-1].stem
        screenshot(repo / "site", f"digests/{newest}/", args.out, args.width)


if __name__ == "__main__":
    main()
