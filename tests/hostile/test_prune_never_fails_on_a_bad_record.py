"""Promise: ``prune`` never fails because of a bad record, and never changes or loses one.

One run over a corpus that holds, next to ordinary functions, one record of every kind an
adversarial sweep found fatal or lossy: lone surrogates in a value, a key or the id, a line
nested 100,000 levels, a text that is a number, lines over the size cap, lines that are not
UTF-8, malformed JSON, input columns named like the columns the run adds (``reason``,
``pruning_reason``, ``raw``...) or like pyarrow's dataset fields (``__filename``), an empty
object column and an integer too large for Arrow. Every record must come out: input = kept +
pruned; kept texts byte-equal to their input lines' texts; every bad one in ``pruned/`` with
reason ``invalid_input``, a detail, its original id where one can be read, and its raw line
(text, or base64 where it is not UTF-8).
"""

from __future__ import annotations

import base64
import bz2
import gzip
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from croissant_tools.cli import main as cli
from tests.pipelines.conftest import FUNCTIONS, TEXT_CAP, prune_args

pytestmark = pytest.mark.slow

#: Columns every good record carries: named like what the run adds, or what pyarrow adds.
COLLIDING = {
    "reason": "mine",
    "pruning_reason": "also mine",
    "detail": "d",
    "prune_score": "p",
    "raw": "r",
    "raw_encoding": "e",
    "__filename": "f",
    "__fragment_index": 1,
    "meta": {},
}


def _good(n: int = 24) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in FUNCTIONS.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if len(r["text"].encode()) < TEXT_CAP // 2][:n]
    return [
        {"id": r["id"], "text": r["text"], "language": r["language"], **COLLIDING} for r in rows
    ]


#: (line bytes, expected id in the output, text of the detail, raw is base64)
BAD: list[tuple[bytes, str, str, bool]] = [
    (
        b'{"id": "surrogate-value", "text": "x = \'\\ud800\'\\n"}',
        "surrogate-value",
        "surrogate",
        False,
    ),
    (
        b'{"id": "surrogate-key", "text": "y = 1\\n", "\\udc00k": 1}',
        "surrogate-key",
        "surrogate",
        False,
    ),
    (b'{"id": "bad\\ud800id", "text": "z = 1\\n"}', "LINE", "surrogate", False),
    (
        b'{"id": "deep", "text": "d = 1\\n", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "LINE",
        "nested",
        False,
    ),
    (
        b'{"id": "deep-300", "text": "d = 2\\n", "n": ' + b"[" * 300 + b"]" * 300 + b"}",
        "deep-300",
        "nested",
        False,
    ),
    (b'{"id": "number", "text": 12345}', "number", "holds a int", False),
    (
        json.dumps({"id": "over-cap", "text": "a = 1\n" * 1000}).encode(),
        "over-cap",
        "size cap",
        False,
    ),
    (b'{"id": "latin1", "text": "caf\xe9 = 1\\n"}', "latin1", "UTF-8", True),
    (b'\xff\xfe{"id": "utf16ish"}', "LINE", "UTF-8", True),
    (b'{"id": "broken", "text": ', "LINE", "malformed", False),
    (b"[1, 2, 3]", "LINE", "not an object", False),
    (b'{"id": "empty", "text": "   "}', "empty", "empty", False),
]


def _write(path: Path, lines: list[bytes]) -> Path:
    data = b"\n".join(lines) + b"\n"
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data))
    elif path.suffix == ".bz2":
        path.write_bytes(bz2.compress(data))
    else:
        path.write_bytes(data)
    return path


def read_rows(folder: Path) -> list[dict[str, Any]]:
    """Every row of the Parquet files of an output folder (pyarrow's dataset API is not used:
    it adds fields named ``__filename`` and the like, which input columns may also be)."""
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.parquet")):
        rows.extend(pq.ParquetFile(path).read().to_pylist())
    return rows


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[bytes]]:
    folder = tmp_path_factory.mktemp("hostile")
    good = [json.dumps(r, ensure_ascii=False).encode() for r in _good()]
    lines = good[:12] + [line for line, *_ in BAD] + good[12:]
    corpus = _write(folder / "corpus.jsonl", lines)
    out = folder / "out"
    code = cli(["prune", *prune_args(corpus, out, "--runner", "DirectRunner")])
    assert code == 0
    return out, lines


