"""Directory trees: grouping, formats, bad input, symlinks, options, determinism."""

from __future__ import annotations

import gzip
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from croissant_tools.errors import InputError, UsageError
from croissant_tools.generation import describe, dumps
from tests.generation.helpers import BASE, by_id, generate_into, records


def write_csv(path: Path, rows: list[tuple[object, ...]], header: str = "id,value") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows))


def test_same_layout_files_become_one_file_set(tmp_path: Path) -> None:
    for split in ("a", "b", "c"):
        write_csv(tmp_path / "shards" / f"{split}.csv", [(1, 2.5), (2, 3.5)])
    write_csv(tmp_path / "shards" / "deep" / "d.csv", [(3, 1.0)])
    generated = generate_into(tmp_path)
    doc = generated.document
    file_set = by_id(doc["distribution"], "shards-files")
    assert file_set["includes"] == ["shards/*.csv", "shards/*/*.csv"]
    rows = records(generated.output, "shards")
    assert sorted(r["id"] for r in rows) == [1, 1, 1, 2, 2, 2, 3]
    assert generated.summary.file_sets == 1 and generated.summary.file_objects == 0


def test_minority_layout_is_excluded_from_the_file_set(tmp_path: Path) -> None:
    for name in ("x", "y"):
        write_csv(tmp_path / "t" / f"{name}.csv", [(1, 2.5)])
    write_csv(tmp_path / "t" / "odd.csv", [("a", "b")], header="p,q")
    generated = generate_into(tmp_path)
    file_set = by_id(generated.document["distribution"], "t-files")
    # a glob would also select odd.csv, so the members are listed (mlcroissant has no excludes)
    assert file_set["includes"] == ["t/x.csv", "t/y.csv"] and "excludes" not in file_set
    assert by_id(generated.document["distribution"], "t/odd.csv")["sha256"]
    assert len(records(generated.output, "t")) == 2
    assert records(generated.output, "odd") == [{"p": "a", "q": "b"}]


def test_root_level_group_does_not_reach_into_subdirectories(tmp_path: Path) -> None:
    write_csv(tmp_path / "one.csv", [(1, 1.5)])
    write_csv(tmp_path / "two.csv", [(2, 2.5)])
    write_csv(tmp_path / "sub" / "other.csv", [(9, 9.5), (8, 8.5)], header="k,v")
    generated = generate_into(tmp_path)
    file_set = by_id(generated.document["distribution"], f"{tmp_path.name}-files")
    assert file_set["includes"] == ["one.csv", "two.csv"]
    assert sorted(r["id"] for r in records(generated.output, tmp_path.name)) == [1, 2]
    (tmp_path / "sub" / "other.csv").unlink()
    again = describe(tmp_path).document["distribution"]
    assert by_id(again, f"{tmp_path.name}-files")["includes"] == ["*.csv"]


def test_bad_files_are_reported_and_excluded(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "ok.py").write_text("x = 1\n")
    (src / "also.py").write_text("y = 2\n")
    (src / "empty.py").write_text("")
    (src / "binary.py").write_bytes(b"\x00\x01\x02")
    (src / "latin1.py").write_bytes("café = 1\n".encode("latin-1"))
    (tmp_path / "broken.csv").write_bytes(b"\xff\xfe\x00\x00garbage")
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "bad.parquet").write_text("not parquet")
    generated = generate_into(tmp_path)
    reasons = dict(generated.summary.skipped)
    assert "src/empty.py" not in reasons  # an empty source file is valid code
    assert "NUL" in reasons["src/binary.py"]
    assert "UTF-8" in reasons["src/latin1.py"]
    assert "binary" in reasons["broken.csv"]
    assert reasons["empty.jsonl"] == "empty file"
    assert "Parquet" in reasons["bad.parquet"]
    code_files = by_id(generated.document["distribution"], "source-code-files")
    assert code_files["includes"] == ["src/also.py", "src/empty.py", "src/ok.py"]
    rows = records(generated.output, "code")
    assert sorted(r["path"] for r in rows) == ["src/also.py", "src/empty.py", "src/ok.py"]
    assert {r["extension"] for r in rows} == {"py"}


def test_symlinks_leaving_the_root_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write_csv(outside / "secret.csv", [(1, 1.0)])
    root = tmp_path / "root"
    write_csv(root / "data" / "a.csv", [(1, 1.0)])
    write_csv(root / "data" / "b.csv", [(2, 2.0)])
    os.symlink(outside / "secret.csv", root / "data" / "c.csv")
    os.symlink(outside, root / "data" / "linked")
    os.symlink(root / "data" / "a.csv", root / "data" / "inside.csv")
    generated = generate_into(root)
    reasons = dict(generated.summary.skipped)
    assert "outside" in reasons["data/c.csv"] and "outside" in reasons["data/linked"]
    file_set = by_id(generated.document["distribution"], "data-files")
    assert file_set["includes"] == ["data/a.csv", "data/b.csv", "data/inside.csv"]
    assert "excludes" not in file_set  # literal includes need none
    assert sorted(r["id"] for r in records(generated.output, "data")) == [1, 1, 2]


