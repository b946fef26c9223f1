"""The RecordSetReader API: batches, records, tables, partitions, pickling, HF datasets."""

from __future__ import annotations

import json
import pickle
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import croissant_tools as ct
from croissant_tools.errors import EXIT_INVALID, UsageError
from croissant_tools.loading import InvalidDocumentError, Partition
from croissant_tools.loading.batches import rebatch
from tests.loading.conftest import col, fixture_path, fld, fo, fs, make_dataset, rset


@pytest.fixture
def numbers(tmp_path: Path) -> Path:
    """Three Parquet files of 1,000 rows each (row groups of 300)."""
    (tmp_path / "parts").mkdir()
    for part in range(3):
        values = list(range(part * 1000, part * 1000 + 1000))
        table = pa.table({"n": values, "label": [f"v{v % 7}" for v in values]})
        pq.write_table(table, tmp_path / "parts" / f"{part}.parquet", row_group_size=300)
    files = fs("parts", "parts/*.parquet", "application/x-parquet")
    fields = [
        fld("rs", "n", "sc:Integer", col("parts", "n", "fileSet")),
        fld("rs", "label", "sc:Text", col("parts", "label", "fileSet")),
    ]
    return make_dataset(tmp_path, [files], [rset("rs", fields)])


def test_batches_have_the_requested_size(numbers: Path) -> None:
    reader = ct.load(numbers, "rs")
    sizes = [b.num_rows for b in reader.iter_batches(700)]
    assert sizes == [700, 700, 700, 700, 200]
    assert all(b.schema == reader.schema for b in reader.iter_batches(700))


def test_rebatch_merges_and_splits() -> None:
    batches = [pa.record_batch({"a": list(range(n))}) for n in (3, 0, 10, 1)]
    assert [b.num_rows for b in rebatch(batches, 4)] == [4, 4, 4, 2]


@pytest.mark.parametrize("count", [2, 3, 4, 20])
@pytest.mark.parametrize("by", ["auto", "units", "rows"])
def test_partitions_give_every_record_exactly_once(numbers: Path, count: int, by: str) -> None:
    reader = ct.load(numbers, "rs")
    seen: Counter[int] = Counter()
    for index in range(count):
        for batch in reader.iter_batches(256, partition=Partition(index, count, by)):  # type: ignore[arg-type]
            seen.update(batch.column("rs/n").to_pylist())
    assert seen == Counter(range(3000))


def test_columns_by_id_or_name_in_the_order_asked(numbers: Path) -> None:
    reader = ct.load(numbers, "rs", columns=["label", "rs/n"])
    assert reader.schema.names == ["rs/label", "rs/n"]
    with pytest.raises(UsageError, match="no field 'nope'"):
        ct.load(numbers, "rs", columns=["nope"])


def test_unknown_record_set_lists_the_known_ones(numbers: Path) -> None:
    with pytest.raises(UsageError, match="no record set 'x'") as info:
        ct.load(numbers, "x")
    assert "'rs'" in str(info.value)
    assert ct.load(numbers).record_set == "rs"  # the only one may be omitted


def test_tables_pandas_head_and_count(numbers: Path) -> None:
    reader = ct.load(numbers, "rs")
    table = reader.to_table()
    assert table.num_rows == 3000 and table.schema.names == ["rs/n", "rs/label"]
    assert list(reader.to_pandas()["rs/n"][:3]) == [0, 1, 2]
    assert reader.head(2) == [{"rs/n": 0, "rs/label": "v0"}, {"rs/n": 1, "rs/label": "v1"}]
    assert reader.count_rows() == 3000


def test_text_as_bytes_and_images_as_pil() -> None:
    docs = ct.load(fixture_path("text_content"), "documents")
    assert (
        next(iter(docs.records(text="bytes")))["documents/text"]
        == b"first document\nwith two lines\n"
    )
    images = ct.load(fixture_path("images"), "images")
    first = next(iter(images.records(images="pil")))
    assert first["images/image"].size == (4, 4)
    assert first["images/label"] == "cat"


def test_readers_pickle_and_read_the_same_records(numbers: Path) -> None:
    reader = ct.load(numbers, "rs")
    clone = pickle.loads(pickle.dumps(reader))
    assert clone._backend is None
    assert clone.to_table().equals(reader.to_table())


def test_splits_by_name_or_iri_and_unknown_splits() -> None:
    path = fixture_path("splits")
    train = [r["docs/file"] for r in ct.load(path, "docs", split="train")]
    assert train == ["t1.txt", "t2.txt", "t3.txt"]
    by_iri = [r["docs/file"] for r in ct.load(path, "docs", split="cr:TestSplit")]
    assert by_iri == ["e1.txt", "e2.txt"]
    with pytest.raises(UsageError, match="available: test, train"):
        ct.load(path, "docs", split="validation")
    with pytest.raises(UsageError, match="has no split field"):
        ct.load(fixture_path("csv_basic"), "people", split="train")


