"""Croissant ``dataType`` → Arrow type: the one place the loader decides column types.

Every record set the loader reads has an Arrow schema derived from its fields, so a
record set has the same column types whatever file format holds it. The generator owns
the inverse mapping (Arrow → Croissant); a round-trip test ties the two together.

A field's Arrow type is the mapping of its first ``dataType`` that has one (as
mlcroissant does); ``isArray`` (or 1.0 ``repeated``) wraps it in a list, once per
``arrayShape`` dimension; ``subField`` children make a struct. Each Arrow field carries
the Croissant facts that Arrow cannot express as metadata (``croissant:dataType``,
``croissant:arrayShape``, ``croissant:id``) so that the TensorFlow and JAX adapters can
derive static shapes and decode images.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

import pyarrow as pa

from croissant_tools.model import FieldNode, Metadata

#: Croissant data type (canonical compact IRI) → Arrow type of one value.
DATA_TYPE_TO_ARROW: Final[dict[str, pa.DataType]] = {
    "sc:Text": pa.string(),
    "sc:URL": pa.string(),
    "sc:Integer": pa.int64(),
    "sc:Float": pa.float64(),
    "sc:Number": pa.float64(),
    "sc:Boolean": pa.bool_(),
    "sc:Date": pa.date32(),
    "sc:DateTime": pa.timestamp("us"),
    "sc:Time": pa.time64("us"),
    "cr:Int8": pa.int8(),
    "cr:Int16": pa.int16(),
    "cr:Int32": pa.int32(),
    "cr:Int64": pa.int64(),
    "cr:UInt8": pa.uint8(),
    "cr:UInt16": pa.uint16(),
    "cr:UInt32": pa.uint32(),
    "cr:UInt64": pa.uint64(),
    "cr:Float16": pa.float16(),
    "cr:Float32": pa.float32(),
    "cr:Float64": pa.float64(),
    "cr:Bool": pa.bool_(),
    # ML types: encoded media stay bytes; a bounding box is four numbers.
    "sc:ImageObject": pa.binary(),
    "sc:AudioObject": pa.binary(),
    "sc:VideoObject": pa.binary(),
    "cr:SegmentationMask": pa.binary(),
    "cr:BoundingBox": pa.list_(pa.float64()),
}
#: Types whose values are encoded media files (decoded only on request).
MEDIA_TYPES: Final[frozenset[str]] = frozenset(
    {"sc:ImageObject", "sc:AudioObject", "sc:VideoObject", "cr:SegmentationMask"}
)
#: Arrow field metadata keys.
META_ID: Final = b"croissant:id"
META_DATA_TYPE: Final = b"croissant:dataType"
META_ARRAY_SHAPE: Final = b"croissant:arrayShape"
META_SAMPLING_RATE: Final = b"croissant:samplingRate"

FieldLookup = Callable[[str], FieldNode | None]


def value_type(data_types: Iterable[str]) -> tuple[pa.DataType, str] | None:
    """Arrow type and Croissant type of the first ``dataType`` the loader can store."""
    for data_type in data_types:
        arrow = DATA_TYPE_TO_ARROW.get(data_type)
        if arrow is not None:
            return arrow, data_type
    return None


def parse_shape(text: str | None) -> tuple[int, ...] | None:
    """``arrayShape`` ("-1,3") as a tuple of ints (``-1`` = any size); ``None`` if absent/bad."""
    if not text:
        return None
    try:
        shape = tuple(int(part) for part in text.replace(" ", "").split(","))
    except ValueError:
        return None
    return shape if shape and all(d == -1 or d > 0 for d in shape) else None


def is_list_field(item: FieldNode) -> bool:
    """Whether the field holds a list of values (``isArray`` in 1.1, ``repeated`` in 1.0)."""
    return item.is_array or item.repeated


def field_type(item: FieldNode, lookup: FieldLookup | None = None) -> tuple[pa.DataType, str]:
    """Arrow type of a field's values and the Croissant type it came from.

    Without a storable ``dataType`` (e.g. only ``cr:Label``) the type of the source field
    is used when the source is another field, as mlcroissant does; otherwise the value
    is bytes for a file's ``content`` and text for anything else.
    """
    if item.sub_fields:
        children = [arrow_field(child, lookup) for child in item.sub_fields]
        base: pa.DataType = pa.struct(children)
        croissant_type = "cr:RecordSet"
    else:
        found = value_type(item.data_types)
        if found is None:
            found = _inherited_type(item, lookup, depth=0)
        base, croissant_type = found
    if is_list_field(item):
        dims = parse_shape(item.array_shape)
        for _ in range(len(dims) if dims else 1):
            base = pa.list_(base)
    return base, croissant_type


def _inherited_type(
    item: FieldNode, lookup: FieldLookup | None, depth: int
) -> tuple[pa.DataType, str]:
    source = item.source
    if source is not None and source.field and lookup is not None and depth < 16:
        parent = lookup(source.field)
        if parent is not None and parent is not item:
            found = value_type(parent.data_types)
            if found is not None:
                return found
            return _inherited_type(parent, lookup, depth + 1)
    prop = source.extract.file_property if source and source.extract else None
    if prop == "content":
        return pa.binary(), "sc:Text"
    if prop == "lineNumbers":
        return pa.int64(), "sc:Integer"
    return pa.string(), "sc:Text"


def arrow_field(item: FieldNode, lookup: FieldLookup | None = None) -> pa.Field:
    """The Arrow field (name = Croissant ``@id``, nullable) for one Croissant field."""
    arrow_type, croissant_type = field_type(item, lookup)
    meta = {META_DATA_TYPE: croissant_type.encode()}
    if item.id:
        meta[META_ID] = item.id.encode()
    if item.array_shape:
        meta[META_ARRAY_SHAPE] = item.array_shape.encode()
    rates = [t.sampling_rate for t in (item.source.transforms if item.source else [])]
    if any(rates):
        meta[META_SAMPLING_RATE] = str(next(r for r in rates if r)).encode()
    return pa.field(item.id or item.name or "?", arrow_type, nullable=True, metadata=meta)


def metadata_lookup(metadata: Metadata) -> FieldLookup:
    """A field lookup by ``@id`` over every record set of ``metadata``."""

    def lookup(uid: str) -> FieldNode | None:
        found = metadata.field(uid)
        return found[1] if found else None

    return lookup


def croissant_type(field: pa.Field) -> str | None:
    """The Croissant data type recorded on an Arrow field by :func:`arrow_field`."""
    raw = (field.metadata or {}).get(META_DATA_TYPE)
    return raw.decode() if raw else None


def array_shape(field: pa.Field) -> tuple[int, ...] | None:
    """The ``arrayShape`` recorded on an Arrow field (``None`` if the field had none)."""
    raw = (field.metadata or {}).get(META_ARRAY_SHAPE)
    return parse_shape(raw.decode()) if raw else None


def sampling_rate(field: pa.Field) -> int | None:
    """The ``samplingRate`` transform of an audio field's source, if any."""
    raw = (field.metadata or {}).get(META_SAMPLING_RATE)
    return int(raw) if raw else None


def is_media(field: pa.Field) -> bool:
    """Whether the column holds encoded media (images, audio, video, masks) as bytes."""
    return croissant_type(field) in MEDIA_TYPES
