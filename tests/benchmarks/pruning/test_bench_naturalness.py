"""Cost of the naturalness features (run on demand):

    .venv/bin/python -m pytest tests/benchmarks/pruning/test_bench_naturalness.py -m benchmark -s

Trains the n-gram model on growing slices of the example corpus (time, symbols, bytes,
bytes per symbol, pickled size) and measures scoring throughput against the structural
signals of the same records, in the same run. Prints; never asserts on timings.
"""

from __future__ import annotations

import pickle
import time

import pytest

pytestmark = pytest.mark.benchmark

CORPUS = "examples/code_corpus/functions.jsonl"


def _records() -> list[tuple[str, str]]:
    from pruning.corpus import read_corpus

    return [(r.text, r.language) for r in read_corpus(CORPUS)]


def test_language_model_size_and_scoring_throughput():
    from pruning.signals.naturalness import train_ngram
    from pruning.signals.structural import structural_signals

    records = _records()
    texts, languages = [t for t, _ in records], [lang for _, lang in records]
    print()
    for n in (len(records) // 4, len(records) // 2, len(records)):
        start = time.perf_counter()
        model = train_ngram(texts[:n], languages[:n])
        seconds = time.perf_counter() - start
        pickled = len(pickle.dumps(model))
        print(
            f"train on {n} records: {seconds:.2f} s, {model.tokens} symbols, "
            f"{model.nbytes / 2**20:.2f} MiB ({model.nbytes / model.tokens:.1f} B/symbol), "
            f"pickled {pickled / 2**20:.2f} MiB"
        )
    half = len(records) // 2
    model = train_ngram(texts[:half], languages[:half])
    unseen, unseen_languages = texts[half:], languages[half:]
    best_lm = best_structural = float("inf")
    for _ in range(3):  # alternate, best of 3
        start = time.perf_counter()
        model.features(unseen, unseen_languages)
        best_lm = min(best_lm, time.perf_counter() - start)
        start = time.perf_counter()
        for text, language in zip(unseen, unseen_languages):
            structural_signals(text, language)
        best_structural = min(best_structural, time.perf_counter() - start)
    n = len(unseen)
    print(
        f"score {n} unseen records: naturalness {n / best_lm:.0f} rec/s, "
        f"structural signals {n / best_structural:.0f} rec/s "
        f"(naturalness costs {best_lm / best_structural:.2f}x the structural signals)"
    )
