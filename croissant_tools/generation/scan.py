"""Walking a dataset folder: every file once, sorted, never outside the root.

:func:`walk` is a generator: it holds one directory listing at a time, so a folder of
100,000 files is described without a list of 100,000 paths in memory. Paths are POSIX
relative paths (``data/train/part-0.parquet``) in a stable order (names sorted within
each directory, files before subdirectories). Symlinks are followed only while they stay
inside the root; a link that leaves it, a loop, or an unreadable directory is reported
as a :class:`Skipped` entry with its reason and the walk goes on.
"""

# Strings and os.path on purpose: pathlib interns every segment it parses (memory per file).
# ruff: noqa: PTH112, PTH116, PTH118

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from croissant_tools.safety import is_within

#: Names never described: version control, caches, and the generator's own output.
IGNORED_NAMES = frozenset(
    {".git", ".hg", ".svn", "__pycache__", ".ipynb_checkpoints", ".DS_Store", "Thumbs.db"}
)
IGNORED_FILES = frozenset({"croissant.json", "metadata.json", "croissant.jsonld"})


class FileEntry(NamedTuple):
    """A file under the root: its relative POSIX path and size in bytes.

    :func:`walk` yields entries not yet measured (``size`` -1): :func:`measure` stats them,
    on the inspection pool, so the walk itself makes no system call per file. ``sha256``
    is set when the file was read whole while being checked (small files). A named tuple:
    cheap to create and to send to a worker process, thousands of times a second.
    """

    path: str
    absolute: str
    size: int
    mtime: float = 0.0
    sha256: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A path left out of the description, with the reason shown in the summary."""

    path: str
    reason: str
    directory: bool = False
    #: extensions of the files inside a skipped folder (None: not looked at, or too many)
    contains: frozenset[str] | None = None


def glob_regex(pattern: str) -> re.Pattern[str]:
    """Compile a path glob: ``*`` stays within a path segment, ``**/`` spans directories.

    A pattern without ``/`` matches the file name at any depth (``*.tmp``), like
    ``.gitignore``; ``?`` is one character and ``[abc]`` a character class.
    """
    return _glob_regex(pattern)


@cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    if "/" not in pattern.strip("/"):
        pattern = "**/" + pattern.strip("/")
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index + 2)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1 : end].replace("\\", "\\\\")
                out.append("[^" + body[1:] + "]" if body.startswith("!") else f"[{body}]")
                index = end
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    """Whether the relative POSIX ``path`` matches one of the globs (see :func:`glob_regex`)."""
    return any(glob_regex(p).match(path) for p in patterns)


@cache
def _any_glob(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching what any of ``patterns`` matches (one test per path, not one each)."""
    return re.compile("|".join(f"(?:{glob_regex(p).pattern})" for p in patterns))


def walk(
    root: Path,
    *,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    skip_names: frozenset[str] = IGNORED_FILES,
) -> Iterator[FileEntry | Skipped]:
    """Yield the files under ``root`` (or ``root`` itself if it is a file), in stable order.

    ``include`` keeps only matching files (all when empty); ``exclude`` drops matching
    files and directories (a directory ``d`` is dropped by ``d`` or ``d/**``). Files named
    in ``skip_names`` at the top level (an existing ``croissant.json``) are not described;
    hidden files and folders (``.name``) are reported as skipped. Files are yielded
    unmeasured (see :class:`FileEntry`); directories are told apart by the listing's file
    types, without a ``stat`` per name.
    """
    excluded = _any_glob(exclude).match if exclude else None
    included = _any_glob(include).match if include else None
    root = root.resolve()
    if root.is_file():
        yield FileEntry(root.name, str(root), -1)
        return
    # Plain strings, not Path objects: pathlib interns every path segment it parses, so
    # Path objects per file would make memory grow with the number of files.
    stack: list[tuple[str, str]] = [(str(root), "")]
    seen_dirs: set[tuple[int, int]] = set()
    while stack:
        directory, prefix = stack.pop()
        listing = _list(directory, prefix)
        if isinstance(listing, Skipped):
            yield listing
            continue
        identity = _identity(directory)
        if identity in seen_dirs:
            yield Skipped(
                prefix.rstrip("/"), "directory loop (a symlink back to a parent)", directory=True
            )
            continue
        seen_dirs.add(identity)
        subdirs: list[tuple[str, str]] = []
        for name, type_ in listing:
            if prefix or name not in skip_names:
                yield from _one(root, directory, prefix, name, type_, subdirs, excluded, included)
        stack.extend(reversed(subdirs))


