"""Streaming digests: exact values, order, failures, and bounded memory over many paths."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from croissant_tools.errors import InputError, UsageError
from croissant_tools.hashing import FileDigest, HashFailure, hash_file, hash_files


def test_hash_file_matches_hashlib_across_chunk_boundaries(tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024 + 17)
    path = tmp_path / "blob.bin"
    path.write_bytes(data)
    seen: list[int] = []
    digest = hash_file(path, ("sha256", "md5"), on_bytes=seen.append)
    assert digest.size == len(data) == sum(seen)
    assert digest.sha256 == hashlib.sha256(data).hexdigest()
    assert digest.md5 == hashlib.md5(data).hexdigest()


def test_empty_file_and_size_only(tmp_path: Path) -> None:
    path = tmp_path / "empty"
    path.write_bytes(b"")
    assert hash_file(path).sha256 == hashlib.sha256(b"").hexdigest()
    sized = hash_file(path, ())
    assert sized.size == 0 and sized.digests == {}


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        hash_file(tmp_path / "nope.csv")
    assert "nope.csv" in str(info.value)


def test_unknown_algorithm_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="sha1"):
        hash_file(tmp_path, ("sha1",))


def test_hash_files_keeps_order_and_reports_failures(tmp_path: Path) -> None:
    paths = []
    for index in range(50):
        path = tmp_path / f"f{index:03d}.txt"
        path.write_text(f"content {index}\n" * (index + 1))
        paths.append(path)
    paths.insert(10, tmp_path / "missing.txt")
    results = list(hash_files(iter(paths), workers=3))
    assert [r.path for r in results] == paths
    failure = results[10]
    assert isinstance(failure, HashFailure) and "No such file" in failure.reason
    for result in results[:10] + results[11:]:
        assert isinstance(result, FileDigest)
        assert result.sha256 == hashlib.sha256(result.path.read_bytes()).hexdigest()


def test_hash_files_consumes_paths_lazily(tmp_path: Path) -> None:
    path = tmp_path / "x"
    path.write_bytes(b"x")
    pulled = 0

    def endless():  # type: ignore[no-untyped-def]
        nonlocal pulled
        while True:
            pulled += 1
            yield path

    results = hash_files(endless(), workers=2)
    first = [next(results) for _ in range(5)]
    assert all(isinstance(r, FileDigest) for r in first)
    assert pulled <= 5 + 2 * 4 + 1  # a bounded window ahead of the consumer
    results.close()  # type: ignore[attr-defined]


def test_workers_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        list(hash_files([tmp_path], workers=0))
