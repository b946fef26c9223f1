"""Exact deduplication: records whose normalised text hashes equal."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from pruning.types import CodeRecord, DuplicateGroup


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no trailing spaces, no blank lines, no outer whitespace.

    Indentation and spacing inside lines are kept: records that differ only there are near
    duplicates, not exact ones.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (line.rstrip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line).strip()


def exact_key(text: str) -> str:
    """Hex BLAKE2b-128 digest of :func:`normalize_text` of ``text``."""
    data = normalize_text(text).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def exact_dedup(records: Iterable[CodeRecord]) -> list[DuplicateGroup]:
    """Groups of records sharing an :func:`exact_key`; the lowest id is kept."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for record in records:
        by_key[exact_key(record.text)].append(record.id)
    return groups_from_keys(by_key.values())


def groups_from_keys(id_lists: Iterable[list[str]]) -> list[DuplicateGroup]:
    """Exact groups from lists of ids that share a key (as a GroupByKey produces them)."""
    groups = []
    for ids in id_lists:
        members = tuple(sorted(set(ids)))
        if len(members) > 1:
            groups.append(DuplicateGroup("exact", members[0], members, "lowest-id", 1.0))
    return sorted(groups, key=lambda g: g.kept)
