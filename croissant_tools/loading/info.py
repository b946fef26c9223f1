"""``describe()``: what a Croissant document offers — record sets, fields, files, splits.

Reads only the metadata and the file system: local files are listed (FileSet matches
resolved under the root with the same safety rules as loading) and sized; nothing is
downloaded, extracted or hashed. Problems with a resource (a missing file, an unsafe
path) are reported in its entry instead of stopping the description.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

from croissant_tools import model
from croissant_tools.documents import (
    DEFAULT_MAX_BYTES,
    escape_surrogates,
    read_document,
    require_object,
)
from croissant_tools.errors import CroissantToolsError
from croissant_tools.loading.files import Resolver
from croissant_tools.loading.options import LoadOptions
from croissant_tools.loading.plan import NotNative, field_plan
from croissant_tools.loading.schema import is_list_field
from croissant_tools.loading.splits import find_split_field, split_names
from croissant_tools.model import FieldNode, FileObject, FileSet, Metadata, RecordSet
from croissant_tools.safety import classify_content_url


def _source_text(item: FieldNode) -> str:
    source = item.source
    if item.value is not None:
        return f"value {item.value.value!r}"
    if source is None:
        return "inline data" if not item.sub_fields else "sub-fields"
    origin = source.resource or source.field or source.record_set or "?"
    extract = source.extract
    what = ""
    if extract is not None:
        what = extract.column or extract.json_path or extract.file_property or ""
    steps = [
        t
        for t in ("regex", "separator", "json_path", "replace", "format")
        if any(getattr(tr, t) for tr in source.transforms)
    ]
    text = f"{origin}[{what}]" if what else origin
    return text + (f" | {', '.join(steps)}" if steps else "")


def _field(item: FieldNode, metadata: Metadata) -> dict[str, Any]:
    try:
        arrow = str(field_plan(item, metadata).arrow.type)
    except (CroissantToolsError, NotNative) as exc:
        arrow = f"? ({exc})"
    if item.sub_fields:
        arrow = "list<struct>" if is_list_field(item) else "struct"
    out: dict[str, Any] = {
        "id": item.id,
        "name": item.name,
        "dataType": item.data_types,
        "arrow": arrow,
        "source": _source_text(item),
    }
    if item.sub_fields:
        out["subFields"] = [_field(child, metadata) for child in item.sub_fields]
    return out


def _record_set(rs: RecordSet, metadata: Metadata) -> dict[str, Any]:
    split = find_split_field(metadata, rs)
    return {
        "id": rs.id,
        "name": rs.name,
        "isSplitSet": rs.is_split,
        "key": rs.key,
        "inlineRows": _inline_count(rs),
        "splitField": split.field.id if split else None,
        "splits": split_names(metadata, rs),
        "fields": [_field(item, metadata) for item in rs.fields],
    }


def _inline_count(rs: RecordSet) -> int | None:
    from croissant_tools.loading.engine import inline_rows

    if rs.data is None:
        return None
    try:
        return len(inline_rows(rs))
    except CroissantToolsError:
        return None


def _file_object(fo: FileObject, resolver: Resolver) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": fo.id,
        "kind": "FileObject",
        "contentUrl": fo.content_url,
        "encodingFormat": fo.encoding_formats,
        "declaredSize": fo.content_size,
        "sha256": bool(fo.sha256),
        "containedIn": fo.contained_in,
    }
    url = fo.content_url or ""
    kind = classify_content_url(url)
    if fo.contained_in:
        out["status"] = "inside an archive (not extracted by info)"
    elif kind in ("http", "https"):
        out["status"] = "remote (not downloaded by info)"
    elif resolver.root is not None:
        from croissant_tools.safety import resolve_local

        try:
            path = resolve_local(resolver.root, url, where=f"FileObject {fo.id!r}")
            out["size"] = path.stat().st_size if path.is_file() else None
            out["status"] = "ok" if path.is_file() else "missing"
        except CroissantToolsError as exc:
            out["status"] = f"refused: {exc}"
    return out


def _file_set(fs: FileSet, resolver: Resolver) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": fs.id,
        "kind": "FileSet",
        "includes": fs.includes,
        "excludes": fs.excludes,
        "encodingFormat": fs.encoding_formats,
        "containedIn": fs.contained_in,
    }
    if fs.contained_in:
        out["status"] = "inside an archive (not extracted by info)"
        return out
    try:
        files = resolver.files(fs.id or "")
    except CroissantToolsError as exc:
        out["status"] = f"refused: {exc}"
        return out
    out["files"] = len(files)
    out["size"] = sum(Path(f.path).stat().st_size for f in files)
    out["status"] = "ok"
    return out


def describe(
    source: str | os.PathLike[str] | dict[str, Any],
    *,
    root: str | os.PathLike[str] | None = None,
    allow_network: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """A JSON-serialisable description of the document (see the module docstring);
    ``allow_network`` lets ``source`` be an http(s) URL, ``max_bytes`` caps its size."""
    document = read_document(source, allow_network=allow_network, max_bytes=max_bytes)
    if document.surrogates:  # lone surrogates (CR013): described escaped, as \ud800
        document = dataclasses.replace(document, data=escape_surrogates(document.data))
    metadata = model.build(require_object(document))
    folder = Path(root) if root is not None else document.root
    resolver = Resolver(metadata, folder, LoadOptions(verify_checksums=False))
    resources = [
        _file_object(r, resolver) if isinstance(r, FileObject) else _file_set(r, resolver)
        for r in metadata.distribution
    ]
    return {
        "source": document.source,
        "name": metadata.name,
        "version": metadata.version,
        "description": metadata.description,
        "problems": [f"{p.path}: {p.message}" for p in metadata.problems],
        "distribution": resources,
        "recordSets": [_record_set(rs, metadata) for rs in metadata.record_sets],
    }
