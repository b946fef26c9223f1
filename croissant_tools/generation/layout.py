"""Grouping files into FileSets and choosing globs that every reader agrees on.

Readers disagree about globs: mlcroissant 1.1.1 uses :mod:`fnmatch`, where ``*`` also
crosses ``/``, and ignores ``excludes``; path globs (ours, pathlib) keep ``*`` inside one
directory. So the includes written here select exactly the members under both readings:

* a group holds *all* files of one extension under one anchor (a top-level directory,
  or the root itself), so ``anchor/*.ext`` matching deeper files under fnmatch is right,
  and one pattern per depth (``anchor/*/*.ext``) covers the deeper files for path globs;
* when a glob would also select a non-member (a file with bad content, another schema,
  a symlink leaving the root, a deeper file for a root-level ``*.ext``), the members
  are listed by literal path instead;
* a group too large to list (over :data:`LITERAL_LIMIT` files) keeps its globs and gets
  ``excludes``, which spec-following readers honour; the summary says mlcroissant will not.

Memory per group is bounded (depth sets, at most :data:`LITERAL_LIMIT` paths, and the
excluded paths), so a folder of 100,000 text files costs about the same as one of 10,000.
"""

from __future__ import annotations

import fnmatch
import re
from collections import Counter
from collections.abc import Iterable
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


_STEM_END = re.compile(r"[._-]")


def split_of(path: str) -> str | None:
    """The split a path names: a directory ``train/`` or a file ``train.csv``/``train-0.pq``."""
    parts = path.split("/")
    for segment in parts[:-1]:
        if segment.lower() in SPLIT_NAMES:
            return segment
    stem = _STEM_END.split(parts[-1], maxsplit=1)[0]
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


#: A folder left out of the walk and the extensions found in it (None: unknown).
LeftOutDir = tuple[str, frozenset[str] | None]

#: Member paths kept per group, for literal includes when globs cannot be exact.
LITERAL_LIMIT = 10_000


@dataclass
class Group:
    """Files that become one FileSet (or one FileObject when there is a single file).

    ``extensions`` maps each extension to the depths at which the group's files occur.
    ``paths`` keeps the first :data:`LITERAL_LIMIT` member paths (all of them for most
    groups); past that only counts grow, so memory stays flat for huge folders.
    ``excluded`` lists files the globs would also select but that are not members.
    """

    anchor: str
    kind: str
    extensions: dict[str, set[int]] = field(default_factory=dict)
    count: int = 0
    size: int = 0
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
        if not self.whole_tree and self.anchor and anchor_of(path) != self.anchor:
            self.anchor = ""  # members under several top-level folders
        self.extensions.setdefault(extension, set()).add(depth_of(path))
        self.count += 1
        self.size += size
        self.formats[mime] += 1
        if len(self.paths) < LITERAL_LIMIT:
            self.paths.append(path)

    @property
    def all_paths_known(self) -> bool:
        """Whether ``paths`` lists every member."""
        return len(self.paths) == self.count

    def patterns(self) -> list[str]:
        """Include globs: one per extension and depth (see the module docstring)."""
        prefix = "" if self.whole_tree or not self.anchor else self.anchor + "/"
        base = 0 if self.whole_tree or not self.anchor else 1
        out = []
        for extension in sorted(self.extensions):
            for depth in sorted(self.extensions[extension]):
                out.append(prefix + "*/" * (depth - 1 - base) + "*" + glob_escape(extension))
        return out

    def covers(self, path: str) -> bool:
        """Whether an include glob selects ``path`` under fnmatch or path-glob rules."""
        return any(regex.match(path) for regex in self._regexes())

    def _regexes(self) -> list[re.Pattern[str]]:
        from croissant_tools.generation.scan import glob_regex

        patterns = self.patterns()
        return [re.compile(fnmatch.translate(p)) for p in patterns] + [
            glob_regex(p) for p in patterns
        ]

    def exclude_non_members(self, candidates: list[str]) -> None:
        """Record the ``candidates`` (non-member paths) that the globs would select."""
        regexes = self._regexes()
        self.excluded += [p for p in candidates if any(r.match(p) for r in regexes)]

    def selection(self, left_out_dirs: list[LeftOutDir]) -> tuple[list[str], list[str], bool]:
        """``(includes, excludes, exact)`` for the FileSet.

        Globs when they select exactly the members; otherwise the members' literal paths
        (mlcroissant 1.1.1 ignores ``excludes``), or, for groups too large to list, globs
        plus ``excludes`` with ``exact`` false so the caller can warn.
        """
        dirs: list[str] = []
        reaches_into = False
        for directory, contains in left_out_dirs:
            if not any(self.covers(p) for p in _probes(directory, self.extensions)):
                continue
            dirs += [f"{glob_escape(directory)}/*", f"{glob_escape(directory)}/**"]
            present = self.extensions if contains is None else contains & set(self.extensions)
            reaches_into = reaches_into or any(self.covers(p) for p in _probes(directory, present))
        if not self.excluded and not reaches_into:
            return self.patterns(), dirs, True
        if self.all_paths_known:
            return [glob_escape(p) for p in sorted(self.paths)], [], True
        literal = [glob_escape(p) for p in sorted(set(self.excluded))]
        # excludes are honoured by spec readers; mlcroissant 1.1.1 ignores them
        return self.patterns(), dirs + literal, False


def _probes(directory: str, extensions: Iterable[str]) -> list[str]:
    """Paths that stand for files of ``extensions`` one and two levels inside ``directory``."""
    return [f"{directory}{middle}/x{ext}" for ext in extensions for middle in ("", "/x")]
