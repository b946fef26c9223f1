"""Per-file checks, run on a pool: is this file usable, and what is its layout?

Each check reads as little as it can (a table's prefix or footer, an image's header, a
large text file in 1 MiB chunks to prove it decodes) and turns every failure into a reason
string; nothing here raises for bad data. A small file (up to :data:`SMALL_FILE`) is read
once, whole, and those bytes serve every check: the UTF-8 test, the table sample, the image
check and, when checksums are on, its ``sha256`` (so a small table is not read again to be
hashed).
"""

from __future__ import annotations

import codecs
import errno
import gzip
import hashlib
import io
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO

from croissant_tools.generation.formats import TABLE_KINDS, FileKind
from croissant_tools.generation.scan import FileEntry, measure
from croissant_tools.generation.tables import (
    SAMPLE_BYTES,
    TableInfo,
    Unusable,
    find_key,
    find_split_column,
    inspect_table,
)

CHUNK = 1024 * 1024
#: Files up to this size are read whole, once.
SMALL_FILE = SAMPLE_BYTES
_PARTITION = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=([^/]+)$")
_NOT_READ = frozenset({"doc", "other", "zip", "tar"})


@dataclass(slots=True)
class Inspected:
    """The outcome of checking one file: its layout, or the reason it is left out.

    ``entry.sha256`` is filled in when the file was read whole with checksums on.
    """

    entry: FileEntry
    kind: FileKind
    table: TableInfo | None = None
    key: str | None = None
    #: a column naming each row's split, and its values
    split: tuple[str, tuple[str, ...]] | None = None
    partitions: tuple[tuple[str, str], ...] = ()
    problem: str | None = None


def opener_for(path: str | Path, compressed: bool) -> Callable[[], IO[bytes]]:
    """A function opening the file (decompressing ``.gz``) for a fresh binary read."""
    if compressed:
        return partial(gzip.open, path, "rb")  # type: ignore[return-value]
    return partial(open, path, "rb")  # type: ignore[return-value]


def open_and_read(
    entry: FileEntry, limit: int = SMALL_FILE, checksums: bool = False
) -> tuple[FileEntry, bytes | None] | str:
    """Measure a file through its open descriptor and read it whole if it is small.

    Returns ``(entry with size and mtime, bytes or None when over limit)``, or the reason
    the file cannot be used; with ``checksums`` the entry of a file read whole carries its
    ``sha256``. One ``open`` (non-blocking, so a FIFO cannot hang the run), one ``fstat``,
    the reads and one ``close``: the system calls ``sha256sum`` makes.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(entry.absolute, flags)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "unreadable (permission denied)"
        return f"cannot access ({exc.strerror or 'broken symlink'})"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file (device, socket or pipe)"
        data = _read_all(fd, info.st_size, limit) if info.st_size <= limit else None
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    finally:
        os.close(fd)
    if data is None:
        return FileEntry(entry.path, entry.absolute, info.st_size, info.st_mtime), None
    digest = hashlib.sha256(data).hexdigest() if checksums else None
    return FileEntry(entry.path, entry.absolute, len(data), info.st_mtime, digest), data


def _read_all(fd: int, size: int, limit: int) -> bytes | None:
    """Read to the end (``None`` past ``limit``); ``size`` sizes the first read."""
    chunks: list[bytes] = []
    total = 0
    want = min(size, limit) + 1
    while chunk := os.read(fd, want):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            return None
        want = min(limit + 1 - total, 65536)  # os.read allocates what it is asked for
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def text_problem(data: bytes) -> str | None:
    """``None`` if ``data`` is non-empty UTF-8 text, else the reason it is not."""
    if not data:
        return "empty file"
    if b"\x00" in data:
        return "binary content where text was expected (NUL bytes)"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    return None


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


def check_image(path: str | Path, data: bytes | None = None) -> str | None:
    """``None`` if Pillow recognises the file (or its ``data``) as an image, else the reason."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data) if data is not None else path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else "corrupt"
        first = re.sub(r" <_io\.BytesIO object at 0x[0-9a-f]+>", "", first)  # Pillow's repr
        return f"not a readable image ({first})"
    return None


def inspect_entry(entry: FileEntry, kind: FileKind, checksums: bool = False) -> Inspected:
    """Measure and check one file according to its kind (tables get their schema and key).

    Documents, archives and other files are only measured here (they are hashed later).
    """
    data = None
    if kind.kind in _NOT_READ or kind.compressed or kind.kind == "parquet":
        measured = measure(entry) if entry.size < 0 else entry
    else:
        opened = open_and_read(entry, checksums=checksums)
        measured = opened if isinstance(opened, str) else opened[0]
        data = None if isinstance(opened, str) else opened[1]
    if isinstance(measured, str):
        return Inspected(entry, kind, problem=measured)
    result = Inspected(measured, kind)
    if kind.kind in _NOT_READ:
        return result
    if measured.size == 0 and kind.kind != "code":
        result.problem = "empty file"  # an empty source file (__init__.py) is valid code
        return result
    if kind.kind in TABLE_KINDS:
        _inspect_table(result, data)
    elif kind.kind in ("text", "code"):
        result.problem = _text_check(measured, kind, data)
    elif kind.kind == "image":
        result.problem = check_image(measured.absolute, data)
    return result


def _text_check(entry: FileEntry, kind: FileKind, data: bytes | None) -> str | None:
    if data is not None:
        problem = text_problem(data)
    else:
        problem = check_text(entry.absolute, kind.compressed, entry.size)
    return None if problem == "empty file" and kind.kind == "code" else problem


def _inspect_table(result: Inspected, data: bytes | None) -> None:
    entry, kind = result.entry, result.kind
    opener = opener_for(entry.absolute, kind.compressed)
    try:
        result.table = inspect_table(kind.kind, opener, data)
        result.key = find_key(result.table, opener, entry.size)
        result.split = find_split_column(result.table, opener, entry.size)
    except Unusable as exc:
        result.problem = str(exc)
    result.partitions = partitions_of(entry.path)
    if result.table is not None:
        result.table.sample = None  # keep memory flat: the schema is enough now
