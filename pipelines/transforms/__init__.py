"""Named composite transforms of the analysis: each a thin wrapper over a :mod:`pruning` function.

Elements are :class:`Item` dictionaries of one usable record (``id``, ``vector``, ``text``,
``language``, ``signals``) to which the cluster transforms add ``cluster``, ``distance``,
``second_cluster`` and ``second_distance``.
"""

from __future__ import annotations

import hashlib
from typing import Any

Item = dict[str, Any]


def sample_key(record_id: str, seed: int, purpose: str) -> bytes:
    """A pseudo-random but reproducible sort key: samples are the ids with the smallest keys.

    It depends only on the id and the seed, so a sample never depends on input order or on
    how a runner splits the work.
    """
    data = f"{purpose}\0{seed}\0{record_id}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=12).digest()
