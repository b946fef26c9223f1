"""Inline lookup record sets (``data``) that other fields reference: splits and languages.

Both follow the foreign-key pattern of the Croissant specification: a field of the
described files ``references`` the lookup's key, and (for languages) another field takes
a column of the lookup through ``source.field``. mlcroissant 1.1.1 and our loader both
perform the join.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from croissant_tools.generation import records
from croissant_tools.generation.formats import classify
from croissant_tools.generation.layout import SPLIT_NAMES

Json = dict[str, Any]
#: The extension of a file name without a final ``.gz``; ``py`` stays ``py`` (idempotent).
EXTENSION_REGEX = r"^(?:.*?\.)?([^./]+?)(?:\.[gG][zZ])?$"
_SPLIT_ORDER = {"cr:TrainingSplit": 0, "cr:ValidationSplit": 1, "cr:TestSplit": 2}


def splits_record_set(splits: Iterable[str]) -> Json:
    """The ``cr:Split`` record set ``splits`` enumerating the split names found in paths."""
    names = sorted(splits, key=lambda n: (_SPLIT_ORDER.get(SPLIT_NAMES[n.lower()]), n))
    fields = [
        records.field_json("splits/name", "name", "sc:Text", None),
        records.field_json("splits/url", "url", "sc:URL", None),
    ]
    data = [{"splits/name": n, "splits/url": SPLIT_NAMES[n.lower()]} for n in names]
    return records.record_set_json(
        "splits",
        fields,
        description="The splits of the dataset.",
        key=["splits/name"],
        data_type="cr:Split",
        data=data,
    )


def extension_languages(suffixes: Iterable[str]) -> dict[str, str]:
    """``{"py": "python", "PY": "python"}`` for code suffixes as spelt (``.PY``, ``.py.gz``).

    The keys are what :data:`EXTENSION_REGEX` captures from such file names.
    """
    out = {}
    for suffix in suffixes:
        spelt = suffix[:-3] if suffix.lower().endswith(".gz") else suffix
        language = classify("x" + suffix).language
        if language is not None:
            out[spelt.lstrip(".")] = language
    return out


def languages_record_set(uid: str, languages: Mapping[str, str]) -> Json:
    """The inline record set mapping each extension present to its language, keyed by it."""
    fields = [
        records.field_json(
            f"{uid}/extension", "extension", "sc:Text", None, description="File extension."
        ),
        records.field_json(
            f"{uid}/language", "language", "sc:Text", None, description="Language name."
        ),
    ]
    data = [
        {f"{uid}/extension": ext, f"{uid}/language": languages[ext]} for ext in sorted(languages)
    ]
    return records.record_set_json(
        uid,
        fields,
        description="Programming language of each source-code file extension.",
        key=[f"{uid}/extension"],
        data=data,
    )


def language_fields(rs: str, resource: str, resource_kind: str, table: str) -> list[Json]:
    """``extension`` (from each file name) and ``language``, joined through ``table``.

    The extension field ``references`` the key of the languages record set and
    ``language`` takes that record set's ``language`` column. The regex gives the same
    value when applied twice, because mlcroissant 1.1.1 applies it to the joined column in
    place and again when it reads the field. The extension field must come before any
    other referencing field of the record set: mlcroissant 1.1.1 performs only the first
    join of a record set.
    """
    extension = records.regex_field(
        f"{rs}/extension",
        "extension",
        resource,
        resource_kind,
        EXTENSION_REGEX,
        description="File extension as the file name spells it (py, js, ...; without a final .gz).",
        file_property="filename",
        references=f"{table}/extension",
    )
    language = records.field_json(
        f"{rs}/language",
        "language",
        "sc:Text",
        {"field": records.ref(f"{table}/language")},
        description=f"Programming language named by the extension (from {table}).",
    )
    return [extension, language]
