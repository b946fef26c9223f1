"""Loading the records a Croissant document describes: streaming, sandboxed, Arrow-first.

    import croissant_tools as ct
    reader = ct.load("croissant.json", "ratings", split="train", columns=["ratings/rating"])
    for batch in reader.iter_batches(65536): ...     # pyarrow.RecordBatch
    for record in reader: ...                        # dicts keyed by field @id

Framework adapters live in :mod:`croissant_tools.torch`, :mod:`croissant_tools.tf`,
:mod:`croissant_tools.jax` and :mod:`croissant_tools.beam`; see ``docs/loading.md``.
"""

from __future__ import annotations

from croissant_tools.archives import ExtractLimits
from croissant_tools.loading.api import InvalidDocumentError, load
from croissant_tools.loading.batches import Partition
from croissant_tools.loading.engine import Unit
from croissant_tools.loading.options import Credential, LoadOptions, NetworkPolicy
from croissant_tools.loading.reader import RecordSetReader

__all__ = [
    "Credential",
    "ExtractLimits",
    "InvalidDocumentError",
    "LoadOptions",
    "NetworkPolicy",
    "Partition",
    "RecordSetReader",
    "Unit",
    "load",
]
