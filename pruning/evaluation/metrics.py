"""Metrics of the evaluation: AUROC and precision/recall at a prune fraction, dedup P/R."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from pruning.scores.decide import cutoff_for_fraction
from pruning.types import DuplicateGroup


def auroc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve (NaN when only one class is present)."""
    from sklearn.metrics import roc_auc_score

    y = np.asarray(labels)
    if len(np.unique(y)) < 2:
        return float("nan")
    s = np.nan_to_num(np.asarray(scores, dtype=np.float64), nan=-np.inf, neginf=-1e300)
    return float(roc_auc_score(y, s))


def pruned_mask(ids: Sequence[str], scores: np.ndarray, fraction: float) -> np.ndarray:
    """Which records the top-``fraction`` decision prunes (ties by id, as in decisions)."""
    cutoff = cutoff_for_fraction(ids, scores, fraction)
    return np.array([cutoff.prunes(i, float(s)) for i, s in zip(ids, scores)])


def precision_recall(labels: np.ndarray, pruned: np.ndarray) -> tuple[float, float]:
    """Precision and recall of ``pruned`` against ``labels`` (1 = corrupted)."""
    y = np.asarray(labels, dtype=bool)
    hits = int(np.sum(y & pruned))
    precision = hits / int(pruned.sum()) if pruned.any() else float("nan")
    recall = hits / int(y.sum()) if y.any() else float("nan")
    return precision, recall


def dedup_scores(
    groups: Iterable[DuplicateGroup],
    truth: dict[str, tuple[str, str]],
    preexisting: Iterable[DuplicateGroup] = (),
) -> dict[str, float]:
    """Recall per duplicate type, overall recall and precision of removals.

    A planted copy is found when it shares a group with its original. A removed record is a
    true positive when it and its kept representative come from the same planted family, and
    is not counted either way when the two were already duplicates in the clean corpus
    (pre-existing duplicates have no label).
    """
    group_of: dict[str, int] = {}
    groups = list(groups)
    for number, group in enumerate(groups):
        for member in group.members:
            group_of.setdefault(member, number)
    family = {copy: original for copy, (original, _) in truth.items()}
    old_pairs = {frozenset((g.kept, m)) for g in preexisting for m in g.removed}
    old_members = {m: g.kept for g in preexisting for m in g.members}
    out: dict[str, float] = {}
    found_all = 0
    for kind in sorted({t for _, t in truth.values()}):
        copies = [c for c, (_, t) in truth.items() if t == kind]
        found = sum(1 for c in copies if _same(group_of, c, family[c]))
        out[f"recall_{kind}"] = found / len(copies)
        found_all += found
    out["recall"] = found_all / len(truth) if truth else float("nan")
    tp = fp = 0
    for group in groups:
        for member in group.removed:
            a, b = family.get(member, member), family.get(group.kept, group.kept)
            if a == b:
                tp += 1
            elif frozenset((a, b)) in old_pairs or old_members.get(a, a) == old_members.get(b, b):
                continue
            else:
                fp += 1
    out["precision"] = tp / (tp + fp) if tp + fp else float("nan")
    out["removed_true"], out["removed_false"] = float(tp), float(fp)
    return out


def _same(group_of: dict[str, int], a: str, b: str) -> bool:
    return a in group_of and group_of.get(a) == group_of.get(b)
