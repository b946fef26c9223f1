"""Normalising raw input rows into pipeline records, and routing the invalid ones.

:func:`prepare` turns a :class:`~pipelines.sources.RawRow` into a :class:`Prepared` record:
id, text, canonical language, path, the original columns (as JSON text), and — for a row
that cannot take part — ``invalid``, the reason it goes to ``pruned/`` with reason
``invalid_input``: no text field, empty text, text that is not valid UTF-8, binary text
(NUL bytes), text over the size cap, a missing id, or a row that could not be read at all.
Invalid records are never dropped and never fail the job: an invalid record keeps its id
when one can be read, and its ``raw`` input (the JSON line, or the file's bytes) when the
reader has it, which :func:`raw_columns` writes as text or base64.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from pipelines import columns as cols
from pipelines.options import Fields
from pipelines.sources import RawRow
from pruning.dedup import exact_key
from pruning.languages import EXTENSIONS, LANGUAGES, language_for_path
from pruning.types import StructuralSignals

INVALID = "invalid_input"

#: Common spellings of language names -> the canonical names of :mod:`pruning.languages`.
LANGUAGE_ALIASES = {
    "py": "python",
    "python3": "python",
    "js": "javascript",
    "node": "javascript",
    "ts": "typescript",
    "c++": "cpp",
    "cxx": "cpp",
    "golang": "go",
    "rs": "rust",
}
_CANONICAL = {*LANGUAGES, *EXTENSIONS.values()}


@dataclass(frozen=True)
class Prepared:
    """A record inside the pipeline (see the module docstring); ``order`` is its input position."""

    id: str
    order: tuple[int, int]
    source: str
    text: str | None
    language: str
    path: str | None
    columns: str
    invalid: str | None = None
    exact_key: str | None = None
    duplicate_of: str | None = None
    language_source: str = "unknown"
    language_confidence: float | None = None
    copies: int = 0  # exact duplicates of this record (it is their representative)
    raw: bytes | None = None

    @property
    def valid(self) -> bool:
        """Whether the record takes part in dedup, embedding and scoring."""
        return self.invalid is None

    def replace(self, **changes: Any) -> Prepared:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)


def canonical_language(value: Any) -> str:
    """``"unknown"`` unless ``value`` names a language :mod:`pruning.languages` knows."""
    if not isinstance(value, str):
        return "unknown"
    name = value.strip().lower()
    name = LANGUAGE_ALIASES.get(name, name)
    return name if name in _CANONICAL else "unknown"


#: How a record's language was decided (``language_source``).
LANGUAGE_SOURCES = ("given", "extension", "detected", "unknown")


def _language(columns: dict[str, Any], fields: Fields) -> tuple[str, str]:
    """The record's language and how it was decided: its language field, else its path's
    extension, else ``--language``; ``("unknown", "unknown")`` leaves it to detection."""
    if fields.language and columns.get(fields.language) is not None:
        found = canonical_language(columns[fields.language])
        if found != "unknown":
            return found, "given"
    path = columns.get(fields.path) if fields.path else None
    if isinstance(path, str) and language_for_path(path) != "unknown":
        return language_for_path(path), "extension"
    if fields.default_language and canonical_language(fields.default_language) != "unknown":
        return canonical_language(fields.default_language), "given"
    return "unknown", "unknown"


def check_text(value: Any, field_name: str, cap: int) -> tuple[str | None, str | None]:
    """``(text, None)`` for usable text, else ``(text or None, why it is invalid)``."""
    if value is None:
        return None, f"no value in the text field {field_name!r}"
    if isinstance(value, bytes | bytearray):
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, f"text is not UTF-8 (byte {exc.start})"
    if not isinstance(value, str):
        return None, f"text field {field_name!r} holds a {type(value).__name__}, not text"
    try:
        size = len(value.encode("utf-8"))
    except UnicodeEncodeError:
        return None, "text is not valid UTF-8 (lone surrogate)"
    if size > cap:
        return None, f"text of {size} bytes is over the size cap of {cap}"
    if not value.strip():
        return value, "text is empty"
    if "\x00" in value:
        return value, "text is binary (contains NUL bytes)"
    return value, None


def id_text(value: Any) -> str | None:
    """An id value as the text the outputs hold (JSON for what is not a string or a whole
    number); ``None`` when there is no usable id."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, bytes | bytearray):
        return raw_columns(bytes(value))[0]
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        return str(value)


