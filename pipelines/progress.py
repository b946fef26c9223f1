"""Progress while a stage runs, on any runner.

Beam reports nothing back to the launching process while a pipeline runs, so workers leave
a trail instead: a :class:`Ticker` in a DoFn counts the records it has handled and, at most
once a second, writes the running count to its own small file under
``OUT/_work/progress/<stage>/``. A :class:`Monitor` thread in the launching process sums
those files and drives the display: a ``rich`` progress bar on a terminal, a log line every
few seconds otherwise (``--progress log``), or nothing (``--progress none``). On a cluster
the files land wherever ``OUT`` is (a shared disk or a bucket), so the display keeps working.
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import time
import uuid
from types import TracebackType
from typing import Any

from pipelines import storage

FLUSH_SECONDS = 1.0
POLL_SECONDS = 0.5
LOG_SECONDS = 10.0


class Ticker:
    """Counts records in a worker and publishes the count (see the module docstring)."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.count = 0
        self._path: str | None = None
        self._last = 0.0

    def tick(self, n: int = 1) -> None:
        """Add ``n`` handled records; publish when the last write is a second old."""
        self.count += n
        now = time.monotonic()
        if now - self._last >= FLUSH_SECONDS:
            self.flush()
            self._last = now

    def flush(self) -> None:
        """Publish the current count (never raises: progress must not fail a job)."""
        if self._path is None:
            self._path = storage.join(self.directory, f"{uuid.uuid4().hex}.json")
        # a full disk or a flaky bucket must not fail the job
        with contextlib.suppress(Exception):
            storage.write_bytes(self._path, json.dumps({"count": self.count}).encode())


def read_count(directory: str) -> int:
    """Sum of the counts every ticker of a stage has published so far."""
    total = 0
    try:
        files = storage.list_files(storage.join(directory, "*.json"))
    except Exception:
        return 0
    for path, _ in files:
        try:
            total += int(storage.read_json(path).get("count", 0))
        except Exception:
            continue
    return total


def _mode(requested: str) -> str:
    if requested != "auto":
        return requested
    return "bar" if sys.stderr.isatty() else "log"


class Display:
    """The whole run's display: one line (or bar) per stage, on standard error."""

    def __init__(self, mode: str = "auto") -> None:
        self.mode = _mode(mode)
        self._progress: Any = None
        if self.mode == "bar":
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                TextColumn("{task.description:<28}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=False,
            )

    def __enter__(self) -> Display:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def message(self, text: str) -> None:
        """A line of text above the bars (or in the log)."""
        if self.mode == "none":
            return
        if self._progress is not None:
            self._progress.console.print(text)
        else:
            print(text, file=sys.stderr, flush=True)

    def stage(self, name: str, total: int | None, directory: str | None) -> Monitor:
        """A monitor for one stage; use it as a context manager around the pipeline run."""
        return Monitor(self, name, total, directory)


class Monitor:
    """Polls a stage's ticker files in a thread and updates the display."""

    def __init__(
        self, display: Display, name: str, total: int | None, directory: str | None
    ) -> None:
        self.display = display
        self.name = name
        self.total = total
        self.directory = directory
        self.started = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._task: Any = None

    def __enter__(self) -> Monitor:
        self.started = time.monotonic()
        bar = self.display._progress
        if bar is not None:
            self._task = bar.add_task(self.name, total=self.total, rate="")
        elif self.display.mode == "log":
            self.display.message(
                f"[{self.name}] started" + (f" ({self.total:,} records)" if self.total else "")
            )
        if self.directory and self.display.mode != "none":
            self._thread = threading.Thread(
                target=self._poll, name=f"progress-{self.name}", daemon=True
            )
            self._thread.start()
        return self

    def _poll(self) -> None:
        last_log = time.monotonic()
        while not self._stop.wait(POLL_SECONDS):
            count = read_count(str(self.directory))
            self._show(count, final=False)
            if self.display.mode == "log" and time.monotonic() - last_log >= LOG_SECONDS:
                self.display.message(f"[{self.name}] {self._describe(count)}")
                last_log = time.monotonic()

    def _describe(self, count: int) -> str:
        seconds = max(time.monotonic() - self.started, 1e-9)
        of = f"/{self.total:,}" if self.total else ""
        return f"{count:,}{of} records, {count / seconds:,.0f}/s"

    def _show(self, count: int, *, final: bool) -> None:
        bar = self.display._progress
        if bar is None or self._task is None:
            return
        seconds = max(time.monotonic() - self.started, 1e-9)
        completed = self.total if final and self.total is not None else count
        bar.update(
            self._task, completed=completed, rate=f"{count / seconds:,.0f}/s" if count else ""
        )

    def finish(self, summary: str) -> None:
        """Mark the stage done with a one-line summary."""
        bar = self.display._progress
        if bar is not None and self._task is not None:
            self._show(self.total or 0, final=True)
            bar.update(self._task, description=f"{self.name} ✓", rate=summary)
        elif self.display.mode == "log":
            self.display.message(f"[{self.name}] done: {summary}")

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
