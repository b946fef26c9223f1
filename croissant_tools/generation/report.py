"""The run summary: what was described, what was left out and why, how long it took."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

MAX_LISTED = 200


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

    def render(self) -> str:
        """A human-readable multi-line summary."""
        formats = ", ".join(f"{n} {fmt}" for fmt, n in sorted(self.formats.items())) or "none"
        lines = [
            f"described {self.files:,} files ({_size(self.bytes)}) in {self.seconds:.2f} s",
            f"  formats: {formats}",
            f"  distribution: {self.file_objects} FileObject(s), {self.file_sets} FileSet(s)",
            f"  record sets: {self.record_sets}, fields: {self.fields}",
        ]
        if not self.checksums:
            lines.append("  checksums: not computed (--no-checksums): written as a live dataset")
        if self.skipped_count:
            lines.append(f"  left out: {self.skipped_count:,} file(s)")
            for path, reason in self.skipped:
                lines.append(f"    {path}: {reason}")
            if self.skipped_count > len(self.skipped):
                for reason, count in sorted(self.skipped_by_reason.items()):
                    lines.append(f"    ({count:,} in all: {reason})")
        for message in self.notes:
            lines.append(f"  note: {message}")
        return "\n".join(lines)


def _size(count: int) -> str:
    size = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"  # pragma: no cover
