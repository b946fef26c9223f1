"""``croissant-tools validate``: exit codes, formats, globs, options."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from croissant_tools.cli import main
from tests.validation.golden import FIXTURES

VALID = FIXTURES / "valid" / "penguins-1.1" / "metadata.json"
INVALID = FIXTURES / "invalid" / "cr110-missing-license" / "metadata.json"
WARNING_ONLY = FIXTURES / "invalid" / "cr326-no-checksum" / "metadata.json"
SYNTAX = FIXTURES / "invalid" / "cr006-syntax" / "metadata.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, str(VALID))[0] == 0
    assert run(capsys, str(INVALID))[0] == 1
    assert run(capsys, str(VALID), str(INVALID))[0] == 1
    assert run(capsys, str(SYNTAX))[0] == 2
    assert run(capsys, str(INVALID), str(SYNTAX))[0] == 2
    assert run(capsys, "no/such/file.json")[0] == 2


def test_warnings_as_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, str(WARNING_ONLY))[0] == 0
    assert run(capsys, str(WARNING_ONLY), "--warnings-as-errors")[0] == 1
    assert run(capsys, str(WARNING_ONLY), "--warnings-as-errors", "--ignore", "CR326")[0] == 0


def test_text_output_is_grouped_by_file_and_located(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(capsys, str(VALID), str(INVALID))
    lines = out.splitlines()
    assert lines[0].startswith(f"{VALID}: valid")
    assert lines[1].startswith(f"{INVALID}: INVALID")
    assert f"{INVALID}:1:1: error CR110: the dataset has no license" in out
    assert 'hint: add "license"' in out
    assert "\033[" not in out  # not a terminal: no colour
    assert lines[-1].startswith("2 file(s): 1 valid, 1 invalid, 0 unreadable; 1 error(s)")


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(capsys, str(VALID), str(INVALID), "--format", "json")
    payload = json.loads(out)
    assert [r["valid"] for r in payload["results"]] == [True, False]
    result = payload["results"][1]
    assert set(result) >= {"path", "valid", "errors", "warnings", "issues"}
    assert result["errors"] == 1 and result["issues"][0]["code"] == "CR110"
    assert result["issues"][0]["line"] == 1


def test_sarif_output(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(capsys, str(SYNTAX), str(INVALID), "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rules = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    assert rules == ["CR006", "CR110"]
    results = run_["results"]
    assert [r["ruleId"] for r in results] == ["CR006", "CR110"]
    syntax = results[0]["locations"][0]["physicalLocation"]
    assert syntax["region"] == {"startLine": 71, "startColumn": 22}
    assert syntax["artifactLocation"]["uri"].endswith("cr006-syntax/metadata.json")
    assert not syntax["artifactLocation"]["uri"].startswith("/")
    assert results[1]["level"] == "error"
    assert rules[results[1]["ruleIndex"]] == "CR110"


def test_globs_and_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a", "b"):
        shutil.copytree(VALID.parent, tmp_path / name)
    code, out, _ = run(capsys, str(tmp_path / "*" / "metadata.json"), "--format", "json")
    assert code == 0 and len(json.loads(out)["results"]) == 2
    code, out, _ = run(capsys, str(tmp_path / "a"), "--format", "json")
    assert json.loads(out)["results"][0]["path"].endswith("metadata.json")
    code, _, err = run(capsys, str(tmp_path / "*.nothing"))
    assert code == 2 and "matches no file" in err


def test_profiles_and_data_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, str(VALID), "--profile", "neurips")[0] == 1
    assert run(capsys, str(VALID), "--check-files", "--check-records", "2")[0] == 0
    (VALID.parent / "data").exists()
    copy = tmp_path / "copy"
    shutil.copytree(VALID.parent, copy)
    (copy / "data" / "penguins.csv").write_text("changed\n")
    code, out, _ = run(capsys, str(copy / "metadata.json"), "--check-files")
    assert code == 1 and "CR503" in out and "CR502" in out


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(VALID), "--ignore", "CR999")
    assert code == 2 and "matches no issue code" in err
    assert run(capsys, str(VALID), "--profile", "strictest")[0] == 2
    assert run(capsys, str(VALID), "--max-bytes", "lots")[0] == 2
    assert run(capsys)[0] == 2


def test_max_bytes_accepts_units(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(VALID), "--max-bytes", "1KB")
    assert code == 2 and "CR002" in out and "1,024-byte limit" in out
    assert run(capsys, str(VALID), "--max-bytes", "2MiB")[0] == 0


def test_url_without_network_is_unreadable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "https://example.org/croissant.json")
    assert code == 2 and "CR009" in out
