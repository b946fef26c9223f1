"""Checking many files: batches on a thread or process pool, results in input order.

Per-file work on a small file is a few microseconds of Python plus the system calls that
open and read it, so files travel in batches (up to :data:`BATCH_FILES`) to keep pool
overhead per file small. Threads run the system calls in parallel but share one
interpreter for the Python part; worker *processes* run that part in parallel too, at
the price of pickling each batch and its results. So a run starts on threads, and once it
has seen :data:`PROCESS_FILES` files it moves to forked processes when that can pay off:
there are spare CPUs (the one-minute load average is at least one CPU below the CPUs this
process may use) and forking is safe (no other thread is running: the thread pool is
shut down first). On a busy machine the extra CPU time of processes makes them slower, so
threads stay. The output never depends on the choice: results come back in input order
and each file's result depends only on the file.

Memory stays flat: at most a few batches per worker are pending at any time.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial
from typing import TypeVar

from croissant_tools.generation.formats import classify
from croissant_tools.generation.inspect import Inspected, inspect_entry
from croissant_tools.generation.scan import FileEntry
from croissant_tools.hashing import default_workers

T = TypeVar("T")
R = TypeVar("R")
BATCH_FILES = 64
#: Files checked on threads before a run may move to processes.
PROCESS_FILES = 2_000
#: Batches pending per worker.
WINDOW = 4


def inspect_all(
    entries: Iterable[FileEntry],
    *,
    workers: int,
    checksums: bool,
    processes: bool | None = None,
) -> Iterator[Inspected]:
    """Classify and :func:`~.inspect.inspect_entry` every entry, in input order.

    ``processes`` forces (``True``) or forbids (``False``) worker processes after the
    first :data:`PROCESS_FILES` files; by default they are used when CPUs are idle (see
    the module docstring). Forking still needs a single-threaded process.
    """
    batches = _batches(entries)
    check = partial(_inspect_batch, checksums=checksums)
    window = max(1, workers) * WINDOW
    with _threads(workers) as pool:
        yield from _flatten(ordered_map(pool, check, _first_files(batches), window))
    # the thread pool is shut down here: forking now copies only this thread
    wanted = processes if processes is not None else _spare_cpus() >= 1
    use_processes = workers > 1 and wanted and _fork_is_safe()
    with _processes(workers) if use_processes else _threads(workers) as pool:
        yield from _flatten(ordered_map(pool, check, batches, window))


def _inspect_batch(batch: list[FileEntry], checksums: bool) -> list[Inspected]:
    return [inspect_entry(entry, classify(entry.path), checksums) for entry in batch]


def _flatten(batches: Iterator[list[Inspected]]) -> Iterator[Inspected]:
    for batch in batches:
        yield from batch


def _first_files(batches: Iterator[list[FileEntry]]) -> Iterator[list[FileEntry]]:
    """The batches holding the first :data:`PROCESS_FILES` files (the rest stay queued)."""
    seen = 0
    while seen < PROCESS_FILES:
        batch = next(batches, None)
        if batch is None:
            return
        seen += len(batch)
        yield batch


def _batches(entries: Iterable[FileEntry]) -> Iterator[list[FileEntry]]:
    """Batches of 1, 2, 4, ... up to :data:`BATCH_FILES` files: a few large files still
    spread over the workers, and thousands of small ones travel in bulk."""
    batch: list[FileEntry] = []
    limit = 1
    for entry in entries:
        batch.append(entry)
        if len(batch) >= limit:
            yield batch
            batch = []
            limit = min(limit * 2, BATCH_FILES)
    if batch:
        yield batch


def ordered_map(
    pool: Executor, fn: Callable[[T], R], items: Iterable[T], window: int
) -> Iterator[R]:
    """``map`` on ``pool`` in input order, with at most ``window`` items pending."""
    pending: deque[Future[R]] = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _spare_cpus() -> float:
    """CPUs this process may use minus the one-minute load average (0 if unknown)."""
    try:
        return default_workers() - os.getloadavg()[0]
    except OSError:
        return 0.0


def _fork_is_safe() -> bool:
    """Forking copies one thread; it is safe only while no other thread is running."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return False
    return threading.active_count() == 1


def _threads(workers: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="inspect")


def _processes(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
