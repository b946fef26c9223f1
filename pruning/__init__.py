"""Framework-free pruning of code corpora: SCIP, learned corruption probes and deduplication.

Every stage is a plain function over numpy arrays or record iterators, so it runs in a unit
test, a notebook or inside an Apache Beam ``DoFn`` (``pipelines/``) unchanged. Importing this
package is cheap: torch, faiss, sentence-transformers and scikit-learn are imported only by the
modules that need them, and models are loaded lazily.

Modules: :mod:`pruning.types` (data contract), :mod:`pruning.config` (frozen configuration),
:mod:`pruning.errors`, :mod:`pruning.corpus` (reading directories and JSONL),
:mod:`pruning.languages`, :mod:`pruning.structural` and :mod:`pruning.lint` (model-free
signals), :mod:`pruning.embed`, :mod:`pruning.cluster`, :mod:`pruning.dedup`,
:mod:`pruning.scores`, :mod:`pruning.corruptions`, :mod:`pruning.evaluate` (with
``eval_data``, ``eval_metrics``, ``eval_report``) and the ``eval-pruning`` command
(:mod:`pruning.cli_eval`). ``docs/pruning.md`` is the user guide.
"""
