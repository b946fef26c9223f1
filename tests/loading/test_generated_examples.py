"""The datasets our generator describes (examples/) load back to their source rows."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

import croissant_tools as ct

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _example(name: str) -> Path:
    path = EXAMPLES / name / "croissant.json"
    if not path.is_file():
        pytest.skip(f"example {name} is not in this checkout")
    return path


def _short(row: dict[str, Any]) -> dict[str, Any]:
    return {key.rsplit("/", 1)[-1]: value for key, value in row.items()}


def _multiset(rows: list[dict[str, Any]]) -> Counter[str]:
    return Counter(json.dumps(row, sort_keys=True, default=str) for row in rows)


def test_iris_tables_equal_the_csv_files() -> None:
    import pandas as pd

    for table in ("flowers", "species"):
        source = pd.read_csv(EXAMPLES / "iris_tables" / f"{table}.csv").to_dict("records")
        ours = [_short(r) for r in ct.load(_example("iris_tables"), table)]
        assert ours == source


def test_wine_partitions_equal_the_parquet_rows() -> None:
    expected = []
    for path in sorted((EXAMPLES / "wine_parquet").glob("cultivar=*/*.parquet")):
        cultivar = int(path.parent.name.split("=")[1])
        expected += [{**row, "cultivar": cultivar} for row in pq.read_table(path).to_pylist()]
    ours = [_short(r) for r in ct.load(_example("wine_parquet"), "wine_parquet")]
    assert _multiset(ours) == _multiset(expected)


def test_jsonl_reviews_equal_the_source_lines() -> None:
    path = EXAMPLES / "review_texts" / "reviews.jsonl"
    expected = [json.loads(line) for line in path.read_text().splitlines()]
    assert [_short(r) for r in ct.load(_example("review_texts"), "reviews")] == expected


def test_digit_images_by_split() -> None:
    path = _example("digits_images")
    for split in ("train", "test"):
        reader = ct.load(path, "images", split=split, columns=["images/label", "images/split"])
        assert all(unit.label.startswith(f"{split}/") for unit in reader.units())
        rows = list(reader)
        expected = Counter(
            p.parent.name for p in (EXAMPLES / "digits_images" / split).glob("*/*.png")
        )
        assert Counter(r["images/label"] for r in rows) == expected
        assert {r["images/split"] for r in rows} == {split}


def test_hf_rows_with_split() -> None:
    datasets = pytest.importorskip("datasets")
    saved = datasets.load_from_disk(str(EXAMPLES / "cancer_hf" / "hf"))
    for split in saved:
        expected = [{**row, "split": split} for row in saved[split].to_list()]
        ours = [_short(r) for r in ct.load(_example("cancer_hf"), "default", split=split)]
        assert _multiset(ours) == _multiset(expected)


def test_a_code_folder_loads_without_naming_the_record_set(tmp_path: Path) -> None:
    # the generator adds an inline `languages` lookup joined by extension; like a split
    # record set, it is not a candidate when the caller names no record set
    (tmp_path / "a.py").write_text("def f(x):\n    return x + 1\n")
    (tmp_path / "b.go").write_text("package main\n\nfunc main() {}\n")
    doc = ct.generate(
        tmp_path, name="tiny", license="MIT", url="https://example.org", creators=["A"]
    )
    (tmp_path / "croissant.json").write_text(json.dumps(doc))
    rows = sorted(ct.load(tmp_path / "croissant.json"), key=lambda r: r["code/path"])
    assert [(r["code/path"], r["code/language"]) for r in rows] == [
        ("a.py", "python"),
        ("b.go", "go"),
    ]
