"""``croissant-tools generate``: exit codes, summary, dry run, refusal to write invalid output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from croissant_tools.cli import main
from croissant_tools.generation import cli as generate_cli

REQUIRED = ["--license", "MIT", "--url", "https://example.org", "--creator", "Ann,ann@example.org"]


def make(tmp_path: Path) -> Path:
    (tmp_path / "t.csv").write_text("id,v\n1,2\n2,3\n")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    return tmp_path


def test_writes_a_valid_document_and_prints_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make(tmp_path)
    code = main(["generate", str(root), *REQUIRED, "--date-published", "2024-01-02"])
    err = capsys.readouterr().err
    assert code == 0
    assert "described 2 files" in err and "record sets: 1" in err and "wrote" in err
    doc = json.loads((root / "croissant.json").read_text())
    assert doc["datePublished"] == "2024-01-02" and doc["license"].endswith("/MIT.html")
    assert not list(root.glob(".croissant-*"))  # temporary files are cleaned up


def test_license_is_repeatable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make(tmp_path)
    args = ["--license", "MIT", "--license", "Apache-2.0", *REQUIRED[2:]]
    assert main(["generate", str(root), *args, "--dry-run"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["license"] == [
        "https://spdx.org/licenses/MIT.html",
        "https://spdx.org/licenses/Apache-2.0.html",
    ]


def test_dry_run_prints_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make(tmp_path)
    assert main(["generate", str(root), *REQUIRED, "--dry-run", "--no-checksums"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["isLiveDataset"] is True
    assert "live dataset" in out.err
    assert not (root / "croissant.json").exists()


def test_missing_required_metadata_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", str(make(tmp_path))]) == 2
    assert "--license SPDX, --url URL, --creator NAME" in capsys.readouterr().err


def test_invalid_output_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        generate_cli, "validate_text", lambda text, folder, profile: ["CR999 $: broken"]
    )
    root = make(tmp_path)
    assert main(["generate", str(root), *REQUIRED]) == 1
    assert "CR999 $: broken" in capsys.readouterr().err
    assert not (root / "croissant.json").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--license", "two words"], "SPDX"),
        (["--date-published", "yesterday"], "ISO 8601"),
        (["--rai-config", "missing.yaml"], "cannot read metadata file"),
    ],
)
def test_bad_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    root = make(tmp_path)
    assert main(["generate", str(root), *REQUIRED, *extra]) == 2
    assert message in capsys.readouterr().err


def test_rai_config_typo_suggests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make(tmp_path)
    (tmp_path / "rai.yaml").write_text("dataLimitation: small\n")
    code = main(["generate", str(root), *REQUIRED, "--rai-config", str(tmp_path / "rai.yaml")])
    assert code == 2
    assert "did you mean dataLimitations" in capsys.readouterr().err


@pytest.mark.parametrize("source", [".", "t.csv"])
def test_never_writes_over_a_file_that_is_not_croissant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str
) -> None:
    root = make(tmp_path)
    before = (root / "t.csv").read_bytes()
    code = main(["generate", str(root / source), *REQUIRED, "-o", str(root / "t.csv")])
    assert code == 2
    assert "not a Croissant document" in capsys.readouterr().err
    assert (root / "t.csv").read_bytes() == before


def test_output_that_is_a_directory_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make(tmp_path)
    (root / "out").mkdir()
    assert main(["generate", str(root), *REQUIRED, "-o", str(root / "out")]) == 2
    err = capsys.readouterr().err
    assert "is a directory" in err.lower() and "described" not in err  # before any scanning


def test_an_existing_croissant_document_is_replaced(tmp_path: Path) -> None:
    root = make(tmp_path)
    assert main(["generate", str(root), *REQUIRED, "--name", "first", "--quiet"]) == 0
    assert main(["generate", str(root), *REQUIRED, "--name", "second", "--quiet"]) == 0
    assert json.loads((root / "croissant.json").read_text())["name"] == "second"
