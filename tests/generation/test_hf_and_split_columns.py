"""Hugging Face datasets described as the Hub describes them, and split columns (issue 12).

A ``DatasetDict`` becomes a record set named after its config with a ``split`` field that
references a ``cr:Split`` record set; a ``ClassLabel`` becomes an ``sc:Enumeration`` record
set of its names that the label field references. A table column that names each row's
split references the same ``splits`` record set. Every document is checked with our
validator, our loader (per split) and mlcroissant.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import croissant_tools as ct
from tests.conftest import needs
from tests.generation.helpers import by_id, generate_into, records


def class_label_dataset(config: str | None = None) -> object:
    datasets = needs("datasets")
    features = datasets.Features(
        {
            "text": datasets.Value("string"),
            "label": datasets.ClassLabel(names=["négatif", "positif"]),
            "date": datasets.Value("date32"),
        }
    )
    import datetime as dt

    def part(texts: list[str | None], labels: list[int]) -> object:
        dates = [dt.date(2024, 1, 1 + i) if i % 2 else None for i in range(len(texts))]
        return datasets.Dataset.from_dict(
            {"text": texts, "label": labels, "date": dates}, features=features
        )

    dsd = datasets.DatasetDict(
        {"train": part(["très bien", "bad", None, "ok"], [1, 0, 0, 1]), "test": part(["好"], [1])}
    )
    if config is not None:
        for split in dsd.values():
            split.info.config_name = config
    return dsd


@pytest.mark.parametrize("config", [None, "reviews"])
def test_dataset_dict_with_a_class_label(tmp_path: Path, config: str | None) -> None:
    source = class_label_dataset(config)
    generated = generate_into(source, output=tmp_path / "croissant.json")  # type: ignore[arg-type]
    doc = generated.document
    name = config or "default"
    assert [d["@id"] for d in doc["distribution"]] == [f"parquet-files-for-config-{name}"]
    ids = [rs["@id"] for rs in doc["recordSet"]]
    assert ids == [name, "splits", "label_classes"]
    enum = by_id(doc["recordSet"], "label_classes")
    assert enum["dataType"] == "sc:Enumeration" and enum["key"] == {"@id": "label_classes/index"}
    assert [row["label_classes/name"] for row in enum["data"]] == ["négatif", "positif"]
    label = by_id(by_id(doc["recordSet"], name)["field"], f"{name}/label")
    assert label["references"] == {"field": {"@id": "label_classes/index"}}
    assert ct.validate(generated.output).valid
    for split, size in (("train", 4), ("test", 1)):
        assert ct.load(generated.output, name, split=split).count_rows() == size
    rows = records(generated.output, name)
    assert Counter(r["split"] for r in rows) == {"train": 4, "test": 1}
    assert {r["text"] for r in rows} >= {"très bien", "好"}
    names = {r["index"]: r["name"] for r in records(generated.output, "label_classes")}
    assert names == {0: "négatif", 1: "positif"}


def test_save_to_disk_folder_is_named_after_its_config(tmp_path: Path) -> None:
    source = class_label_dataset()
    source.save_to_disk(str(tmp_path / "hf"))  # type: ignore[attr-defined]
    generated = generate_into(tmp_path / "hf", output=tmp_path / "croissant.json")
    assert generated.document["recordSet"][0]["@id"] == "default"
    assert sorted(p.name for p in (tmp_path / "parquet").iterdir()) == [
        "test-00000-of-00001.parquet",
        "train-00000-of-00001.parquet",
    ]


def write_split_csv(path: Path, splits: list[str]) -> None:
    lines = ["id,name,born,split"]
    names = ["Zoë", "李雷", "", "Ana María"]
    for i, split in enumerate(splits):
        born = f"199{i % 10}-0{1 + i % 9}-1{i % 9}" if i % 3 else ""
        lines.append(f"{i},{names[i % 4]},{born},{split}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_csv_split_column_references_the_splits(tmp_path: Path) -> None:
    splits = ["train"] * 7 + ["validation"] * 2 + ["test"] * 3
    write_split_csv(tmp_path / "people.csv", splits)
    generated = generate_into(tmp_path)
    doc = generated.document
    field = by_id(by_id(doc["recordSet"], "people")["field"], "people/split")
    assert field["references"] == {"field": {"@id": "splits/name"}}
    split_names = [r["splits/name"] for r in by_id(doc["recordSet"], "splits")["data"]]
    assert split_names == ["train", "validation", "test"]
    for split, size in Counter(splits).items():
        assert ct.load(generated.output, "people", split=split).count_rows() == size
    assert Counter(r["split"] for r in records(generated.output, "people")) == Counter(splits)


def test_parquet_shards_with_a_split_column(tmp_path: Path) -> None:
    for index, part in enumerate([["train", "train"], ["train", "test"], ["validation"]]):
        table = pa.table({"x": list(range(len(part))), "split": part})
        (tmp_path / "data").mkdir(exist_ok=True)
        pq.write_table(table, tmp_path / "data" / f"part-{index}.parquet")
    generated = generate_into(tmp_path)
    data = by_id(generated.document["recordSet"], "data")
    split = by_id(data["field"], "data/split")
    assert split["references"] == {"field": {"@id": "splits/name"}}
    sizes = {s: ct.load(generated.output, "data", split=s).count_rows() for s in ("train", "test")}
    assert sizes == {"train": 3, "test": 1}


@pytest.mark.parametrize(
    "values",
    [["train", "holdout"], ["train", ""], ["1", "2"]],
    ids=["unknown-name", "null", "numbers"],
)
def test_columns_that_are_not_splits_stay_plain(tmp_path: Path, values: list[str]) -> None:
    write_split_csv(tmp_path / "t.csv", values * 3)
    doc = generate_into(tmp_path).document
    assert "references" not in json.dumps(doc["recordSet"])
    assert [rs["@id"] for rs in doc["recordSet"]] == ["t"]
