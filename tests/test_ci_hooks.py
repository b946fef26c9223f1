"""The ecosystem hooks for metadata authors (docs/ci.md) work as documented.

* ``.pre-commit-hooks.yaml``: ``pre-commit try-repo`` against a temporary git repository
  passes a good ``croissant.json`` and fails a bad ``*.croissant.json``, naming the code.
  pre-commit builds the hook's own environment with ``pip install`` of this repository
  (base install, from the package index, as a user's machine would), so this test needs
  the package index; it is slow (about a minute) and part of the default run.
* The GitHub Actions workflow in ``docs/ci.md``: its ``run:`` steps are run literally, in
  order, honouring ``continue-on-error`` and ``if:``, on a repository with a good and a bad
  file (the install step is replaced by this environment's own install).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO_ROOT

GOOD = REPO_ROOT / "examples" / "iris_tables" / "croissant.json"
BIN = Path(sys.executable).parent


def dataset_repo(root: Path, *, bad: bool) -> Path:
    """A git repository holding a valid ``data/croissant.json`` and, if ``bad``, an invalid
    ``extra/broken.croissant.json`` (no name: CR110)."""
    (root / "data").mkdir(parents=True)
    shutil.copy(GOOD, root / "data" / "croissant.json")
    if bad:
        broken = json.loads(GOOD.read_text())
        del broken["name"]
        (root / "extra").mkdir()
        (root / "extra" / "broken.croissant.json").write_text(json.dumps(broken, indent=2))
    (root / "notes.json").write_text("{}")  # not Croissant: the hook must not look at it
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", str(root)], check=True)
    subprocess.run([*git, "-C", str(root), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(root), "commit", "-qm", "data"], check=True)
    return root


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PATH": f"{BIN}:{os.environ['PATH']}"}
    return subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(REPO_ROOT), "croissant-validate", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.slow
def test_pre_commit_hook_passes_good_and_fails_bad(tmp_path: Path, pre_commit_home: Path) -> None:
    good = try_repo(dataset_repo(tmp_path / "good", bad=False), pre_commit_home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "validate Croissant metadata" in good.stdout and "Passed" in good.stdout

    bad = try_repo(dataset_repo(tmp_path / "bad", bad=True), pre_commit_home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "extra/broken.croissant.json" in bad.stdout and "CR110" in bad.stdout
    assert "notes.json" not in bad.stdout


def workflow() -> dict[str, Any]:
    """The GitHub Actions workflow of docs/ci.md."""
    text = (REPO_ROOT / "docs" / "ci.md").read_text()
    block = re.search(r"```yaml\n(name: croissant\n.*?)```", text, re.S)
    assert block, "docs/ci.md has no workflow block"
    return yaml.safe_load(block.group(1))


def run_workflow(repo: Path) -> dict[str, int]:
    """Run the workflow's ``run:`` steps in ``repo``; the exit code of each step by name."""
    steps = workflow()["jobs"]["validate"]["steps"]
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    outcome: dict[str, str] = {}
    codes: dict[str, int] = {}
    failed = False
    for step in steps:
        if "run" not in step:
            continue
        name = step.get("name", step["run"])
        condition = step.get("if")
        if condition == "always()":
            pass
        elif condition:
            match = re.fullmatch(r"steps\.(\w+)\.outcome == '(\w+)'", condition)
            assert match, f"unsupported condition {condition!r}"
            if outcome.get(match.group(1)) != match.group(2):
                continue
        elif failed:
            continue
        if step["run"].startswith("pip install"):
            assert step["run"] == "pip install croissant-tools"  # this environment has it
            continue
        done = subprocess.run(["bash", "-ec", step["run"]], cwd=repo, env=env, timeout=300)
        codes[name] = done.returncode
        if "id" in step:
            outcome[step["id"]] = "success" if done.returncode == 0 else "failure"
        if done.returncode and not step.get("continue-on-error"):
            failed = True
    return codes


def test_workflow_uploads_sarif_and_fails_on_errors(tmp_path: Path) -> None:
    repo = dataset_repo(tmp_path / "bad", bad=True)
    codes = run_workflow(repo)
    assert codes["Validate Croissant metadata"] == 1
    assert codes["Fail on validation errors"] == 1
    sarif = json.loads((repo / "croissant.sarif").read_text())
    results = sarif["runs"][0]["results"]
    levels: dict[str, set[str]] = {}
    for result in results:
        for loc in result["locations"]:
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            levels.setdefault(uri, set()).add(result["level"])
    # paths relative to the repository root; only the broken file has errors
    assert set(levels) <= {"extra/broken.croissant.json", "data/croissant.json"}
    assert "error" in levels["extra/broken.croissant.json"]
    assert "error" not in levels.get("data/croissant.json", set())
    assert any(r["ruleId"] == "CR110" and r["level"] == "error" for r in results)


def test_workflow_passes_a_clean_repository(tmp_path: Path) -> None:
    repo = dataset_repo(tmp_path / "good", bad=False)
    codes = run_workflow(repo)
    assert codes == {"Validate Croissant metadata": 0}
    sarif = json.loads((repo / "croissant.sarif").read_text())
    assert [r for r in sarif["runs"][0]["results"] if r["level"] == "error"] == []
