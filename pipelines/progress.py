"""Progress while a stage runs, on any runner, and a quiet terminal.

Beam reports nothing back to the launching process while a pipeline runs, so workers leave
a trail instead: a :class:`Ticker` in a DoFn counts what it has handled for one named
*step* of the stage (``assigned``, ``scored``, ``synthetic embedded``, ...) and, at most
once a second, writes the running count to its own small file under
``OUT/_work/progress/<stage>/``. A :class:`Monitor` thread in the launching process sums
those files per step and drives the display:

* on a terminal (``--progress bar``): one live ``rich`` line per stage — the stage, every
  step's count (of its total when known), the rate and an ETA;
* otherwise (``--progress log``): a line per stage when something changed, at most every
  10 s in a stage's first 30 s, every 30 s up to two minutes, every minute up to ten,
  then every five minutes — never the same line twice — and a ``done`` line with the
  stage's summary;
* nothing (``--progress none``).

:func:`captured_output` sends what libraries print while the stages run (faiss, model
loading bars, Beam) to ``OUT/run.log`` at the file-descriptor level, so C++ output is
caught too; the display keeps writing to the real standard error, and the run ends with
one line saying how much went to the log. On a cluster the progress files land wherever
``OUT`` is (a shared disk or a bucket), so the display keeps working.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import IO, Any

from pipelines import storage

FLUSH_SECONDS = 1.0
POLL_SECONDS = 0.5
DEFAULT_STEP = "records"
Step = tuple[str, int | None]  # name, total (None when not known in advance)


class Ticker:
    """Counts what a worker handled for one step and publishes it (see the module
    docstring)."""

    def __init__(self, directory: str, step: str = DEFAULT_STEP) -> None:
        self.directory = directory
        self.step = step
        self.count = 0
        self._path: str | None = None
        self._last = 0.0

    def tick(self, n: int = 1) -> None:
        """Add ``n`` handled items; publish when the last write is a second old."""
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
            body = json.dumps({"step": self.step, "count": self.count}).encode()
            storage.write_bytes(self._path, body)


def read_counts(directory: str) -> dict[str, int]:
    """The count of every step, summed over the tickers of a stage."""
    totals: dict[str, int] = {}
    try:
        files = storage.list_files(storage.join(directory, "*.json"))
    except Exception:
        return totals
    for path, _ in files:
        try:
            found = storage.read_json(path)
            step = str(found.get("step", DEFAULT_STEP))
            totals[step] = totals.get(step, 0) + int(found.get("count", 0))
        except Exception:
            continue
    return totals


def read_count(directory: str) -> int:
    """Sum of every count a stage's tickers have published."""
    return sum(read_counts(directory).values())


def _mode(requested: str, stream: IO[str]) -> str:
    if requested != "auto":
        return requested
    return "bar" if stream.isatty() else "log"


def log_interval(elapsed: float) -> float:
    """Seconds between log lines of a stage that has run ``elapsed`` seconds."""
    if elapsed < 30:
        return 10.0
    if elapsed < 120:
        return 30.0
    if elapsed < 600:
        return 60.0
    return 300.0


def duration(seconds: float) -> str:
    """``45s``, ``3m05s``, ``1h02m``."""
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class Display:
    """The whole run's display: one line (or live line) per stage, on standard error."""

    def __init__(self, mode: str = "auto", stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.mode = _mode(mode, self.stream)
        self._progress: Any = None
        if self.mode == "bar":
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("{task.description:<28}"),
                BarColumn(bar_width=24),
                TextColumn("{task.fields[status]}"),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
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
        """A line of text above the live lines (or in the log)."""
        if self.mode == "none":
            return
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=self.stream, flush=True)

    def stage(
        self, name: str, total: int | None, directory: str | None, steps: Sequence[Step] = ()
    ) -> Monitor:
        """A monitor for one stage; use it as a context manager around the pipeline run."""
        return Monitor(self, name, total, directory, steps)


