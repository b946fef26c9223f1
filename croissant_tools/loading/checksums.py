"""Checksum verification of local files, memoised per process by (path, size, mtime).

A file is hashed once per process however many record sets, epochs or DataLoader
iterations read it; a changed file (new size or modification time) is hashed again.
Digests are accepted in hex or base64, as Croissant files in the wild use both.
"""

from __future__ import annotations

import base64
import os
import threading
from pathlib import Path

from croissant_tools.errors import DataError
from croissant_tools.hashing import hash_file

_MEMO: dict[tuple[str, int, int], dict[str, str]] = {}
_LOCK = threading.Lock()


def digest_matches(hexdigest: str, expected: str) -> bool:
    """Whether ``expected`` (hex, any case, or base64) is the digest ``hexdigest``."""
    expected = expected.strip()
    if expected.lower() == hexdigest:
        return True
    return expected == base64.b64encode(bytes.fromhex(hexdigest)).decode("ascii")


def digests(path: Path, algorithms: tuple[str, ...] = ("sha256",)) -> dict[str, str]:
    """Hex digests of ``path`` for ``algorithms`` (memoised while the file is unchanged)."""
    stat = path.stat()
    key = (os.fspath(path), stat.st_size, stat.st_mtime_ns)
    with _LOCK:
        known = dict(_MEMO.get(key, {}))
    missing = tuple(a for a in algorithms if a not in known)
    if missing:
        known.update(hash_file(path, missing).digests)
        with _LOCK:
            _MEMO[key] = known
    return {a: known[a] for a in algorithms}


def verify_file(path: Path, *, sha256: str | None, md5: str | None, where: str) -> None:
    """Raise :class:`DataError` if ``path`` does not match a declared checksum.

    sha256 is checked when declared, else md5; a file declaring neither passes.
    """
    if sha256:
        algorithm, expected = "sha256", sha256
    elif md5:
        algorithm, expected = "md5", md5
    else:
        return
    actual = digests(path, (algorithm,))[algorithm]
    if not digest_matches(actual, expected):
        raise DataError(
            f"{algorithm} mismatch: the file has {actual}, the metadata says {expected}",
            where=where,
            hint="the file changed since the metadata was written; regenerate the "
            "checksums or pass verify_checksums=False (--no-verify-checksums)",
        )
