"""Benchmark: CPU per function of the signals added for generalisation (issue 16).

They run on the CPU even when the encoder has a GPU, so their cost per record bounds a
GPU job's speed. Measured with ``time.process_time`` over the second evaluation corpus
(``examples/eval_corpus``, eight languages), after training the corpus statistics on it:

* language detection (the text alone, as for a record that names no language);
* the site detectors (:meth:`SiteModel.findings`, leave-one-out);
* the misspelt-name check;
* the naturalness features with rare-name bits, against the same model without them.

No timing is asserted; the target is 1 ms per average function for the added signals.

    .venv/bin/python -m pytest tests/benchmarks/pruning/bench_signals.py -m benchmark -s
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pruning.languages import tokenize
from pruning.signals.corpus import train_corpus_model
from pruning.signals.language_id import detect_language

CORPUS = Path(__file__).resolve().parents[3] / "examples" / "eval_corpus" / "functions.jsonl"


def _cpu_ms(fn: Callable[[dict[str, Any]], Any], records: list[dict[str, Any]]) -> float:
    started = time.process_time()
    for record in records:
        fn(record)
    return (time.process_time() - started) / len(records) * 1000


@pytest.mark.benchmark
def test_added_signals_cpu_per_function() -> None:
    records = [json.loads(line) for line in CORPUS.read_text().splitlines()]
    texts = [r["text"] for r in records]
    languages = [r["language"] for r in records]
    model = train_corpus_model(texts, languages)
    plain = dataclasses.replace(model.ngram, names=None)
    for record in records:  # warm the tokeniser cache the way a pipeline batch would
        tokenize(record["text"], record["language"])
    figures = {
        "language detection": _cpu_ms(lambda r: detect_language(r["text"]), records),
        "site detectors": _cpu_ms(
            lambda r: model.sites.findings(r["text"], r["language"]), records
        ),
        "misspelt names": _cpu_ms(lambda r: model.misspelling(r["text"], r["language"]), records),
        "naturalness with name bits": _cpu_ms(
            lambda r: model.ngram.token_bits(r["text"], r["language"]).features(), records
        ),
        "naturalness without": _cpu_ms(
            lambda r: plain.token_bits(r["text"], r["language"]).features(), records
        ),
    }
    added = (
        figures["language detection"]
        + figures["site detectors"]
        + figures["misspelt names"]
        + figures["naturalness with name bits"]
        - figures["naturalness without"]
    )
    print(f"\n{len(records)} functions, mean {sum(map(len, texts)) / len(texts):.0f} characters")
    for name, value in figures.items():
        print(f"{name:28s} {value:7.3f} ms CPU per function")
    print(f"{'added signals':28s} {added:7.3f} ms CPU per function (target <= 1)")