Matcher = Callable[[str], object] | None


def _one(
    root: Path,
    directory: str,
    prefix: str,
    name: str,
    type_: str,
    subdirs: list[tuple[str, str]],
    excluded: Matcher,
    included: Matcher,
) -> Iterator[FileEntry | Skipped]:
    """What one listed name yields (a folder is appended to ``subdirs`` instead)."""
    rel = prefix + name
    item = os.path.join(directory, name)
    if name in IGNORED_NAMES or name.startswith("."):
        folder = type_ == "d"
        why = "version-control or cache" if name in IGNORED_NAMES else "hidden"
        inside = _extensions_inside(item) if folder else None
        yield Skipped(rel, f"{why} (not described)", directory=folder, contains=inside)
        return
    if excluded is not None and (excluded(rel) or excluded(rel + "/")):
        return
    found: FileEntry | Skipped | str = _NOT_REGULAR
    if type_ == "f":
        found = FileEntry(rel, item, -1)  # measured later, on the inspection pool
    elif type_ == "d":
        found = "dir"
    elif type_ == "l":
        found = _follow(root, item, rel)
    if found == "dir":
        subdirs.append((item, rel + "/"))
    elif isinstance(found, str):
        yield Skipped(rel, found)
    elif isinstance(found, Skipped) or included is None or included(rel):
        yield found


def _extensions_inside(folder: str, limit: int = 20_000) -> frozenset[str] | None:
    """Extensions of the files under a skipped folder (names only; None past ``limit``).

    mlcroissant matches include globs with fnmatch, where ``*.py`` also reaches into
    ``__pycache__/``; knowing it holds only ``.pyc`` files keeps the globs usable.
    """
    from croissant_tools.generation.formats import classify

    found: set[str] = set()
    seen = 0
    for _, _, files in os.walk(folder):
        seen += len(files)
        if seen > limit:
            return None
        found.update(classify(name).suffix for name in files)
    return frozenset(found)


def _list(directory: str, prefix: str) -> list[tuple[str, str]] | Skipped:
    """``(name, type)`` for one directory, sorted; type ``d`` directory, ``f`` regular
    file, ``l`` symlink, ``o`` anything else.

    ``scandir`` reports file types with the names, so this needs no ``stat`` per name.
    Small tuples, not the ``DirEntry`` objects: a listing is held while its files are
    walked, so its size per entry is what memory grows with in a huge folder.
    """
    try:
        with os.scandir(directory) as entries:
            return sorted((item.name, _type(item)) for item in entries)
    except OSError as exc:
        return Skipped(
            prefix.rstrip("/") or ".", f"unreadable directory ({exc.strerror})", directory=True
        )


def _identity(directory: str) -> tuple[int, int]:
    info = os.stat(directory)
    return info.st_dev, info.st_ino


_NOT_REGULAR = "not a regular file (device, socket or pipe)"


def _type(item: os.DirEntry[str]) -> str:
    try:
        if item.is_symlink():
            return "l"
        if item.is_dir(follow_symlinks=False):
            return "d"
        return "f" if item.is_file(follow_symlinks=False) else "o"
    except OSError:
        return "o"


def _follow(root: Path, item: str, rel: str) -> FileEntry | Skipped | str:
    """A symlink: a directory (``"dir"``), a measured file, or why it is left out."""
    if not is_within(root, Path(item)):
        reason = "symlink that leads outside the dataset folder (not followed)"
        return Skipped(rel, reason, directory=os.path.isdir(item))
    if os.path.isdir(item):
        return "dir"
    return measure(FileEntry(rel, item, -1))


def measure(entry: FileEntry) -> FileEntry | str:
    """``entry`` with its size and modification time, or the reason it cannot be described."""
    try:
        info = os.stat(entry.absolute)
    except OSError as exc:
        return f"cannot access ({exc.strerror or 'broken symlink'})"
    if not stat.S_ISREG(info.st_mode):
        return _NOT_REGULAR
    if not _readable(entry.absolute, info):
        return "unreadable (permission denied)"
    return FileEntry(entry.path, entry.absolute, info.st_size, info.st_mtime)


_EUID = os.geteuid() if hasattr(os, "geteuid") else -1


def _readable(path: str, info: os.stat_result) -> bool:
    """``os.access(path, R_OK)``, without the system call for files we own and may read."""
    if info.st_uid == _EUID and _EUID != 0 and info.st_mode & stat.S_IRUSR:
        return True
    return os.access(path, os.R_OK)