def _line_id(lines: list[bytes], line: bytes) -> str:
    return f"corpus.jsonl:{lines.index(line) + 1}"


def test_input_is_kept_plus_pruned(hostile_run: tuple[Path, list[bytes]]) -> None:
    out, lines = hostile_run
    kept, pruned = read_rows(out / "kept"), read_rows(out / "pruned")
    assert len(kept) + len(pruned) == len(lines)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["counts"]["input"] == len(lines)


def test_every_bad_record_is_pruned_with_its_id_detail_and_raw_line(
    hostile_run: tuple[Path, list[bytes]],
) -> None:
    out, lines = hostile_run
    pruned = read_rows(out / "pruned")
    reason, raw, encoding = _added(pruned[0])
    by_id = {row["id"]: row for row in pruned}
    for line, expected_id, detail, is_base64 in BAD:
        wanted = _line_id(lines, line) if expected_id == "LINE" else expected_id
        assert wanted in by_id, (wanted, sorted(by_id))
        row = by_id[wanted]
        assert row[reason] == "invalid_input" and detail in row[_name(row, "detail")], row
        if is_base64:
            assert row[encoding] == "base64" and base64.b64decode(row[raw]) == line
        else:
            assert row[encoding] == "utf-8" and row[raw].encode("utf-8", "surrogatepass") == line


def _name(row: dict[str, Any], wanted: str) -> str:
    """The name the run gave its added column ``wanted`` (input columns keep theirs)."""
    for candidate in (wanted, f"pruning_{wanted}", f"pruning_{wanted}_2", f"pruning_{wanted}_3"):
        if candidate in row and candidate not in COLLIDING:
            return candidate
    raise AssertionError(f"no added column for {wanted!r} in {sorted(row)}")


def _added(row: dict[str, Any]) -> tuple[str, str, str]:
    return _name(row, "reason"), _name(row, "raw"), _name(row, "raw_encoding")


def test_input_columns_named_like_added_ones_keep_their_values(
    hostile_run: tuple[Path, list[bytes]],
) -> None:
    out, _ = hostile_run
    good_ids = {r["id"] for r in _good()}
    for folder in ("kept", "pruned"):
        for row in read_rows(out / folder):
            if row["id"] in good_ids:
                for name, value in COLLIDING.items():
                    got = row[name]
                    if name == "meta":  # Parquet cannot store an empty object: JSON text
                        got = json.loads(got)
                    assert got == value, (folder, name, got)


def test_kept_texts_are_byte_equal_and_never_json_quoted(
    hostile_run: tuple[Path, list[bytes]],
) -> None:
    out, _ = hostile_run
    texts = {r["id"]: r["text"] for r in _good()}
    kept = read_rows(out / "kept")
    assert kept
    for row in kept:
        assert row["text"] == texts[row["id"]]
    assert pq.ParquetFile(sorted((out / "kept").glob("*.parquet"))[0]).schema_arrow.field(
        "text"
    ).type in ("string", "large_string")


def test_records_on_the_output_give_the_texts_back(hostile_run: tuple[Path, list[bytes]]) -> None:
    import croissant_tools as ct

    out, _ = hostile_run
    texts = {r["id"]: r["text"] for r in _good()}
    reader = ct.load(out / "croissant.json", "kept")
    got = {r["kept/id"]: r["kept/text"] for r in reader}
    assert got and all(got[i] == texts[i] for i in got)


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.bz2", ".ndjson.gz"])
def test_compressed_json_lines_are_read_like_plain_ones(tmp_path: Path, suffix: str) -> None:
    good = [json.dumps(r).encode() for r in _good(12)]
    corpus = _write(tmp_path / f"corpus{suffix}", [*good, BAD[7][0], BAD[9][0]])
    out = tmp_path / "out"
    args = prune_args(corpus, out, "--runner", "DirectRunner", "--no-report")
    assert cli(["prune", *args, "--num-clusters", "2"]) == 0
    kept, pruned = read_rows(out / "kept"), read_rows(out / "pruned")
    assert len(kept) + len(pruned) == 14
    assert {r["id"] for r in kept + pruned} >= {r["id"] for r in _good(12)} | {"latin1"}
