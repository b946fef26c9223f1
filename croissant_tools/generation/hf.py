"""Hugging Face ``datasets``: in-memory ``Dataset``/``DatasetDict`` and ``save_to_disk`` folders.

Arrow files written by ``save_to_disk`` are not a format Croissant readers understand,
so the rows are exported once to Parquet (``data/<split>-00000-of-00001.parquet`` next
to the ``croissant.json``), as the Hugging Face Hub does, and the Parquet files are
described: several splits become one FileSet with a ``split`` field that references a
``cr:Split`` record set. Writing is deterministic (same rows, same bytes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from croissant_tools.atomic import replacing
from croissant_tools.errors import InputError

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


def describe_features(source: Any) -> dict[str, str]:
    """Column descriptions from ``datasets`` features (class names of ``ClassLabel``)."""
    dataset = next(iter(source.values())) if type(source).__name__ == "DatasetDict" else source
    notes: dict[str, str] = {}
    for name, feature in dataset.features.items():
        names = getattr(feature, "names", None)
        if type(feature).__name__ == "ClassLabel" and names:
            listed = ", ".join(f"{i}={n}" for i, n in enumerate(names))
            notes[name] = f"class label: {listed}"
    return notes
