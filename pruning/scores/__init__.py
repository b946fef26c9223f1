"""Prune scores (higher = prune first) and the decisions made from them.

* :mod:`pruning.scores.scip` — the SCIP rule (small clusters, far from the centroid);
* :mod:`pruning.scores.learned` — ``probe``, ``structural`` and ``combined``, trained on the
  synthetic task (:mod:`pruning.scores.synthetic`), plus the ``length`` baseline;
* :mod:`pruning.scores.decide` — scores to keep/prune decisions with a reason.

Scores and decisions are separate: change a threshold without recomputing a score.
"""
