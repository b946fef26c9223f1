"""What to describe and where the document goes: a path, or a Hugging Face dataset.

A Hugging Face ``Dataset``/``DatasetDict`` (in memory or a ``save_to_disk`` folder) is
exported to Parquet first (:mod:`.hf`); its record set is then named after its config, as
the Hub's own Croissant export names it, and its ``ClassLabel`` columns are remembered so
they can be described as enumerations.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from croissant_tools.errors import CroissantToolsError, InputError, UsageError
from croissant_tools.generation import hf
from croissant_tools.generation.formats import glob_escape
from croissant_tools.generation.report import Summary


@dataclass
class Located:
    """The folder (or file) to scan and everything the description needs to know about it."""

    root: Path
    output: Path
    default_name: str
    #: the path from the output's folder to ``root`` (``""`` or ``"data/"``)
    prefix: str = ""
    #: an exclude glob for the output itself when it lies inside ``root``
    self_exclude: tuple[str, ...] = ()
    #: the record set name for the whole tree (a Hugging Face config), if any
    record_set_name: str | None = None
    #: Hugging Face ``ClassLabel`` columns and their class names
    class_labels: dict[str, list[str]] = field(default_factory=dict)


def locate(source: Any, output: str | os.PathLike[str] | None, summary: Summary) -> Located:
    """Resolve ``source`` and ``output``, exporting a Hugging Face dataset if needed."""
    if hf.is_hf_object(source):
        if output is None:
            raise UsageError(
                "an in-memory Hugging Face dataset needs output=... (its rows are exported "
                "to Parquet next to the croissant.json)"
            )
        out_path = Path(output).resolve()
        check_output(out_path)
        target = out_path.parent / "data"
        hf.export_parquet(source, target)
        summary.note(f"rows exported to Parquet in {target}")
        return _hf_located(source, target, out_path, out_path.parent.name)
    if not isinstance(source, str | os.PathLike):
        kind = type(source).__name__
        raise UsageError(f"source must be a path or a datasets.Dataset, not {kind}")
    path = Path(os.fspath(source))
    if not path.exists():
        raise InputError("no such file or directory", where=str(path))
    root = path.resolve()
    folder = root if root.is_dir() else root.parent
    out_path = Path(output).resolve() if output is not None else folder / "croissant.json"
    check_output(out_path)
    if hf.is_saved_dataset(root):
        dataset = hf.load_saved(root)
        target = out_path.parent / "parquet"
        hf.export_parquet(dataset, target)
        summary.note(f"Hugging Face save_to_disk folder: rows exported to Parquet in {target}")
        return _hf_located(dataset, target, out_path, root.name)
    name = root.stem if root.is_file() else root.name
    located = Located(root, out_path, name, prefix(root, out_path))
    located.self_exclude = exclude_glob(root, out_path)
    return located


def _hf_located(dataset: Any, target: Path, out_path: Path, name: str) -> Located:
    located = Located(target, out_path, name, prefix(target, out_path))
    located.record_set_name = hf.config_name(dataset)
    located.class_labels = hf.class_labels(dataset)
    return located


def check_output(out_path: Path) -> None:
    """Refuse an output that would replace a folder or a file that is not Croissant.

    Regenerating over an earlier ``croissant.json`` is expected; replacing a data file
    (``-o data.csv``) would silently destroy it.
    """
    if not out_path.exists():
        return
    if out_path.is_dir():
        raise UsageError(
            "the output is a directory",
            where=str(out_path),
            hint="name a file, e.g. DIR/croissant.json",
        )
    from croissant_tools.documents import read_document

    try:
        data = read_document(out_path).data
    except CroissantToolsError:
        data = None
    if not (isinstance(data, dict) and ("@context" in data or "@type" in data)):
        raise UsageError(
            "refusing to replace an existing file that is not a Croissant document",
            where=str(out_path),
            hint="choose another output (-o), or move the file away first",
        )


def exclude_glob(root: Path, path: Path) -> tuple[str, ...]:
    """An exclude glob for ``path`` (the output, a metadata file) if it lies in the tree."""
    try:
        relative = path.resolve().relative_to(root if root.is_dir() else root.parent)
    except ValueError:
        return ()
    return (glob_escape(relative.as_posix()),)


def prefix(root: Path, out_path: Path) -> str:
    """The path from the output's folder to ``root``'s folder, ending in ``/`` (or ``""``)."""
    folder = root if root.is_dir() else root.parent
    try:
        relative = folder.relative_to(out_path.parent)
    except ValueError:
        raise UsageError(
            f"the output {out_path} must be in the described folder or one of its parents",
            hint="contentUrl values are relative to the croissant.json",
        ) from None
    text = relative.as_posix()
    return "" if text == "." else text + "/"
