"""Promise: reading lines costs time linear in the bytes, whatever their length.

The loader's streamed line splitter once rebuilt ``pending + chunk`` for every block, so
one long line cost time quadratic in its length (a 200 MB line: 50 s and 1.16 GB). Here a
16 MiB line is read through 4 KiB blocks (4,096 blocks: about 34 GB of copying for the
quadratic splitter, a few milliseconds for a linear one), and lines longer than
``LoadOptions.max_json_bytes`` are a located error instead of unbounded memory.
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

import croissant_tools as ct
from croissant_tools.errors import DataError
from croissant_tools.loading import LoadOptions, readers
from croissant_tools.loading.files import FileRef
from tests.loading.conftest import fld, fo, make_dataset, prop, rset

LONG = 16 << 20


def _ref(path: Path) -> FileRef:
    return FileRef(str(path), path.name, "f", "text")


@pytest.mark.parametrize("compressed", [False, True])
def test_a_long_line_is_split_in_linear_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compressed: bool
) -> None:
    monkeypatch.setattr(readers, "CSV_BLOCK", 4096)
    data = b"short\n" + b"x" * LONG + b"\nlast"
    path = tmp_path / ("long.txt.gz" if compressed else "long.txt")
    path.write_bytes(gzip.compress(data, compresslevel=1) if compressed else data)
    started = time.perf_counter()
    lines = list(readers._raw_lines(_ref(path)))
    seconds = time.perf_counter() - started
    assert [len(line) for line in lines] == [5, LONG, 4]
    assert seconds < 5, f"{seconds:.1f} s for one {LONG >> 20} MiB line"


def test_the_splitter_agrees_with_splitlines_on_every_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = b"a\n\nbb\r\nccc\n" + b"d" * 37 + b"\n\n" + b"e" * 5
    path = tmp_path / "lines.txt"
    path.write_bytes(data)
    for block in range(1, 20):
        monkeypatch.setattr(readers, "CSV_BLOCK", block)
        assert list(readers._raw_lines(_ref(path))) == data.split(b"\n")
    path.write_bytes(data + b"\n")
    assert list(readers._raw_lines(_ref(path))) == data.split(b"\n")


def test_a_line_over_the_limit_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "poem.txt").write_bytes(b"one\n" + b"y" * 5000 + b"\nthree\n")
    rs = rset("rs", [fld("rs", "line", "sc:Text", prop("f", "lines", kind="fileObject"))])
    path = make_dataset(tmp_path, [fo("f", "poem.txt", "text/plain")], [rs])
    assert [r["rs/line"] for r in ct.load(path, "rs")][1] == "y" * 5000
    reader = ct.load(path, "rs", options=LoadOptions(max_json_bytes=1000))
    with pytest.raises(DataError, match=r"poem\.txt:2.*longer than"):
        list(reader)


def test_a_long_json_line_reads_back(tmp_path: Path) -> None:
    value = "z" * (4 << 20)
    (tmp_path / "rows.jsonl").write_text(json.dumps({"v": value}) + "\n" + '{"v": "w"}\n')
    from tests.loading.conftest import col

    rs = rset("rs", [fld("rs", "v", "sc:Text", col("f", "v"))])
    path = make_dataset(tmp_path, [fo("f", "rows.jsonl", "application/jsonlines")], [rs])
    assert [len(r["rs/v"]) for r in ct.load(path, "rs")] == [4 << 20, 1]
