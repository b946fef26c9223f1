"""Every example: golden output, zero validation errors, and mlcroissant reads back the rows.

Regenerate the goldens with ``.venv/bin/python -m tests.generation.regenerate``.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from croissant_tools.generation.cli import validate_text
from tests.generation.regenerate import FIXTURES, REPO, examples_module

EXAMPLES = REPO / "examples"
MAKE = examples_module()
NAMES = sorted(MAKE.EXAMPLES)


def normalize(value: Any) -> Any:
    """Make mlcroissant's values (bytes, numpy scalars) comparable with source rows."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, dict):
        return {k.rsplit("/", 1)[-1]: normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    return value


def mlc_rows(name: str, record_set: str) -> list[dict[str, Any]]:
    import mlcroissant as mlc

    logging.getLogger("absl").setLevel(logging.ERROR)
    dataset = mlc.Dataset(str(EXAMPLES / name / "croissant.json"))
    return [normalize(row) for row in dataset.records(record_set)]


def as_multiset(rows: list[dict[str, Any]]) -> Counter[str]:
    return Counter(json.dumps(row, sort_keys=True, default=str) for row in rows)


@pytest.mark.parametrize("name", NAMES)
def test_golden_output_is_byte_identical(name: str) -> None:
    regenerated = MAKE.describe_example(name)
    assert regenerated == (FIXTURES / name / "croissant.json").read_text()
    assert regenerated == (EXAMPLES / name / "croissant.json").read_text()


@pytest.mark.parametrize("name", NAMES)
def test_no_validation_errors(name: str) -> None:
    text = (EXAMPLES / name / "croissant.json").read_text()
    assert validate_text(text, EXAMPLES / name) == []


@pytest.mark.parametrize("name", NAMES)
def test_mlcroissant_accepts_the_metadata(name: str) -> None:
    import mlcroissant as mlc

    dataset = mlc.Dataset(str(EXAMPLES / name / "croissant.json"))
    assert not dataset.metadata.ctx.issues.errors


def test_iris_tables_rows_and_join() -> None:
    import pandas as pd

    doc = json.loads((EXAMPLES / "iris_tables" / "croissant.json").read_text())
    flowers = next(rs for rs in doc["recordSet"] if rs["@id"] == "flowers")
    assert flowers["key"] == {"@id": "flowers/flower_id"}
    species_id = next(f for f in flowers["field"] if f["name"] == "species_id")
    assert species_id["references"] == {"field": {"@id": "species/species_id"}}
    for table in ("flowers", "species"):
        source = pd.read_csv(EXAMPLES / "iris_tables" / f"{table}.csv").to_dict("records")
        assert mlc_rows("iris_tables", table) == [normalize(r) for r in source]


def test_wine_partitions_become_fields() -> None:
    import pyarrow.parquet as pq

    expected = []
    for path in sorted((EXAMPLES / "wine_parquet").glob("cultivar=*/*.parquet")):
        cultivar = int(path.parent.name.split("=")[1])
        expected += [{**row, "cultivar": cultivar} for row in pq.read_table(path).to_pylist()]
    assert as_multiset(mlc_rows("wine_parquet", "wine_parquet")) == as_multiset(expected)


def test_digits_labels_and_splits() -> None:
    rows = mlc_rows("digits_images", "images")
    expected = Counter(
        (p.parent.parent.name, p.parent.name)
        for p in (EXAMPLES / "digits_images").glob("*/*/*.png")
    )
    assert Counter((r["split"], r["label"]) for r in rows) == expected
    assert all(r["image"].size == (8, 8) for r in rows)
    splits = mlc_rows("digits_images", "splits")
    assert {r["name"]: r["url"] for r in splits} == {
        "train": "cr:TrainingSplit",
        "test": "cr:TestSplit",
    }


def test_hf_rows_with_split() -> None:
    import datasets

    saved = datasets.load_from_disk(str(EXAMPLES / "cancer_hf" / "hf"))
    expected = [{**row, "split": split} for split in saved for row in saved[split].to_list()]
    rows = mlc_rows("cancer_hf", "default")
    assert as_multiset(rows) == as_multiset(expected)


def test_jsonl_rows_and_rai() -> None:
    path = EXAMPLES / "review_texts" / "reviews.jsonl"
    expected = [json.loads(line) for line in path.read_text().splitlines()]
    assert mlc_rows("review_texts", "reviews") == expected
    doc = json.loads((EXAMPLES / "review_texts" / "croissant.json").read_text())
    assert doc["conformsTo"] == [
        "http://mlcommons.org/croissant/1.1",
        "http://mlcommons.org/croissant/RAI/1.0",
    ]
    assert doc["rai:dataCollectionType"] == "Synthetic data"
    assert doc["rai:hasSyntheticData"] is True


def test_examples_are_small() -> None:
    for name in NAMES:
        size = sum(p.stat().st_size for p in (EXAMPLES / name).rglob("*") if p.is_file())
        assert size < 5 * 1024 * 1024, name


def test_code_corpus_golden_languages_and_content(tmp_path: Path) -> None:
    """The code corpus: golden, valid, and both readers give each file's language and text."""
    import shutil

    import croissant_tools
    from pruning.languages import language_for_path

    corpus = tmp_path / "code_corpus"
    shutil.copytree(EXAMPLES / "code_corpus", corpus)
    text = MAKE.describe_example("code_corpus", corpus)
    assert text == (FIXTURES / "code_corpus" / "croissant.json").read_text()
    assert validate_text(text, corpus) == []
    (corpus / "croissant.json").write_text(text)
    code = next(rs for rs in json.loads(text)["recordSet"] if rs["@id"] == "code")
    assert [f["name"] for f in code["field"]] == ["path", "extension", "language", "content"]
    import mlcroissant as mlc

    logging.getLogger("absl").setLevel(logging.ERROR)
    theirs = [normalize(r) for r in mlc.Dataset(str(corpus / "croissant.json")).records("code")]
    reader = croissant_tools.load(corpus / "croissant.json", "code")
    ours = [normalize(r) for b in reader.iter_batches(1000) for r in b.to_pylist()]
    assert as_multiset(theirs) == as_multiset(ours)
    files = (corpus / "src").rglob("*")
    expected = sorted(str(p.relative_to(corpus)) for p in files if p.is_file())
    assert sorted(r["path"] for r in ours if r["path"].startswith("src/")) == expected
    for row in ours:
        assert row["language"] == language_for_path(row["path"]) != "unknown", row["path"]
        assert row["content"] == (corpus / row["path"]).read_text("utf-8")
