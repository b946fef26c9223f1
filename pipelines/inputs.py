"""Finding and checking the input before any pipeline starts.

:func:`plan_input` looks at ``INPUT`` and returns an :class:`InputPlan`: what kind of input
it is, the read tasks the pipeline fans out over, and the resolved field names. Everything
that can be checked up front is checked here, so a missing file, an empty glob or a text
field that does not exist is a clear :class:`~croissant_tools.errors.InputError` (exit
code 2) before Beam starts:

* a **directory** of source files: every file with a known code extension (language from
  the extension); hidden entries are skipped and symlinks that leave the directory refused;
* **JSON Lines** (``.jsonl``, ``.ndjson``, optionally ``.gz``) or **Parquet** files, a
  glob of them, or a directory holding only such files;
* a **Croissant** file (``.json``/``.jsonld`` with an ``@context``): one record set.
"""

from __future__ import annotations

import glob as globlib
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from croissant_tools.errors import InputError, SecurityError
from croissant_tools.safety import is_within
from pipelines import storage
from pipelines.options import Fields
from pruning.languages import EXTENSIONS

Kind = Literal["source", "jsonl", "parquet", "croissant"]

TEXT_FIELDS = ("text", "content", "code", "source", "func_code_string", "whole_func_string")
ID_FIELDS = ("id",)
LANGUAGE_FIELDS = ("language", "lang")
PATH_FIELDS = ("path", "file_path", "filepath", "filename", "max_stars_repo_path")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.bz2", ".ndjson.bz2")
SOURCE_TASK_FILES = 512
SOURCE_TASK_BYTES = 32 << 20
PARQUET_TASK_ROWS = 50_000
SPLIT_BYTES = 64 << 20  # JSON Lines files larger than this are read as several tasks
_PEEK_LINES = 1000


@dataclass(frozen=True)
class ReadTask:
    """One unit of reading work: a file (or part of one) or a batch of source files.

    ``row_groups`` is ``(first row group, last row group + 1)`` for Parquet;
    ``byte_range`` is ``[start, end)`` of a large uncompressed JSON Lines file (a line
    belongs to the range its first byte is in); ``first_row`` is the number of rows (or
    lines) before the task in its file, so ids by position are global.
    """

    index: int
    kind: Kind
    paths: tuple[str, ...]
    rels: tuple[str, ...]
    row_groups: tuple[int, int] | None = None
    first_row: int = 0
    byte_range: tuple[int, int] | None = None


@dataclass(frozen=True)
class InputPlan:
    """The checked input: kind, read tasks, resolved fields and a fingerprint of the files."""

    kind: Kind
    root: str
    tasks: tuple[ReadTask, ...]
    fields: Fields
    total_bytes: int
    n_files: int
    fingerprint: str
    columns: tuple[str, ...] = ()
    skipped: dict[str, int] = field(default_factory=dict)
    description: str = ""


def plan_input(spec_input: str, fields: Fields) -> InputPlan:
    """Check ``spec_input`` and plan how to read it (see the module docstring)."""
    if any(ch in spec_input for ch in "*?["):
        return _plan_files(_glob(spec_input), spec_input, fields)
    if "://" not in spec_input and Path(spec_input).is_dir():
        return _plan_directory(Path(spec_input), fields)
    if not storage.exists(spec_input):
        raise InputError("input not found", where=spec_input)
    if _is_croissant(spec_input):
        from pipelines.sources import croissant

        return croissant.plan(spec_input, fields)
    return _plan_files([(spec_input, _size(spec_input))], spec_input, fields)


def _size(path: str) -> int:
    found = storage.list_files(path)
    return found[0][1] if found else 0


def _glob(pattern: str) -> list[tuple[str, int]]:
    if "://" in pattern:
        found = storage.list_files(pattern)
    else:
        matches = globlib.glob(pattern, recursive=True)  # noqa: PTH207 - absolute patterns
        found = sorted((p, Path(p).stat().st_size) for p in matches if Path(p).is_file())
    if not found:
        raise InputError("no files match the pattern", where=pattern)
    return found


def _is_croissant(path: str) -> bool:
    if not path.lower().endswith((".json", ".jsonld")):
        return False
    with storage.open_read(path) as handle:
        head = handle.read(1 << 16)
    return b'"@context"' in head or b"'@context'" in head