class Monitor:
    """Polls a stage's ticker files in a thread and updates the display."""

    def __init__(
        self,
        display: Display,
        name: str,
        total: int | None,
        directory: str | None,
        steps: Sequence[Step] = (),
    ) -> None:
        self.display = display
        self.name = name
        self.total = total
        self.directory = directory
        self.steps = list(steps) or [(DEFAULT_STEP, total)]
        self.started = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._task: Any = None
        self._last_line = ""
        self._last_counts: dict[str, int] = {}
        self._last_log = 0.0
        self._first: dict[str, tuple[float, int]] = {}  # when each step first counted

    def __enter__(self) -> Monitor:
        self.started = time.monotonic()
        self._last_log = self.started
        bar = self.display._progress
        if bar is not None:
            self._task = bar.add_task(self.name, total=self.total, status="")
        if self.directory and self.display.mode != "none":
            self._thread = threading.Thread(
                target=self._poll, name=f"progress-{self.name}", daemon=True
            )
            self._thread.start()
        return self

    def _poll(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            counts = read_counts(str(self.directory))
            self._show(counts)
            now = time.monotonic()
            due = now - self._last_log >= log_interval(now - self.started)
            if self.display.mode == "log" and due and counts != self._last_counts:
                line = f"[{self.name}] {duration(now - self.started)}: {self.describe(counts)}"
                if line != self._last_line:
                    self.display.message(line)
                    self._last_line = line
                self._last_counts, self._last_log = counts, now

    def describe(self, counts: dict[str, int]) -> str:
        """Every step's count, the rate of the step under way and its ETA."""
        parts = []
        for step, total in self.steps:
            count = counts.get(step, 0)
            if total is None and not count:
                continue
            parts.append(f"{step} {count:,}" + (f"/{total:,}" if total else ""))
        parts += [f"{s} {c:,}" for s, c in counts.items() if s not in dict(self.steps) and c]
        current = next(
            ((s, t) for s, t in self.steps if t and counts.get(s, 0) < t and counts.get(s, 0)),
            None,
        )
        if current is not None:
            step, total = current
            rate = self._rate(step, counts[step])
            if rate is not None:
                eta = (total - counts[step]) / rate if rate > 0 else None
                parts.append(f"{rate:,.0f}/s" + (f", ETA {duration(eta)}" if eta else ""))
        return ", ".join(parts) or "working"

    def _rate(self, step: str, count: int) -> float | None:
        """Records per second of ``step`` since it first counted (model loading and other
        set-up before the first record do not count), or ``None`` until it has moved on
        from that first count: an ETA from one batch would be wild (``ETA 11h55m``)."""
        now = time.monotonic()
        first = self._first.setdefault(step, (now, count))
        if count <= first[1] or now - first[0] < 1e-3:
            return None
        return (count - first[1]) / (now - first[0])

    def _show(self, counts: dict[str, int]) -> None:
        bar = self.display._progress
        if bar is None or self._task is None:
            return
        main = self.steps[0][0]
        bar.update(self._task, completed=counts.get(main, 0), status=self.describe(counts))

    def finish(self, summary: str) -> None:
        """Mark the stage done with a one-line summary."""
        bar = self.display._progress
        if bar is not None and self._task is not None:
            bar.update(
                self._task,
                completed=self.total or 0,
                description=f"{self.name} ✓",
                status=summary,
            )
        elif self.display.mode == "log":
            took = duration(time.monotonic() - self.started)
            self.display.message(f"[{self.name}] done in {took}: {summary}")

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)


@contextlib.contextmanager
def captured_output(log_path: str | None) -> Iterator[IO[str]]:
    """Send what is written to file descriptors 1 and 2 to ``log_path`` while the block
    runs; yield a stream on the original standard error for the display.

    Without a local ``log_path`` (an output in a bucket), or when ``sys.stdout``/``sys.stderr``
    were replaced (a test harness captures them), nothing is captured and ``sys.stderr`` is
    yielded.
    """
    out: IO[str] = sys.stdout
    err: IO[str] = sys.stderr
    if log_path is None or err is not sys.__stderr__ or out is not sys.__stdout__:
        yield err  # a bucket, or a harness that replaced the streams (tests)
        return
    out.flush()
    err.flush()
    saved_out, saved_err = os.dup(1), os.dup(2)
    display = os.fdopen(os.dup(saved_err), "w", buffering=1, encoding="utf-8", errors="replace")
    with open(log_path, "ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield display
        finally:
            out.flush()
            err.flush()
            os.dup2(saved_out, 1)
            os.dup2(saved_err, 2)
            os.close(saved_out)
            os.close(saved_err)
            display.close()
