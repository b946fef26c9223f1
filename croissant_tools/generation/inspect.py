"""Per-file checks, run on a thread pool: is this file usable, and what is its layout?

Each check reads as little as it can (a table's prefix or footer, an image's header, a
text file in 1 MiB chunks to prove it decodes) and turns every failure into a reason
string; nothing here raises for bad data.
"""

from __future__ import annotations

import codecs
import gzip
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, TypeVar

from croissant_tools.generation.formats import TABLE_KINDS, FileKind
from croissant_tools.generation.scan import FileEntry
from croissant_tools.generation.tables import TableInfo, Unusable, find_key, inspect_table

CHUNK = 1024 * 1024
_PARTITION = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=([^/]+)$")
T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Inspected:
    """The outcome of checking one file: its layout, or the reason it is left out."""

    entry: FileEntry
    kind: FileKind
    table: TableInfo | None = None
    key: str | None = None
    partitions: tuple[tuple[str, str], ...] = ()
    problem: str | None = None


def opener_for(path: str | Path, compressed: bool) -> Callable[[], IO[bytes]]:
    """A function opening the file (decompressing ``.gz``) for a fresh binary read."""
    if compressed:
        return partial(gzip.open, path, "rb")  # type: ignore[return-value]
    return partial(open, path, "rb")  # type: ignore[return-value]


def partitions_of(path: str) -> tuple[tuple[str, str], ...]:
    """Hive-style ``key=value`` directory segments of a relative path, outermost first."""
    out = []
    for segment in path.split("/")[:-1]:
        match = _PARTITION.match(segment)
        if match:
            out.append((match.group(1), match.group(2)))
    return tuple(out)


def check_text(path: str | Path, compressed: bool = False, size: int = CHUNK) -> str | None:
    """``None`` if the file is non-empty UTF-8 text, else the reason it is not.

    ``size`` (the file size, if known) keeps the read buffer small for small files:
    ``read(n)`` allocates ``n`` bytes up front.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    total = 0
    chunk_size = CHUNK if compressed else max(1, min(CHUNK, size + 1))
    try:
        with opener_for(path, compressed)() as handle:
            while chunk := handle.read(chunk_size):
                if b"\x00" in chunk:
                    return "binary content where text was expected (NUL bytes)"
                decoder.decode(chunk)
                total += len(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        return f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} near offset {total})"
    except (OSError, EOFError) as exc:
        return f"cannot read ({getattr(exc, 'strerror', None) or exc})"
    return "empty file" if total == 0 else None


def check_image(path: str | Path) -> str | None:
    """``None`` if Pillow recognises the file as an image, else the reason."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return f"not a readable image ({str(exc).splitlines()[0] if str(exc) else 'corrupt'})"
    return None


def inspect_entry(entry: FileEntry, kind: FileKind) -> Inspected:
    """Check one file according to its kind (tables get their schema and key)."""
    result = Inspected(entry, kind)
    if entry.size == 0 and kind.kind not in ("doc", "other", "code"):
        result.problem = "empty file"  # an empty source file (__init__.py) is valid code
        return result
    if kind.kind in TABLE_KINDS:
        opener = opener_for(entry.absolute, kind.compressed)
        try:
            result.table = inspect_table(kind.kind, opener)
            result.key = find_key(result.table, opener, entry.size)
        except Unusable as exc:
            result.problem = str(exc)
        result.partitions = partitions_of(entry.path)
        if result.table is not None:
            result.table.sample = None  # keep memory flat: the schema is enough now
    elif kind.kind in ("text", "code"):
        result.problem = check_text(entry.absolute, kind.compressed, entry.size)
        if result.problem == "empty file" and kind.kind == "code":
            result.problem = None
    elif kind.kind == "image":
        result.problem = check_image(entry.absolute)
    return result


def ordered_map(fn: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``map`` on a thread pool, in input order, with a bounded number of pending items."""
    window = max(1, workers) * 8
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="inspect") as pool:
        pending: list[Future[R]] = []
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
