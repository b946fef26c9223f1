"""Hard evidence: findings that settle a record's rank before any learned weight does.

A learned score is a sum of weak signals; some findings are not weak. Code that does not
parse in its language is broken whatever an embedding says, and a few compiler- and
linter-grade checks fire almost never on clean code. Such a record must rank above every
record without one, in every learned score.

* **Tier 2** — the record does not parse (``unparsable``).
* **Tier 1** — a check of :data:`CERTAIN_CHECKS` fires. A check qualifies when it fired on
  at most 0.2 % of the clean functions of both development sets (the bundled corpus, 1,896
  functions in five languages, and ``tests/fixtures/langid``, 640 functions in eight):

  ================================  =========  ===========
  check                             bundled    langid set
  ================================  =========  ===========
  use before definition/declaration 0.05 %     0.16 %
  null dereference in its own guard 0 %        0.16 %
  contradictory null guard          0 %        0 %
  loop condition against its update 0 %        0.16 %
  unmatched brackets                0 %        0 %
  ================================  =========  ===========

  Checks that did not qualify: unreachable statements (0.4 % / 1.6 %, ``break`` after
  ``return`` in C), pointless statements (0.1 % / 1.3 %), unused assignments
  (0.1 % / 0.8 %), missing returns (0.7 % / 1.3 %), a misspelt name (1.1 % / 2.8 %), unbound
  names (28 % / 8 %). They stay learned features.
* A corpus can still be unusual: a qualifying check that fires on more than
  :data:`MAX_CORPUS_RATE` of the corpus's own sample — over all its languages, or over one
  language with at least :data:`MIN_PER_LANGUAGE` records in the sample — is demoted to a
  feature for that run, or for that language (:func:`qualifying_checks`), and
  ``scorers.json`` says so.

:func:`tiers` reads the tiers from a batch's structural features; :func:`ranked` puts the
tier in front of a learned log-odds so that sorting by the result sorts by tier first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pruning.signals.structural import FEATURE_NAMES

UNPARSABLE = "unparsable"
CERTAIN_CHECKS: tuple[str, ...] = (
    "log_use_before_def",
    "log_null_dereferences",
    "log_guard_contradictions",
    "log_loop_direction",
    "log_bracket_imbalance",
)
DESCRIPTIONS = {
    "log_use_before_def": "reads a name before it is defined or declared",
    "log_null_dereferences": "dereferences a name inside the branch that found it null",
    "log_guard_contradictions": "a null guard contradicts itself (x is None and x.y)",
    "log_loop_direction": "a loop's condition points against its update",
    "log_bracket_imbalance": "brackets do not match",
}
MAX_CORPUS_RATE = 0.02
#: A tier outweighs any learned log-odds (those are clipped to +-TIER_GAP / 2).
TIER_GAP = 100.0
_INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}


MIN_PER_LANGUAGE = 50
Demoted = tuple[tuple[str, tuple[str, ...]], ...]  # (language, checks demoted for it)


def _rates(structural: np.ndarray) -> dict[str, float]:
    return {
        name: float(np.mean(structural[:, _INDEX[name]] > 0)) if len(structural) else 0.0
        for name in CERTAIN_CHECKS
    }


def qualifying_checks(
    structural: np.ndarray, languages: Sequence[str] | None = None
) -> tuple[tuple[str, ...], dict[str, float], Demoted]:
    """The :data:`CERTAIN_CHECKS` that stay certain for a corpus, from the structural
    features of its (mostly clean) sample; every check's rate in that sample; and per
    language (with ``languages``, one per row) the checks demoted for it alone."""
    rates = _rates(structural)
    kept = tuple(name for name in CERTAIN_CHECKS if rates[name] <= MAX_CORPUS_RATE)
    demoted: list[tuple[str, tuple[str, ...]]] = []
    if languages is not None:
        names = np.asarray(languages)
        for language in sorted(set(languages)):
            rows = structural[names == language]
            if len(rows) < MIN_PER_LANGUAGE:
                continue
            own = _rates(rows)
            off = tuple(n for n in kept if own[n] > MAX_CORPUS_RATE)
            if off:
                demoted.append((language, off))
    return kept, rates, tuple(demoted)


def tiers(
    structural: np.ndarray,
    checks: Sequence[str] = CERTAIN_CHECKS,
    languages: Sequence[str] | None = None,
    demoted: Demoted = (),
) -> np.ndarray:
    """``(n,)`` tier of each row of structural features: 2 unparsable, 1 a certain check
    (``demoted`` checks do not count for rows of their language)."""
    out = np.zeros(len(structural), dtype=np.int64)
    if len(structural) == 0:
        return out
    if checks:
        columns = [_INDEX[name] for name in checks]
        fired = structural[:, columns] > 0
        if demoted and languages is not None:
            names = np.asarray(languages)
            for language, off in demoted:
                mask = names == language
                for name in off:
                    if name in checks:
                        fired[mask, list(checks).index(name)] = False
        out[fired.any(axis=1)] = 1
    out[structural[:, _INDEX[UNPARSABLE]] > 0] = 2
    return out


def ranked(logit: np.ndarray, tier: np.ndarray) -> np.ndarray:
    """``tier * TIER_GAP + clip(logit)``: hard evidence first, then the learned order."""
    half = TIER_GAP / 2 - 1
    return tier * TIER_GAP + np.clip(logit, -half, half)


def describe_checks(structural_row: np.ndarray, checks: Sequence[str]) -> str | None:
    """Words for the certain checks that fire in one row (``None`` when none does)."""
    fired = [DESCRIPTIONS[name] for name in checks if structural_row[_INDEX[name]] > 0]
    return "; ".join(fired) if fired else None
