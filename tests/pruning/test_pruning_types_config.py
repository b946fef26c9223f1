import json
import pickle

import numpy as np
import pytest

from pruning.config import ClusterConfig, DedupConfig, PruningConfig, ScipConfig
from pruning.errors import ConfigError, PruningError
from pruning.types import CodeRecord, Decision, DuplicateGroup, Embedding, RecordScores


def test_code_record_round_trip_keeps_unknown_columns_in_extra():
    record = CodeRecord.from_dict({"id": 7, "text": "x = 1", "language": "python", "repo": "a/b"})
    assert record.id == "7"
    assert record.extra == {"repo": "a/b"}
    assert CodeRecord.from_dict(record.to_dict()) == record
    assert pickle.loads(pickle.dumps(record)) == record


def test_duplicate_group_requires_kept_member_and_lists_removed():
    group = DuplicateGroup("exact", "a", ("a", "b", "c"), "lowest-id")
    assert group.removed == ("b", "c")
    with pytest.raises(ValueError, match="not among"):
        DuplicateGroup("exact", "z", ("a", "b"), "lowest-id")


def test_decision_validates_action_and_reason():
    assert Decision("a", "prune", "scip-small-cluster", 0.3).keep is False
    with pytest.raises(ValueError):
        Decision("a", "drop", "kept")
    with pytest.raises(ValueError):
        Decision("a", "keep", "because")


def test_embedding_equality_compares_values():
    v = np.ones(3, dtype=np.float32)
    assert Embedding("a", v) == Embedding("a", v.copy())
    assert Embedding("a", v) != Embedding("a", v * 2)


def test_record_scores_flatten():
    row = RecordScores("a", {"scip": 0.5, "length": 3.0}, cluster=2).to_dict()
    assert row["score_scip"] == 0.5 and row["cluster"] == 2


@pytest.mark.parametrize(
    "build",
    [
        lambda: ScipConfig(prune_fraction=1.5),
        lambda: ScipConfig(alpha=-0.1),
        lambda: ClusterConfig(k=0),
        lambda: DedupConfig(kinds=("exact", "fuzzy")),
        lambda: DedupConfig(semantic_threshold=0),
        lambda: PruningConfig(scorer="magic"),  # type: ignore[arg-type]
    ],
)
def test_invalid_config_raises_usage_error(build):
    with pytest.raises(ConfigError) as info:
        build()
    assert info.value.exit_code == 2
    assert isinstance(info.value, PruningError)


def test_pruning_config_round_trips_through_json():
    config = PruningConfig(
        scorer="scip", cluster=ClusterConfig(k=7), dedup=DedupConfig(kinds=("exact",))
    )
    data = json.loads(json.dumps(config.to_dict()))
    assert PruningConfig.from_dict(data) == config


def test_pruning_config_rejects_unknown_keys():
    with pytest.raises(ConfigError, match="unknown"):
        PruningConfig.from_dict({"scorer": "scip", "colour": "red"})
    with pytest.raises(ConfigError, match="unknown keys in 'cluster'"):
        PruningConfig.from_dict({"cluster": {"kk": 3}})
