"""mkdocs-arxiv-digest: daily arXiv digest Markdown files as a browsable MkDocs site."""

__version__ = "0.1.0"
