"""Apache Beam pipelines that wire :mod:`pruning` and :mod:`croissant_tools` together.

The main job is the SCIP + dedup pruning pipeline: ``croissant-tools prune`` (or
``python -m pipelines.prune``), implemented by :func:`pipelines.run.run_prune` as a
sequence of resumable stages (:mod:`pipelines.stages`). Every transform is a thin wrapper
around a :mod:`pruning` function; :mod:`pipelines.dask_runner` makes the same pipeline run
correctly on Dask. See ``docs/pipeline.md``.
"""

import logging


class _WithoutBeamImportNoise(logging.Filter):
    """Drops one message Beam logs on the root logger at import time whenever the optional
    Google Cloud client libraries are absent ("apitools not found ..."): it says nothing
    about a run and would start every command's output."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("apitools not found")


logging.getLogger().addFilter(_WithoutBeamImportNoise())
