"""The inspection pool: threads or forked processes give the same document, in order."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from croissant_tools.generation import describe, dumps, pool


def make_tree(root: Path) -> None:
    for index in range(300):
        folder = root / f"part{index % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        if index % 3 == 0:
            (folder / f"t{index:04d}.csv").write_text(f"id,v\n{index},{index}.5\n")
        elif index % 3 == 1:
            (folder / f"n{index:04d}.txt").write_text(f"note {index}\n")
        else:
            (folder / f"m{index:04d}.py").write_text(f"x = {index}\n")
    (root / "part0" / "bad.txt").write_bytes(b"\xff\xfe")
    (root / "part1" / "t9999.csv").write_text("id,v\n1,not a number\n")


def document(root: Path) -> str:
    options = {"license": "MIT", "url": "https://example.org", "date_published": "2024-01-01"}
    generated = describe(root, creators=["Ann"], **options)
    return dumps(generated.document) + generated.summary.render().split("\n", 1)[1]


def test_processes_and_threads_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path)
    monkeypatch.setattr(pool, "PROCESS_FILES", 40)  # move to the second phase early
    used: list[str] = []
    original = pool._processes

    def spy(workers: int) -> object:
        used.append("processes")
        return original(workers)

    monkeypatch.setattr(pool, "_processes", spy)
    monkeypatch.setattr(pool, "_spare_cpus", lambda: 0.0)
    on_threads = document(tmp_path)
    assert used == []
    monkeypatch.setattr(pool, "_spare_cpus", lambda: 2.0)
    from tqdm._monitor import TMonitor

    for thread in threading.enumerate():  # left by progress bars of other tests (datasets)
        if isinstance(thread, TMonitor):
            thread.exit()
            thread.tqdm_cls.monitor = None
    assert pool._fork_is_safe(), [t.name for t in threading.enumerate()]
    on_processes = document(tmp_path)
    assert used == ["processes"]
    assert on_processes == on_threads
    assert "bad.txt: not valid UTF-8" in on_threads


def test_batches_grow_and_keep_order() -> None:
    from croissant_tools.generation.scan import FileEntry

    entries = [FileEntry(f"f{i}", f"/x/f{i}", -1) for i in range(300)]
    sizes = [len(batch) for batch in pool._batches(entries)]
    assert sizes[:8] == [1, 2, 4, 8, 16, 32, 64, 64] and sum(sizes) == 300
    flat = [entry for batch in pool._batches(entries) for entry in batch]
    assert flat == entries
