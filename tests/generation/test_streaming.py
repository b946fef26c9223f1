"""Large folders stream: peak memory does not grow with the number of files."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from croissant_tools.generation import describe, layout


def make_tree(root: Path, count: int) -> None:
    for index in range(count):
        folder = root / f"part{index % 20:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"doc{index:06d}.txt").write_text(f"line {index}\n")
    (root / "part00" / "bad.txt").write_bytes(b"\xff\xfe\xfa")


def peak_bytes(root: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        generated = describe(root, checksums=False, workers=2)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, generated.summary.files


@pytest.mark.slow
def test_memory_is_flat_in_file_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "LITERAL_LIMIT", 200)  # past it, groups keep counts only
    small, large = tmp_path / "small", tmp_path / "large"
    make_tree(small, 2_000)
    make_tree(large, 20_000)
    peak_small, files_small = peak_bytes(small)
    peak_large, files_large = peak_bytes(large)
    assert (files_small, files_large) == (2_000, 20_000)
    # ten times the files, and at most a few hundred KB more at the peak
    assert peak_large < peak_small + 512 * 1024, (peak_small, peak_large)
