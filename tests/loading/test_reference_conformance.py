"""Records of the reference repository's datasets and recipes equal mlcroissant's.

``tests/fixtures/reference`` holds the mlcommons/croissant datasets with local data,
rewritten with their features (see ``make_reference.py``), and mlcroissant 1.1.1's
records for each (``output/*.jsonl``, written by ``tests.loading.reference_expected``
through mlcroissant's own ``record_to_python``). Our records are rendered the same way:
images as the ``PIL`` object mlcroissant yields, audio as its ``(samples, rate)``
tuple, dates as ``%Y-%m-%d %X``, nulls as ``None``. 0.8 documents are upgraded in
memory, so their fields gain ``@id`` ``record_set/name``; mlcroissant keys 0.8 records by
the bare name, which is what is compared there.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
from typing import Any

import pyarrow as pa
import pytest

import croissant_tools as ct
from croissant_tools.loading.schema import croissant_type
from tests.loading.reference_expected import cases, output_path

CASES = cases()
_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")


def _image(value: bytes) -> str:
    from PIL import Image

    image = Image.open(io.BytesIO(value))
    return _ADDRESS.sub("<MEMORY_ADDRESS>", repr(image))


def reference_form(value: Any, field: pa.Field) -> Any:
    """Our value as mlcroissant's ``record_to_python`` renders the value it yields."""
    kind = croissant_type(field)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "sc:ImageObject":
        return _image(value)
    if kind == "sc:AudioObject":
        return _ADDRESS.sub("<MEMORY_ADDRESS>", str(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d %X")
    return value


def canonical(value: Any) -> Any:
    """``None`` for the two ways record_to_python writes a null (``None`` and "None")."""
    return None if value == "None" else value


@pytest.mark.parametrize(
    ("name", "document", "record_set", "filters"), CASES, ids=[c[0] for c in CASES]
)
def test_records_equal_mlcroissant_expected_output(
    name: str, document: Any, record_set: str, filters: dict[str, str] | None
) -> None:
    if "audio" in name:
        pytest.importorskip("soundfile")
        pytest.importorskip("soxr")
    expected = [
        json.loads(line) for line in output_path(document, record_set).read_text().splitlines()
    ]
    reader = ct.load(document, record_set, filters=filters)
    old = name.startswith("0.8/")
    ours = []
    for record in reader.records(audio="array"):
        ours.append(
            {
                (key.rsplit("/", 1)[-1] if old else key): canonical(
                    reference_form(value, reader.schema.field(key))
                )
                for key, value in record.items()
            }
        )
    theirs = [{k: canonical(v) for k, v in row.items()} for row in expected]
    assert ours == theirs


def test_the_reference_features_are_covered() -> None:
    names = " ".join(c[0] for c in CASES)
    for feature in ("tar", "zip", "split", "join", "audio", "parquet", "0.8/", "multilingual"):
        assert feature in names
