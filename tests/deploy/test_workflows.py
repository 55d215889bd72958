"""The CI files shipped for GitHub Pages and GitLab Pages parse, call real commands, and work."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.support.sites import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
GITLAB_CI = ROOT / ".gitlab-ci.yml"
OFFICIAL_ACTIONS = {
    "actions/checkout",
    "actions/setup-python",
    "actions/upload-pages-artifact",
    "actions/deploy-pages",
    "actions/cache",
}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a YAML mapping"
    return data


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the bare key `on` as true.
    return workflow.get("on", workflow.get(True)) or {}


def github_steps() -> list[tuple[str, dict]]:
    return [
        (path.name, step)
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for job in load(path)["jobs"].values()
        for step in job.get("steps", [])
    ]


def shell_lines() -> list[tuple[str, str]]:
    """Every shell line the CI files run: GitHub `run:` blocks and GitLab `script:` items."""
    lines = [
        (name, line)
        for name, step in github_steps()
        if "run" in step
        for line in step["run"].splitlines()
    ]
    for job_name, job in load(GITLAB_CI).items():
        if isinstance(job, dict) and "script" in job:
            lines += [(f".gitlab-ci.yml:{job_name}", line) for line in job["script"]]
    return [(name, line.strip()) for name, line in lines if line.strip()]


def build_py_calls() -> list[tuple[str, list[str]]]:
    """The arguments of every `python build.py …` call, environment assignments removed."""
    calls = []
    for name, line in shell_lines():
        words = shlex.split(line)
        if "build.py" in words:
            calls.append((name, words[words.index("build.py") + 1 :]))
    return calls


def test_every_ci_file_parses_as_yaml():
    names = [path.name for path in sorted(WORKFLOWS.glob("*.yml"))]

    assert names == ["build-site.yml", "check.yml", "pages.yml"]
    for path in [*WORKFLOWS.glob("*.yml"), GITLAB_CI]:
        load(path)


def test_ci_files_call_build_py_verbs_and_options_that_exist():
    calls = build_py_calls()
    assert {args[0] for _, args in calls} == {"check", "build"}

    for name, args in calls:
        verb, options = args[0], [a.split("=")[0] for a in args[1:] if a.startswith("--")]
        shown = subprocess.run(
            [sys.executable, "build.py", verb, "--help"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert shown.returncode == 0, f"{name}: build.py {verb} --help failed: {shown.stderr}"
        for option in options:
            assert option in shown.stdout, f"{name}: build.py {verb} has no option {option}"


def test_github_workflows_use_only_official_actions():
    used = {step["uses"].split("@")[0] for _, step in github_steps() if "uses" in step}

    assert used == OFFICIAL_ACTIONS


def test_pages_workflow_publishes_what_the_reusable_build_uploads_on_pushes_to_main():
    pages = load(WORKFLOWS / "pages.yml")
    reusable = load(WORKFLOWS / "build-site.yml")

    assert triggers(pages)["push"]["branches"] == ["main"]
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert pages["jobs"]["build"]["uses"] == "./.github/workflows/build-site.yml"
    assert pages["jobs"]["deploy"]["needs"] == "build"
    assert "workflow_call" in triggers(reusable)
    steps = reusable["jobs"]["build"]["steps"]
    names = [step.get("name") or step["uses"] for step in steps]
    assert names.index("Check the content") < names.index("Build the site")
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "output"


def test_gitlab_pages_job_builds_into_public_on_the_default_branch_only():
    ci = load(GITLAB_CI)
    pages = ci["pages"]

    assert pages["artifacts"]["paths"] == ["public"]
    assert any("--output public" in line for line in pages["script"])
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert "python build.py check" in ci["check"]["script"]


def project_copy(target: Path) -> Path:
    """The files a CI runner checks out, without caches or earlier output."""
    ignore = shutil.ignore_patterns("__pycache__", "output", "public", "node_modules", ".*")
    for name in ("build.py", "pyproject.toml"):
        shutil.copy2(ROOT / name, target / name)
    for name in ("site_builder", "templates", "content"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    return target


def run_like_ci(
    lines: list[str], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run CI shell lines in order with bash -e, leaving out `pip install` (it would
    replace this machine's installed package; the copy's build.py imports its own
    site_builder/ from beside it anyway)."""
    script = "\n".join(["set -euo pipefail", *(ln for ln in lines if "pip install" not in ln)])
    return subprocess.run(
        ["bash", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


GITLAB_ENV = {"CI_COMMIT_TIMESTAMP": "2023-04-10T09:00:00+07:00"}


def test_gitlab_pages_script_builds_the_site_into_public(tmp_path: Path):
    project = project_copy(tmp_path)

    result = run_like_ci(load(GITLAB_CI)["pages"]["script"], project, GITLAB_ENV)

    assert result.returncode == 0, result.stderr
    assert (project / "public" / "index.html").is_file()
    assert (project / "public" / "data" / "catalog.json").is_file()


def test_a_content_error_stops_the_gitlab_pages_job_before_anything_is_published(
    tmp_path: Path,
):
    project = project_copy(tmp_path)
    measures = project / "content" / "measures" / "2565.yaml"
    measures.write_text(
        measures.read_text(encoding="utf-8").replace("date: 2022-01-24", "date: 2565-01-24"),
        encoding="utf-8",
    )

    result = run_like_ci(load(GITLAB_CI)["pages"]["script"], project, GITLAB_ENV)

    assert result.returncode == 1
    assert "content/measures/2565.yaml:" in result.stderr
    assert not (project / "public").exists()


def test_github_build_steps_build_the_site_that_is_uploaded(tmp_path: Path):
    project = project_copy(tmp_path)
    git = ["git", "-c", "user.name=CI", "-c", "user.email=ci@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "content"], cwd=project, check=True)
    steps = load(WORKFLOWS / "build-site.yml")["jobs"]["build"]["steps"]
    lines = [line for step in steps if "run" in step for line in step["run"].splitlines()]

    result = run_like_ci(lines, project, {"CONTENT": "content"})

    assert result.returncode == 0, result.stderr
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert (project / upload["with"]["path"] / "index.html").is_file()
