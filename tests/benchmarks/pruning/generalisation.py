"""Generalisation of the pruning pipeline, measured as a new user would meet it.

A clean corpus of functions gets ``rate`` of its records corrupted by a set of corruption
functions, is written as JSON Lines (with or without a ``language`` field), and goes
through ``croissant-tools prune`` (in-process, DirectRunner, the default scorer) exactly
as a user would run it. The AUROC of every score for "corrupted" is then computed from
``scores/``, overall, per family, per kind and per language.

Two sets of corruption functions:

* ``own`` — the project's :mod:`pruning.corruptions` (what the learned scorers are
  trained on, on the corpus's own sample);
* ``heldout`` — :mod:`tests.heldout.corruptions`, written from a plain-language list by
  someone who had not read the project's pruning code; never used for training or for
  choosing features.

Only Python, JavaScript and Java records are corrupted (the held-out set covers those
three), so both sets are measured on the same records; the other languages stay in the
corpus as clean records.

    .venv/bin/python -m tests.benchmarks.pruning.generalisation \\
        --corpus examples/eval_corpus/functions.jsonl --corruptions heldout --out /tmp/g
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq

from pruning.evaluation.metrics import auroc

CORRUPTED_LANGUAGES = ("python", "javascript", "java")
Corrupt = Callable[[str, str, str, int], "str | None"]


@dataclass(frozen=True)
class CorruptionSet:
    """A named set of corruption functions: ``corrupt(text, language, kind, seed)``."""

    name: str
    families: dict[str, str]
    corrupt: Corrupt


def own_set() -> CorruptionSet:
    """The project's own corruption registry."""
    from pruning.corruptions import REGISTRY, Corrupted, corrupt

    def apply(text: str, language: str, kind: str, seed: int) -> str | None:
        result = corrupt(text, language, kind, seed)
        return result.text if isinstance(result, Corrupted) else None

    return CorruptionSet("own", {k: v.family for k, v in REGISTRY.items()}, apply)


def heldout_set() -> CorruptionSet:
    """The held-out corruption functions of ``tests/heldout``."""
    from tests.heldout import corruptions

    return CorruptionSet("heldout", dict(corruptions.FAMILIES), corruptions.corrupt)


SETS = {"own": own_set, "heldout": heldout_set}


