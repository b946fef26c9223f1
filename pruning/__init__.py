"""Framework-free pruning of code corpora: SCIP, learned corruption probes and deduplication.

Every stage is a plain function over numpy arrays or record iterators, so it runs in a unit
test, a notebook or inside an Apache Beam ``DoFn`` (``pipelines/``) unchanged. Importing this
package is cheap: torch, faiss, sentence-transformers and scikit-learn are imported only by the
modules that need them, and models are loaded lazily.

The folder shows the shape: :mod:`pruning.types` (data contract), :mod:`pruning.config`
(frozen configuration), :mod:`pruning.errors`, :mod:`pruning.corpus` (reading directories and
JSONL), :mod:`pruning.languages` (extensions, parsers, tokens), :mod:`pruning.embed`,
:mod:`pruning.cluster`, :mod:`pruning.dedup`, :mod:`pruning.corruptions`;
:mod:`pruning.signals` (model-free and corpus-statistics signals: structural, lint, scopes,
naturalness, n-gram), :mod:`pruning.scores` (SCIP, learned scorers, decisions) and
:mod:`pruning.evaluation` (the evaluation protocol and the ``eval-pruning`` command).
``docs/pruning.md`` is the user guide.
"""
