"""`mkdocs-arxiv-digest init`: the files that publish a pipeline's digests on GitHub Pages.

Pure: no MkDocs. The files are templates in ``templates/scaffold/`` filled with a few values,
most of them guessed (the site's URL from the git remote); nothing is asked interactively and
no file that exists is replaced unless the caller says so.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import __version__

TEMPLATES = Path(__file__).parent / "templates" / "scaffold"

# The upstream pipeline's workflow (its `name:`) and the hour it runs: 01:30 UTC.
PIPELINE_WORKFLOW = "arXiv-daily-ai-enhanced"
DEFAULT_CRON = "0 3 * * *"

# https://github.com/owner/repo(.git), git@github.com:owner/repo(.git), ssh://git@github.com/...
_GITHUB = re.compile(
    r"^(?:https?://(?:[^@/]+@)?|ssh://git@|git@)github\.com[:/]"
    r"(?P<owner>[A-Za-z0-9-]+)/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?$"
)


@dataclass(frozen=True)
class Scaffold:
    """What the files say. ``branch`` holds the digests in ``folder``; the workflow checks it out
    into ``checkout/`` beside mkdocs.yml."""

    site_url: str
    site_name: str
    branch: str = "data"
    folder: str = "data"
    checkout: str = "digests"
    workflow: str = "publish-digests"
    cron: str = DEFAULT_CRON
    pipeline: str = PIPELINE_WORKFLOW

    @property
    def workflow_path(self) -> str:
        return f".github/workflows/{self.workflow}.yml"

    @property
    def source_path(self) -> str:
        return "/".join(filter(None, (self.checkout, self.folder.strip("/"))))

    def files(self) -> dict[str, str]:
        """Each file's path (relative to the repository) and text."""
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            variable_start_string="[[",  # `{{ }}` belongs to GitHub's expressions
            variable_end_string="]]",
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # YAML and Markdown; values are quoted by the `json` filter
        )
        # A JSON string or list is a YAML flow scalar: quoted however odd the value.
        env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)
        env.filters["shell"] = shlex.quote
        values = {
            "site_url": self.site_url,
            "site_name": self.site_name,
            "branch": self.branch,
            "branches": [self.branch],
            "checkout": self.checkout,
            "source_path": self.source_path,
            "title": "Publish digests",
            "cron": self.cron,
            "pipelines": [self.pipeline],
            "workflow_path": self.workflow_path,
            "requirement": f"mkdocs-arxiv-digest[material]=={__version__}",
        }
        return {
            "mkdocs.yml": env.get_template("mkdocs.yml").render(values),
            "docs/index.md": env.get_template("index.md").render(values),
            self.workflow_path: env.get_template("workflow.yml").render(values),
        }


def github_repository(directory: Path) -> tuple[str, str] | None:
    """``(owner, repo)`` of the ``origin`` remote when it is on github.com, else None."""
    try:
        done = subprocess.run(
            ["git", "-C", str(directory), "remote", "get-url", "origin"],
            capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git here
        return None
    match = _GITHUB.match(done.stdout.strip()) if done.returncode == 0 else None
    return (match["owner"], match["repo"]) if match else None


def pages_url(owner: str, repo: str) -> str:
    """Where GitHub Pages publishes a repository: ``<owner>.github.io/<repo>/``, or the root
    for the ``<owner>.github.io`` repository itself. Host names are lower case."""
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if repo.lower() == host else f"https://{host}/{repo}/"


def existing(directory: Path, paths: list[str]) -> list[str]:
    """The ``paths`` that exist below ``directory``."""
    return [path for path in paths if (directory / path).exists()]


def write(directory: Path, files: dict[str, str]) -> None:
    """Write every file below ``directory``, making folders."""
    for path, text in files.items():
        target = directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