def test_symlink_loops_are_skipped_with_a_reason(tmp_path: Path) -> None:
    write_csv(tmp_path / "data" / "a.csv", [(1, 1.0)])
    os.symlink(tmp_path / "data" / "loop2.csv", tmp_path / "data" / "loop1.csv")
    os.symlink(tmp_path / "data" / "loop1.csv", tmp_path / "data" / "loop2.csv")
    generated = generate_into(tmp_path)
    reasons = dict(generated.summary.skipped)
    assert "symbolic links" in reasons["data/loop1.csv"]
    assert [r["id"] for r in records(generated.output, "a")] == [1]


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    write_csv(tmp_path / "keep" / "a.csv", [(1, 1.0)])
    write_csv(tmp_path / "drop" / "b.csv", [(2, 2.0)])
    (tmp_path / "notes.txt").write_text("hello\n")
    generated = describe(tmp_path, include=["**/*.csv"], exclude=["drop/**"])
    urls = [d.get("contentUrl") for d in generated.document["distribution"]]
    assert urls == ["keep/a.csv"]


def test_csv_sniffing_and_notes(tmp_path: Path) -> None:
    (tmp_path / "semi.csv").write_text("a;b\n1;x\n2;y\n")
    (tmp_path / "plain.tsv").write_text("a\tb\n1\tx\n")
    generated = describe(tmp_path)
    notes = " ".join(generated.summary.notes)
    assert "delimiter ';'" in notes
    semi = by_id(generated.document["recordSet"], "semi")
    assert [f["name"] for f in semi["field"]] == ["a", "b"]
    assert by_id(generated.document["distribution"], "plain.tsv")["encodingFormat"] == (
        "text/tab-separated-values"
    )


def test_gzip_csv_is_read_transparently(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "rows.csv.gz", "wt") as handle:
        handle.write("id,name\n1,a\n2,b\n")
    generated = generate_into(tmp_path)
    obj = by_id(generated.document["distribution"], "rows.csv.gz")
    assert obj["encodingFormat"] == "text/csv"
    assert records(generated.output, "rows") == [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]


