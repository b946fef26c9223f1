"""A content-addressed cache for downloaded files and extracted archives.

Entries are named by the sha256 of their *content* (a downloaded file) or of the
archive they came from (an extracted folder), never by URL: two datasets that ship
different archives under the same relative ``contentUrl`` get different entries, and a
changed remote file never hides behind a stale one. Everything is first written under
``tmp/`` and moved into place with one atomic rename once it is complete and verified,
so an interrupted download or extraction leaves nothing that a later run would reuse.
Concurrent writers (DataLoader workers, Beam workers) race harmlessly: the first rename
wins and the others discard their copy.

Layout::

    <root>/files/<sha256[:2]>/<sha256>     downloaded files
    <root>/extracted/<sha256>/             extracted archives (key: the archive's sha256)
    <root>/tmp/                            work in progress (safe to delete)
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from croissant_tools.atomic import current_umask, normal_mode
from croissant_tools.errors import InputError, UsageError

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: Partial files and folders being written (by any thread), removed at interpreter exit.
_STAGED: set[Path] = set()


@atexit.register
def _remove_staged() -> None:
    for path in list(_STAGED):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _check_key(sha256: str) -> str:
    key = sha256.lower()
    if not _SHA256.match(key):
        raise UsageError(f"cache keys are sha256 hex digests, not {sha256!r}")
    return key


class Cache:
    """The cache rooted at ``root`` (created on first write)."""

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)

    def file_path(self, sha256: str) -> Path:
        """Where the file with this content hash lives (whether or not it exists)."""
        key = _check_key(sha256)
        return self.root / "files" / key[:2] / key

    def dir_path(self, sha256: str) -> Path:
        """Where the archive with this content hash is extracted."""
        return self.root / "extracted" / _check_key(sha256)

    def cached_file(self, sha256: str) -> Path | None:
        """The cached file for ``sha256``, or ``None``."""
        path = self.file_path(sha256)
        return path if path.is_file() else None

    def cached_dir(self, sha256: str) -> Path | None:
        """The extracted folder for an archive with content hash ``sha256``, or ``None``."""
        path = self.dir_path(sha256)
        return path if path.is_dir() else None

    def _tmp(self) -> Path:
        tmp = self.root / "tmp"
        try:
            tmp.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(
                f"cannot create the cache folder: {exc.strerror}",
                where=str(tmp),
                hint="choose another cache with cache_dir= or $CROISSANT_TOOLS_CACHE",
            ) from None
        return tmp

    @contextlib.contextmanager
    def staging_file(self) -> Iterator[tuple[Path, BinaryIO]]:
        """A temporary file to write; removed on exit unless :meth:`commit_file` moved it
        (and at interpreter exit, should the thread writing it never get to its ``finally``)."""
        fd, name = tempfile.mkstemp(prefix="partial-", dir=self._tmp())
        path = Path(name)
        _STAGED.add(path)
        try:
            with os.fdopen(fd, "wb") as handle:
                yield path, handle
        finally:
            path.unlink(missing_ok=True)
            _STAGED.discard(path)

    def commit_file(self, staged: Path, sha256: str) -> Path:
        """Move a complete, verified staged file to its content address.

        The staged file is private (``mkstemp``); it gets the mode a plain write would.
        """
        final = self.file_path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        staged.chmod(normal_mode(final))
        staged.replace(final)
        return final

    @contextlib.contextmanager
    def staging_dir(self) -> Iterator[Path]:
        """A temporary folder to fill; removed on exit unless :meth:`commit_dir` moved it
        (and at interpreter exit, like :meth:`staging_file`)."""
        path = Path(tempfile.mkdtemp(prefix="partial-", dir=self._tmp()))
        _STAGED.add(path)
        try:
            yield path
        finally:
            if path.exists():
                shutil.rmtree(path, ignore_errors=True)
            _STAGED.discard(path)

    def commit_dir(self, staged: Path, sha256: str) -> Path:
        """Move a complete staged folder into place (keeping a concurrent writer's copy)."""
        final = self.dir_path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        staged.chmod(0o777 & ~current_umask())  # mkdtemp makes it 0700
        try:
            staged.rename(final)
        except OSError:
            if not final.is_dir():
                raise
            shutil.rmtree(staged, ignore_errors=True)  # another process got there first
        return final