def test_split_reads_only_the_files_of_the_split() -> None:
    reader = ct.load(fixture_path("splits"), "docs", split="test", columns=["docs/text"])
    assert [u.label for u in reader.units()] == ["data/test/e1.txt", "data/test/e2.txt"]
    assert reader.schema.names == ["docs/text"]
    assert [r["docs/text"] for r in reader] == ["test one", "test two"]


def test_row_level_split_filter(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("x,split\n1,train\n2,test\n3,train\n")
    splits = rset(
        "splits",
        [fld("splits", "name", "sc:Text")],
        dataType="cr:Split",
        data=[{"splits/name": "train"}, {"splits/name": "test"}],
    )
    fields = [
        fld("rs", "x", "sc:Integer", col("f", "x")),
        fld(
            "rs",
            "split",
            "sc:Text",
            col("f", "split"),
            references={"field": {"@id": "splits/name"}},
        ),
    ]
    path = make_dataset(tmp_path, [fo("f", "d.csv")], [splits, rset("rs", fields)])
    assert [r["rs/x"] for r in ct.load(path, "rs", split="train", columns=["rs/x"])] == [1, 3]


def test_documents_with_validation_errors_are_refused_unless_not_strict(tmp_path: Path) -> None:
    path = fixture_path("csv_basic")
    doc = json.loads(path.read_text())
    del doc["conformsTo"], doc["license"]
    broken = tmp_path / "ds"
    broken.mkdir()
    (broken / "people.csv").write_bytes((path.parent / "people.csv").read_bytes())
    (broken / "metadata.json").write_text(json.dumps(doc))
    with pytest.raises(InvalidDocumentError, match="validation error") as info:
        ct.load(broken / "metadata.json", "people")
    assert info.value.exit_code == EXIT_INVALID
    assert len(list(ct.load(broken / "metadata.json", "people", strict=False))) == 4


def test_descriptive_errors_warn_but_do_not_block_reading(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = fixture_path("csv_basic")
    doc = json.loads(path.read_text())
    del doc["license"], doc["creator"]  # invalid Croissant, but the records are unaffected
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "people.csv").write_bytes((path.parent / "people.csv").read_bytes())
    (folder / "metadata.json").write_text(json.dumps(doc))
    with caplog.at_level("WARNING", logger="croissant_tools.loading.api"):
        rows = list(ct.load(folder / "metadata.json", "people"))
    assert len(rows) == 4
    assert "no license" in caplog.text and "does not affect reading" in caplog.text


def test_dict_sources_need_a_root(numbers: Path) -> None:
    doc = json.loads(numbers.read_text())
    with pytest.raises(UsageError, match="root="):
        ct.load(doc, "rs")
    assert ct.load(doc, "rs", root=numbers.parent).count_rows() == 3000


def test_hugging_face_datasets(numbers: Path) -> None:
    reader = ct.load(numbers, "rs")
    dataset = reader.to_hf_dataset()
    assert dataset.num_rows == 3000
    assert dataset.with_format("numpy")[:3]["rs/n"].tolist() == [0, 1, 2]
    torch = pytest.importorskip("torch")
    as_torch = dataset.with_format("torch")[:3]["rs/n"]
    assert isinstance(as_torch, torch.Tensor) and as_torch.tolist() == [0, 1, 2]
    streaming = reader.to_hf_iterable_dataset()
    assert streaming.num_shards == 12  # one per Parquet row group
    assert sorted(r["rs/n"] for r in streaming) == list(range(3000))


def test_hugging_face_images() -> None:
    dataset = ct.load(fixture_path("images"), "images").to_hf_dataset(images="image")
    assert dataset[0]["images/image"].size == (4, 4)
    assert dataset.features["images/label"].dtype == "string"


def test_inline_and_joined_record_sets() -> None:
    assert ct.load(fixture_path("inline_data"), "labels").count_rows() == 3
    ratings = ct.load(fixture_path("joins"), "ratings").to_table()
    assert ratings.column("ratings/title").to_pylist() == ["Alien", "Up", "Heat", "Alien", None]


def test_plain_file_object_reader_repr(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("a\n1\n")
    path = make_dataset(
        tmp_path, [fo("f", "d.csv")], [rset("rs", [fld("rs", "a", "sc:Integer", col("f", "a"))])]
    )
    assert "RecordSetReader" in repr(ct.load(path, "rs"))


@pytest.mark.parametrize("source", [123, None, b"{}", ["a"]])
def test_load_with_a_source_of_the_wrong_type_is_a_usage_error(source: object) -> None:
    from croissant_tools.errors import UsageError

    with pytest.raises(UsageError, match="source must be"):
        ct.load(source)  # type: ignore[arg-type]
