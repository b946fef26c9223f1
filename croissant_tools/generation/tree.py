"""Describing a directory tree (or one file): resources, record sets and the summary.

One streaming pass: :func:`~croissant_tools.generation.scan.walk` yields files, a thread
pool checks them (:mod:`~croissant_tools.generation.inspect`) and each result is added to
its group. Then groups become FileSets or FileObjects (:mod:`.resources`), record sets
are written for them, and FileObjects are hashed in parallel.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from croissant_tools.generation import archives, csv_layouts, records, resources
from croissant_tools.generation.arrow_schema import signature
from croissant_tools.generation.formats import TABLE_KINDS, FileKind, classify, glob_escape
from croissant_tools.generation.inspect import Inspected
from croissant_tools.generation.layout import Group, LeftOutDir, anchor_of
from croissant_tools.generation.pool import inspect_all
from croissant_tools.generation.report import Summary
from croissant_tools.generation.scan import FileEntry, Skipped, walk
from croissant_tools.generation.tables import TableInfo
from croissant_tools.hashing import progress_bar

Json = dict[str, object]


@dataclass
class TableGroup:
    """Tables of one extension and layout (schema, delimiter, partition keys)."""

    group: Group
    info: TableInfo
    extension: str
    partition_keys: tuple[str, ...]
    #: the first member (a group of one file becomes a FileObject for it)
    first: FileEntry
    partition_ints: dict[str, bool] = field(default_factory=dict)
    key: str | None = None
    #: the split column shared by every member, and the values found in it (None: none)
    split: tuple[str, set[str]] | None = None


@dataclass
class Collected:
    """Everything one pass over the tree gathered, before resources are decided."""

    tables: dict[tuple[str, str, str], TableGroup] = field(default_factory=dict)
    whole: dict[str, Group] = field(default_factory=dict)
    standalone: list[tuple[FileEntry, FileKind]] = field(default_factory=list)
    archives: list[tuple[FileEntry, FileKind]] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    left_out_dirs: list[LeftOutDir] = field(default_factory=list)


def collect(
    root: Path,
    summary: Summary,
    *,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    workers: int = 2,
    progress: bool = False,
    checksums: bool = False,
) -> Collected:
    """Walk ``root`` once, check every file, and sort the results into groups.

    With ``checksums``, small files are hashed while they are read for checking.
    """
    csv_layouts.forget()
    found = Collected()
    entries = _entries(walk(root, include=include, exclude=exclude), summary, found)
    results = inspect_all(entries, workers=workers, checksums=checksums)
    if progress:
        results = progress_bar(results, desc="inspecting")
    for result in results:
        _add(found, result, summary)
    return found


def _entries(
    items: Iterator[FileEntry | Skipped], summary: Summary, found: Collected
) -> Iterator[FileEntry]:
    for item in items:
        if isinstance(item, Skipped):
            summary.skip(item.path, item.reason)
            found.left_out.append((item.path, classify(item.path).suffix))
            if item.directory:
                # symlinked and unreadable folders are not walked by mlcroissant either
                walked = item.reason.endswith("(not described)")
                found.left_out_dirs.append((item.path, item.contains if walked else frozenset()))
            continue
        yield item


def _add(found: Collected, result: Inspected, summary: Summary) -> None:
    entry, kind = result.entry, result.kind
    if result.problem is not None:
        summary.skip(entry.path, result.problem)
        found.left_out.append((entry.path, kind.suffix))
        return
    summary.files += 1
    summary.bytes += entry.size
    summary.newest_mtime = max(summary.newest_mtime, entry.mtime)
    summary.formats[kind.mime if kind.kind != "other" else f"other ({kind.extension or '-'})"] += 1
    if kind.kind in TABLE_KINDS and result.table is not None:
        _add_table(found, result, result.table, summary)
    elif kind.kind in ("text", "code") and kind.compressed:
        # readers return a FileSet member's content as stored: gzip bytes, not text
        summary.note(
            f"gzip-compressed {kind.kind} files are described as files only (no records): "
            "Croissant readers do not decompress a FileSet member's content"
        )
        found.standalone.append((entry, kind))
    elif kind.kind in ("text", "code", "image"):
        group = found.whole.get(kind.kind)
        if group is None:
            group = found.whole[kind.kind] = Group("", kind.kind, whole_tree=True)
        group.add(entry.path, kind.suffix, entry.size, kind.mime)
    elif kind.kind in ("zip", "tar"):
        found.archives.append((entry, kind))
    else:
        found.standalone.append((entry, kind))


def _add_table(found: Collected, result: Inspected, info: TableInfo, summary: Summary) -> None:
    entry, kind = result.entry, result.kind
    keys = tuple(k for k, _ in result.partitions)
    columns = info.signature or signature(info.schema)
    layout = f"{columns}|{info.delimiter}|{info.header}|{info.json_root}|{keys}"
    bucket = ("", kind.extension, layout)  # one group per layout, whatever the folder
    table = found.tables.get(bucket)
    if table is None:
        group = Group(anchor_of(entry.path), kind.kind)
        table = found.tables[bucket] = TableGroup(
            group, info, kind.extension, keys, entry, key=result.key
        )
        if result.split is not None:
            table.split = (result.split[0], set(result.split[1]))
        for note in info.notes:  # once per layout, not once per shard
            summary.note(f"{entry.path} (and files of the same layout): {note}")
    else:
        _merge_split(table, result)
    table.group.add(entry.path, kind.suffix, entry.size, kind.mime)
    for name, value in result.partitions:
        table.partition_ints[name] = table.partition_ints.get(name, True) and _is_int(value)


def _merge_split(table: TableGroup, result: Inspected) -> None:
    """Keep the group's split column only while every member has it (same name)."""
    if table.split is None:
        return
    if result.split is None or result.split[0] != table.split[0]:
        table.split = None
        return
    table.split[1].update(result.split[1])


