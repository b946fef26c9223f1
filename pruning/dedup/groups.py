"""Building and merging duplicate groups deterministically."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pruning.types import DedupKind, DuplicateGroup


class UnionFind:
    """Union-find over string ids; the root of a set is always its smallest id."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        """Root of ``item``'s set (path-halving)."""
        parent = self.parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        """Join the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = (ra, rb) if ra < rb else (rb, ra)
            self.parent[high] = low

    def sets(self) -> dict[str, list[str]]:
        """Root -> sorted members, for every set with at least two members."""
        members: dict[str, list[str]] = defaultdict(list)
        for item in list(self.parent):
            members[self.find(item)].append(item)
        return {root: sorted(items) for root, items in members.items() if len(items) > 1}


def groups_from_pairs(
    pairs: Iterable[tuple[str, str, float]], kind: DedupKind, rule: str = "lowest-id"
) -> list[DuplicateGroup]:
    """Connected components of duplicate pairs ``(a, b, similarity)``; kept = lowest id.

    ``similarity`` of a group is the lowest similarity among the pairs that joined it.
    Groups are returned sorted by their kept id.
    """
    uf = UnionFind()
    edges = []
    for a, b, sim in pairs:
        if a != b:
            uf.union(a, b)
            edges.append((a, sim))
    lowest: dict[str, float] = {}
    for a, sim in edges:
        root = uf.find(a)
        lowest[root] = min(lowest.get(root, 1.0), float(sim))
    return [
        DuplicateGroup(kind, root, tuple(members), rule, lowest.get(root, 1.0))
        for root, members in sorted(uf.sets().items())
    ]


def merge_groups(groups: Iterable[DuplicateGroup]) -> list[DuplicateGroup]:
    """Merge groups of one kind found in different blocks into a consistent set.

    A record removed in several blocks points at the smallest kept id among them; a kept
    representative that is itself removed elsewhere passes its members on along that chain,
    so every removed record ends in a group whose representative is kept everywhere.
    Blocks must have used one global ranking (as :func:`semantic.semantic_dedup_block` does),
    otherwise two records may remove each other; such a cycle is broken at the smallest id.
    """
    groups = list(groups)
    if not groups:
        return []
    kind, rule = groups[0].kind, groups[0].rule
    parent: dict[str, str] = {}
    similarity: dict[str, float] = {}
    for group in groups:
        for member in group.removed:
            if member not in parent or group.kept < parent[member]:
                parent[member] = group.kept
            similarity[member] = min(similarity.get(member, 1.0), group.similarity)
    roots: dict[str, list[str]] = defaultdict(list)
    for member in parent:
        roots[_root(member, parent)].append(member)
    out = []
    for root, members in sorted(roots.items()):
        sims = [similarity[m] for m in members]
        out.append(DuplicateGroup(kind, root, tuple(sorted([root, *members])), rule, min(sims)))
    return out


def _root(member: str, parent: dict[str, str]) -> str:
    seen = {member}
    current = member
    while current in parent:
        nxt = parent[current]
        if nxt in seen:  # a cycle (inconsistent rankings): break it at the smallest id
            smallest = min(seen)
            parent.pop(smallest, None)
            return smallest
        seen.add(nxt)
        current = nxt
    return current
