"""Source code gets a ``language`` field, joined through an inline ``languages`` record set.

Both readers must agree: mlcroissant 1.1.1 (which joins with pandas and applies the
referencing field's regex to the shared column in place) and ``croissant_tools.load``.
"""

from __future__ import annotations

import gzip
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

import croissant_tools
from croissant_tools.generation.formats import LANGUAGES, classify
from croissant_tools.generation.lookups import EXTENSION_REGEX
from tests.generation.helpers import by_id, generate_into, records

REPO = Path(__file__).resolve().parents[2]


def ours(path: Path, record_set: str) -> list[dict[str, Any]]:
    reader = croissant_tools.load(path, record_set)
    return [
        {k.rsplit("/", 1)[-1]: v for k, v in row.items()}
        for batch in reader.iter_batches(100)
        for row in batch.to_pylist()
    ]


def by_path(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["path"]: row for row in rows}


def test_one_language_table_shared_with_pruning() -> None:
    """schemas/languages.json is the table; pruning's copy must agree with it."""
    from pruning.languages import EXTENSIONS
    from pruning.languages import LANGUAGES as PARSED

    table = json.loads((REPO / "schemas" / "languages.json").read_text())["extensions"]
    assert table == LANGUAGES
    assert all(ext == ext.lower() and ext.startswith(".") for ext in table)
    disagree = {ext: (lang, table.get(ext)) for ext, lang in EXTENSIONS.items()}
    assert {e: v for e, v in disagree.items() if v[0] != v[1]} == {}
    assert set(PARSED) <= set(table.values())  # every language pruning can parse is named


def test_extension_regex_is_idempotent() -> None:
    """mlcroissant applies the regex once to the joined column and again to the field."""
    regex = re.compile(EXTENSION_REGEX)
    cases = {"a.py": "py", "x.tar.PY": "PY", "m.py.gz": "py", "gz.py": "py", "d.ts": "ts"}
    for name, expected in cases.items():
        value = regex.match(name).group(1)  # type: ignore[union-attr]
        assert value == expected
        assert regex.match(value).group(1) == value  # type: ignore[union-attr]


def test_classify_keeps_the_spelling_of_the_extension() -> None:
    kind = classify("src/Main.PY")
    assert (kind.kind, kind.extension, kind.suffix, kind.language) == (
        "code",
        ".py",
        ".PY",
        "python",
    )
    assert classify("a/b.h").language == "c" and classify("a.csv").language is None


def _tree(root: Path) -> dict[str, str]:
    files = {
        "train/app.py": "print('hi')\n",
        "train/Tool.PY": "x = 1\n",
        "train/web/index.js": "let a = 1;\n",
        "train/lib.rs": "fn main() {}\n",
        "test/run.sh": "echo hi\n",
        "test/defs.h": "int x;\n",
        "test/Main.java": "class Main {}\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return files


def test_languages_join_reads_the_same_in_both_readers(tmp_path: Path) -> None:
    files = _tree(tmp_path)
    generated = generate_into(tmp_path)
    doc = generated.document
    languages = by_id(doc["recordSet"], "languages")
    assert languages["key"] == {"@id": "languages/extension"}
    assert languages["data"] == [
        {"languages/extension": ext, "languages/language": lang}
        for ext, lang in [
            ("PY", "python"),
            ("h", "c"),
            ("java", "java"),
            ("js", "javascript"),
            ("py", "python"),
            ("rs", "rust"),
            ("sh", "shell"),
        ]
    ]
    code = by_id(doc["recordSet"], "code")
    assert [f["name"] for f in code["field"]] == [
        "path",
        "extension",
        "language",
        "content",
        "split",
    ]
    theirs = by_path(records(generated.output, "code"))
    mine = by_path(ours(generated.output, "code"))
    assert theirs == mine
    assert set(mine) == set(files)  # Tool.PY is not lost to a lower-case glob
    for path, row in mine.items():
        assert row["language"] == LANGUAGES[Path(path).suffix.lower()]
        assert row["extension"] == Path(path).suffix[1:]
        assert row["content"] == files[path]
        assert row["split"] == path.split("/")[0]


@pytest.mark.usefixtures("extract_cache")
def test_code_inside_a_zip_gets_its_language(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "code.zip", "w") as archive:
        archive.writestr("pkg/m.py", "def f():\n    pass\n")
        archive.writestr("pkg/n.go", "package n\n")
    (tmp_path / "top.c").write_text("int main(void) { return 0; }\n")
    generated = generate_into(tmp_path)
    inner = next(
        fs
        for fs in generated.document["distribution"]
        if fs.get("containedIn") == {"@id": "code.zip"}
    )
    record_set = next(
        rs["@id"]
        for rs in generated.document["recordSet"]
        if rs["field"][0]["source"]["fileSet"]["@id"] == inner["@id"]
    )
    theirs = by_path(records(generated.output, record_set))
    assert theirs == by_path(ours(generated.output, record_set))
    assert {p: r["language"] for p, r in theirs.items()} == {"pkg/m.py": "python", "pkg/n.go": "go"}
    assert by_path(records(generated.output, "code"))["top.c"]["language"] == "c"


def test_gzipped_code_is_a_file_not_a_record(tmp_path: Path) -> None:
    """Readers hand a FileSet member's bytes over as stored, so gzip is not text there."""
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "b.py.gz").write_bytes(gzip.compress(b"y = 2\n", mtime=0))
    generated = generate_into(tmp_path)
    assert by_id(generated.document["distribution"], "b.py.gz")["encodingFormat"] == (
        "application/gzip"
    )
    assert [r["path"] for r in records(generated.output, "code")] == ["a.py"]
    assert any("gzip-compressed code" in note for note in generated.summary.notes)


def test_no_code_no_languages_record_set(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello\n")
    generated = generate_into(tmp_path)
    assert [rs["@id"] for rs in generated.document["recordSet"]] == ["text"]


def test_upper_case_table_extension_is_described(tmp_path: Path) -> None:
    """Globs are case-sensitive: A.CSV needs its own pattern, not '*.csv'."""
    (tmp_path / "d").mkdir()
    for name in ("d/a.csv", "d/b.csv", "d/C.CSV"):
        (tmp_path / name).write_text("x,y\n1,2\n")
    generated = generate_into(tmp_path)
    rows = records(generated.output, "d")
    assert len(rows) == 3
