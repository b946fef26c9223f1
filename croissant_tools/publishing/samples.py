"""The first rows of each record set, read with our loader, for the dataset page.

A handful of rows (:data:`ROWS`) of each record set that reads local files, read with
:func:`croissant_tools.load` under the same safety rules as any load (nothing outside the
dataset folder, no network, checksums not verified: only a few rows are read). Text is
shortened, images become small PNG thumbnails embedded in the page (``img-src data:``
is the only thing the page's Content-Security-Policy allows besides its own style and
script), and everything else is shown as text, escaped like all metadata. A record set
that cannot be read gets the reason instead of rows; publishing never fails because of it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from croissant_tools.model import Metadata, RecordSet
from croissant_tools.publishing import html
from croissant_tools.publishing.facts import resources_of
from croissant_tools.publishing.markup import Content, el

ROWS = 5
#: Record sets sampled per page (a page for 10,000 record sets reads no data).
MAX_RECORD_SETS = 20
MAX_COLUMNS = 12
MAX_TEXT = 120
THUMBNAIL = 64
#: Smaller images are shown enlarged to this size (pixelated, not blurred).
SHOWN = 40


@dataclass(frozen=True)
class Sample:
    """The first rows of one record set (cells as read), or why there are none."""

    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    images: frozenset[str] = frozenset()
    error: str | None = None


def read_samples(data: dict[str, Any], root: Path | None, metadata: Metadata) -> dict[str, Sample]:
    """Samples keyed by record-set ``@id`` (only record sets that read files)."""
    if root is None:
        return {}
    out: dict[str, Sample] = {}
    for record_set in metadata.record_sets:
        if len(out) >= MAX_RECORD_SETS:
            break
        if record_set.is_split or record_set.data is not None or not resources_of(record_set):
            continue
        uid = record_set.id or record_set.name or ""
        out[uid] = _sample(data, root, record_set, uid)
    return out


def _sample(data: dict[str, Any], root: Path, record_set: RecordSet, uid: str) -> Sample:
    from croissant_tools.loading import load

    images = frozenset(f.id for f in record_set.fields if f.id and "sc:ImageObject" in f.data_types)
    try:
        reader = load(data, uid, root=root, strict=False, verify_checksums=False, delegate=False)
        batch = next(iter(reader.iter_batches(ROWS)), None)
    except Exception as exc:  # a page never fails because one record set cannot be read
        message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        return Sample(error=str(message).splitlines()[0][:300])
    if batch is None:
        return Sample(error="no records")
    columns = batch.schema.names[:MAX_COLUMNS]
    rows = [[row.get(c) for c in columns] for row in batch.slice(0, ROWS).to_pylist()]
    return Sample(columns, rows, images)


def _thumbnail(value: Any) -> Content:
    if not isinstance(value, bytes | bytearray):
        return _text(value)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(value)) as image:
            image.thumbnail((THUMBNAIL, THUMBNAIL))
            converted = image.convert("RGBA" if "A" in image.getbands() else "RGB")
            out = io.BytesIO()
            converted.save(out, format="PNG")
    except (UnidentifiedImageError, OSError, ValueError):
        return el("span", f"{len(value):,} bytes (not an image)", class_="muted")
    scale = max(1.0, SHOWN / max(converted.width, converted.height))  # tiny images: enlarge
    size = {"width": round(converted.width * scale), "height": round(converted.height * scale)}
    return html.png_image(out.getvalue(), alt="image", **size)


def _text(value: Any) -> Content:
    if value is None:
        return el("span", "null", class_="muted")
    if isinstance(value, bytes | bytearray):
        return el("span", f"{len(value):,} bytes", class_="muted")
    if isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    elif isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    return el("span", text, dir="auto", class_="cell short" if len(text) <= 24 else "cell")


def sample_table(sample: Sample, names: dict[str, str]) -> Markup:
    """The sample as a table (column headers are field names), or why there is none."""
    if sample.error is not None:
        return el("p", f"No sample rows: {sample.error}", class_="muted")
    cells = [
        [_thumbnail(v) if c in sample.images else _text(v) for c, v in zip(sample.columns, row)]
        for row in sample.rows
    ]
    headers = [names.get(c, c) for c in sample.columns]
    caption = f"First {len(sample.rows)} records, as croissant-tools reads them"
    return html.table(cells, headers, caption=caption)
