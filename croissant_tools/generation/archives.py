"""Zip and tar archives: a FileObject for the archive, FileSets ``containedIn`` it.

Members are read in place (never extracted to disk); members whose names are absolute or
climb out with ``..`` are reported and left out, as are links and devices in tar files.
"""

from __future__ import annotations

import hashlib
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import IO, Any

from croissant_tools.generation import records
from croissant_tools.generation.formats import MIME, TABLE_KINDS, FileKind, classify, glob_escape
from croissant_tools.generation.layout import Group
from croissant_tools.generation.resources import Builder
from croissant_tools.generation.scan import FileEntry
from croissant_tools.generation.tables import TableInfo, Unusable, inspect_table, text_sample
from croissant_tools.safety import classify_content_url

MAX_MEMBERS = 100_000
#: Table members described one FileObject each (mlcroissant reads no rows from FileSets
#: inside archives); more tables of one layout become a FileSet instead.
MAX_TABLE_OBJECTS = 100


@contextmanager
def _open(
    entry: FileEntry, kind: FileKind
) -> Iterator[tuple[list[tuple[str, int]], Callable[[str], IO[bytes]]]]:
    if kind.kind == "zip":
        with zipfile.ZipFile(entry.absolute) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            yield [(i.filename, i.file_size) for i in infos], partial(archive.open, mode="r")
        return
    with tarfile.open(entry.absolute) as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}

        def opener(name: str) -> IO[bytes]:
            handle = tar.extractfile(members[name])
            if handle is None:  # pragma: no cover - isfile() members always have data
                raise Unusable("not a regular member")
            return handle

        yield [(name, m.size) for name, m in members.items()], opener


def describe_archive(builder: Builder, entry: FileEntry, kind: FileKind) -> None:
    """Describe ``entry`` and the members it contains (tables, text, code, images)."""
    archive = builder.file_object(entry.path, entry.absolute, entry.size, MIME[kind.kind])
    try:
        with _open(entry, kind) as (members, opener):
            groups, tables = _group(builder, entry, members, opener)
            _describe_members(builder, archive, groups, tables, opener)
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError) as exc:
        builder.summary.note(f"{entry.path}: archive not read ({exc}); described as a file only")


def _describe_members(
    builder: Builder,
    archive: dict[str, Any],
    groups: dict[str, Group],
    tables: dict[tuple[str, str], tuple[Group, TableInfo]],
    opener: Callable[[str], IO[bytes]],
) -> None:
    """Tables become FileObjects ``containedIn`` the archive (what mlcroissant reads rows
    from); text, code and images become FileSets (read through ``fileProperty``)."""
    builder.container = archive["@id"]
    try:
        for (extension, _), (group, info) in sorted(tables.items()):
            if group.count <= MAX_TABLE_OBJECTS:
                for name in group.paths:
                    _member_table(builder, archive, name, info, partial(opener, name))
            else:
                builder.summary.note(
                    f"{archive['@id']}: {group.count} {extension} tables described as a FileSet; "
                    "mlcroissant 1.1.1 reads no rows from FileSets inside archives"
                )
                _table_set(builder, group, info, extension, tables)
        for group in groups.values():
            builder.whole_group(group, [])
    finally:
        builder.container = None


def _group(
    builder: Builder,
    entry: FileEntry,
    members: list[tuple[str, int]],
    opener: Callable[[str], IO[bytes]],
) -> tuple[dict[str, Group], dict[tuple[str, str], tuple[Group, TableInfo]]]:
    groups: dict[str, Group] = {}
    tables: dict[tuple[str, str], tuple[Group, TableInfo]] = {}
    for name, size in sorted(members)[:MAX_MEMBERS]:
        where = f"{entry.path}!{name}"
        if classify_content_url(name) != "relative":
            builder.summary.skip(where, "unsafe archive member name (absolute or '..')")
            continue
        member = classify(name)
        try:
            info = _check(member, partial(opener, name))
        except Unusable as exc:
            builder.summary.skip(where, str(exc))
            continue
        if info is not None:
            key = (member.suffix, repr(info.schema))
            group = tables.setdefault(key, (Group("", member.kind, whole_tree=True), info))[0]
        elif member.kind in ("text", "code", "image"):
            group = groups.setdefault(member.kind, Group("", member.kind, whole_tree=True))
        else:
            builder.summary.skip(where, f"archive member of a kind not described ({member.kind})")
            continue
        group.add(name, member.suffix, size, member.mime)
    return groups, tables


def _member_table(
    builder: Builder,
    archive: dict[str, Any],
    name: str,
    info: TableInfo,
    opener: Callable[[], IO[bytes]],
) -> None:
    kind = classify(name)
    obj: dict[str, Any] = {
        "@type": "cr:FileObject",
        "@id": records.safe_id(f"{archive['@id']}/{name}", builder.ids),
        "name": name,
        "contentUrl": name,
        "containedIn": records.ref(archive["@id"]),
        "encodingFormat": kind.mime,
    }
    size, digest = _digest(opener)
    obj["contentSize"] = f"{size} B"
    if builder.checksums:
        obj["sha256"] = digest
    builder.distribution.append(obj)
    builder.summary.file_objects += 1
    builder.table_records(obj, kind, info, None)


def _digest(opener: Callable[[], IO[bytes]]) -> tuple[int, str]:
    hasher = hashlib.sha256()
    size = 0
    with opener() as handle:
        while chunk := handle.read(1024 * 1024):
            hasher.update(chunk)
            size += len(chunk)
    return size, hasher.hexdigest()


def _check(member: FileKind, opener: Callable[[], IO[bytes]]) -> TableInfo | None:
    if member.kind in TABLE_KINDS and not member.compressed:
        return inspect_table(member.kind, opener)
    if member.kind in ("text", "code"):
        with opener() as handle:
            data = handle.read(1024 * 1024 + 1)
        text_sample(data[: 1024 * 1024], len(data) <= 1024 * 1024)
    return None


def _table_set(
    builder: Builder,
    group: Group,
    info: TableInfo,
    extension: str,
    tables: dict[tuple[str, str], tuple[Group, TableInfo]],
) -> None:
    shared = [g for (ext, _), (g, _) in tables.items() if ext == extension]
    literal = None if len(shared) == 1 else [glob_escape(p) for p in group.paths]
    name = extension.strip(".").replace(".", "_")
    builder.table_set(group, classify("x" + extension), info, [], name, includes=literal)
