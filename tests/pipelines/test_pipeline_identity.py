"""What croissant.json says about the output's identity: licences, url, creators."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from croissant_tools.cli import main as cli
from tests.pipelines.conftest import FUNCTIONS, prune_args


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("identity") / "functions.jsonl"
    path.write_text("".join(FUNCTIONS.read_text(encoding="utf-8").splitlines(True)[:30]))
    return path


def test_several_licences_become_a_list_of_spdx_urls(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from croissant_tools.validation import validate

    out = tmp_path / "out"
    args = prune_args(small, out, "--runner", "DirectRunner", "--num-clusters", "2")
    args += ["--license", "MIT AND BSD-3-Clause,Apache-2.0", "--url", "https://example.org/c"]
    assert cli(["prune", *args]) == 0
    doc = json.loads((out / "croissant.json").read_text())
    assert doc["license"] == [
        "https://spdx.org/licenses/MIT.html",
        "https://spdx.org/licenses/BSD-3-Clause.html",
        "https://spdx.org/licenses/Apache-2.0.html",
    ]
    assert "no --license given" not in capsys.readouterr().out
    assert validate(str(out / "croissant.json")).errors == []


def test_one_bad_licence_among_several_is_named(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = prune_args(small, tmp_path / "out", "--license", "MIT AND not-a licence")
    assert cli(["prune", *args]) == 2
    assert "'not-a licence'" in capsys.readouterr().err
