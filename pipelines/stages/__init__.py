"""The pipeline's stages: each one a Beam pipeline with named, complete outputs.

A run is a sequence of stages (:mod:`~pipelines.stages.prepare`,
:mod:`~pipelines.stages.embed`, :mod:`~pipelines.stages.analyse`,
:mod:`~pipelines.stages.finalize`). Each stage writes into its own directory and, last, a
``_SUCCESS.json`` marker holding a fingerprint of everything its result depends on (input
files, options, upstream fingerprints, version). A rerun skips a stage whose marker
matches, so an interrupted run resumes after its last completed stage, and changing only
the prune fraction or the scorer never recomputes embeddings.
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

import apache_beam as beam

from pipelines import storage
from pipelines.inputs import InputPlan
from pipelines.options import RunSpec

MARKER = "_SUCCESS.json"


@dataclass(frozen=True)
class Layout:
    """Where every output of a run lives under ``OUT``."""

    out: str

    def path(self, *parts: str) -> str:
        """A path under ``OUT``."""
        return storage.join(self.out, *parts)

    @property
    def work(self) -> str:
        """Intermediate outputs (safe to delete once a run has finished)."""
        return self.path("_work")

    def progress(self, stage: str) -> str:
        """Where a stage's workers publish their progress counts."""
        return storage.join(self.work, "progress", stage)


@dataclass
class Context:
    """What every stage sees: the checked run spec, the input plan and the layout."""

    spec: RunSpec
    plan: InputPlan
    layout: Layout
    num_shards: int
    markers: dict[str, dict[str, Any]] = field(default_factory=dict)
    version: str = ""

    def marker(self, stage: str) -> dict[str, Any]:
        """The marker payload of a completed upstream stage."""
        return self.markers[stage]


def digest(*parts: Any) -> str:
    """A short stable hash of JSON-serialisable parts."""
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Stage(ABC):
    """One Beam pipeline of the run; subclasses say what it depends on, builds and reports."""

    name: str = ""
    description: str = ""

    @abstractmethod
    def directory(self, ctx: Context) -> str:
        """The directory holding this stage's outputs and marker."""

    @abstractmethod
    def fingerprint(self, ctx: Context) -> str:
        """Hash of everything the outputs depend on (upstream fingerprints included)."""

    @abstractmethod
    def build(self, pipeline: beam.Pipeline, ctx: Context) -> None:
        """Add this stage's transforms to an empty pipeline."""

    def total(self, ctx: Context) -> int | None:
        """Records the progress display counts to (``None`` when unknown)."""
        return None

    @abstractmethod
    def finish(self, ctx: Context) -> dict[str, Any]:
        """After the pipeline: check the outputs and return the marker payload."""

    def summary(self, payload: dict[str, Any]) -> str:
        """One line for the progress display."""
        return ""

    def steps(self, ctx: Context) -> list[tuple[str, int | None]]:
        """The named steps the progress display counts, with their totals (``records`` of
        :meth:`total` by default)."""
        return [("records", self.total(ctx))]

    def warnings(self, payload: dict[str, Any]) -> list[str]:
        """What the user should know about this stage's outcome (printed after it, also
        when its outputs are reused)."""
        return []

    def clear(self, ctx: Context) -> None:
        """Remove partial outputs of an earlier, interrupted attempt."""
        storage.delete_tree(self.directory(ctx))


def read_marker(directory: str) -> dict[str, Any] | None:
    """A stage's marker, or ``None`` when the stage never completed."""
    path = storage.join(directory, MARKER)
    if not storage.exists(path):
        return None
    try:
        data = storage.read_json(path)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_marker(directory: str, fingerprint: str, payload: dict[str, Any], seconds: float) -> None:
    """Mark a stage complete (written last, atomically)."""
    storage.write_json(
        storage.join(directory, MARKER),
        {"fingerprint": fingerprint, "seconds": round(seconds, 3), **payload},
    )


class Tick(beam.DoFn):
    """Passes elements through and publishes how many went by for ``step`` (see
    :mod:`pipelines.progress`); ``weight(element)`` counts an element as several."""

    def __init__(self, directory: str, weight: Any = None, step: str = "records") -> None:
        self.directory = directory
        self.weight = weight
        self.step = step
        self._ticker: Any = None

    def start_bundle(self) -> None:
        from pipelines.progress import Ticker

        self._ticker = Ticker(self.directory, self.step)

    def process(self, element: Any) -> Any:
        self._ticker.tick(self.weight(element) if self.weight else 1)
        yield element

    def finish_bundle(self) -> None:
        self._ticker.flush()