def corrupt_corpus(
    records: Sequence[dict[str, Any]], corruptions: CorruptionSet, rate: float, seed: int
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Corrupt ``rate`` of the Python/JavaScript/Java records, balancing the kinds (each
    chosen record gets the least-used kind that applies). Returns records and kind by id."""
    rng = random.Random(seed)
    eligible = [i for i, r in enumerate(records) if r["language"] in CORRUPTED_LANGUAGES]
    chosen = set(rng.sample(eligible, round(rate * len(eligible))))
    used = dict.fromkeys(corruptions.families, 0)
    out, truth = [], {}
    for index, record in enumerate(records):
        truth[record["id"]] = ""
        if index in chosen:
            options = {}
            for kind in corruptions.families:
                text = corruptions.corrupt(record["text"], record["language"], kind, seed)
                if text is not None and text != record["text"]:
                    options[kind] = text
            if options:
                order = rng.sample(sorted(options), len(options))
                kind = min(order, key=lambda k: used[k])
                used[kind] += 1
                record = {**record, "text": options[kind]}
                truth[record["id"]] = kind
        out.append(record)
    return out, truth


def write_input(records: Sequence[dict[str, Any]], path: Path, with_language: bool) -> None:
    """JSON Lines with ``id`` and ``content`` (and ``language`` when asked), as a user has."""
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            row = {"id": r["id"], "content": r["text"]}
            if with_language:
                row["language"] = r["language"]
            f.write(json.dumps(row) + "\n")


def run_prune(input_path: Path, out: Path, extra: Sequence[str] = ()) -> float:
    """``croissant-tools prune`` in this process; returns seconds."""
    from croissant_tools.cli import main

    started = time.perf_counter()
    argv = ["prune", str(input_path), "-o", str(out), "--text-field", "content"]
    argv += ["--id-field", "id", "--progress", "none", "--no-report", *extra]
    code = main(argv)
    if code != 0:
        raise SystemExit(f"prune failed with exit code {code}")
    return time.perf_counter() - started


def read_scores(out: Path) -> list[dict[str, Any]]:
    """Every row of ``scores/``."""
    rows: list[dict[str, Any]] = []
    for path in sorted((out / "scores").glob("*.parquet")):
        rows.extend(pq.read_table(path).to_pylist())
    return rows


def aurocs(
    rows: Sequence[dict[str, Any]],
    truth: dict[str, str],
    families: dict[str, str],
    language_of: dict[str, str],
) -> dict[str, Any]:
    """AUROC of each score column by scope (all, family, kind, language)."""
    columns = [c for c in rows[0] if c.startswith("score_")] + ["prune_score", "unparsable"]
    table: dict[str, Any] = {}
    for column in columns:
        values = {}
        for row in rows:
            value = (row["parses"] is False) * 1.0 if column == "unparsable" else row[column]
            if value is not None and row["id"] in truth:
                values[row["id"]] = float(value)
        if not values:
            continue
        table[column] = _scopes(values, truth, families, language_of)
    return table


def _scopes(
    values: dict[str, float],
    truth: dict[str, str],
    families: dict[str, str],
    language_of: dict[str, str],
) -> dict[str, float]:
    clean = [i for i in values if not truth[i] and language_of[i] in CORRUPTED_LANGUAGES]
    scopes: dict[str, list[str]] = {"all": [i for i in values if truth[i]]}
    for i in values:
        kind = truth[i]
        if kind:
            scopes.setdefault(f"family:{families[kind]}", []).append(i)
            scopes.setdefault(f"kind:{kind}", []).append(i)
            scopes.setdefault(f"language:{language_of[i]}", []).append(i)
    out = {}
    for scope, bad in sorted(scopes.items()):
        negatives = clean
        if scope.startswith("language:"):
            negatives = [i for i in clean if language_of[i] == scope.split(":", 1)[1]]
        labels = np.array([1] * len(bad) + [0] * len(negatives))
        scores = np.array([values[i] for i in [*bad, *negatives]])
        out[scope] = round(auroc(labels, scores), 4) if len(bad) and len(negatives) else None
        out[f"n:{scope}"] = len(bad)
    return out


SCORE_REASONS = ("score-calibrated", "score-top-fraction", "score-threshold", "unparsable")
SCORE_REASONS += ("certain-finding", "scip-small-cluster", "scip-far-from-centroid")


def cut_quality(rows: Sequence[dict[str, Any]], truth: dict[str, str]) -> dict[str, Any]:
    """What the score rule pruned: share of the records, precision and recall against the
    planted corruptions (duplicates and invalid records left aside)."""
    by_score = [r for r in rows if r["reason"] in SCORE_REASONS]
    bad = {i for i, kind in truth.items() if kind}
    hits = sum(1 for r in by_score if r["id"] in bad)
    reasons: dict[str, int] = {}
    for r in rows:
        reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
    return {
        "pruned_by_score": len(by_score),
        "share": round(len(by_score) / max(len(rows), 1), 4),
        "precision": round(hits / len(by_score), 4) if by_score else None,
        "recall": round(hits / len(bad), 4) if bad else None,
        "reasons": reasons,
    }


def measure(
    corpus: Path,
    corruptions: str,
    out: Path,
    *,
    with_language: bool,
    rate: float = 0.2,
    seed: int = 0,
    extra: Sequence[str] = (),
) -> dict[str, Any]:
    """One cell of the table: corrupt, prune, score. Writes ``out/result.json``."""
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    chosen = SETS[corruptions]()
    corrupted, truth = corrupt_corpus(records, chosen, rate, seed)
    out.mkdir(parents=True, exist_ok=True)
    input_path = out / "input.jsonl"
    write_input(corrupted, input_path, with_language)
    seconds = run_prune(input_path, out / "run", extra)
    language_of = {r["id"]: r["language"] for r in records}
    result = {
        "corpus": str(corpus),
        "corruptions": corruptions,
        "with_language": with_language,
        "rate": rate,
        "seed": seed,
        "extra": list(extra),
        "seconds": round(seconds, 1),
        "records": len(records),
        "corrupted": sum(1 for k in truth.values() if k),
        "aurocs": aurocs(rows := read_scores(out / "run"), truth, chosen.families, language_of),
        "cut": cut_quality(rows, truth),
        "prior": json.loads((out / "run" / "summary.json").read_text()).get("cut", {}).get("prior"),
    }
    (out / "result.json").write_text(json.dumps(result, indent=1))
    return result


def main() -> int:
    """Run one cell and print the AUROC table of its main scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--corruptions", choices=sorted(SETS), required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--with-language", action="store_true")
    parser.add_argument("--rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    args, extra = parser.parse_known_args()
    result = measure(
        args.corpus,
        args.corruptions,
        args.out,
        with_language=args.with_language,
        rate=args.rate,
        seed=args.seed,
        extra=extra,
    )
    print(json.dumps({k: v for k, v in result.items() if k != "aurocs"}))
    for column, scopes in result["aurocs"].items():
        shown = {k: v for k, v in scopes.items() if not k.startswith("n:")}
        print(column, json.dumps(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
