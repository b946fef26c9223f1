"""The run summary: what was described, what was left out and why, how long it took."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

MAX_LISTED = 200
#: Files left out that the summary lists without ``-v``.
SHOWN = 20


@dataclass
class Summary:
    """Counts for the summary printed by the command (and returned to callers).

    ``skipped`` lists at most :data:`MAX_LISTED` entries; ``skipped_by_reason`` counts all.
    """

    files: int = 0
    bytes: int = 0
    formats: Counter[str] = field(default_factory=Counter)
    file_objects: int = 0
    file_sets: int = 0
    record_sets: int = 0
    fields: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    skipped_by_reason: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    checksums: bool = True
    seconds: float = 0.0
    newest_mtime: float = 0.0
    _seen: set[str] = field(default_factory=set, repr=False)

    def skip(self, path: str, reason: str) -> None:
        """Record a file left out of the description."""
        self.skipped_by_reason[reason.split(" (")[0]] += 1
        if len(self.skipped) < MAX_LISTED:
            self.skipped.append((path, reason))

    def note(self, message: str) -> None:
        """Record something the user should know (a reader limitation, a choice made)."""
        if message not in self._seen:
            self._seen.add(message)
            self.notes.append(message)

    @property
    def skipped_count(self) -> int:
        """How many files were left out in total."""
        return sum(self.skipped_by_reason.values())

    def render(self, verbose: bool = False) -> str:
        """A human-readable multi-line summary (``verbose``: every file left out is listed)."""
        formats = ", ".join(f"{n} {fmt}" for fmt, n in sorted(self.formats.items())) or "none"
        lines = [
            f"described {_plural(self.files, 'file')} ({_size(self.bytes)}) "
            f"in {self.seconds:.2f} s",
            f"  formats: {formats}",
            f"  distribution: {_plural(self.file_objects, 'FileObject')}, "
            f"{_plural(self.file_sets, 'FileSet')}",
            f"  record sets: {self.record_sets}, fields: {self.fields}",
        ]
        if not self.checksums:
            lines.append("  checksums: not computed (--no-checksums): written as a live dataset")
        if self.skipped_count:
            lines.append(f"  left out: {_plural(self.skipped_count, 'file')}")
            shown = self.skipped if verbose else self.skipped[:SHOWN]
            for path, reason in shown:
                lines.append(f"    {path}: {reason}")
            if len(shown) < len(self.skipped):
                lines.append(f"    ... {len(self.skipped) - len(shown):,} more (-v lists them)")
            if self.skipped_count > len(shown):
                for reason, count in sorted(self.skipped_by_reason.items()):
                    lines.append(f"    ({count:,} in all: {reason})")
        for message in self.notes:
            lines.append(f"  note: {message}")
        return "\n".join(lines)


def _plural(count: int, noun: str) -> str:
    """``1 file``, ``3 files``, ``1,200 files``."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def _size(count: int) -> str:
    size = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"  # pragma: no cover