def prepare(row: RawRow, fields: Fields, cap: int) -> Prepared:
    """Normalise one raw row (see the module docstring)."""
    data = row.columns
    record_id = row.source
    invalid = row.error
    if fields.id is not None and (invalid is None or fields.id in data):
        found = id_text(data.get(fields.id))
        if found is not None:
            record_id = found
        elif invalid is None:
            invalid = f"no value in the id field {fields.id!r}"
    text: str | None = None
    if invalid is None:
        if fields.text not in data:
            invalid = f"no text field {fields.text!r} in this record"
        else:
            text, invalid = check_text(data[fields.text], str(fields.text), cap)
    path = data.get(fields.path) if fields.path else None
    language, language_source = _language(data, fields)
    # The text travels in ``text`` when valid, and in ``raw`` (exactly as read) when not.
    kept = invalid is None or row.raw is not None
    return Prepared(
        id=record_id,
        order=row.order,
        source=row.source,
        text=text if invalid is None else None,
        language=language,
        language_source=language_source,
        path=str(path) if path is not None else None,
        columns=cols.encode(_without(data, fields.text) if kept else data),
        invalid=invalid,
        exact_key=exact_key(text) if invalid is None and text is not None else None,
        raw=row.raw if invalid is not None else None,
    )


def raw_columns(raw: bytes | None) -> tuple[str | None, str | None]:
    """``(raw, encoding)`` as the outputs write an invalid record's input: the text itself
    when it is UTF-8 (``"utf-8"``), else base64 (``"base64"``); ``(None, None)`` without."""
    if raw is None:
        return None, None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return base64.b64encode(raw).decode("ascii"), "base64"


def _without(data: dict[str, Any], name: str | None) -> dict[str, Any]:
    """The columns minus the text field (valid text travels in ``text``; no second copy)."""
    return {k: v for k, v in data.items() if k != name}


def restore_columns(columns: str, text_field: str | None, text: str | None) -> dict[str, Any]:
    """The original columns of a record, text field included (inverse of :func:`prepare`)."""
    data = cols.decode(columns)
    if text_field is not None and text is not None:
        data[text_field] = text
    return data


def resolve_duplicate_ids(records: list[Prepared]) -> list[Prepared]:
    """Records sharing an id: the first in input order keeps it, the rest become invalid.

    Their id becomes ``id@source`` so that every output id stays unique.
    """
    ordered = sorted(records, key=lambda r: r.order)
    first = ordered[0]
    out = [first]
    for other in ordered[1:]:
        out.append(
            other.replace(
                id=f"{other.id}@{other.source}",
                invalid=f"duplicate id {other.id!r} (first at {first.source})",
                exact_key=None,
            )
        )
    return out


_ARROW_TYPES = {"bool": pa.bool_(), "str": pa.string(), "int": pa.int64(), "float": pa.float64()}


def _signal_field(field: dataclasses.Field[Any]) -> pa.Field:
    name = str(field.type).replace(" | None", "").strip()
    return pa.field(field.name, _ARROW_TYPES[name])


#: One column per :class:`pruning.types.StructuralSignals` field, so new signals flow through.
SIGNAL_FIELDS: list[pa.Field] = [_signal_field(f) for f in dataclasses.fields(StructuralSignals)]

#: Columns of the ``_work/records`` shards written by the prepare stage.
RECORDS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("task", pa.int64()),
        pa.field("row", pa.int64()),
        pa.field("source", pa.string()),
        pa.field("text", pa.large_string()),
        pa.field("language", pa.string()),
        pa.field("language_source", pa.string()),
        pa.field("language_confidence", pa.float64()),
        pa.field("path", pa.string()),
        pa.field("columns", pa.large_string()),
        pa.field("invalid", pa.string()),
        pa.field("exact_key", pa.string()),
        pa.field("duplicate_of", pa.string()),
        pa.field("copies", pa.int64()),
        pa.field("raw", pa.large_binary()),
        *SIGNAL_FIELDS,
    ]
)


def to_row(record: Prepared, signals: dict[str, Any] | None) -> dict[str, Any]:
    """The ``_work/records`` row of a record and its structural signals (or none)."""
    row: dict[str, Any] = {
        "id": record.id,
        "task": record.order[0],
        "row": record.order[1],
        "source": record.source,
        "text": record.text,
        "language": record.language,
        "language_source": record.language_source,
        "language_confidence": record.language_confidence,
        "path": record.path,
        "columns": record.columns,
        "invalid": record.invalid,
        "exact_key": record.exact_key,
        "duplicate_of": record.duplicate_of,
        "copies": record.copies,
        "raw": record.raw,
    }
    for f in SIGNAL_FIELDS:
        row[f.name] = signals.get(f.name) if signals else None
    return row
