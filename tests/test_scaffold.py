"""`mkdocs-arxiv-digest init`: the scaffold builds, its workflow is a valid GitHub workflow, it
never overwrites by accident, and it guesses the site's URL from the git remote."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mkdocs_arxiv_digest import cli
from mkdocs_arxiv_digest.demo import generate_archive
from mkdocs_arxiv_digest.parse import parse_digest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ".github/workflows/publish-digests.yml"
SCAFFOLD = ["mkdocs.yml", "docs/index.md", WORKFLOW]


def git_repo(path: Path, remote: str | None) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    if remote:
        subprocess.run(["git", "-C", str(path), "remote", "add", "origin", remote], check=True)
    return path


def init(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["init", *args])
    out, err = capsys.readouterr()
    return code, out, err


def workflow_triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory) -> Path:
    repo = git_repo(tmp_path_factory.mktemp("fork") / "daily-arXiv-ai-enhanced",
                    "https://github.com/Ada-Quill/daily-arXiv-ai-enhanced.git")
    assert cli.main(["init", str(repo)]) == 0
    return repo


def test_scaffold_builds_strict_on_the_digest_branch_layout(scaffolded, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(scaffolded, repo)
    config = yaml.safe_load((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    [plugin] = [p for p in config["plugins"] if isinstance(p, dict)]
    [source] = plugin["arxiv-digest"]["sources"]
    # The workflow checks the digest branch out where mkdocs.yml reads it.
    workflow = yaml.safe_load((repo / WORKFLOW).read_text(encoding="utf-8"))
    [checkout] = [s for s in workflow["jobs"]["build"]["steps"]
                  if s.get("uses", "").startswith("actions/checkout") and "path" in s["with"]]
    assert checkout["with"]["ref"] == "data"
    assert source["path"] == f"{checkout['with']['path']}/data"  # the upstream's data/ folder
    paths = generate_archive(repo / source["path"], 4, 15, seed=16)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    site = repo / "site"
    for path in paths:
        page = (site / f"digests/{path.stem}/index.html").read_text(encoding="utf-8")
        digest = parse_digest(path.read_text(encoding="utf-8"), path.name)
        assert page.count('<article class="axd-card"') == len(digest.papers) > 0
    assert "https://ada-quill.github.io/daily-arXiv-ai-enhanced/" in (
        site / "feed.xml").read_text(encoding="utf-8")
    # Nothing is loaded from another host: no fonts, scripts or stylesheets from a CDN.
    home = (site / "index.html").read_text(encoding="utf-8")
    loaded = re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="(https?://[^"]+)"', home)
    assert [url for url in loaded if "ada-quill.github.io" not in url] == []
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home


def test_workflow_passes_the_github_workflow_schema(scaffolded, tmp_path):
    check = shutil.which("check-jsonschema")
    assert check, "check-jsonschema is in the test extra"
    command = [check, "--builtin-schema", "vendor.github-workflows"]
    done = subprocess.run([*command, str(scaffolded / WORKFLOW)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    # The same check fails on a workflow with a step that has neither `uses` nor `run`.
    broken = tmp_path / "broken.yml"
    text = (scaffolded / WORKFLOW).read_text(encoding="utf-8")
    broken.write_text(text.replace("run: mkdocs build --strict", "with: {}"), encoding="utf-8")
    assert subprocess.run([*command, str(broken)], capture_output=True,
                          timeout=120).returncode != 0


def test_workflow_runs_when_the_digests_change_and_deploys_to_pages(scaffolded):
    workflow = yaml.safe_load((scaffolded / WORKFLOW).read_text(encoding="utf-8"))
    triggers = workflow_triggers(workflow)
    assert triggers["schedule"] == [{"cron": "0 3 * * *"}]
    assert triggers["push"] == {"branches": ["data"]}
    assert "workflow_dispatch" in triggers
    assert triggers["workflow_run"]["workflows"] == ["arXiv-daily-ai-enhanced"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = workflow["jobs"]["build"]["steps"]
    [python] = [s for s in steps if s.get("uses", "").startswith("actions/setup-python")]
    assert python["with"]["cache"] == "pip"
    assert (scaffolded / python["with"]["cache-dependency-path"]).is_file()
    assert [s["run"] for s in steps if "run" in s][-1] == "mkdocs build --strict"
    assert steps[-1]["uses"].startswith("actions/upload-pages-artifact@")
    assert steps[-1]["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_refuses_to_overwrite_and_names_the_files(capsys, tmp_path):
    repo = git_repo(tmp_path / "r", "git@github.com:ada/digests.git")
    (repo / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    code, out, err = init(capsys, str(repo))
    assert code == 1 and out == ""
    assert "mkdocs.yml" in err and "--force" in err
    assert (repo / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Mine\n"
    assert not (repo / WORKFLOW).exists() and not (repo / "docs").exists()  # all or nothing


def test_force_overwrites(capsys, tmp_path):
    repo = git_repo(tmp_path / "r", "git@github.com:ada/digests.git")
    (repo / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    code, out, _ = init(capsys, str(repo), "--force", "--site-name", "Ada's papers")
    assert code == 0
    assert "overwrote mkdocs.yml" in out and f"wrote {WORKFLOW}" in out
    config = yaml.safe_load((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Ada's papers"
    assert all((repo / path).is_file() for path in SCAFFOLD)


def test_prints_the_next_two_steps(capsys, tmp_path):
    repo = git_repo(tmp_path / "r", "https://github.com/ada/digests")
    code, out, _ = init(capsys, str(repo))
    assert code == 0
    steps = out.split("Next steps:", 1)[1]
    assert re.findall(r"^\s+(\d)\. ", steps, re.M) == ["1", "2"]
    assert "GitHub Actions" in steps and f"git add mkdocs.yml docs/index.md {WORKFLOW}" in steps


@pytest.mark.parametrize("remote, url", [
    ("https://github.com/Ada-Quill/daily-arXiv-ai-enhanced.git",
     "https://ada-quill.github.io/daily-arXiv-ai-enhanced/"),
    ("git@github.com:ada/digests.git", "https://ada.github.io/digests/"),
    ("ssh://git@github.com/ada/digests", "https://ada.github.io/digests/"),
    ("https://token@github.com/ada/papers.v2/", "https://ada.github.io/papers.v2/"),
    ("git@github.com:Ada/ada.github.io.git", "https://ada.github.io/"),
])
def test_site_url_from_the_git_remote(capsys, tmp_path, remote, url):
    repo = git_repo(tmp_path / "r", remote)
    code, out, _ = init(capsys, str(repo))
    assert code == 0, out
    assert f"site_url: {url} (from the git remote" in out
    config = yaml.safe_load((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == url


@pytest.mark.parametrize("remote", [None, "https://gitlab.com/ada/digests.git"])
def test_no_guess_without_a_github_remote(capsys, tmp_path, remote):
    repo = git_repo(tmp_path / "r", remote)
    code, _, err = init(capsys, str(repo))
    assert code == 2 and "--site-url" in err
    assert not (repo / "mkdocs.yml").exists()
    code, out, _ = init(capsys, str(repo), "--site-url", "https://papers.example.org")
    assert code == 0 and "from the git remote" not in out
    config = yaml.safe_load((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == "https://papers.example.org/"


def test_flags_reach_both_files(capsys, tmp_path):
    repo = git_repo(tmp_path / "r", "https://github.com/ada/digests")
    code, _, _ = init(capsys, str(repo), "--branch", "gh-data", "--folder", "out/md",
                      "--workflow", "site", "--cron", "15 4 * * 1-5")
    assert code == 0
    config = yaml.safe_load((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    [plugin] = [p for p in config["plugins"] if isinstance(p, dict)]
    assert plugin["arxiv-digest"]["sources"] == [{"path": "digests/out/md", "prefix": "digests"}]
    workflow = yaml.safe_load((repo / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = workflow_triggers(workflow)
    assert triggers["push"]["branches"] == ["gh-data"]
    assert triggers["schedule"] == [{"cron": "15 4 * * 1-5"}]


def test_no_math_or_font_lines_from_other_hosts(scaffolded):
    for path in SCAFFOLD:
        text = (scaffolded / path).read_text(encoding="utf-8")
        assert not re.search(r"mathjax|katex|cdn\.|unpkg|jsdelivr", text, re.I), path
    assert yaml.safe_load((scaffolded / "mkdocs.yml").read_text("utf-8"))["theme"]["font"] is False
