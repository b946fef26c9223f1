"""The token n-gram language model behind the naturalness features."""

import pickle
import random

import numpy as np
import pytest

from pruning.errors import DataError
from pruning.signals.naturalness import (
    NATURALNESS_NAMES,
    TokenBits,
    raw_tokens,
    symbols,
    train_ngram,
)


def _function(rng: random.Random, i: int) -> str:
    name = rng.choice(["items", "values", "rows", "entries"])
    limit = rng.choice(["limit", "size", "count"])
    return (
        f"def scan_{i}({name}, {limit}):\n"
        f"    total = 0\n"
        f"    for i in range(len({name})):\n"
        f"        if i < {limit} and {name}[i] is not None:\n"
        f"            total += {name}[i]\n"
        f"    return total\n"
    )


def _corpus(n: int = 60, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [_function(rng, i) for i in range(n)]


def test_a_corrupted_twin_is_more_surprising_than_its_clean_text():
    texts = _corpus()
    model = train_ngram(texts, ["python"] * len(texts), order=4)
    clean = _function(random.Random(99), 999)
    for corrupted in (
        clean.replace("i < ", "i >= "),  # flipped comparison
        clean.replace(" and ", " or "),  # swapped boolean operator
        clean.replace("    return total\n", "    total\n"),  # removed return
    ):
        a = model.token_bits(clean, "python", exclude=None)
        b = model.token_bits(corrupted, "python", exclude=None)
        assert b.forward.mean() > a.forward.mean()
        assert b.features()[NATURALNESS_NAMES.index("lm_top3_bits")] > a.features()[3]


def test_leave_one_out_equals_a_model_trained_without_the_text():
    texts = _corpus()
    languages = ["python"] * len(texts)
    full = train_ngram(texts, languages)
    without = train_ngram(texts[1:], languages[1:])
    assert full.vocab_size == without.vocab_size  # the first text brings no new symbol
    assert np.array_equal(full.vocab, without.vocab)
    own = full.token_bits(texts[0], "python")  # "auto": a training text leaves itself out
    fresh = without.token_bits(texts[0], "python")
    assert np.allclose(own.forward, fresh.forward) and np.allclose(own.backward, fresh.backward)
    kept = full.token_bits(texts[0], "python", exclude=None)
    assert kept.forward.mean() < own.forward.mean()  # counting itself would flatter it
    # a corrupted copy is scored without its source's counts, as if the source were unseen
    broken = texts[0].replace(" < ", " >= ")
    assert np.allclose(
        full.token_bits(broken, "python", exclude=texts[0]).forward,
        without.token_bits(broken, "python", exclude=None).forward,
    )


def test_training_and_features_are_deterministic_and_pickle():
    texts = _corpus(40)
    languages = ["python"] * 40
    a = train_ngram(texts, languages, order=3)
    b = pickle.loads(pickle.dumps(train_ngram(texts, languages, order=3)))
    probe = [t.replace("total", "acc") for t in texts[:5]] + ["", "x = 1\n"]
    fa = a.features(probe, ["python"] * len(probe))
    assert fa.shape == (len(probe), len(NATURALNESS_NAMES)) and fa.dtype == np.float32
    assert np.array_equal(fa, b.features(probe, ["python"] * len(probe)))
    assert not fa[5].any()  # no tokens, no surprisal


def test_size_is_bounded_by_the_token_budget():
    texts = _corpus(200)
    languages = ["python"] * 200
    big = train_ngram(texts, languages)
    small = train_ngram(texts, languages, max_tokens=500)
    per_text = len(symbols(raw_tokens(texts[0], "python"), None)[0])
    assert small.tokens < 500 + 2 * per_text and small.tokens < big.tokens
    assert small.nbytes < big.nbytes
    bound = 2 * 4 * 20 * big.tokens + 8 * (len(big.vocab) + len(texts))  # the documented bound
    assert big.nbytes <= bound
    assert len(pickle.dumps(big)) < big.nbytes + 10_000 < 2_000_000
    with pytest.raises(DataError, match="order"):
        train_ngram(texts, languages, order=0)


def test_languages_do_not_share_counts_and_unknown_languages_still_score():
    java = ["int f(int a) { return a + 1; }"] * 10
    model = train_ngram(java, ["java"] * 10)
    seen = model.token_bits("int f(int a) { return a + 1; }", "java", exclude=None)
    other = model.token_bits("int f(int a) { return a + 1; }", "c", exclude=None)
    assert seen.forward.mean() < other.forward.mean()
    plain = model.token_bits("some words, then more words", "cobol", exclude=None)
    assert len(plain.forward) == len(plain.lines) > 0
    assert isinstance(TokenBits.empty().features(), np.ndarray)
