import numpy as np
import pytest
from sklearn.datasets import make_blobs

from pruning.cluster import assign, fit_centroids
from pruning.config import ClusterConfig, DedupConfig
from pruning.dedup import (
    band_keys,
    choose_bands,
    exact_dedup,
    exact_key,
    merge_groups,
    near_dedup,
    semantic_dedup,
    semantic_dedup_block,
    signature,
    split_cluster,
)
from pruning.dedup.near import code_tokens
from pruning.types import CodeRecord, DuplicateGroup

FUNC = """def mean_of(values, default=0.0):
    # average of a list
    total = 0.0
    count = 0
    for value in values:
        total += value
        count += 1
    if count == 0:
        return default
    return total / count
"""
OTHER = """def parse_header(line):
    key, _, rest = line.partition(":")
    if not key:
        raise ValueError("empty header name")
    return key.strip().lower(), rest.strip()
"""


def test_exact_key_ignores_trailing_space_blank_lines_and_crlf_only():
    assert exact_key("a = 1  \r\n\r\nb = 2\n") == exact_key("a = 1\nb = 2")
    assert exact_key("a = 1\nb = 2") != exact_key("a  = 1\nb = 2")


def test_exact_dedup_keeps_lowest_id():
    records = [CodeRecord("b", "x = 1\n"), CodeRecord("a", "x = 1"), CodeRecord("c", "y = 2")]
    assert exact_dedup(records) == [DuplicateGroup("exact", "a", ("a", "b"), "lowest-id")]


def test_code_tokens_drop_comments_and_rename_identifiers_consistently():
    renamed = FUNC.replace("total", "acc").replace("values", "xs")
    assert code_tokens(FUNC, "python") == code_tokens(renamed, "python")
    assert "#" not in " ".join(code_tokens(FUNC, "python"))
    assert code_tokens(FUNC, "python") != code_tokens(FUNC.replace("+= 1", "+= 2"), "python")


@pytest.mark.parametrize("backend", ["rensa", "datasketch"])
def test_near_dedup_finds_edited_copies_not_different_code(backend):
    config = DedupConfig(minhash_backend=backend)
    edited = FUNC.replace("    # average of a list\n", "").replace("total", "running_total")
    spaced = FUNC.replace(" = ", "  =  ") + "\n\n# trailing comment\n"
    records = [
        CodeRecord("1", FUNC, "python"),
        CodeRecord("2", edited, "python"),
        CodeRecord("3", spaced, "python"),
        CodeRecord("4", OTHER, "python"),
    ]
    groups = near_dedup(records, config)
    assert len(groups) == 1
    assert groups[0].kept == "1" and groups[0].members == ("1", "2", "3")
    assert groups[0].similarity >= config.near_threshold


def test_signature_is_deterministic_and_band_keys_differ_per_band():
    a = signature(FUNC, "python")
    assert np.array_equal(a, signature(FUNC, "python"))
    assert a.dtype == np.uint64 and len(a) == 128
    bands, rows = choose_bands(0.7, 128)
    assert bands * rows <= 128
    keys = band_keys(a, bands, rows)
    assert len(keys) == bands == len(set(keys))


def test_choose_bands_moves_with_threshold():
    low_b, low_r = choose_bands(0.5, 128)
    high_b, high_r = choose_bands(0.9, 128)
    assert (1 / low_b) ** (1 / low_r) < (1 / high_b) ** (1 / high_r)


def _planted_vectors(n=600, dim=32, seed=0):
    x, _ = make_blobs(n, dim, centers=8, cluster_std=2.0, random_state=seed)
    x = x.astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    rng = np.random.default_rng(seed)
    sources = rng.choice(n, 40, replace=False)
    dups = x[sources] + rng.normal(0, 0.01, (40, dim)).astype(np.float32)
    dups /= np.linalg.norm(dups, axis=1, keepdims=True)
    vectors = np.vstack([x, dups])
    ids = [f"r{i:04d}" for i in range(n + 40)]
    truth = {(ids[s], ids[n + j]) for j, s in enumerate(sources)}
    return ids, vectors, truth


def test_semantic_block_keeps_lowest_id_and_follows_chains():
    v = np.array([[1, 0], [0.995, 0.0998], [0.98, 0.199], [0, 1]], dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    groups = semantic_dedup_block(["c", "a", "b", "d"], v, threshold=0.99)
    # a~c (0.995) and a~b (0.9995) but c~b is 0.98: b is removed via a, c via a
    assert [(g.kept, g.members) for g in groups] == [("a", ("a", "b", "c"))]
    assert semantic_dedup_block(["x"], v[:1], 0.5) == []


def test_semantic_block_priority_changes_representative():
    v = np.array([[1, 0], [1, 0]], dtype=np.float32)
    assert semantic_dedup_block(["a", "b"], v, 0.9, priority=[1.0, 0.0])[0].kept == "b"


def test_semantic_dedup_recovers_planted_pairs_across_clusters():
    ids, vectors, truth = _planted_vectors()
    cents = fit_centroids(vectors, ClusterConfig(k=8, seed=0))
    a = assign(vectors, cents)
    config = DedupConfig(semantic_threshold=0.99)
    groups = semantic_dedup(ids, vectors, a.cluster, a.second_cluster, a.distance, config)
    found = {(g.kept, m) for g in groups for m in g.removed}
    assert found == truth
    again = semantic_dedup(ids, vectors, a.cluster, a.second_cluster, a.distance, config)
    assert again == groups


def test_semantic_dedup_with_split_blocks_matches_unsplit():
    ids, vectors, truth = _planted_vectors(900)
    one = np.zeros(len(ids), dtype=np.int64)
    small = DedupConfig(max_block=200, semantic_threshold=0.99)
    groups = semantic_dedup(ids, vectors, one, config=small)
    assert {(g.kept, m) for g in groups for m in g.removed} == truth


def test_split_cluster_bounds_and_covers():
    _, vectors, _ = _planted_vectors(900)
    blocks = split_cluster(vectors, 250)
    covered = np.unique(np.concatenate(blocks))
    assert len(covered) == len(vectors)
    assert max(len(b) for b in blocks) <= 250 * 1.5


def test_merge_groups_resolves_chains_across_blocks():
    g1 = DuplicateGroup("semantic", "b", ("b", "c"), "lowest-id", 0.97)
    g2 = DuplicateGroup("semantic", "a", ("a", "b"), "lowest-id", 0.99)
    merged = merge_groups([g1, g2])
    assert merged == [DuplicateGroup("semantic", "a", ("a", "b", "c"), "lowest-id", 0.97)]
