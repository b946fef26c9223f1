"""``croissant-tools demo``: the bundled corpus end to end (the fake encoder keeps it fast;
``make demo`` runs the same command with the packaged MiniLM)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from croissant_tools.cli import main as cli
from tests.pipelines.conftest import FUNCTIONS

pytestmark = pytest.mark.slow


def test_demo_prunes_the_bundled_corpus_and_says_where_the_outputs_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from croissant_tools.validation import validate

    out = tmp_path / "demo"
    args = ["demo", "-o", str(out), "--model", "fake", "--scorer", "scip", "--progress", "none"]
    assert cli(args) == 0
    printed = capsys.readouterr().out
    lines = printed.splitlines()
    assert lines[-1].startswith(f"open the report: {out / 'report.html'}") and "" not in lines
    assert f"{out / 'croissant.json'}" in printed
    summary = json.loads((out / "summary.json").read_text())
    counts = summary["counts"]
    assert counts["input"] == len(FUNCTIONS.read_text(encoding="utf-8").splitlines())
    assert counts["kept"] + counts["pruned"] == counts["input"] and counts["pruned"] > 0
    doc = json.loads((out / "croissant.json").read_text())
    assert "https://spdx.org/licenses/MIT.html" in doc["license"]
    assert validate(str(out / "croissant.json")).errors == []