def _is_int(text: str) -> bool:
    return text.lstrip("-").isdigit()


def describe_tree(
    root: Path,
    summary: Summary,
    *,
    prefix: str = "",
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    checksums: bool = True,
    workers: int = 2,
    progress: bool = False,
    name: str | None = None,
) -> tuple[list[Json], list[Json]]:
    """Distribution and record sets describing the files under ``root``.

    ``prefix`` is prepended to every ``contentUrl`` and glob: the path from the folder
    of the written ``croissant.json`` to ``root`` (``""`` when it is written in ``root``).
    ``name`` names the record set of the tables directly under ``root`` (a Hugging Face
    config) instead of the folder's name.
    """
    base = root if root.is_dir() else root.parent
    found = collect(
        root,
        summary,
        include=include,
        exclude=exclude,
        workers=workers,
        progress=progress,
        checksums=checksums,
    )
    builder = resources.Builder(base, summary, prefix=prefix, checksums=checksums)
    builder.left_out_dirs = found.left_out_dirs
    _tables(builder, found, name)
    others = [entry.path for entry, _ in found.standalone + found.archives]
    others += [path for table in found.tables.values() for path in table.group.paths]
    others += [path for path, _ in found.left_out]
    for kind in ("code", "text", "image"):
        group = found.whole.get(kind)
        if group is not None:
            group.exclude_non_members(_same_extension(group, others))
            builder.whole_group(group, found.left_out_dirs)
    for entry, file_kind in sorted(found.standalone, key=lambda pair: pair[0].path):
        builder.standalone(entry, file_kind)
    for entry, file_kind in found.archives:
        archives.describe_archive(builder, entry, file_kind)
    builder.add_joins()
    builder.add_lookups()
    if checksums:
        builder.hash_all(workers, progress)
    return builder.distribution, builder.record_sets


def _same_extension(group: Group, paths: list[str]) -> list[str]:
    return [p for p in paths if classify(p).suffix in group.extensions]


def _tables(builder: resources.Builder, found: Collected, root_name: str | None) -> None:
    buckets: dict[tuple[str, str], list[TableGroup]] = {}
    for (anchor, extension, _), table in sorted(found.tables.items()):
        buckets.setdefault((anchor, extension), []).append(table)
    left_out = [path for path, _ in found.left_out]
    standalone = [entry.path for entry, _ in found.standalone + found.archives]
    for tables in buckets.values():
        tables.sort(key=lambda t: -t.group.count)
        majority = tables[0] if tables[0].group.count > 1 else None
        for table in tables:
            first = table.first
            kind = classify(first.path)
            if table is majority:
                same_ext = [t for t in found.tables.values() if t.extension == table.extension]
                others = [p for t in same_ext if t is not table for p in t.group.paths]
                others += [p for p in left_out + standalone if p.lower().endswith(table.extension)]
                table.group.exclude_non_members(others)
                extra = sorted(table.partition_ints.items())
                extra = [(k, extra_int) for k, extra_int in extra if k in table.partition_keys]
                name = table.group.anchor or root_name or records.safe_id(builder.base.name)
                files = f"parquet-files-for-config-{name}" if root_name else None
                builder.table_set(
                    table.group, kind, table.info, extra, name, files=files, split=table.split
                )
            elif table.group.count == 1:
                entry = first
                builder.table_object(entry, kind, table.info, table.key, table.split)
            else:
                literal = [glob_escape(p) for p in table.group.paths]
                stem = Path(first.path).name.split(".")[0]
                builder.table_set(
                    table.group, kind, table.info, [], stem, includes=literal, split=table.split
                )
