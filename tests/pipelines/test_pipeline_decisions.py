"""Decisions: rules in order, duplicate groups decided by quality, explanations for all."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.decisions import (
    Cut,
    Member,
    ScoreRule,
    calibrated_cut,
    decide_group,
    rule_based,
    score_outcome,
)
from pipelines.records import INVALID

KEEP_ALL = Cut(math.inf, None)
PRUNE_ALL = Cut(-math.inf, None)


def _record(**changes: object) -> dict[str, Any]:
    return {"id": "r", "invalid": None, "duplicate_of": None, "parse_error": None, **changes}


def _facts(**changes: object) -> dict[str, Any]:
    base = {
        "cluster": 0,
        "cluster_size": 10,
        "centroid_distance": 0.3,
        "parses": True,
        "score_length": 12.0,
        "score_combined": 0.0,
        "evidence": 0,
        "log_lr": 0.0,
        "finding": None,
        "top_signals": None,
    }
    return {**base, **changes}


def test_rules_in_order() -> None:
    rule = ScoreRule("length")
    assert rule_based(_record(invalid="empty"), None, rule).reason == INVALID  # type: ignore[union-attr]
    unparsable = _facts(parses=False)
    assert rule_based(_record(), unparsable, rule) is None
    strict = ScoreRule("length", prune_unparsable=True)
    found = rule_based(_record(parse_error="SyntaxError at line 2:5: x"), unparsable, strict)
    assert found is not None and found.reason == "unparsable"
    assert found.detail == "does not parse: SyntaxError at line 2:5: x"
    cut = Cut(None, (12.0, "r"))
    assert score_outcome(_record(), _facts(), rule, cut).reason == "score-top-fraction"
    assert score_outcome(_record(id="s"), _facts(), rule, cut).reason == "kept"  # tie, higher id


def test_scip_rule_names_its_reason() -> None:
    rule = ScoreRule("scip", sizes=(1, 50), selected=frozenset({0}))
    small = score_outcome(_record(), _facts(cluster=0), rule, PRUNE_ALL)
    assert small.reason == "scip-small-cluster" and "cluster 0 of 10 records" in str(small.detail)
    far = score_outcome(_record(), _facts(cluster=1), rule, PRUNE_ALL)
    assert far.reason == "scip-far-from-centroid"


def test_calibrated_cut_and_hard_evidence_reasons() -> None:
    rule = ScoreRule("combined", cut="calibrated")
    cut = calibrated_cut(prior=0.1, min_probability=0.5, cap=None)
    weak = score_outcome(_record(), _facts(log_lr=1.0), rule, cut)
    assert weak.reason == "kept" and weak.p_corrupted is not None and weak.p_corrupted < 0.5
    strong = score_outcome(
        _record(),
        _facts(
            log_lr=5.0,
            finding="line 3:9: '<=' where the corpus writes '<' here",
            top_signals="site_cmp=3.10 (+1.24)",
        ),
        rule,
        cut,
    )
    assert strong.reason == "score-calibrated"
    assert "line 3:9" in str(strong.detail) and "site_cmp" in str(strong.detail)
    assert "P(corrupted) 0.9" in str(strong.detail)
    broken = score_outcome(
        _record(parse_error="missing ')' at line 2:13"), _facts(log_lr=9.0, evidence=2), rule, cut
    )
    assert broken.reason == "unparsable"
    assert str(broken.detail).startswith("does not parse: missing ')' at line 2:13")
    certain = score_outcome(_record(), _facts(log_lr=6.0, evidence=1), rule, cut)
    assert certain.reason == "certain-finding"
    capped = calibrated_cut(prior=0.1, min_probability=0.5, cap=(6.0, "r"))
    assert score_outcome(_record(id="z"), _facts(log_lr=5.5), rule, capped).reason == "kept"


def _member(record_id: str, score: float, kind: str | None = "near", **facts: Any) -> Member:
    return Member(
        _record(id=record_id),
        _facts(score_combined=score, log_lr=score, **facts),
        kind,
        "a" if kind else None,
        0.9 if kind else None,
    )


def test_the_best_member_is_kept_not_the_lowest_id() -> None:
    rule = ScoreRule("combined", cut="calibrated")
    cut = calibrated_cut(prior=0.5, min_probability=0.5, cap=None)  # prune log_lr >= 0
    members = [_member("a", 3.0, None), _member("b", -2.0), _member("c", -1.0)]
    outcomes = decide_group(members, rule, cut)
    assert [o.decision for o in outcomes] == ["prune", "keep", "prune"]
    # 'a' (found first, lowest id) ranks worst: a duplicate of 'b', described from b's side
    assert (outcomes[0].reason, outcomes[0].duplicate_of) == ("duplicate-near", "b")
    assert outcomes[2].reason == "duplicate-near" and outcomes[2].duplicate_of == "b"
    assert "kept: the group's best-scoring member" in str(outcomes[2].detail)


def test_a_group_no_member_passes_is_pruned_for_their_own_scores() -> None:
    rule = ScoreRule("combined", cut="calibrated")
    cut = calibrated_cut(prior=0.5, min_probability=0.5, cap=None)
    members = [_member("a", 3.0, None), _member("b", 2.0), _member("x", 4.0, "exact")]
    outcomes = decide_group(members, rule, cut)
    assert all(o.decision == "prune" for o in outcomes)
    assert not any(o.reason.startswith("duplicate") for o in outcomes)
    assert all("one of 3 duplicates" in str(o.detail) for o in outcomes)


@settings(max_examples=200, deadline=None)
@given(
    scores=st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=8),
    kinds=st.lists(st.sampled_from(["exact", "near", "semantic", None]), min_size=8, max_size=8),
    threshold=st.floats(-5, 5, allow_nan=False),
    unparsable=st.lists(st.booleans(), min_size=8, max_size=8),
    strict=st.booleans(),
)
def test_no_group_is_emptied_by_the_duplicate_rule(
    scores: list[float],
    kinds: list[str | None],
    threshold: float,
    unparsable: list[bool],
    strict: bool,
) -> None:
    """Property: a member pruned as a duplicate always points at a kept member of its own
    group; every pruned member has a reason and a non-empty detail."""
    rule = ScoreRule("combined", cut="threshold", prune_unparsable=strict)
    members = [
        _member(f"m{i}", s, kinds[i], parses=not unparsable[i]) for i, s in enumerate(scores)
    ]
    outcomes = decide_group(members, rule, Cut(threshold, None))
    kept = {m.record["id"] for m, o in zip(members, outcomes) if o.decision == "keep"}
    assert len(kept) <= 1
    for outcome in outcomes:
        if outcome.reason.startswith("duplicate"):
            assert outcome.duplicate_of in kept
        if outcome.decision == "prune":
            assert outcome.reason and outcome.detail
    if kept:  # the kept member is the best-ranked member that passes
        passing = [
            m
            for m in members
            if m.facts["score_combined"] < threshold and not (strict and not m.facts["parses"])
        ]
        first = min(passing, key=lambda m: (m.facts["score_combined"], m.record["id"]))
        assert kept == {first.record["id"]}
