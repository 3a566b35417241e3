"""Views to HTML, through Jinja templates only.

The templates live in ``templates/arxiv_digest/``; a file of the same name in a theme folder
(``custom_dir``) overrides one, and then changes every page. Templates read the site's texts
from the ``labels`` global (a :class:`~.labels.Labels`); text is autoescaped, the HTML fields of
views come from :mod:`.markup`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2

from .labels import Labels, english
from .markup import clean, rich_text
from .sitemap import Target
from .views import Block, CardView, DayPage

TEMPLATE_DIR = Path(__file__).parent / "templates"


class Renderer:
    """The Jinja environment of one build: cards, digest-page heads and generated blocks."""

    def __init__(
        self,
        override_dirs: Iterable[str | Path] = (),
        math: bool = False,
        labels: Labels | None = None,
        reading: dict | None = None,
    ):
        search = [str(d) for d in override_dirs] + [str(TEMPLATE_DIR)]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(search),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        # Titles are rendered again on every author and category row: remember them.
        self.env.filters["rich"] = functools.lru_cache(maxsize=32768)(
            lambda text: rich_text(text, math))
        self.env.globals["labels"] = labels or english()
        # Defaults of the reading controls (assets/arxiv-digest.js), such as the watchlist.
        self.env.globals.update(reading or {})
        self._templates: dict[str, jinja2.Template] = {}
        # Bound once: `Template.render` rebuilds its context from keyword arguments each call.
        self._card = self._template("card.html")
        self._head = self._template("head.html")

    def _template(self, name: str) -> jinja2.Template:
        template = self._templates.get(name)
        if template is None:  # get_template() checks the file on every call
            template = self._templates[name] = self.env.get_template(f"arxiv_digest/{name}")
        return template

    # Every piece of HTML goes through markup.clean once, as feeds, JSON and BibTeX do: one
    # search over the rendered text costs less than a filter on each printed value.
    def card(self, card: CardView) -> str:
        """One paper card."""
        return clean(self._card.render(card=card))

    def head(self, page: DayPage) -> str:
        """A digest page's head: date, counts, category chips, day-to-day links, reading
        controls and the page's BibTeX entries."""
        return clean(self._head.render(
            digest=page.digest,
            sections=[s for s in page.sections if s.name],
            # The chip row: biggest category first (stable, so ties keep the digest's order).
            chips=sorted((s for s in page.sections if s.name), key=lambda s: -len(s.papers)),
            paper_count=len(page.digest.papers),
            missing_summaries=page.missing_summaries,
            nav={"previous": page.previous, "next": page.next},
            bibtex=page.bibtex,
            bibtex_url=page.bibtex_url,
        ))

    def preview(self, shown: int, total: int) -> str:
        """The notice on every page while `mkdocs serve` shows only the newest days."""
        return self._template("preview.html").render(shown=shown, total=total)

    def block(self, block: Block, href: Callable[[Target], str]) -> str:
        """The HTML body of one block of a generated page."""
        return clean(self._template(block.template).render(**block.context(), href=href))
