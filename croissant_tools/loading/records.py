"""Arrow batches → Python dict records, the thin layer over the batch stream.

Records are keyed by field ``@id``; sub-fields are nested dicts (lists of dicts under an
array field). Text is ``str`` (``text="bytes"`` gives ``bytes`` like mlcroissant), dates
are ``datetime.date``/``datetime``, images stay encoded ``bytes`` unless
``images="pil"`` asks for decoded ``PIL.Image`` objects.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any, Literal

import pyarrow as pa

from croissant_tools.errors import DataError, UsageError
from croissant_tools.loading.schema import croissant_type

TextMode = Literal["str", "bytes"]
ImageMode = Literal["bytes", "pil"]
AudioMode = Literal["bytes", "array"]


def _text_as_binary(data_type: pa.DataType) -> pa.DataType:
    if pa.types.is_string(data_type):
        return pa.binary()
    if pa.types.is_large_string(data_type):
        return pa.large_binary()
    if pa.types.is_list(data_type):
        return pa.list_(_text_as_binary(data_type.value_type))
    if pa.types.is_struct(data_type):
        return pa.struct([f.with_type(_text_as_binary(f.type)) for f in data_type])
    return data_type


def check_modes(text: str, images: str, audio: str = "bytes") -> None:
    """Refuse unknown ``text``/``images``/``audio`` modes with a usage error."""
    if text not in ("str", "bytes"):
        raise UsageError(f"text must be 'str' or 'bytes', not {text!r}")
    if images not in ("bytes", "pil"):
        raise UsageError(f"images must be 'bytes' or 'pil', not {images!r}")
    if audio not in ("bytes", "array"):
        raise UsageError(f"audio must be 'bytes' or 'array', not {audio!r}")


def audio_columns(schema: pa.Schema) -> list[pa.Field]:
    """Top-level fields holding encoded audio."""
    return [f for f in schema if croissant_type(f) == "sc:AudioObject"]


def image_columns(schema: pa.Schema) -> list[str]:
    """Top-level columns holding encoded images."""
    return [
        f.name for f in schema if croissant_type(f) in ("sc:ImageObject", "cr:SegmentationMask")
    ]


def decode_image(value: bytes | None, where: str = "") -> Any:
    """A ``PIL.Image`` from encoded bytes (``None`` stays ``None``)."""
    if value is None:
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(value))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise DataError(f"cannot decode image: {exc}", where=where) from None
    return image


def batch_records(
    batch: pa.RecordBatch,
    *,
    text: TextMode = "str",
    images: ImageMode = "bytes",
    audio: AudioMode = "bytes",
) -> list[dict[str, Any]]:
    """The records of one batch as dicts (``audio="array"``: ``(samples, rate)`` tuples,
    as mlcroissant yields them; see :mod:`croissant_tools.loading.audio`)."""
    schema = batch.schema
    if text == "bytes":
        arrays = [c.cast(_text_as_binary(c.type)) for c in batch.columns]
        batch = pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)
    rows: list[dict[str, Any]] = batch.to_pylist()
    if images == "pil":
        for name in image_columns(batch.schema):
            for row in rows:
                row[name] = decode_image(row[name], where=f"field {name!r}")
    if audio == "array":
        from croissant_tools.loading.audio import decode_audio
        from croissant_tools.loading.schema import sampling_rate

        for field in audio_columns(schema):
            rate = sampling_rate(field)
            for row in rows:
                row[field.name] = decode_audio(row[field.name], rate, f"field {field.name!r}")
    return rows


def iter_records(
    batches: Iterable[pa.RecordBatch],
    *,
    text: TextMode = "str",
    images: ImageMode = "bytes",
    audio: AudioMode = "bytes",
) -> Iterator[dict[str, Any]]:
    """Records of a batch stream, one dict at a time."""
    check_modes(text, images, audio)
    for batch in batches:
        yield from batch_records(batch, text=text, images=images, audio=audio)
