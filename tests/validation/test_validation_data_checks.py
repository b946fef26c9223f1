"""Opt-in data checks (``CR5xx``): files on disk and loading the first records."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from croissant_tools.errors import InputError
from croissant_tools.validation import data_records, validate
from tests.validation.golden import FIXTURES

PENGUINS = FIXTURES / "valid" / "penguins-1.1"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A writable copy of the penguins dataset; returns its metadata path."""
    shutil.copytree(PENGUINS, tmp_path / "penguins")
    return tmp_path / "penguins" / "metadata.json"


def edit(path: Path, change: Any) -> Path:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, indent=2))
    return path


def test_valid_dataset_passes_file_and_record_checks(dataset: Path) -> None:
    report = validate(dataset, check_files=True, check_records=2)
    assert report.issues == []


def test_symlink_out_of_the_folder_is_refused(dataset: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.csv"
    outside.write_text("id\n1\n")
    (dataset.parent / "data" / "link.csv").symlink_to(outside)
    edit(dataset, lambda d: d["distribution"][0].update(contentUrl="data/link.csv"))
    report = validate(dataset, check_files=True)
    assert "CR506" in report.codes()
    assert "CR503" not in report.codes()  # the file outside was never hashed


def test_unreadable_file_is_cr507(dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Any, algorithms: Any = ()) -> Any:
        raise InputError("cannot read file for hashing: Input/output error", where=str(path))

    monkeypatch.setattr("croissant_tools.hashing.hash_file", broken)
    report = validate(dataset, check_files=True)
    assert report.codes() == ["CR507"]
    assert "Input/output error" in report.errors[0].message


def test_fetch_failure_is_cr010() -> None:
    # tests/conftest.py refuses outbound connections, so the fetch fails.
    report = validate("https://example.org/croissant.json", allow_network=True)
    assert report.codes() == ["CR010"]
    assert not report.readable


def test_records_that_fail_to_load(dataset: Path) -> None:
    def wrong_column(d: dict[str, Any]) -> None:
        d["recordSet"][1]["field"][1]["source"]["extract"]["column"] = "nope"

    report = validate(edit(dataset, wrong_column), check_records=2)
    assert "CR510" in report.codes()
    issue = next(i for i in report.issues if i.code == "CR510")
    assert issue.node == "penguins" and "nope" in issue.message


def test_record_set_without_records(dataset: Path) -> None:
    (dataset.parent / "data" / "penguins.csv").write_text(
        "id,species,island,bill_length_mm,split\n"
    )

    def no_checksum(d: dict[str, Any]) -> None:
        for key in ("sha256", "contentSize"):
            del d["distribution"][0][key]

    report = validate(edit(dataset, no_checksum), check_records=2, ignore=["CR326"])
    assert report.codes() == ["CR512"]


def test_record_timeout(dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(source: Any, record_set: str) -> Any:
        time.sleep(5)
        return iter([])

    monkeypatch.setattr(data_records, "_backend", lambda root, network: (slow, "slow-loader"))
    started = time.perf_counter()
    report = validate(dataset, check_records=1, record_timeout=0.2)
    assert time.perf_counter() - started < 3  # does not wait for the slow loader
    assert report.codes() == ["CR511", "CR511"]


def test_no_record_backend(dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_records, "_backend", lambda root, network: (None, "nothing here"))
    report = validate(dataset, check_records=1)
    assert report.codes() == ["CR513"]
    assert report.valid  # a warning: the checks could not run


def test_mlcroissant_backend_is_refused_for_unsafe_or_remote_files(dataset: Path) -> None:
    from croissant_tools import model

    metadata = model.build(json.loads(dataset.read_text()))
    assert data_records._mlcroissant_refusal(metadata, allow_network=False) is None
    metadata.distribution[0].content_url = "../outside.csv"  # type: ignore[union-attr]
    assert "not a safe local path" in str(data_records._mlcroissant_refusal(metadata, False))
    metadata.distribution[0].content_url = "https://example.org/x.csv"  # type: ignore[union-attr]
    assert "network is not allowed" in str(data_records._mlcroissant_refusal(metadata, False))
    assert data_records._mlcroissant_refusal(metadata, True) is None


def test_file_checks_read_nothing_outside_the_folder(dataset: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.csv").write_text("x\n")
    edit(dataset, lambda d: d["distribution"][0].update(contentUrl="../outside.csv"))
    report = validate(dataset, check_files=True)
    assert "CR324" in report.codes()
    assert not {"CR501", "CR502", "CR503"} & set(report.codes())
