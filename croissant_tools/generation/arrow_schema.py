"""Arrow types -> Croissant field types, in one place.

The loader has the inverse mapping; a round-trip test ties the two together.

=====================================  ===========================================
Arrow type                             Croissant (``typed`` source / text source)
=====================================  ===========================================
int8 … int64, uint8 … uint64           ``cr:Int8`` … ``cr:UInt64`` / ``sc:Integer``
float16, float32, float64, decimal     ``cr:Float16`` … ``cr:Float64`` / ``sc:Float``
bool                                   ``sc:Boolean``
string, large_string, dictionary       ``sc:Text``
binary, large_binary, fixed binary     ``sc:Text`` (raw bytes; described as binary)
date32, date64                         ``sc:Date``
timestamp                              ``sc:DateTime``
time32, time64                         ``sc:Time``
null (no value seen in the sample)     ``sc:Text``
list, large_list, fixed_size_list      element type + ``isArray`` + ``arrayShape``
struct                                 ``subField`` per child
=====================================  ===========================================

"Typed" sources (Parquet, Arrow, Hugging Face) store a width, so it is kept; text formats
(CSV, JSON) only say "a number", so the generic schema.org types are written. Every type
above is understood by mlcroissant 1.1.1 (``cr:Bool`` is not, so ``sc:Boolean`` is used).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.types as pat

_WIDTH_TYPES: dict[str, str] = {
    "int8": "cr:Int8",
    "int16": "cr:Int16",
    "int32": "cr:Int32",
    "int64": "cr:Int64",
    "uint8": "cr:UInt8",
    "uint16": "cr:UInt16",
    "uint32": "cr:UInt32",
    "uint64": "cr:UInt64",
    "halffloat": "cr:Float16",
    "float": "cr:Float32",
    "double": "cr:Float64",
}
ID_LIKE = re.compile(r"(?i)^(id|uuid|guid|key|idx|index)$|(^|_|-)(id|uuid)$|[a-z]Id$")


@dataclass
class FieldSpec:
    """A column described in Croissant terms (before it is tied to a source)."""

    name: str
    data_type: str | None
    nullable: bool = True
    is_array: bool = False
    array_shape: str | None = None
    sub_fields: list[FieldSpec] = field(default_factory=list)
    description: str | None = None
    arrow_type: str = ""


def atomic_type(arrow_type: pa.DataType, *, typed: bool) -> tuple[str, str | None]:
    """Croissant ``dataType`` of a non-nested Arrow type, and a note for the description."""
    if pat.is_boolean(arrow_type):
        return "sc:Boolean", None
    if pat.is_integer(arrow_type):
        return (_WIDTH_TYPES[str(arrow_type)] if typed else "sc:Integer"), None
    if pat.is_floating(arrow_type):
        return (_WIDTH_TYPES[str(arrow_type)] if typed else "sc:Float"), None
    if pat.is_decimal(arrow_type):
        return "sc:Float", f"decimal {arrow_type}"
    if pat.is_timestamp(arrow_type):
        return "sc:DateTime", None
    if pat.is_date(arrow_type):
        return "sc:Date", None
    if pat.is_time(arrow_type):
        return "sc:Time", None
    if pat.is_dictionary(arrow_type):
        return atomic_type(arrow_type.value_type, typed=typed)
    if pat.is_binary(arrow_type) or pat.is_large_binary(arrow_type):
        return "sc:Text", "binary"
    if pat.is_fixed_size_binary(arrow_type):
        return "sc:Text", "binary"
    if pat.is_duration(arrow_type):
        return ("cr:Int64" if typed else "sc:Integer"), f"duration in {arrow_type.unit}"
    return "sc:Text", None


def _is_list(arrow_type: pa.DataType) -> bool:
    return bool(
        pat.is_list(arrow_type)
        or pat.is_large_list(arrow_type)
        or pat.is_fixed_size_list(arrow_type)
    )


def field_spec(arrow_field: pa.Field, *, typed: bool) -> FieldSpec:
    """Describe one Arrow field (recursing into lists and structs)."""
    arrow_type = arrow_field.type
    spec = FieldSpec(
        name=arrow_field.name,
        data_type=None,
        nullable=arrow_field.nullable,
        arrow_type=str(arrow_type),
    )
    dims: list[str] = []
    while _is_list(arrow_type):
        dims.append(str(arrow_type.list_size) if pat.is_fixed_size_list(arrow_type) else "-1")
        arrow_type = arrow_type.value_type
    if dims:
        spec.is_array = True
        spec.array_shape = ",".join(dims)
    if pat.is_struct(arrow_type):
        spec.sub_fields = [
            field_spec(arrow_type.field(i), typed=typed) for i in range(arrow_type.num_fields)
        ]
        return spec
    spec.data_type, spec.description = atomic_type(arrow_type, typed=typed)
    return spec


def schema_specs(schema: pa.Schema, *, typed: bool) -> list[FieldSpec]:
    """Field specs for every column of ``schema``, in column order."""
    return [field_spec(schema.field(i), typed=typed) for i in range(len(schema))]


def signature(schema: pa.Schema) -> str:
    """A stable string that is equal for schemas files of one layout share.

    Column names and types, ignoring nullability and metadata, so that files written by
    the same program group together even when one of them happens to have no nulls.
    """
    return "|".join(f"{f.name}:{f.type}" for f in schema)


def key_candidates(schema: pa.Schema) -> list[str]:
    """Columns that could be a record key by name and type (unique-ness checked later)."""
    out = []
    for arrow_field in schema:
        kind = arrow_field.type
        usable = pat.is_integer(kind) or pat.is_string(kind) or pat.is_large_string(kind)
        if usable and ID_LIKE.search(arrow_field.name):
            out.append(arrow_field.name)
    return out


def unify(schemas: list[pa.Schema]) -> pa.Schema | None:
    """One schema for samples that may disagree (null vs. typed, int vs. float), or ``None``."""
    if not schemas:
        return None
    try:
        return pa.unify_schemas(schemas, promote_options="permissive")
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
