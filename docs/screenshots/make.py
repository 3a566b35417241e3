"""Screenshots of a digest page for the docs, taken from a real build.

Builds a Material site (light and dark palette, instant navigation) over three generated days of
500 papers (``mkdocs_arxiv_digest.demo``) in a scratch folder, serves it on 127.0.0.1 and takes
the newest day in both views (cards, compact) at desktop (1280 x 900) and phone (390 x 844)
width, in the light and the dark scheme, into this folder as ``<view>-<width>-<scheme>.png``.
Prints how many paper titles each screen shows in full.

    python docs/screenshots/make.py            # from the repository root
    python docs/screenshots/make.py --keep     # also print the scratch folder and keep it

Needs Playwright and a Chromium on PATH (``chromium``), like the browser tests, and a font with
Chinese glyphs for the Chinese TL;DRs (Debian: ``apt-get install fonts-noto-cjk``); without one
they show as boxes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_arxiv_digest.demo import day_text

HERE = Path(__file__).parent
DAYS = [dt.date(2026, 7, 1) + dt.timedelta(days=n) for n in range(3)]
PAPERS = 500
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default",
     "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
     "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"}},
]
# Shown on the shots: a watched keyword and a muted one, as a reader would set them.
READING = {"watchlist": {"keywords": ["diffusion"], "authors": []},
           "mute": {"keywords": ["survey"], "authors": []}}


def build_demo(root: Path, reading: dict | None = None,
               site_url: str = "http://127.0.0.1/") -> Path:
    """Write and build the demo site under ``root``; returns its site folder."""
    docs = root / "docs"
    (docs / "digests").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Demo\n\nDigests of generated papers.\n", encoding="utf-8")
    for day in DAYS:
        (docs / "digests" / f"{day}.md").write_text(day_text(day, PAPERS, seed=14),
                                                    encoding="utf-8")
    config = {
        "site_name": "arXiv digest demo",
        "site_url": site_url,
        "docs_dir": str(docs),
        "site_dir": str(root / "site"),
        "theme": {"name": "material", "font": False, "palette": PALETTE,
                  "features": ["navigation.instant"]},
        "plugins": ["search", {"arxiv-digest": reading if reading is not None else READING}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    build(load_config(str(root / "mkdocs.yml")))
    return root / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def visible_titles(page) -> int:
    """Paper titles wholly on screen, below the theme's fixed header."""
    return page.evaluate("""() => {
        const header = document.querySelector(".md-header, .navbar.fixed-top");
        const top = header ? header.getBoundingClientRect().bottom : 0;
        return [...document.querySelectorAll("article.axd-card:not([hidden]) .axd-card__title")]
            .map(t => t.getBoundingClientRect())
            .filter(r => r.height > 0 && r.top >= top && r.bottom <= innerHeight).length;
    }""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the PNG files")
    parser.add_argument("--keep", action="store_true", help="keep the scratch build")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    scratch = Path(tempfile.mkdtemp(prefix="axd-shots-"))
    # Serve first: the site's own URL (site_url) must be the server's, for Material's sitemap.
    handler = functools.partial(_Quiet, directory=str(scratch / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    site = build_demo(scratch, site_url=base)
    url = f"{base}digests/{DAYS[-1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"))
            for size, viewport in SIZES.items():
                for scheme in ("light", "dark"):
                    phone = size == "phone"
                    context = browser.new_context(
                        viewport=viewport, color_scheme=scheme, is_mobile=phone,
                        has_touch=phone, device_scale_factor=2 if phone else 1)
                    page = context.new_page()
                    for view in ("cards", "compact"):
                        page.goto(f"{url}?view={view}")
                        page.wait_for_selector("[data-axd-controls]:not([hidden])")
                        page.wait_for_timeout(150)
                        name = f"{view}-{size}-{scheme}.png"
                        page.screenshot(path=str(args.out / name))
                        print(f"{name}: {visible_titles(page)} titles in the first screen")
                    context.close()
            browser.close()
    finally:
        httpd.shutdown()
        if args.keep:
            print(f"site: {site}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
