"""``CR508`` (with ``--check-files`` or ``--check-records``): every ``extract.column`` names
a column of the file it reads, reported at the field with "did you mean".

Only headers are read: the first line of a CSV/TSV file, the footer of a Parquet file,
the first line of a JSON Lines file; for a FileSet, its first file. Files inside archives
and remote files are not opened (``CR505`` counts them). Nothing outside the dataset
folder is read.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from pathlib import Path

from croissant_tools import vocab
from croissant_tools.errors import CroissantToolsError
from croissant_tools.model import FieldNode, FileObject, FileSet, Metadata, Resource
from croissant_tools.safety import classify_content_url, resolve_local
from croissant_tools.validation.report import ValidationIssue, make_issue

_HEADER_KINDS = frozenset({"csv", "tsv", "parquet", "jsonl"})


def check_columns(metadata: Metadata, root: Path | None) -> list[ValidationIssue]:
    """One ``CR508`` per field whose ``extract.column`` its (local) file does not have."""
    if root is None:
        return []
    headers: dict[str, list[str] | None] = {}
    issues: list[ValidationIssue] = []
    for record_set in metadata.record_sets:
        for item in record_set.walk_fields():
            for source, label in ((item.source, "source"), (item.references, "references")):
                extract = source.extract if source is not None else None
                uid = metadata.source_resource(source) if source is not None else None
                if extract is None or extract.column is None or uid is None:
                    continue
                if uid not in headers:
                    headers[uid] = _header(metadata.resource(uid), root)
                found = headers[uid]
                if found is not None and extract.column not in found:
                    issues.append(_missing(item, label, extract.column, uid, found))
    return issues


def _missing(
    item: FieldNode, label: str, column: str, uid: str, header: list[str]
) -> ValidationIssue:
    close = difflib.get_close_matches(column, header, n=1, cutoff=0.6)
    lowered = {c.lower(): c for c in header}
    meant = close[0] if close else lowered.get(column.lower())
    shown = ", ".join(repr(c) for c in header[:20]) + (", ..." if len(header) > 20 else "")
    message = f"{label} column {column!r} is not a column of {uid!r} (it has {shown})"
    hint = f"did you mean {meant!r}?" if meant else "name one of the file's columns"
    path = f"{item.path}.{label}.extract.column"
    return make_issue("CR508", path, message, node=item.id, hint=hint)


def _header(resource: Resource | None, root: Path) -> list[str] | None:
    """Column names of the resource's (first) local file; ``None`` when not checkable."""
    if resource is None or resource.contained_in:
        return None
    kinds = [vocab.reader_kind(f) for f in resource.encoding_formats]
    kind = next((k for k in kinds if k in _HEADER_KINDS), None)
    if kind is None:
        return None
    path = next(_local_files(resource, root), None)
    if path is None:
        return None
    try:
        return _read_header(path, kind)
    except (CroissantToolsError, OSError, ValueError):
        return None  # unreadable files are reported by the other file checks


def _local_files(resource: Resource, root: Path) -> Iterator[Path]:
    try:
        if isinstance(resource, FileObject):
            url = resource.content_url or ""
            if classify_content_url(url) == "relative":
                path = resolve_local(root, url)
                if path.is_file():
                    yield path
        elif isinstance(resource, FileSet):
            from croissant_tools.loading.files import glob_match

            resolved = root.resolve()
            for path in sorted(p for p in resolved.rglob("*") if p.is_file()):
                relative = path.relative_to(resolved).as_posix()
                if glob_match(resource.includes, relative) and not glob_match(
                    resource.excludes, relative
                ):
                    yield path
    except CroissantToolsError:
        return


def _read_header(path: Path, kind: str) -> list[str] | None:
    if kind == "parquet":
        import pyarrow.parquet as pq

        return list(pq.ParquetFile(path).schema_arrow.names)
    from croissant_tools.loading.readers import open_stream

    with open_stream(str(path)) as stream:
        first = stream.read(1024 * 1024).split(b"\n", 1)[0].decode("utf-8", "replace")
    if kind == "jsonl":
        row = json.loads(first) if first.strip() else {}
        return list(row) if isinstance(row, dict) else None
    import csv

    delimiter = "\t" if kind == "tsv" else ","
    return next(csv.reader([first], delimiter=delimiter), [])
