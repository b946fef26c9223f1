"""The evaluation protocol: plant corruptions and duplicates in a clean corpus, measure every
pruning method (:mod:`~pruning.evaluation.evaluate`), report it, and the ``eval-pruning``
command (:mod:`~pruning.evaluation.cli`)."""
