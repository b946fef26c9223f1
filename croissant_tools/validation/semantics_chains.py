"""Layer 4, reference chains: ``containedIn`` cycles (``CR318``) and chains too long to
follow (``CR333``), in time linear in the document and without recursion.

Two kinds of reference chain make readers recurse once per link: archives inside archives
(``containedIn``), and record sets whose fields read from (or join with) another record
set. A chain of more than :data:`~croissant_tools.safety.MAX_REFERENCE_CHAIN` links is
reported once per branch, at the node where it first exceeds the limit; the loader
refuses such chains with the same limit.
"""

from __future__ import annotations

from croissant_tools.model import Metadata, RecordSet
from croissant_tools.safety import MAX_REFERENCE_CHAIN
from croissant_tools.validation.report import make_issue
from croissant_tools.validation.semantics import Index


def check_chains(metadata: Metadata, index: Index) -> None:
    """Report ``containedIn`` cycles and over-long ``containedIn`` and record-set chains."""
    _contained_in(metadata, index)
    _record_sets(metadata, index)


def _contained_in(metadata: Metadata, index: Index) -> None:
    after = {r.id: r.contained_in[0] for r in metadata.distribution if r.id and r.contained_in}
    cycles = _cycles(after)
    depth = _chain_lengths(after, cycles)
    for resource in metadata.distribution:
        uid = resource.id
        if uid is None:
            continue
        if uid in cycles:
            cycle = cycles[uid]
            start = cycle.index(uid)
            shown = " -> ".join([*cycle[start:], *cycle[:start], uid])
            message = f"containedIn forms a cycle: {shown}"
            index.issues.append(make_issue("CR318", resource.path, message, node=uid))
        elif depth.get(uid) == MAX_REFERENCE_CHAIN + 1:
            message = (
                f"{uid!r} is inside a chain of more than {MAX_REFERENCE_CHAIN} containedIn "
                f"links ({_shown_chain(uid, after)}); readers refuse to follow it"
            )
            hint = "flatten the archives: put the files in one archive"
            index.issues.append(make_issue("CR333", resource.path, message, node=uid, hint=hint))


def _cycles(after: dict[str, str]) -> dict[str, list[str]]:
    """Every node on a cycle of the ``after`` links, with its cycle (in link order)."""
    found: dict[str, list[str]] = {}
    done: set[str] = set()
    for start in after:
        position: dict[str, int] = {}
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in done and node not in position:
            position[node] = len(path)
            path.append(node)
            node = after.get(node)
        if node is not None and node in position:
            cycle = path[position[node] :]
            found.update((member, cycle) for member in cycle)
        done.update(path)
    return found


def _chain_lengths(after: dict[str, str], cycles: dict[str, list[str]]) -> dict[str, int]:
    """Links from each node to the end of its chain (nodes leading into a cycle omitted)."""
    length: dict[str, int] = {}
    for start in after:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in length and node not in cycles and node in after:
            path.append(node)
            node = after[node]
        if node is not None and node in cycles:
            continue
        base = length.get(node, 0) if node is not None else 0
        for offset, member in enumerate(reversed(path), start=1):
            length[member] = base + offset
    return length


def _shown_chain(uid: str, after: dict[str, str], shown: int = 3) -> str:
    links = [uid]
    while len(links) <= shown and links[-1] in after:
        links.append(after[links[-1]])
    return " -> ".join(links) + (" -> ..." if links[-1] in after else "")


def record_set_depths(metadata: Metadata, index: Index) -> dict[str, int]:
    """For each record set, the longest chain of record sets it reads through."""
    depends = {rs.id: _origins(rs, index) for rs in metadata.record_sets if rs.id is not None}
    depth: dict[str, int] = {}
    for start in depends:
        _depths_from(start, depends, depth)
    return depth


def _record_sets(metadata: Metadata, index: Index) -> None:
    depth = record_set_depths(metadata, index)
    for rs in metadata.record_sets:
        if rs.id is not None and depth.get(rs.id) == MAX_REFERENCE_CHAIN + 1:
            message = (
                f"record set {rs.id!r} reads through a chain of more than "
                f"{MAX_REFERENCE_CHAIN} record sets (fields that read from, or join with, "
                "fields of another record set); readers refuse to follow it"
            )
            hint = "read the fields from the files directly"
            index.issues.append(make_issue("CR333", rs.path, message, node=rs.id, hint=hint))


def _origins(rs: RecordSet, index: Index) -> set[str]:
    """Record sets that ``rs`` reads from or joins with (itself excluded)."""
    found: set[str] = set()
    for item in rs.walk_fields():
        for source in (item.source, item.references):
            for kind, uid in source.targets if source is not None else []:
                owner = index.owner.get(uid) if kind == "field" else None
                origin = owner.id if owner is not None else uid if kind == "recordSet" else None
                if origin is not None and origin != rs.id and origin in index.nodes:
                    found.add(origin)
    return found


def _depths_from(start: str, depends: dict[str, set[str]], depth: dict[str, int]) -> None:
    """Fill ``depth`` (longest chain of dependencies) below ``start``; iterative DFS, edges
    into a node still being visited (a cycle, reported elsewhere) are ignored."""
    if start in depth:
        return
    visiting: set[str] = {start}
    stack: list[tuple[str, list[str]]] = [(start, sorted(depends.get(start, ())))]
    while stack:
        node, pending = stack[-1]
        while pending and (pending[-1] in depth or pending[-1] in visiting):
            pending.pop()
        if pending:
            child = pending.pop()
            visiting.add(child)
            stack.append((child, sorted(depends.get(child, ()))))
            continue
        stack.pop()
        visiting.discard(node)
        below = [depth[d] for d in depends.get(node, ()) if d in depth]
        depth[node] = 1 + max(below) if below else 0
