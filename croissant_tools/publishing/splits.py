"""Which files hold which split, for a dataset card's ``data_files``.

A Hub config lists files per split, so a record set whose split is decided by file paths
(``train/``, ``test/``, ``train-0.parquet``, a regex over ``fullpath``) is resolved here the
way our loader resolves it: :func:`croissant_tools.load` with ``split=`` lists the files of
each split under the dataset folder (same globs, same regex, same safety rules). The files
of each split are then written as the shortest globs that select exactly them, checked
against the files of the other splits, or listed one by one.

A record set whose split is a column cannot be split by files; :func:`split_kind` tells the
card so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from croissant_tools.errors import CroissantToolsError
from croissant_tools.model import Metadata, RecordSet

#: Above this many files per split the literal list is not written (the config is left out).
MAX_LISTED = 200
SplitKind = Literal["none", "files", "column"]


def split_kind(metadata: Metadata, record_set: RecordSet) -> SplitKind:
    """How ``record_set`` is split: not at all, by file paths, or by a column of its rows."""
    from croissant_tools.loading.splits import file_level, find_split_field  # the loader's rules

    split = find_split_field(metadata, record_set)
    if split is None or split.split_set is None:
        return "none"
    source = split.field.source
    base = source.resource if source is not None else None
    return "files" if base and file_level(split, base) else "column"


def files_by_split(
    data: dict[str, Any], root: Path, record_set: RecordSet, names: Sequence[str]
) -> dict[str, list[str]] | None:
    """The files (relative to ``root``) that hold each split, or ``None`` if unreadable."""
    from croissant_tools.loading import load

    found: dict[str, list[str]] = {}
    uid = record_set.id or record_set.name or ""
    try:
        for name in names:
            reader = load(
                data, uid, split=name, root=root, strict=False,
                verify_checksums=False, delegate=False,
            )  # fmt: skip
            found[name] = list(dict.fromkeys(unit.label for unit in reader.units()))
    except CroissantToolsError:
        return None
    return found


def patterns(mine: list[str], others: list[str], globs: list[str]) -> list[str] | None:
    """Globs selecting exactly ``mine`` and none of ``others`` (HF path-glob rules).

    Each of the record set's include ``globs`` is narrowed at the segment where all of
    ``mine`` share a literal folder (``*/*/*.png`` -> ``train/*/*.png``) or a file-name
    prefix (``parquet/*.parquet`` -> ``parquet/train-*.parquet``); when no narrowing is
    exact, the files are listed (up to :data:`MAX_LISTED`), else ``None``.
    """
    if not mine:
        return None
    for candidate in _candidates(mine, globs):
        if _exact(candidate, mine, others):
            literal = not any(c in g for g in candidate for c in "*?[")
            return sorted(candidate) if literal else candidate
    return [_escape(p) for p in mine] if len(mine) <= MAX_LISTED else None


def _candidates(mine: list[str], globs: list[str]) -> list[list[str]]:
    parts = [p.split("/") for p in mine]
    depth = {len(p) for p in parts}
    out: list[list[str]] = []
    if len(depth) != 1:
        return out
    (size,) = depth
    for index in range(size - 1):
        values = {p[index] for p in parts}
        if len(values) == 1:
            out.append(_narrowed(globs, size, index, _escape(values.pop())))
    prefix = _common_prefix([p[-1] for p in parts])
    cut = re.match(r"^(.+?)(?=[-_.])", prefix)
    if cut:
        out.append(_narrowed(globs, size, size - 1, _escape(cut.group(1)) + "*", keep_end=True))
    return [c for c in out if c]


def _narrowed(
    globs: list[str], size: int, index: int, literal: str, keep_end: bool = False
) -> list[str]:
    result = []
    for glob in globs:
        segments = glob.split("/")
        if len(segments) != size:
            continue
        if keep_end:
            suffix = segments[index].rsplit("*", 1)[-1] if "*" in segments[index] else ""
            segments[index] = literal + suffix
        else:
            segments[index] = literal
        result.append("/".join(segments))
    return list(dict.fromkeys(result))


def _exact(candidate: list[str], mine: list[str], others: list[str]) -> bool:
    """Every file of ``mine`` selected, none of ``others``, and no pattern selecting nothing
    (a narrowed literal path may name a file that does not exist: ``datasets`` refuses it)."""
    regexes = [_glob_regex(g) for g in candidate]
    if not all(any(r.fullmatch(p) for p in mine) for r in regexes):
        return False
    hits = [any(r.fullmatch(p) for r in regexes) for p in (*mine, *others)]
    return all(hits[: len(mine)]) and not any(hits[len(mine) :])


def _glob_regex(pattern: str) -> re.Pattern[str]:
    from croissant_tools.generation.scan import glob_regex

    return glob_regex(pattern)


def _common_prefix(names: list[str]) -> str:
    first, last = min(names), max(names)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def _escape(text: str) -> str:
    return re.sub(r"([*?\[\]])", r"[\1]", text)
