"""Atomic writes whose files get the permissions a plain ``open(path, "w")`` would give.

Every output of the toolkit (``croissant.json``, ``records -o``, ``index.html``, the dataset
card, the Parquet export of a Hugging Face dataset, cache entries) is written to a temporary
file in the target's folder and renamed into place, so a reader never sees half a file and a
failed run leaves the old file untouched. :func:`tempfile.mkstemp` creates that temporary
file with mode ``0600``, which would make every output private to its owner (a web server
could not serve a published site). So before the rename the file gets the mode a normal
write would have produced: the existing file's permission bits when it is replaced, else
``0666`` minus the process umask.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from croissant_tools.errors import InputError


def current_umask() -> int:
    """The process umask, read without changing it where the system allows.

    Linux reports it in ``/proc/self/status``; elsewhere it is read by setting and
    restoring it (a brief window in which another thread's new file would get mode 0666
    minus 0o022 instead of minus the real umask: the least surprising fallback).
    """
    try:
        with Path("/proc/self/status").open(encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    previous = os.umask(0o022)
    os.umask(previous)
    return previous


def normal_mode(target: str | os.PathLike[str]) -> int:
    """The permission bits ``open(target, "w")`` would leave: kept if ``target`` exists."""
    try:
        return stat.S_IMODE(Path(target).stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str], *, parents: bool = True) -> Iterator[IO[bytes]]:
    """A binary file whose content replaces ``path`` only when the block completes.

    The parent folder is created if missing (unless ``parents`` is false). If the block
    raises, the temporary file is removed and ``path`` is left as it was. Failing to
    create, write or rename is an :class:`InputError` naming ``path`` (exit code 2).
    """
    target = Path(path)
    try:
        if parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", where=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fchmod(out.fileno(), normal_mode(target))
        Path(temp).replace(target)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", where=str(target)) from None
    finally:
        Path(temp).unlink(missing_ok=True)


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically, with a normal file mode."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, with a normal file mode."""
    with replacing(path) as handle:
        handle.write(data)
