"""The archive as plain files for other site generators (Zensical, Hugo, Eleventy, ...).

Pure: no MkDocs. :func:`render_archive` reads a folder of digests and writes what the plugin
would put into a site: every digest page with its cards, the generated pages (categories,
authors, archive, statistics) and the stylesheets and script, either as Markdown pages whose
cards are HTML blocks or as bare HTML fragments. Links inside HTML are final URLs relative to
each page, since no Markdown generator rewrites links inside raw HTML.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml
from markupsafe import escape

from .index import Archive, Day
from .labels import labels_for
from .markup import md_text, md_title
from .model import Digest
from .parse import decode_digest, is_digest, parse_digest
from .render import Renderer
from .sitemap import PageOptions, SiteMap, Target
from .stats import statistics_pages
from .taxonomy import category_names
from .views import Cards, PageSpec, day_page, generated_pages

ASSETS = Path(__file__).parent / "assets"
FORMATS = ("md", "html")
URL_STYLES = ("directory", "html")
# No blank line may end an HTML block early in CommonMark renderers (Hugo, Eleventy...).
_BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")


@dataclass(frozen=True)
class RenderResult:
    days: int
    papers: int
    pages: int
    files: tuple[str, ...]


def page_url(path: str, style: str = "directory") -> str:
    """Site URL of a docs page: ``a/b.md`` is ``a/b/`` (directory style) or ``a/b.html``."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    if style == "html":
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(target: str, current: str) -> str:
    """``target`` (a site URL) as seen from the page at ``current`` (another site URL)."""
    base = current if current.endswith("/") or not current else posixpath.dirname(current)
    relative = posixpath.relpath(target or ".", base or ".")
    if relative == ".":
        return "./"
    return relative + "/" if target.endswith("/") else relative


def heading_id(text: str, used: set[str]) -> str:
    """The id Python-Markdown's ``toc`` extension gives a heading (its default slugify)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", value).strip().lower())
    candidate, number = value or "_", 0
    while candidate in used:
        number += 1
        candidate = f"{value}_{number}"
    used.add(candidate)
    return candidate


def load_archive(root: Path) -> Archive:
    """Every digest below ``root`` (``*.md``; front matter ``arxiv_digest`` decides if set)."""
    digests: dict[str, Digest] = {}
    for path in sorted(root.rglob("*.md")):
        if not path.is_file():
            continue
        text = decode_digest(path.read_bytes(), path.name)[0]
        source = path.relative_to(root).as_posix()
        digest = parse_digest(text, source)
        flag = digest.meta.get("arxiv_digest")
        if bool(flag) if flag is not None else is_digest(text):
            digests[source] = digest
    return Archive.from_digests(digests)


class _Writer:
    def __init__(self, site: SiteMap, out: Path, fmt: str, style: str, math: bool):
        self.site, self.out, self.fmt, self.style = site, out, fmt, style
        self.renderer = Renderer(math=math, labels=site.options.labels,
                                 reading={"watchlist": {"keywords": [], "authors": []}})
        self.cards = Cards(site.options.labels, site.options.category_names, math)
        self.written: list[str] = []

    def href_from(self, current: str) -> Callable[[Target], str]:
        here = page_url(current, self.style)

        def href(target: Target) -> str:
            if target.path == current and target.anchor:
                return f"#{target.anchor}"
            url = quote(relative_url(page_url(target.path, self.style), here))
            return f"{url}#{target.anchor}" if target.anchor else url

        return href

    def write(self, path: str, title: str, parts: list[tuple[str | None, str | None, str]]) -> None:
        """One page from (heading, heading id, HTML) parts."""
        if self.fmt == "md":
            name = path
            lines = ["---", yaml.safe_dump({"title": title}, allow_unicode=True).strip(), "---",
                     "", f"# {md_title(title)}", ""]
            for heading, _, html in parts:
                if heading:
                    lines += [f"## {md_text(heading)}", ""]
                if html.strip():
                    lines += [_BLANK_LINES.sub("", html.strip()), ""]
            text = "\n".join(lines)
        else:
            name = path[: -len(".md")] + ".html"
            chunks = [f"<h1>{escape(title)}</h1>"]
            for heading, ident, html in parts:
                if heading:
                    chunks.append(f'<h2 id="{escape(ident or "")}">{escape(heading)}</h2>')
                chunks.append(html.strip())
            text = "\n".join(chunks) + "\n"
        target = self.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.written.append(name)

    def day(self, day: Day) -> None:
        site, path = self.site, day.path
        href = self.href_from(path)
        used: set[str] = {heading_id(day.label, set())}
        anchors = [heading_id(s.name, used) for s in day.digest.sections if s.name]
        view = day_page(site, path, anchors, href)
        parts: list[tuple[str | None, str | None, str]] = [
            (None, None, self.renderer.head(view))]
        for section in view.sections:
            cards = "\n".join(
                self.renderer.card(self.cards.view(paper, site.card_links(path, paper, href)))
                for paper in section.papers)
            parts.append((section.name or None, section.anchor, cards))
        self.write(path, day.label, parts)

    def generated(self, spec: PageSpec) -> None:
        href = self.href_from(spec.path)
        used: set[str] = {heading_id(spec.title, set())}
        parts = [(block.heading, heading_id(block.heading, used) if block.heading else None,
                  self.renderer.block(block, href)) for block in spec.blocks]
        self.write(spec.path, spec.title, parts)

    def assets(self) -> None:
        for source in sorted(ASSETS.iterdir()):
            name = f"assets/arxiv-digest/{source.name}"
            (self.out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, self.out / name)
            self.written.append(name)


def render_archive(
    digests_dir: str | Path,
    out_dir: str | Path,
    fmt: str = "md",
    url_style: str = "directory",
    prefix: str = "arxiv",
    math: bool = False,
    language: str | None = None,
) -> RenderResult:
    """Write every digest page, every generated page and the assets below ``out_dir``.

    Digest pages keep their path relative to ``digests_dir``; generated pages go below
    ``prefix``. Their texts are in ``language`` (a theme language code; English by default).
    Nothing is written into ``digests_dir`` (unless ``out_dir`` is inside it).
    """
    if fmt not in FORMATS or url_style not in URL_STYLES:
        raise ValueError(f"format must be one of {FORMATS}, url_style one of {URL_STYLES}")
    archive = load_archive(Path(digests_dir))
    site = SiteMap(archive, PageOptions(prefix=prefix, category_names=category_names(),
                                        labels=labels_for(language)))
    writer = _Writer(site, Path(out_dir), fmt, url_style, math)
    for day in archive.days:
        writer.day(day)
    specs = generated_pages(site) + statistics_pages(site)
    for spec in specs:
        writer.generated(spec)
    writer.assets()
    return RenderResult(len(archive.days), archive.paper_count, len(specs), tuple(writer.written))