@pytest.mark.usefixtures("extract_cache")
def test_zip_members_are_contained_in_the_archive(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as archive:
        archive.writestr("tables/x.csv", "id,v\n1,2\n")
        archive.writestr("tables/y.csv", "id,v\n3,4\n")
        archive.writestr("../evil.csv", "id,v\n5,6\n")
    generated = generate_into(tmp_path)
    member = by_id(generated.document["distribution"], "bundle.zip_tables_x.csv")
    assert member["containedIn"] == {"@id": "bundle.zip"}
    assert member["contentUrl"] == "tables/x.csv" and len(member["sha256"]) == 64
    assert "unsafe" in dict(generated.summary.skipped)["bundle.zip!../evil.csv"]
    assert records(generated.output, "x") == [{"id": 1, "v": 2}]
    assert records(generated.output, "y") == [{"id": 3, "v": 4}]


@pytest.mark.usefixtures("extract_cache")
def test_tar_text_members(tmp_path: Path) -> None:
    payload = tmp_path / "payload"
    payload.mkdir()
    (payload / "a.txt").write_text("alpha\n")
    (payload / "b.txt").write_text("beta\n")
    with tarfile.open(tmp_path / "texts.tar", "w") as archive:
        for name in ("a.txt", "b.txt"):
            archive.add(payload / name, arcname=f"docs/{name}")
    (payload / "a.txt").unlink()
    (payload / "b.txt").unlink()
    payload.rmdir()
    generated = generate_into(tmp_path)
    assert by_id(generated.document["distribution"], "text-files")["containedIn"] == {
        "@id": "texts.tar"
    }
    rows = records(generated.output, "text")
    assert sorted(r["content"] for r in rows) == ["alpha\n", "beta\n"]


def test_json_array_under_a_key_uses_json_path(tmp_path: Path) -> None:
    rows = [{"id": i, "tag": f"t{i}"} for i in range(3)]
    (tmp_path / "items.json").write_text(json.dumps({"meta": {"n": 3}, "items": rows}))
    generated = generate_into(tmp_path)
    fields = by_id(generated.document["recordSet"], "items")["field"]
    assert fields[0]["source"]["extract"] == {"jsonPath": "$.items[*].id"}
    assert records(generated.output, "items") == rows


def test_nested_parquet_types(tmp_path: Path) -> None:
    table = pa.table(
        {
            "id": pa.array([1, 2], pa.int64()),
            "tags": pa.array([["a"], ["b", "c"]], pa.list_(pa.string())),
            "point": pa.array([{"x": 1.0, "y": 2.0}, {"x": 3.0, "y": 4.0}]),
            "flag": pa.array([True, None]),
        }
    )
    pq.write_table(table, tmp_path / "nested.parquet")
    generated = generate_into(tmp_path)
    rs = by_id(generated.document["recordSet"], "nested")
    assert rs["key"] == {"@id": "nested/id"}
    tags = by_id(rs["field"], "nested/tags")
    assert (tags["isArray"], tags["arrayShape"], tags["dataType"]) == (True, "-1", "sc:Text")
    point = by_id(rs["field"], "nested/point")
    assert [f["name"] for f in point["subField"]] == ["x", "y"]
    rows = records(generated.output, "nested")
    assert rows[1] == {"id": 2, "tags": ["b", "c"], "point": {"x": 3.0, "y": 4.0}, "flag": None}


def test_output_in_a_parent_folder_prefixes_urls(tmp_path: Path) -> None:
    write_csv(tmp_path / "data" / "only.csv", [(1, 1.0)])
    generated = generate_into(tmp_path / "data", output=tmp_path / "croissant.json")
    assert generated.document["distribution"][0]["contentUrl"] == "data/only.csv"
    assert records(generated.output, "only") == [{"id": 1, "value": 1.0}]
    with pytest.raises(UsageError, match="must be in the described folder"):
        describe(tmp_path / "data", output=tmp_path / "elsewhere" / "x" / "croissant.json")


def test_regeneration_is_byte_identical_and_no_checksums_is_live(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [(1, 1.0)])
    (tmp_path / "README.md").write_text("# data\n")
    first = dumps(describe(tmp_path, **BASE).document)
    assert first == dumps(describe(tmp_path, **BASE).document)
    live = describe(tmp_path, **BASE, checksums=False)
    assert live.document["isLiveDataset"] is True
    assert all("sha256" not in d for d in live.document["distribution"])
    assert "live dataset" in live.summary.render()
    assert "sha256" in first and "datePublished" in first


def test_nothing_to_describe_and_missing_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        describe(tmp_path / "missing")
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(InputError, match="nothing to describe") as caught:
        describe(tmp_path)
    assert "empty.csv" in str(caught.value)  # says which files were left out and why


def test_nothing_to_describe_names_the_reasons(tmp_path: Path) -> None:
    (tmp_path / "latin.csv").write_bytes(b"a,b\n\xe9t\xe9,2\n")
    (tmp_path / "nul.csv").write_bytes(b"a,b\n1\x00,2\n")
    with pytest.raises(InputError) as caught:
        describe(tmp_path)
    message = str(caught.value)
    assert "latin.csv: not valid UTF-8" in message and "nul.csv: binary content" in message


def test_single_file_source(tmp_path: Path) -> None:
    write_csv(tmp_path / "solo.csv", [(1, 1.0)])
    write_csv(tmp_path / "other.csv", [(2, 2.0)])
    generated = generate_into(tmp_path / "solo.csv")
    assert [d["contentUrl"] for d in generated.document["distribution"]] == ["solo.csv"]
    assert generated.output == tmp_path / "croissant.json"


def test_hugging_face_dataset_object(tmp_path: Path) -> None:
    import datasets

    ds = datasets.DatasetDict(
        {
            "train": datasets.Dataset.from_dict({"text": ["a", "b"], "label": [0, 1]}),
            "validation": datasets.Dataset.from_dict({"text": ["c"], "label": [1]}),
        }
    )
    with pytest.raises(UsageError, match="output"):
        describe(ds)
    generated = generate_into(ds, output=tmp_path / "croissant.json")  # type: ignore[arg-type]
    rows = records(generated.output, "default")
    assert sorted((r["text"], r["label"], r["split"]) for r in rows) == [
        ("a", 0, "train"),
        ("b", 1, "train"),
        ("c", 1, "validation"),
    ]
    splits = by_id(generated.document["recordSet"], "splits")
    assert splits["dataType"] == "cr:Split"
    assert [row["splits/url"] for row in splits["data"]] == [
        "cr:TrainingSplit",
        "cr:ValidationSplit",
    ]


def test_hidden_files_and_the_output_itself_are_not_described(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [(1, 1.0)])
    write_csv(tmp_path / "b.csv", [(2, 2.0)])
    write_csv(tmp_path / ".cache" / "c.csv", [(3, 3.0)])
    (tmp_path / ".env").write_text("SECRET=1\n")
    first = generate_into(tmp_path, output=tmp_path / "meta.json")
    assert dict(first.summary.skipped)[".env"].startswith("hidden")
    again = describe(tmp_path, **BASE, output=tmp_path / "meta.json")
    assert dumps(again.document) == dumps(first.document)  # meta.json is not described
    assert sorted(r["id"] for r in records(first.output, tmp_path.name)) == [1, 2]


@pytest.mark.parametrize("source", [123, None, b"data", {"a": 1}])
def test_a_source_of_the_wrong_type_is_a_usage_error(source: object) -> None:
    with pytest.raises(UsageError, match="source must be"):
        describe(source)
