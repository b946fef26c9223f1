"""Croissant dataType -> Arrow: the mapping, arrays, sub-fields, and the generator round trip."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from croissant_tools import model
from croissant_tools.loading.schema import (
    DATA_TYPE_TO_ARROW,
    array_shape,
    arrow_field,
    croissant_type,
    metadata_lookup,
)
from croissant_tools.vocab import CONTEXT_1_1


def _field(node: dict[str, Any], extra: list[dict[str, Any]] | None = None) -> pa.Field:
    doc = {
        "@context": CONTEXT_1_1,
        "@type": "sc:Dataset",
        "recordSet": [{"@type": "cr:RecordSet", "@id": "rs", "field": [node, *(extra or [])]}],
    }
    metadata = model.build(doc)
    return arrow_field(metadata.record_sets[0].fields[0], metadata_lookup(metadata))


def test_every_atomic_type_has_an_arrow_type() -> None:
    from croissant_tools.vocab import ATOMIC_TYPES

    assert set(DATA_TYPE_TO_ARROW) >= ATOMIC_TYPES


def test_first_storable_type_wins_and_is_recorded() -> None:
    field = _field({"@id": "rs/f", "dataType": ["cr:Label", "sc:Integer", "sc:Text"]})
    assert field.name == "rs/f" and field.type == pa.int64()
    assert croissant_type(field) == "sc:Integer"


def test_arrays_with_shapes_and_sub_fields() -> None:
    matrix = _field(
        {"@id": "rs/m", "dataType": "cr:Float32", "isArray": True, "arrayShape": "-1,3"}
    )
    assert matrix.type == pa.list_(pa.list_(pa.float32()))
    assert array_shape(matrix) == (-1, 3)
    boxes = _field(
        {
            "@id": "rs/b",
            "isArray": True,
            "subField": [
                {"@id": "rs/b/x", "dataType": "sc:Float"},
                {"@id": "rs/b/tag", "dataType": "sc:Text"},
            ],
        }
    )
    assert boxes.type == pa.list_(pa.struct([("rs/b/x", pa.float64()), ("rs/b/tag", pa.string())]))


def test_type_inherited_from_the_source_field() -> None:
    other = {"@id": "rs/src", "dataType": "cr:Int16"}
    field = _field(
        {"@id": "rs/f", "dataType": "cr:Label", "source": {"field": {"@id": "rs/src"}}}, [other]
    )
    assert field.type == pa.int16()


@pytest.mark.parametrize(
    "arrow_type",
    [
        pa.int8(),
        pa.int16(),
        pa.int32(),
        pa.int64(),
        pa.uint8(),
        pa.uint16(),
        pa.uint32(),
        pa.uint64(),
        pa.float16(),
        pa.float32(),
        pa.float64(),
        pa.bool_(),
        pa.string(),
        pa.date32(),
        pa.timestamp("us"),
        pa.time64("us"),
        pa.list_(pa.int32()),
        pa.list_(pa.list_(pa.float32())),
        pa.struct([("a", pa.int64()), ("b", pa.string())]),
    ],
)
def test_round_trip_with_the_generator(arrow_type: pa.DataType) -> None:
    """Arrow type -> generator's Croissant field -> loader's Arrow type: the same type."""
    generation = pytest.importorskip("croissant_tools.generation.arrow_schema")
    spec = generation.field_spec(pa.field("c", arrow_type), typed=True)

    def node(s: Any, uid: str) -> dict[str, Any]:
        out: dict[str, Any] = {"@id": uid}
        if s.data_type:
            out["dataType"] = s.data_type
        if s.is_array:
            out["isArray"] = True
            out["arrayShape"] = s.array_shape
        if s.sub_fields:
            out["subField"] = [node(c, f"{uid}/{c.name}") for c in s.sub_fields]
        return out

    loaded = _field(node(spec, "rs/c")).type
    if pa.types.is_struct(arrow_type):
        arrow_type = pa.struct([(f"rs/c/{f.name}", f.type) for f in arrow_type])
    assert loaded == arrow_type
