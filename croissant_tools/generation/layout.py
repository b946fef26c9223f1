"""Grouping files into FileSets and choosing globs that every reader agrees on.

Readers disagree about globs: mlcroissant uses :mod:`fnmatch`, where ``*`` also crosses
``/``, while path globs (ours, pathlib) keep ``*`` inside one directory. The patterns
written here select the same files under both readings:

* a group holds *all* files of one extension under one anchor (a top-level directory,
  or the root itself), so ``anchor/*.ext`` matching deeper files under fnmatch is right,
  and one pattern per depth (``anchor/*/*.ext``) covers the deeper files for path globs;
* root-level groups exclude ``*/*.ext`` (under fnmatch ``*.ext`` would reach into
  subdirectories);
* files left out for a reason (bad content, another schema, a symlink leaving the
  root, a user ``--exclude``) are excluded by their literal path.

Memory per group is a set of depths and the list of excluded paths, not one entry per
file, so a folder of 100,000 text files costs the same as one of 100.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from croissant_tools.generation.formats import glob_escape

#: Directory or file-name prefixes that name a split -> the Croissant split class.
SPLIT_NAMES: dict[str, str] = {
    "train": "cr:TrainingSplit",
    "training": "cr:TrainingSplit",
    "validation": "cr:ValidationSplit",
    "valid": "cr:ValidationSplit",
    "val": "cr:ValidationSplit",
    "dev": "cr:ValidationSplit",
    "test": "cr:TestSplit",
    "testing": "cr:TestSplit",
}


def split_of(path: str) -> str | None:
    """The split a path names: a directory ``train/`` or a file ``train.csv``/``train-0.pq``."""
    parts = path.split("/")
    for segment in parts[:-1]:
        if segment.lower() in SPLIT_NAMES:
            return segment
    stem = re.split(r"[._-]", parts[-1], maxsplit=1)[0]
    return stem if stem.lower() in SPLIT_NAMES else None


def split_regex(names: set[str]) -> str:
    """A regex whose one group captures the split name from a file's path."""
    options = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return rf"^(?:.*/)?({options})(?:/.*|[._-][^/]*)$"


def anchor_of(path: str) -> str:
    """The top-level directory of a relative path (``""`` for files in the root).

    Hive partition directories (``year=2024/``) are not anchors: files under
    ``year=2023/`` and ``year=2024/`` belong together.
    """
    head, sep, _ = path.partition("/")
    return head if sep and "=" not in head else ""


def depth_of(path: str) -> int:
    """Number of path segments (``a.csv`` is 1, ``d/a.csv`` is 2)."""
    return path.count("/") + 1


@dataclass
class Group:
    """Files that become one FileSet (or one FileObject when there is a single file).

    ``extensions`` maps each extension to the depths at which the group's files occur.
    ``paths`` keeps member paths only when ``keep_paths`` (tables: for FileObjects and
    minority schemas); whole-tree groups of text, code and images keep counts only.
    """

    anchor: str
    kind: str
    extensions: dict[str, set[int]] = field(default_factory=dict)
    count: int = 0
    size: int = 0
    keep_paths: bool = True
    paths: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    formats: Counter[str] = field(default_factory=Counter)
    whole_tree: bool = False
    splits: set[str] = field(default_factory=set)
    all_split: bool = True
    min_depth: int = 1_000_000

    def add(self, path: str, extension: str, size: int, mime: str) -> None:
        """Count a member file (and note its split, if its path names one)."""
        split = split_of(path)
        if split is None:
            self.all_split = False
        elif len(self.splits) < 16:
            self.splits.add(split)
        self.min_depth = min(self.min_depth, depth_of(path))
        self.extensions.setdefault(extension, set()).add(depth_of(path))
        self.count += 1
        self.size += size
        self.formats[mime] += 1
        if self.keep_paths:
            self.paths.append(path)

    def includes(self) -> list[str]:
        """Include globs: one per extension and depth (see the module docstring)."""
        prefix = "" if self.whole_tree or not self.anchor else self.anchor + "/"
        base = 0 if self.whole_tree or not self.anchor else 1
        out = []
        for extension in sorted(self.extensions):
            for depth in sorted(self.extensions[extension]):
                out.append(prefix + "*/" * (depth - 1 - base) + "*" + glob_escape(extension))
        return out

    def excludes(self, left_out_dirs: list[str]) -> list[str]:
        """Exclude globs: deeper files for root groups, then literal left-out paths."""
        out: list[str] = []
        if self.root_level:
            out.extend(f"*/*{glob_escape(ext)}" for ext in sorted(self.extensions))
        prefix = "" if self.whole_tree or not self.anchor else self.anchor + "/"
        for directory in left_out_dirs:
            if directory.startswith(prefix):
                out.extend([f"{glob_escape(directory)}/*", f"{glob_escape(directory)}/**"])
        out.extend(glob_escape(path) for path in sorted(set(self.excluded)))
        return out

    def covers(self, path: str, extension: str) -> bool:
        """Whether the group's includes would select ``path`` (so it must be excluded)."""
        if extension not in self.extensions:
            return False
        if self.whole_tree or (not self.anchor and not self.root_level):
            return True
        if self.root_level:
            return "/" not in path
        return anchor_of(path) == self.anchor

    @property
    def root_level(self) -> bool:
        """Whether this is a group of files directly in the root (no subdirectories)."""
        depths = {d for found in self.extensions.values() for d in found}
        return not self.anchor and not self.whole_tree and depths == {1}
