"""Streaming file digests (sha256, md5) and sizes, one file or many in parallel.

The generator writes ``sha256`` and ``contentSize`` for every file it describes and the
loader checks them, so both use this module. Files are read in fixed-size chunks (memory
stays flat whatever the file size); :func:`hash_files` hashes many files on a thread pool
(``hashlib`` releases the GIL while it digests, so threads run in parallel) and yields
results in input order without materialising the whole list of paths.

    digest = hash_file("data/train.csv")
    digest.sha256, digest.size

    for digest in hash_files(paths, workers=4, progress=True):
        ...
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from croissant_tools.errors import InputError, UsageError

#: Algorithms this module computes (the ones Croissant has properties for).
ALGORITHMS: tuple[str, ...] = ("sha256", "md5")
CHUNK_SIZE = 1024 * 1024
#: Files at least this large are read in 8 MiB chunks (fewer system calls).
LARGE_FILE = 64 * 1024 * 1024
LARGE_CHUNK_SIZE = 8 * 1024 * 1024

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class FileDigest:
    """Size in bytes and hex digests of one file; ``digests`` maps algorithm -> hex."""

    path: Path
    size: int
    digests: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str | None:
        """Hex sha256, if it was computed."""
        return self.digests.get("sha256")

    @property
    def md5(self) -> str | None:
        """Hex md5, if it was computed."""
        return self.digests.get("md5")


@dataclass(frozen=True)
class HashFailure:
    """A file that could not be hashed, and why (``hash_files`` yields these, never raises)."""

    path: Path
    reason: str


def _check_algorithms(algorithms: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(a.lower() for a in algorithms))
    unknown = [a for a in chosen if a not in ALGORITHMS]
    if unknown:
        raise UsageError(
            f"unknown checksum algorithm(s): {', '.join(unknown)}",
            hint=f"choose from {', '.join(ALGORITHMS)}",
        )
    return chosen


def hash_file(
    path: PathLike,
    algorithms: Iterable[str] = ("sha256",),
    *,
    on_bytes: Callable[[int], None] | None = None,
) -> FileDigest:
    """Digest one file by streaming it; ``on_bytes(n)`` is called after each chunk.

    With ``algorithms=()`` only the size is measured (by reading, so it matches what
    was hashed even for a file that grows). Raises :class:`InputError` naming the file
    when it cannot be opened or read.
    """
    chosen = _check_algorithms(algorithms)
    file_path = Path(path)
    hashers = {name: hashlib.new(name) for name in chosen}
    size = 0
    try:
        with file_path.open("rb", buffering=0) as handle:
            chunk_size = _chunk_size(handle)
            buffer = bytearray(chunk_size)
            view = memoryview(buffer)
            while True:
                count = handle.readinto(buffer)
                if not count:
                    break
                chunk = view[:count]
                for hasher in hashers.values():
                    hasher.update(chunk)
                size += count
                if on_bytes is not None:
                    on_bytes(count)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"cannot read file for hashing: {reason}", where=str(file_path)) from None
    return FileDigest(file_path, size, {name: h.hexdigest() for name, h in hashers.items()})


def _chunk_size(handle: Any) -> int:
    try:
        size = os.fstat(handle.fileno()).st_size
    except (OSError, AttributeError):
        return CHUNK_SIZE
    return LARGE_CHUNK_SIZE if size >= LARGE_FILE else CHUNK_SIZE


def default_workers() -> int:
    """Threads used by :func:`hash_files` by default: the CPUs this process may use (≤ 8)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(8, cpus))


def hash_files(
    paths: Iterable[PathLike],
    algorithms: Iterable[str] = ("sha256",),
    *,
    workers: int | None = None,
    progress: bool = False,
    total: int | None = None,
) -> Iterator[FileDigest | HashFailure]:
    """Digest many files on a thread pool, yielding one result per path, in input order.

    ``paths`` is consumed lazily with a bounded window of pending files, so a generator
    over millions of paths uses constant memory. A file that cannot be read yields a
    :class:`HashFailure` instead of stopping the run. ``progress`` shows a tqdm bar of
    files (and ``total`` files if known) on stderr.
    """
    chosen = _check_algorithms(algorithms)
    count = workers if workers is not None else default_workers()
    if count < 1:
        raise UsageError(f"workers must be at least 1, not {count}")
    bar = _progress_bar(total) if progress else None
    window = count * 4
    try:
        with ThreadPoolExecutor(max_workers=count, thread_name_prefix="hash") as pool:
            pending: deque[tuple[Path, Future[FileDigest]]] = deque()
            for raw in paths:
                path = Path(raw)
                pending.append((path, pool.submit(hash_file, path, chosen)))
                if len(pending) >= window:
                    yield _result(*pending.popleft(), bar)
            while pending:
                yield _result(*pending.popleft(), bar)
    finally:
        if bar is not None:
            bar.close()


def _result(path: Path, future: Future[FileDigest], bar: Any) -> FileDigest | HashFailure:
    try:
        outcome: FileDigest | HashFailure = future.result()
    except InputError as exc:
        outcome = HashFailure(path, exc.message)
    if bar is not None:
        bar.update(1)
    return outcome


def progress_bar(iterable: Any = None, *, total: int | None = None, desc: str) -> Any:
    """A tqdm bar on stderr counting files, without tqdm's monitor thread.

    The monitor thread would outlive the bar, and a process with a second thread cannot
    safely fork workers (see ``croissant_tools.generation.pool``).
    """
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0

    return Bar(iterable, total=total, unit="file", desc=desc, leave=False, dynamic_ncols=True)


def _progress_bar(total: int | None) -> Any:
    return progress_bar(total=total, desc="hashing")
