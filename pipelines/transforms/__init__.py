"""Named composite transforms of the analysis: each a thin wrapper over a :mod:`pruning` function.

Elements are :class:`Item` dictionaries of one usable record (``id``, ``vector``, ``text``,
``language``, ``signals``) to which the cluster transforms add ``cluster``, ``distance``,
``second_cluster`` and ``second_distance``.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable, Iterable
from typing import Any

import apache_beam as beam

Item = dict[str, Any]


def sample_key(record_id: str, seed: int, purpose: str) -> bytes:
    """A pseudo-random but reproducible sort key: samples are the ids with the smallest keys.

    It depends only on the id and the seed, so a sample never depends on input order or on
    how a runner splits the work.
    """
    data = f"{purpose}\0{seed}\0{record_id}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=12).digest()


class _Smallest(beam.CombineFn):
    """The ``n`` elements with the smallest ``key`` (ties broken by the key itself).

    A lean replacement for ``beam.combiners.Top.Of`` for large ``n``: the accumulator is a
    plain list of ``(key, element)`` pruned with ``heapq.nsmallest`` whenever it holds
    twice ``n``; Beam's ``TopCombineFn`` measured about 5 KiB of memory per kept element.
    Keys must be unique (ids are part of every key used here), so the result is exact.
    """

    def __init__(self, n: int, key: Callable[[Any], Any]) -> None:
        self.n = n
        self.key = key

    def create_accumulator(self) -> list[tuple[Any, Any]]:
        return []

    def _prune(self, acc: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
        return heapq.nsmallest(self.n, acc, key=lambda pair: pair[0])

    def add_input(self, acc: list[tuple[Any, Any]], element: Any) -> list[tuple[Any, Any]]:
        acc.append((self.key(element), element))
        return self._prune(acc) if len(acc) >= 2 * self.n else acc

    def merge_accumulators(self, accs: Iterable[list[tuple[Any, Any]]]) -> list[tuple[Any, Any]]:
        merged = [pair for acc in accs for pair in acc]
        return self._prune(merged) if len(merged) > self.n else merged

    def extract_output(self, acc: list[tuple[Any, Any]]) -> list[Any]:
        return [element for _, element in self._prune(acc)]


class Smallest(beam.PTransform):
    """PCollection -> one list: the ``n`` elements with the smallest ``key``, in key order.

    Always emits exactly one list (empty for an empty input).
    """

    def __init__(self, n: int, key: Callable[[Any], Any]) -> None:
        super().__init__()
        self.n = n
        self.key = key

    def expand(self, pcoll: beam.PCollection) -> beam.PCollection:
        return pcoll | "Smallest" >> beam.CombineGlobally(_Smallest(self.n, self.key))
