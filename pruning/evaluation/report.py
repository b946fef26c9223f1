"""Writing evaluation results: JSON, a Markdown and CSV table, and an AUROC plot."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pruning.evaluation.evaluate import EvalResult

SUMMARY_SCOPES = ("all", "syntax", "content")


def write_outputs(result: EvalResult, out_dir: Path) -> list[Path]:
    """Write ``metrics.json``, ``table.md``, ``table.csv``, ``auroc.png``; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / name for name in ("metrics.json", "table.md", "table.csv", "auroc.png")]
    payload = {
        "settings": asdict(result.settings),
        "info": result.info,
        "rows": result.rows,
        "dedup": result.dedup,
        "combined_weights": result.weights,
    }
    paths[0].write_text(json.dumps(_clean(payload), indent=2) + "\n", encoding="utf-8")
    paths[1].write_text(markdown_table(result), encoding="utf-8")
    _write_csv(result.rows, paths[2])
    plot_auroc(result, paths[3])
    return paths


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _fmt(value: float) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.3f}"


def markdown_table(result: EvalResult) -> str:
    """Summary tables: AUROC and P/R by method, per kind, held-out kinds, dedup."""
    rows = result.rows
    lines = [f"# Pruning evaluation (seed {result.settings.seed})", ""]
    lines += [f"- {k}: {v}" for k, v in result.info.items()]
    for split in sorted({r["split"] for r in rows}, key=lambda s: not s.startswith("held-out r")):
        lines += ["", f"## {split}", ""]
        lines += [
            "| method | AUROC all | AUROC syntax | AUROC content | P@p | R@p |",
            "|---|---|---|---|---|---|",
        ]
        for method in dict.fromkeys(r["method"] for r in rows if r["split"] == split):
            by = {r["scope"]: r for r in rows if r["split"] == split and r["method"] == method}
            lines.append(
                f"| {method} | {_fmt(by['all']['auroc'])} | {_fmt(by['syntax']['auroc'])} | "
                f"{_fmt(by['content']['auroc'])} | {_fmt(by['all']['precision'])} | "
                f"{_fmt(by['all']['recall'])} |"
            )
    lines += _per_kind_table(rows)
    lines += ["", "## Deduplication (planted duplicates)", ""]
    kinds = sorted({k for m in result.dedup.values() for k in m if k.startswith("recall_")})
    lines += ["| stage | precision | recall | " + " | ".join(kinds) + " | seconds |"]
    lines += ["|---" * (len(kinds) + 4) + "|"]
    for stage, m in result.dedup.items():
        cells = " | ".join(_fmt(m.get(k, float("nan"))) for k in kinds)
        lines.append(
            f"| {stage} | {_fmt(m['precision'])} | {_fmt(m['recall'])} | {cells} | {m['seconds']} |"
        )
    return "\n".join(lines) + "\n"


def _per_kind_table(rows: list[dict[str, Any]]) -> list[str]:
    held = [r for r in rows if r["split"] == "held-out records"]
    methods = list(dict.fromkeys(r["method"] for r in held))
    kinds = sorted({r["scope"] for r in held} - set(SUMMARY_SCOPES))
    out = ["", "## AUROC per corruption kind (held-out records)", ""]
    out += ["| kind | n | " + " | ".join(methods) + " |", "|---" * (len(methods) + 2) + "|"]
    for kind in kinds:
        cells = {r["method"]: r for r in held if r["scope"] == kind}
        n = next(iter(cells.values()))["positives"]
        out.append(
            f"| {kind} | {n} | " + " | ".join(_fmt(cells[m]["auroc"]) for m in methods) + " |"
        )
    return out


def _write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["method"])
        writer.writeheader()
        writer.writerows(rows)


def plot_auroc(result: EvalResult, path: Path) -> None:
    """Grouped bars: AUROC per method for all / syntax / content (held-out records)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    held = [r for r in result.rows if r["split"] == "held-out records"]
    methods = list(dict.fromkeys(r["method"] for r in held))
    fig, ax = plt.subplots(figsize=(max(6, 1.2 * len(methods)), 4))
    width = 0.8 / len(SUMMARY_SCOPES)
    for offset, scope in enumerate(SUMMARY_SCOPES):
        values = [
            next((r["auroc"] for r in held if r["method"] == m and r["scope"] == scope), np.nan)
            for m in methods
        ]
        ax.bar(np.arange(len(methods)) + offset * width, values, width, label=scope)
    ax.axhline(0.5, color="grey", linewidth=0.8, linestyle="--")
    ax.set_xticks(np.arange(len(methods)) + width, methods, rotation=20)
    ax.set_ylim(0.3, 1.0)
    ax.set_ylabel("AUROC (corrupted vs clean)")
    ax.set_title(f"Pruning methods, corruption rate {result.settings.rate}")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
