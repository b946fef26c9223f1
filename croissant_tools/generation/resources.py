"""Turning groups of files into FileObjects, FileSets and their record sets.

A table group of one file becomes a FileObject with ``sha256``/``contentSize``; a group of
several files of one layout becomes a FileSet with include globs (see
:mod:`~croissant_tools.generation.layout`). Text, code and image files form one FileSet
per kind. Other files are FileObjects without record sets.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from croissant_tools.generation import lookups, records
from croissant_tools.generation.arrow_schema import schema_specs
from croissant_tools.generation.formats import FileKind
from croissant_tools.generation.layout import Group, LeftOutDir, split_regex
from croissant_tools.generation.report import Summary
from croissant_tools.generation.scan import FileEntry
from croissant_tools.hashing import FileDigest, hash_files

Json = dict[str, Any]
#: A column naming each row's split, and the split names found in it.
Split = tuple[str, Iterable[str]] | None
TEXT_FORMATS = ("text", "code")
MLCROISSANT_IMAGES = frozenset({"image/png", "image/jpeg"})


class Builder:
    """Collects resources and record sets for one document, with unique identifiers."""

    def __init__(self, base: Path, summary: Summary, *, prefix: str = "", checksums: bool = True):
        self.base = base
        self.summary = summary
        self.prefix = prefix
        self.checksums = checksums
        self.distribution: list[Json] = []
        self.record_sets: list[Json] = []
        self.ids: set[str] = set()
        self.splits: set[str] = set()
        self.to_hash: list[tuple[Json, str | Path]] = []
        self.keys: list[tuple[str, str, str]] = []  # (column, dataType, field id)
        #: the archive FileObject new FileSets are ``containedIn`` (set by archives.py)
        self.container: str | None = None
        #: directories left out of the walk (excluded from every FileSet under them)
        self.left_out_dirs: list[LeftOutDir] = []
        #: the ``languages`` record set (reserved when code is described) and its rows
        self.languages_id: str | None = None
        self.languages: dict[str, str] = {}

    # --- resources ------------------------------------------------------------------
    def file_object(
        self, path: str, absolute: str | Path, size: int, mime: str, sha256: str | None = None
    ) -> Json:
        """Add a FileObject for a local file, hashed later unless ``sha256`` is known.

        Nothing is hashed when checksums are off.
        """
        url = self.prefix + path
        obj: Json = {
            "@type": "cr:FileObject",
            "@id": url,
            "name": url,
            "contentUrl": url,
            "encodingFormat": mime,
            "contentSize": f"{size} B",
        }
        self.ids.add(url)
        self.distribution.append(obj)
        self.summary.file_objects += 1
        if self.checksums and sha256 is not None:
            obj["sha256"] = sha256
        elif self.checksums:
            self.to_hash.append((obj, absolute))
        return obj

    def file_set(
        self,
        name: str,
        formats: Sequence[str],
        includes: list[str],
        excludes: list[str],
        *,
        contained_in: str | None = None,
        description: str | None = None,
    ) -> str:
        """Add a FileSet and return its identifier."""
        uid = records.safe_id(name, self.ids)
        contained_in = contained_in or self.container
        obj: Json = {"@type": "cr:FileSet", "@id": uid, "name": uid}
        if description:
            obj["description"] = description
        if contained_in:
            obj["containedIn"] = records.ref(contained_in)
        obj["encodingFormat"] = formats[0] if len(formats) == 1 else sorted(formats)
        pre = "" if contained_in else self.prefix
        obj["includes"] = [pre + p for p in includes]
        if excludes:
            obj["excludes"] = [pre + p for p in excludes]
        self.distribution.append(obj)
        self.summary.file_sets += 1
        return uid

    def new_id(self, name: str) -> str:
        """Reserve a unique identifier for a record set (field ids start with it)."""
        return records.safe_id(name, self.ids)

    def record_set(self, uid: str, fields: list[Json], **kwargs: Any) -> None:
        """Add a record set under a reserved ``uid`` and count its fields."""
        self.record_sets.append(records.record_set_json(uid, fields, **kwargs))
        self.summary.record_sets += 1
        self.summary.fields += _count_fields(fields)

    # --- record sets for groups -----------------------------------------------------
    def table_object(
        self, entry: FileEntry, kind: FileKind, info: Any, key: str | None, split: Split = None
    ) -> None:
        """A FileObject for one table and a record set of its rows."""
        obj = self.file_object(entry.path, entry.absolute, entry.size, kind.mime, entry.sha256)
        if kind.compressed:
            obj["description"] = "gzip-compressed; readers decompress it transparently"
        self.table_records(obj, kind, info, key, split)

    def table_records(
        self, obj: Json, kind: FileKind, info: Any, key: str | None, split: Split = None
    ) -> None:
        """The record set of one table FileObject (``key`` is a unique column, if any;
        ``split`` a column naming each row's split, and its values)."""
        uid = self.new_id(Path(obj["contentUrl"]).name.split(".")[0])
        specs = schema_specs(info.schema, typed=kind.kind == "parquet")
        fields = records.column_fields(
            uid, specs, obj["@id"], "fileObject", json_root=info.json_root
        )
        key_id = _field_id(fields, key)
        self.split_column(fields, split)
        description = f"Rows of {obj['contentUrl']}."
        self.record_set(uid, fields, description=description, key=[key_id] if key_id else None)
        if key_id is not None:
            dtype = next(f.get("dataType") for f in fields if f["@id"] == key_id)
            self.keys.append((str(key), str(dtype), key_id))

    def table_set(
        self,
        group: Group,
        kind: FileKind,
        info: Any,
        extra: list[tuple[str, bool]],
        name: str,
        *,
        includes: list[str] | None = None,
        files: str | None = None,
        split: Split = None,
    ) -> None:
        """A FileSet for tables sharing one layout and a record set over all of them.

        ``extra`` lists Hive partition keys (and whether all their values are integers);
        ``includes`` replaces the group's globs (literal paths for a minority layout);
        ``files`` names the FileSet (default ``<name>-files``).
        """
        excluded: list[str] = []
        if includes is not None:
            selected = includes
        else:
            selected, excluded = self.select(group, self.left_out_dirs)
        uid = self.file_set(
            files or f"{name}-files",
            sorted(group.formats),
            selected,
            excluded,
            description=f"{group.count} {kind.kind.upper()} files with the same columns.",
        )
        rs = self.new_id(name)
        specs = schema_specs(info.schema, typed=kind.kind == "parquet")
        fields = records.column_fields(rs, specs, uid, "fileSet", json_root=info.json_root)
        taken = {f["name"] for f in fields}
        fields += [f for f in self.partition_fields(rs, uid, extra) if f["name"] not in taken]
        if not self.split_column(fields, split):
            fields += self.split_fields(rs, uid, group, fields)
        self.record_set(rs, fields, description=f"Rows of the files in {uid}.")

    def partition_fields(self, rs: str, uid: str, keys: list[tuple[str, bool]]) -> list[Json]:
        """Fields for Hive-style ``key=value`` directories, parsed from each file's path."""
        return [
            records.regex_field(
                f"{rs}/{records.safe_id(key)}",
                key,
                uid,
                "fileSet",
                rf"^(?:.*/)?{re.escape(key)}=([^/]+)/.*$",
                data_type="sc:Integer" if numeric else "sc:Text",
                description=f"Partition key from the '{key}=...' directories.",
            )
            for key, numeric in keys
        ]

    def split_column(self, fields: list[Json], split: Split) -> bool:
        """Point a column that names each row's split at the ``splits`` record set.

        Returns whether there was one (then no split is parsed from file paths).
        """
        if split is None:
            return False
        column, values = split
        target = next((f for f in fields if _field_id([f], column) is not None), None)
        if target is None:
            return False
        records.set_description(target, "Split of the row (a name from the splits record set).")
        target["references"] = {"field": records.ref("splits/name")}
        self.splits |= set(values)
        return True

    def select(self, group: Group, left_out_dirs: list[LeftOutDir]) -> tuple[list[str], list[str]]:
        """Includes and excludes for a group, warning when mlcroissant would read more."""
        includes, excludes, exact = group.selection(left_out_dirs)
        if not exact:
            self.summary.note(
                f"{len(group.excluded)} file(s) left out of a {group.count:,}-file FileSet are "
                "listed in 'excludes', which mlcroissant 1.1.1 ignores"
            )
        return includes, excludes

    def split_fields(
        self, record_set: str, resource: str, group: Group, others: list[Json]
    ) -> list[Json]:
        """A ``split`` field referencing the ``splits`` record set, if every path names one.

        mlcroissant 1.1.1 applies a referencing field's transform to the shared column in
        place before joining, so when ``others`` already read ``fullpath`` the split is
        parsed from ``filepath`` (the same path, absolute) instead.
        """
        if not group.splits or not group.all_split:
            return []
        shared = any(
            f.get("source", {}).get("extract", {}).get("fileProperty") == "fullpath" for f in others
        )
        self.splits |= group.splits
        return [
            records.regex_field(
                f"{record_set}/split",
                "split",
                resource,
                "fileSet",
                split_regex(group.splits),
                description="Split named by the file's directory or file name.",
                file_property="filepath" if shared else "fullpath",
                references="splits/name",
            )
        ]

    def whole_group(self, group: Group, left_out_dirs: list[LeftOutDir]) -> None:
        """The FileSet and record set for all text, code or image files of the tree."""
        formats = sorted(group.formats)
        noun = {"code": "source-code", "text": "text", "image": "image"}[group.kind]
        selected, excluded = self.select(group, left_out_dirs)
        uid = self.file_set(
            f"{noun}-files",
            formats,
            selected,
            excluded,
            description=f"{group.count} {noun} files.",
        )
        if group.kind == "image":
            self.image_records(uid, group, "fileSet")
        else:
            self.text_records(uid, group, "fileSet")

    def text_records(self, uid: str, group: Group, kind: str) -> None:
        """Records of text or code files: path, (extension, language,) content."""
        name = self.new_id("code" if group.kind == "code" else "text")
        fields = [
            records.file_field(
                f"{name}/path", "path", uid, kind, "fullpath", "sc:Text", "Path of the file."
            )
        ]
        if group.kind == "code":
            if self.languages_id is None:
                self.languages_id = self.new_id("languages")
            self.languages.update(lookups.extension_languages(group.extensions))
            fields += lookups.language_fields(name, uid, kind, self.languages_id)
        fields.append(
            records.file_field(
                f"{name}/content", "content", uid, kind, "content", "sc:Text", "UTF-8 text."
            )
        )
        fields += self.split_fields(name, uid, group, fields)
        self.record_set(name, fields, description=f"One record per file of {uid}.")

    def image_records(self, uid: str, group: Group, kind: str) -> None:
        """ImageFolder records: the image, its label (parent directory) and split."""
        rs = self.new_id("images")
        fields = [
            records.file_field(
                f"{rs}/image", "image", uid, kind, "content", "sc:ImageObject", "The image."
            )
        ]
        if group.min_depth >= 2:
            fields.append(
                records.regex_field(
                    f"{rs}/label",
                    "label",
                    uid,
                    kind,
                    r"^(?:.*/)?([^/]+)/[^/]+$",
                    description="Class label: the name of the image's directory.",
                )
            )
        fields += self.split_fields(rs, uid, group, fields)
        unreadable = sorted(set(group.formats) - MLCROISSANT_IMAGES)
        if unreadable:
            self.summary.note(f"mlcroissant 1.1.1 reads PNG and JPEG only, not {unreadable}")
        self.record_set(rs, fields, description=f"One record per image of {uid}.")

    def standalone(self, entry: FileEntry, kind: FileKind) -> None:
        """A FileObject without records (README, licence, formats we do not read)."""
        mime = "text/markdown" if entry.path.lower().endswith(".md") else None
        if kind.compressed:
            mime = "application/gzip"
        if mime is None:
            mime = mimetypes.guess_type(entry.path)[0] or (
                "text/plain" if kind.kind == "doc" else "application/octet-stream"
            )
        self.file_object(entry.path, entry.absolute, entry.size, mime, entry.sha256)

    # --- finishing ------------------------------------------------------------------
    def add_lookups(self) -> None:
        """The inline record sets that fields reference: ``languages``, then ``splits``."""
        if self.languages_id is not None:
            uid = self.languages_id
            self.record_sets.append(lookups.languages_record_set(uid, self.languages))
            self.summary.record_sets += 1
            self.summary.fields += 2
        if self.splits:
            self.record_sets.append(lookups.splits_record_set(self.splits))
            self.summary.record_sets += 1
            self.summary.fields += 2

    def add_joins(self) -> None:
        """Point columns named like another table's key at that key (``references``).

        A column that is itself its table's key is left alone: two tables keyed by ``id``
        would otherwise reference each other (a cycle readers cannot join).
        """
        keys = {key_id for _, _, key_id in self.keys}
        for record_set in self.record_sets:
            for item in record_set["field"]:
                if item["@id"] in keys or "field" in item.get("source", {}):
                    continue
                for column, dtype, key_id in self.keys:
                    same = item["name"] == column and item.get("dataType") == dtype
                    if same and "references" not in item:
                        item["references"] = {"field": records.ref(key_id)}

    def hash_all(self, workers: int, progress: bool) -> None:
        """Fill ``sha256`` (and the exact ``contentSize``) of every FileObject, in parallel."""
        paths = [path for _, path in self.to_hash]
        results = hash_files(paths, workers=workers, progress=progress, total=len(paths))
        for (obj, _), digest in zip(self.to_hash, results, strict=True):
            if isinstance(digest, FileDigest):
                obj["contentSize"] = f"{digest.size} B"
                obj["sha256"] = digest.sha256
            else:
                self.summary.note(f"{obj['contentUrl']}: no checksum ({digest.reason})")


def _field_id(fields: list[Json], column: str | None) -> str | None:
    if column is None:
        return None
    for item in fields:
        extract = item.get("source", {}).get("extract", {})
        if extract.get("column") == column or str(extract.get("jsonPath", "")).endswith(
            "." + column
        ):
            return str(item["@id"])
    return None


def _count_fields(fields: list[Json]) -> int:
    return sum(1 + _count_fields(f.get("subField", [])) for f in fields)
