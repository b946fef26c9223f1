"""``croissant-tools eval-pruning``: measure pruning methods on a clean code corpus.

Injects synthetic corruptions at ``--rate`` into the corpus, plants exact, whitespace/comment
edited and identifier-renamed duplicates, runs every method and writes ``metrics.json``,
``table.md``, ``table.csv``, ``auroc.png`` and ``config.json`` into ``-o OUT``. Exit codes:
0 done, 2 bad option or unreadable corpus, 3 corpus unusable (too few records).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np

from pruning.config import EVAL_METHODS
from pruning.errors import ConfigError

Embed = Callable[[Sequence[str]], np.ndarray]

HELP = "measure SCIP, probe, length and combined pruning on a corpus with injected corruptions"

_METHODS = EVAL_METHODS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    parser.add_argument(
        "corpus", metavar="CORPUS", help="a directory of source files or a .jsonl file"
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="directory for the results"
    )
    parser.add_argument("--rate", type=float, default=0.15, help="share of records to corrupt")
    parser.add_argument(
        "--prune-fraction", type=float, default=None, help="fraction pruned for P/R (default: rate)"
    )
    parser.add_argument(
        "--methods",
        default=",".join(_METHODS),
        help=f"comma list from: {', '.join(_METHODS)} (default: all)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of every random choice")
    parser.add_argument("--k", type=int, default=None, help="clusters (default: min(100, n/20))")
    parser.add_argument("--duplicates", type=int, default=150, help="planted duplicates")
    parser.add_argument("--probe-sample", type=int, default=2000, help="records for training")
    parser.add_argument(
        "--ngram-order",
        type=int,
        default=4,
        help="order of the naturalness n-gram model (0: no naturalness features)",
    )
    parser.add_argument("--max-records", type=int, default=None, help="use at most N records")
    parser.add_argument(
        "--unit",
        choices=("record", "function"),
        default="record",
        help="evaluate records as read, or split files into functions first",
    )
    parser.add_argument(
        "--encoder",
        default="default",
        help="'default' (packaged all-MiniLM-L6-v2), a model path or name, or 'fake' (hashing)",
    )
    parser.add_argument(
        "--device", default="auto", choices=("auto", "cpu", "cuda", "mps"), help="encoder device"
    )


def _methods(text: str) -> tuple[str, ...]:
    methods = tuple(m.strip() for m in text.split(",") if m.strip())
    unknown = [m for m in methods if m not in _METHODS]
    if unknown or not methods:
        raise ConfigError(f"unknown methods {unknown}; choose from {', '.join(_METHODS)}")
    return methods


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print a short summary; returns the exit code."""
    from pruning.corpus import ReadReport, read_corpus, split_functions
    from pruning.evaluation.evaluate import EvalSettings, evaluate
    from pruning.evaluation.report import write_outputs

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    if not 0 < args.rate <= 0.5:
        raise ConfigError(f"--rate must be in (0, 0.5], got {args.rate}")
    if args.prune_fraction is not None and not 0 < args.prune_fraction <= 1:
        raise ConfigError(f"--prune-fraction must be in (0, 1], got {args.prune_fraction}")
    if not 0 <= args.ngram_order <= 8:
        raise ConfigError(f"--ngram-order must be in 0..8, got {args.ngram_order}")
    settings = EvalSettings(
        rate=args.rate,
        prune_fraction=args.prune_fraction,
        methods=_methods(args.methods),
        seed=args.seed,
        k=args.k,
        duplicates=args.duplicates,
        probe_sample=args.probe_sample,
        ngram_order=args.ngram_order,
        max_records=args.max_records,
    )
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise ConfigError("output exists and is not a directory", where=str(out))
    started = time.perf_counter()
    report = ReadReport()
    records = read_corpus(args.corpus, report)
    if args.unit == "function":
        records = [f for r in records for f in split_functions(r)]
    _say(f"read {len(records)} records from {args.corpus}" + _skipped(report))
    embed = _embedder(args.encoder, args.device)
    result = evaluate(records, embed, settings)
    paths = write_outputs(result, out)
    config = {"settings": asdict(settings), "encoder": args.encoder, "unit": args.unit}
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    _summary(result, time.perf_counter() - started, [*paths, out / "config.json"])
    return 0


def _skipped(report: object) -> str:
    skipped = getattr(report, "skipped", {})
    return f" (skipped: {dict(skipped)})" if skipped else ""


def _embedder(name: str, device: str) -> Embed:
    from pruning.config import EmbedConfig
    from pruning.embed import Encoder, FakeEncoder

    if name == "fake":
        return _progress(FakeEncoder(dim=256).encode)
    model = None if name == "default" else name
    config = EmbedConfig(model=model, device=device)  # type: ignore[arg-type]
    return _progress(Encoder(config).encode)


def _progress(encode: Embed) -> Embed:
    from tqdm import tqdm

    def run(texts: Sequence[str]) -> np.ndarray:
        parts = []
        with tqdm(
            total=len(texts), desc="embedding", unit="rec", file=sys.stderr, leave=False
        ) as bar:
            for start in range(0, len(texts), 256):
                chunk = list(texts[start : start + 256])
                parts.append(encode(chunk))
                bar.update(len(chunk))
        return np.vstack(parts) if parts else np.zeros((0, 1), dtype=np.float32)

    return run


def _summary(result: object, seconds: float, paths: list[Path]) -> None:
    rows = getattr(result, "rows", [])
    for row in rows:
        if row["split"] == "held-out records" and row["scope"] == "all":
            scores = f"AUROC {row['auroc']:.3f}  P@p {row['precision']:.3f}"
            _say(f"{row['method']:>14}: {scores}  R@p {row['recall']:.3f}")
    for stage, metrics in getattr(result, "dedup", {}).items():
        quality = f"precision {metrics['precision']:.3f}  recall {metrics['recall']:.3f}"
        _say(f"{'dedup ' + stage:>14}: {quality}")
    _say(f"done in {seconds:.1f} s; wrote {', '.join(str(p) for p in paths)}")


def _say(message: str) -> None:
    print(message, file=sys.stderr)