def _kind_of(path: str) -> Kind | None:
    lower = path.lower()
    if lower.endswith(".parquet"):
        return "parquet"
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return None


def _plan_files(found: list[tuple[str, int]], where: str, fields: Fields) -> InputPlan:
    kinds = {_kind_of(path) for path, _ in found}
    if None in kinds:
        odd = next(p for p, _ in found if _kind_of(p) is None)
        raise InputError(
            "cannot tell the format of this file",
            where=odd,
            hint="use .jsonl/.ndjson (optionally .gz), .parquet, a Croissant .json, "
            "or a directory of source files",
        )
    if len(kinds) > 1:
        raise InputError("the input mixes JSON Lines and Parquet files", where=where)
    kind = kinds.pop()
    root = _root([p for p, _ in found], where)
    rels = [_relative(path, root, len(found)) for path, _ in found]
    if kind == "parquet":
        from pipelines.sources import parquet

        tasks, names = parquet.plan_tasks(found, rels)
    else:
        tasks = _jsonl_tasks(found, rels)
        names = _jsonl_fields(found[0][0])
    resolved = resolve_fields(fields, names, found[0][0])
    return InputPlan(
        kind=kind,  # type: ignore[arg-type]
        root=root,
        tasks=tasks,
        fields=resolved,
        total_bytes=sum(size for _, size in found),
        n_files=len(found),
        fingerprint=_fingerprint(found),
        columns=tuple(names),
        description=(found[0][0] if len(found) == 1 else f"{len(found)} {kind} files under {root}"),
    )


def _jsonl_tasks(found: list[tuple[str, int]], rels: list[str]) -> tuple[ReadTask, ...]:
    """One task per file; uncompressed files over :data:`SPLIT_BYTES` are split by bytes."""
    tasks: list[ReadTask] = []
    for (path, size), rel in zip(found, rels):
        plain = path.lower().endswith((".jsonl", ".ndjson")) and "://" not in path
        if size <= SPLIT_BYTES or not plain:
            tasks.append(ReadTask(len(tasks), "jsonl", (path,), (rel,)))
            continue
        for start, end, lines_before in _line_ranges(Path(path), size):
            tasks.append(
                ReadTask(
                    len(tasks),
                    "jsonl",
                    (path,),
                    (rel,),
                    first_row=lines_before,
                    byte_range=(start, end),
                )
            )
    return tuple(tasks)


def _line_ranges(path: Path, size: int) -> list[tuple[int, int, int]]:
    """``(start, end, lines before start)``: :data:`SPLIT_BYTES` each, cut after a newline."""
    ranges: list[tuple[int, int, int]] = []
    start = lines = 0
    with path.open("rb") as handle:
        while start < size:
            handle.seek(min(size, start + SPLIT_BYTES))
            handle.readline()  # finish the line the cut falls in
            end = min(size, handle.tell()) if start + SPLIT_BYTES < size else size
            ranges.append((start, end, lines))
            handle.seek(start)
            remaining = end - start
            while remaining > 0:
                chunk = handle.read(min(remaining, 1 << 24))
                lines += chunk.count(b"\n")
                remaining -= len(chunk)
            start = end
    return ranges


def _root(paths: list[str], where: str) -> str:
    """The folder the files share (a single file's own folder)."""
    if "://" in where:
        return where.rsplit("/", 1)[0] if len(paths) == 1 else where
    common = os.path.commonpath(paths)
    return str(Path(common).parent) if len(paths) == 1 else common


def _relative(path: str, root: str, n_files: int) -> str:
    if n_files == 1 or path == root:
        return path.rsplit("/", 1)[-1]
    return os.path.relpath(path, root) if "://" not in path else path[len(root) :].lstrip("/")


def _jsonl_fields(path: str) -> list[str]:
    """Field names in the first records of a JSON Lines file (in first-seen order)."""
    from pipelines.sources.jsonl import decode_line, split_lines

    names: dict[str, None] = {}
    with storage.open_read(path, decompress=True) as handle:
        for number, (_, line) in enumerate(split_lines(handle), start=1):
            if number > _PEEK_LINES:
                break
            row = decode_line((0, number), path, line, 1 << 20, None)
            if row.error is None:  # the others are routed as invalid when the pipeline reads
                names.update(dict.fromkeys(row.columns))
    if not names:
        raise InputError(
            f"no JSON object in the first {_PEEK_LINES} lines",
            where=path,
            hint="each line must be one JSON object",
        )
    return list(names)


