"""Hugging Face ``datasets``: in-memory ``Dataset``/``DatasetDict`` and ``save_to_disk`` folders.

Arrow files written by ``save_to_disk`` are not a format Croissant readers understand,
so the rows are exported once to Parquet (``data/<split>-00000-of-00001.parquet`` next
to the ``croissant.json``), as the Hugging Face Hub does, and the Parquet files are
described the way the Hub's own Croissant export describes a dataset: one record set
named after the config, a ``split`` field that references a ``cr:Split`` record set, and
each ``ClassLabel`` as an ``sc:Enumeration`` record set of its class names that the label
field references. Writing is deterministic (same rows, same bytes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from croissant_tools.atomic import replacing
from croissant_tools.errors import InputError
from croissant_tools.generation import records

ROWS_PER_GROUP = 100_000


def is_hf_object(source: Any) -> bool:
    """Whether ``source`` is a ``datasets.Dataset`` or ``DatasetDict`` (without importing it)."""
    module = type(source).__module__ or ""
    return module.startswith("datasets.") and type(source).__name__ in ("Dataset", "DatasetDict")


def is_saved_dataset(path: Path) -> bool:
    """Whether ``path`` is a folder written by ``Dataset(Dict).save_to_disk``."""
    if not path.is_dir():
        return False
    if (path / "dataset_dict.json").is_file():
        return True
    return (path / "state.json").is_file() and (path / "dataset_info.json").is_file()


def load_saved(path: Path) -> Any:
    """Open a ``save_to_disk`` folder (memory-mapped, nothing is copied)."""
    from croissant_tools.extras import require

    datasets = require("datasets", "describing a Hugging Face dataset")
    try:
        return datasets.load_from_disk(str(path))
    except (OSError, ValueError, json.JSONDecodeError, KeyError) as exc:
        raise InputError(f"cannot open Hugging Face dataset: {exc}", where=str(path)) from None


def export_parquet(source: Any, target: Path) -> list[Path]:
    """Write every split of ``source`` as Parquet under ``target``; return the file paths."""
    import pyarrow.parquet as pq

    splits = dict(source) if type(source).__name__ == "DatasetDict" else {"train": source}
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for split, dataset in sorted(splits.items()):
        table = dataset.with_format("arrow")[:] if len(dataset) else dataset.data.table
        table = table.combine_chunks() if hasattr(table, "combine_chunks") else table
        path = target / f"{split}-00000-of-00001.parquet"
        with replacing(path) as out:
            pq.write_table(table, out, row_group_size=ROWS_PER_GROUP, compression="snappy")
        written.append(path)
    return written


def _first(source: Any) -> Any:
    return next(iter(source.values())) if type(source).__name__ == "DatasetDict" else source


def config_name(source: Any) -> str:
    """The dataset's config name (``default`` when it has none), used for its record set."""
    info = getattr(_first(source), "info", None)
    name = getattr(info, "config_name", None)
    return str(name) if isinstance(name, str) and name.strip() else "default"


def class_labels(source: Any) -> dict[str, list[str]]:
    """Top-level ``ClassLabel`` columns and their class names, in index order."""
    found: dict[str, list[str]] = {}
    for name, feature in _first(source).features.items():
        names = getattr(feature, "names", None)
        if type(feature).__name__ == "ClassLabel" and names:
            found[str(name)] = [str(n) for n in names]
    return found


def add_class_labels(record_sets: list[dict[str, Any]], labels: dict[str, list[str]]) -> int:
    """Describe each ``ClassLabel`` column as an ``sc:Enumeration`` record set it references.

    The enumeration ``<column>_classes`` holds one row per class (``index``, the integer
    stored in the column, as its key, and ``name``); the label field gets ``references`` to
    that key, the way the Croissant specification joins a value to its category. Returns
    how many enumerations were added.
    """
    if not labels:
        return 0
    taken = {str(rs["@id"]) for rs in record_sets}
    added = []
    for column, names in labels.items():
        label = _column_field(record_sets, column)
        if label is None:
            continue
        uid = records.safe_id(f"{column}_classes", taken)
        index_type = label.get("dataType", "sc:Integer")
        records.set_description(label, f"Class label: an index into {uid} ({len(names)} classes).")
        label["references"] = {"field": records.ref(f"{uid}/index")}
        added.append(_enumeration(uid, column, names, index_type))
    record_sets.extend(added)
    return len(added)


def _column_field(record_sets: list[dict[str, Any]], column: str) -> dict[str, Any] | None:
    for record_set in record_sets:
        for item in record_set["field"]:
            if item.get("source", {}).get("extract", {}).get("column") == column:
                return item
    return None


def _enumeration(uid: str, column: str, names: list[str], index_type: str) -> dict[str, Any]:
    fields = [
        records.field_json(f"{uid}/index", "index", index_type, None, description="Class index."),
        records.field_json(f"{uid}/name", "name", "sc:Text", None, description="Class name."),
    ]
    data = [{f"{uid}/index": i, f"{uid}/name": n} for i, n in enumerate(names)]
    return records.record_set_json(
        uid,
        fields,
        description=f"The classes of {column} (a Hugging Face ClassLabel).",
        key=[f"{uid}/index"],
        data_type="sc:Enumeration",
        data=data,
    )
