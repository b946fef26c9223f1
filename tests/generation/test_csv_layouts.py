"""The CSV shortcut must agree with Arrow whenever it answers, and decline otherwise."""

from __future__ import annotations

import io
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from croissant_tools.generation import csv_layouts, tables
from tests.generation.helpers import by_id, generate_into, records

#: Cells chosen to sit on Arrow's type boundaries (ints, floats, nulls, booleans, dates).
TRICKY = [
    "0", "7", "-3", "007", "-0", "+1", "12345678901234567", "9223372036854775807",
    "9223372036854775808", "-9223372036854775809", "1.5", "-.5", "1.", "1e5", "1E-3", "00.5",
    "inf", "-Infinity", "nan", "NaN", "NA", "N/A", "null", "", " ", " 1", "1 ", "0x10",
    "true", "False", "TRUE", "2024-01-02", "12:30:00", "2024-01-02T03:04:05", "T", "Z", "e",
    "abc", "word5", "é", "na", "none", "Nil", "#N/A", "1.#IND", "x y",
]  # fmt: skip
SEEDS = {"int64": ["1", "2"], "double": ["1.5", "2"], "string": ["a", "b"]}


def arrow(sample: bytes) -> tuple[pa.Schema, int] | None:
    """What the full path infers (schema and rows), or ``None`` if Arrow rejects it."""
    try:
        table = pa_csv.read_csv(
            io.BytesIO(sample),
            read_options=pa_csv.ReadOptions(use_threads=False, block_size=len(sample) + 1),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    return table.schema, table.num_rows


def full_key(sample: bytes) -> str | None:
    """The key the Arrow path finds, by running it with the shortcut disabled."""
    csv_layouts._LAYOUTS.clear()
    info = tables._csv("csv", sample, True)
    return tables.find_key(info, lambda: io.BytesIO(sample), len(sample))


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    csv_layouts._LAYOUTS.clear()


CLEAN = {
    "int64": st.one_of(st.integers(-99, 999), st.integers(-(10**20), 10**20)).map(str),
    "double": st.floats(allow_nan=False, allow_infinity=False).map(repr),
    "string": st.from_regex(r"[A-Za-z][A-Za-z0-9 ]{0,5}", fullmatch=True),
}


@st.composite
def samples(draw: st.DrawFn) -> tuple[tuple[str, ...], list[list[str]]]:
    """Column types for the learned layout, and rows mostly (not always) of those types."""
    types = draw(st.tuples(*[st.sampled_from(sorted(SEEDS))] * 3))
    tricky = st.sampled_from(TRICKY)
    other = st.sampled_from(sorted(CLEAN)).flatmap(lambda t: CLEAN[t])
    cells = [st.one_of(*[CLEAN[t]] * 8, tricky, other) for t in types]
    width = st.sampled_from([3] * 10 + [2, 4])
    rows = draw(st.lists(width.flatmap(lambda n: st.tuples(*(cells * 2)[:n])), max_size=6))
    return types, [list(row) for row in rows]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=samples(), newline=st.sampled_from(["\n", "\r\n"]), final=st.booleans())
def test_shortcut_agrees_with_arrow(
    case: tuple[tuple[str, ...], list[list[str]]], newline: str, final: bool
) -> None:
    types, rows = case
    header = "id,value,label"
    seed = header + "\n" + "\n".join(",".join(SEEDS[t][i] for t in types) for i in (0, 1)) + "\n"
    learned = arrow(seed.encode())
    assert learned is not None
    csv_layouts.remember("csv", seed.encode(), learned[0], ",", [])
    text = newline.join([header] + [",".join(row) for row in rows]) + (newline if final else "")
    sample = text.encode()
    found = csv_layouts.match("csv", sample)
    if found is None:
        return
    truth = arrow(sample)
    assert truth is not None, "the shortcut accepted what Arrow rejects"
    assert truth[0].equals(found.layout.schema), (truth[0], found.layout.schema)
    assert truth[1] == found.num_rows
    assert found.key == full_key(sample)


def test_shortcut_is_taken_for_shards_of_one_layout() -> None:
    first = b"id,score,name\n1,0.5,ann\n2,1.5,bob\n"
    info = tables._csv("csv", first, True)
    assert info.sample is not None  # parsed by Arrow
    second = tables._csv("csv", b"id,score,name\n3,2.5,cy\n4,3,dee\n", True)
    assert second.sample is None and second.key == ("id",) and second.num_rows == 2
    assert second.schema.equals(info.schema)
    # same header, other types: Arrow decides, and the layout differs
    third = tables._csv("csv", b"id,score,name\n5,x,eve\n", True)
    assert third.sample is not None and str(third.schema.field("score").type) == "string"


def test_shards_with_other_headers_or_types_still_split(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    for index in range(30):
        (tmp_path / "d" / f"a{index:02d}.csv").write_text(f"id,v\n{index},{index}.5\n")
    (tmp_path / "d" / "b00.csv").write_text("id,w\n1,2.5\n")  # another header
    (tmp_path / "d" / "c00.csv").write_text("id,v\n1,text\n")  # same header, other type
    generated = generate_into(tmp_path)
    distribution = generated.document["distribution"]
    assert by_id(distribution, "d-files")["description"].startswith("30 CSV files")
    assert {"d/b00.csv", "d/c00.csv"} <= {item["@id"] for item in distribution}
    assert len(records(generated.output, "d")) == 30