def resolve_fields(fields: Fields, names: list[str], where: str) -> Fields:
    """Check the named fields exist and fill in the ones to detect."""

    def check(flag: str, value: str | None) -> None:
        if value is not None and value not in names:
            raise InputError(
                f"unknown field {value!r} (given by {flag})",
                where=where,
                hint=f"fields found: {', '.join(names[:30])}",
            )

    check("--text-field", fields.text)
    check("--id-field", fields.id)
    check("--language-field", fields.language)
    check("--path-field", fields.path)
    text = fields.text or next((n for n in TEXT_FIELDS if n in names), None)
    if text is None:
        raise InputError(
            "no text field found",
            where=where,
            hint=f"pass --text-field; fields found: {', '.join(names[:30])}",
        )

    def detect(value: str | None, candidates: tuple[str, ...]) -> str | None:
        return value or next((n for n in candidates if n in names and n != text), None)

    return Fields(
        text=text,
        id=detect(fields.id, ID_FIELDS),
        language=detect(fields.language, LANGUAGE_FIELDS),
        path=detect(fields.path, PATH_FIELDS),
        record_set=fields.record_set,
        default_language=fields.default_language,
    )


def _plan_directory(root: Path, fields: Fields) -> InputPlan:
    files, skipped = walk_sources(root)
    if not files:
        data = sorted(p for p in root.rglob("*") if p.is_file() and _kind_of(p.name))
        if data:
            found = [(str(p), p.stat().st_size) for p in data]
            return _plan_files(found, str(root), fields)
        raise InputError(
            "no source files with a known extension",
            where=str(root),
            hint=f"extensions: {', '.join(sorted(EXTENSIONS))}",
        )
    tasks: list[ReadTask] = []
    batch: list[tuple[str, str, int]] = []
    for item in files:
        batch.append(item)
        if len(batch) >= SOURCE_TASK_FILES or sum(s for *_, s in batch) >= SOURCE_TASK_BYTES:
            tasks.append(_source_task(len(tasks), batch))
            batch = []
    if batch:
        tasks.append(_source_task(len(tasks), batch))
    found = [(path, size) for path, _, size in files]
    return InputPlan(
        kind="source",
        root=str(root),
        tasks=tuple(tasks),
        fields=Fields(
            text="text",
            id="path",
            language="language",
            path="path",
            default_language=fields.default_language,
        ),
        total_bytes=sum(size for *_, size in files),
        n_files=len(files),
        fingerprint=_fingerprint(found),
        columns=("path", "language", "text"),
        skipped=skipped,
        description=f"{len(files)} source file(s) under {root}",
    )


def _source_task(index: int, batch: list[tuple[str, str, int]]) -> ReadTask:
    return ReadTask(index, "source", tuple(p for p, _, _ in batch), tuple(r for _, r, _ in batch))


def walk_sources(root: Path) -> tuple[list[tuple[str, str, int]], dict[str, int]]:
    """``(path, relative posix path, size)`` of the code files under ``root``, sorted.

    Hidden files and folders are skipped; ``skipped`` counts files left out by reason.
    A symlink that resolves outside ``root`` raises :class:`SecurityError`.
    """
    out: list[tuple[str, str, int]] = []
    skipped: dict[str, int] = {}
    resolved_root = root.resolve()
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(directory) / name
            if name.startswith("."):
                skipped["hidden"] = skipped.get("hidden", 0) + 1
                continue
            if path.suffix.lower() not in EXTENSIONS:
                skipped["unknown extension"] = skipped.get("unknown extension", 0) + 1
                continue
            if path.is_symlink() and not is_within(resolved_root, path):
                raise SecurityError("symlink leads outside the input directory", where=str(path))
            if not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            out.append((str(path), rel, path.stat().st_size))
    return sorted(out, key=lambda item: item[1]), skipped


def _fingerprint(found: list[tuple[str, int]]) -> str:
    """Changes when a file is added, removed, resized or modified."""
    digest = hashlib.sha256()
    for path, size in found:
        local = Path(path) if "://" not in path else None
        mtime = local.stat().st_mtime_ns if local is not None and local.exists() else 0
        digest.update(f"{path}\0{size}\0{mtime}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]
