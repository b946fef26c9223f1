"""``report.html``: one self-contained page explaining what a pruning run did.

Sections: counts per reason, score distributions (with the cutoff), the cluster-size
histogram, a 2-D PCA projection of a sample of the embeddings coloured by decision,
example records for every prune reason, the learned scorers' weights, timings and the
resolved configuration. Rendering uses :mod:`croissant_tools.publishing.html` (inline CSS
and SVG, no network), the same building blocks as the dataset page.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from pipelines import shards, storage
from pipelines.records import INVALID
from pipelines.stages import Context
from pipelines.stages.analyse import SCORE_NAMES, score_column
from pruning.types import REASONS

MAX_ROWS = 200_000
MAP_POINTS = 3000
EXAMPLES = 3
SNIPPET_LINES = 25
MEANINGS = {
    **REASONS,
    INVALID: "the record cannot take part: no text, empty, not UTF-8, binary, too large",
}


def load_scores(ctx: Context) -> dict[str, list[Any]]:
    """Columns of ``scores/`` for the plots (up to :data:`MAX_ROWS` rows, evenly thinned)."""
    columns = [
        "id",
        "decision",
        "reason",
        "prune_score",
        "cluster",
        "score_scip",
        *map(score_column, SCORE_NAMES),
    ]
    out: dict[str, list[Any]] = {name: [] for name in columns}
    files = shards.shard_files(ctx.layout.path("scores"))
    total = sum(storage.parquet_metadata(p).num_rows for p in files)
    step = max(1, -(-total // MAX_ROWS))
    for path in files:
        table = storage.read_table(path, columns)
        for name in columns:
            out[name].extend(table.column(name).to_pylist()[::step])
    return out


def _cutoff(scores: dict[str, list[Any]]) -> float | None:
    pruned = [
        s
        for s, r in zip(scores["prune_score"], scores["reason"])
        if s is not None and r not in ("kept", INVALID) and not r.startswith("duplicate")
    ]
    return min(pruned) if pruned else None


def _histograms(html: Any, scores: dict[str, list[Any]]) -> list[Any]:
    cutoff = _cutoff(scores)
    figures = [
        html.svg_histogram(
            [s for s in scores["prune_score"] if s is not None],
            title="prune score (records ranked by the score rule)",
            x_label="prune score (higher = pruned first)",
            markers={"cutoff": cutoff} if cutoff is not None else None,
        )
    ]
    for name in (*SCORE_NAMES, "scip"):
        values = [v for v in scores[score_column(name)] if v is not None]
        if values:
            figures.append(html.svg_histogram(values, title=f"{name} score", x_label=name))
    return figures


def _projection(
    ctx: Context, reason_of: dict[str, str]
) -> tuple[list[tuple[float, float]], list[str]]:
    """PCA of up to :data:`MAP_POINTS` embeddings (spread over all shards) and their reasons."""
    files = shards.shard_files(ctx.layout.path("embeddings"))
    if not files:
        return [], []
    per_file = max(1, MAP_POINTS // len(files))
    ids: list[str] = []
    vectors = []
    for path in files:
        table = storage.read_table(path)
        step = max(1, table.num_rows // per_file)
        ids.extend(table.column("id").to_pylist()[::step][:per_file])
        vectors.append(shards.vectors_of(table)[::step][:per_file])
    data = np.concatenate(vectors).astype(np.float64)
    if len(data) < 3:
        return [], []
    centred = data - data.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    points = centred @ components[:2].T
    return [(float(x), float(y)) for x, y in points], [reason_of.get(i, "kept") for i in ids]


def _examples(ctx: Context, reasons: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Up to :data:`EXAMPLES` pruned records per reason, in id order of the first shards."""
    wanted = {r: [] for r in reasons if r != "kept"}  # type: dict[str, list[dict[str, Any]]]
    from pipelines.stages.finalize import added_names

    names = added_names(ctx)
    text_field = ctx.plan.fields.text
    for path in shards.shard_files(ctx.layout.path("pruned")):
        if all(len(v) >= EXAMPLES for v in wanted.values()):
            break
        for row in storage.read_table(path).to_pylist():
            reason = row.get(names["reason"])
            if reason in wanted and len(wanted[reason]) < EXAMPLES:
                row["_score"], row["_detail"] = (
                    row.get(names["prune_score"]),
                    row.get(names["detail"]),
                )
                wanted[reason].append(row)
    for rows in wanted.values():
        for row in rows:
            text = row.get(text_field) if text_field else None
            lines = str(text or "").splitlines()
            row["_snippet"] = "\n".join(lines[:SNIPPET_LINES]) + (
                "\n…" if len(lines) > SNIPPET_LINES else ""
            )
    return wanted


def _example_section(
    html: Any, examples: dict[str, list[dict[str, Any]]], ctx: Context
) -> list[Any]:
    from pipelines.stages.finalize import added_names

    id_name = added_names(ctx)["id"]
    body: list[Any] = []
    for reason, rows in examples.items():
        body.append(html.el("h3", f"{reason} — {MEANINGS.get(reason, '')}"))
        for number, row in enumerate(rows):
            score = row.get("_score")
            facts = [
                ("id", str(row.get(id_name) or "")),
                ("detail", row.get("_detail") or ""),
            ]
            if score is not None:
                facts.append(("prune score", f"{score:.4f}"))
            body.append(html.kv(facts))
            body.append(
                html.code_block(
                    row["_snippet"] or "(no text)", id=f"ex-{reason}-{number}", copy=False
                )
            )
    return body or ["no record was pruned"]


def _analysis_file(ctx: Context, name: str) -> Any:
    path = storage.join(ctx.layout.work, "analysis", name)
    return storage.read_json(path) if storage.exists(path) else None


def _decisions(html: Any, counts: dict[str, Any], reasons: list[str]) -> Any:
    total = max(1, counts["input"])
    by_reason = counts["by_reason"]
    rows = [[r, by_reason[r], f"{by_reason[r] / total:.1%}", MEANINGS.get(r, "")] for r in reasons]
    stats = [("input", counts["input"]), ("kept", counts["kept"]), ("pruned", counts["pruned"])]
    return html.Section(
        "Decisions",
        [
            html.stats(stats),
            html.svg_bars(reasons, [by_reason[r] for r in reasons], title="records per reason"),
            html.table(
                rows, ["reason", "records", "share", "meaning"], numeric={"records", "share"}
            ),
        ],
    )


def _clusters(html: Any, sizes: list[int]) -> Any:
    figure = html.svg_histogram(
        sizes, bins=30, title="cluster sizes", x_label="members per cluster", y_label="clusters"
    )
    intro = f"{len(sizes)} k-means clusters over {sum(sizes):,} embedded records."
    return html.Section("Clusters", [figure], intro=intro)


def _embedding_map(html: Any, points: list[tuple[float, float]], labels: list[str]) -> Any:
    title = "PCA of the embeddings, coloured by reason"
    figure = html.svg_scatter(points, labels, title=title, x_label="PC 1", y_label="PC 2")
    intro = f"A sample of {len(points):,} embedded records on their first two principal components."
    return html.Section("Embedding map", [figure], intro=intro)


def _scorers(html: Any, scorers: dict[str, Any]) -> Any:
    weights = [
        [model, name, f"{value:+.3f}"]
        for model, table in scorers["weights"].items()
        for name, value in table.items()
    ]
    column = "standardised weight"
    return html.Section(
        "Learned scorers",
        [html.table(weights, ["model", "feature", column], numeric={column})],
        intro=f"Trained on {scorers['training_examples']:,} clean and corrupted examples "
        "made from the corpus itself.",
        collapsible=True,
        open=False,
    )


def _run(html: Any, summary: dict[str, Any]) -> Any:
    stages = [[s["name"], s["status"], f"{s['seconds']:.2f}"] for s in summary["stages"]]
    facts = [
        ("input", summary["input"]["path"]),
        ("runner", summary["options"]["runner"]),
        ("docs/s", str(summary["timings"]["docs_per_second"])),
    ]
    return html.Section(
        "Run",
        [
            html.kv(facts),
            html.table(stages, ["stage", "status", "seconds"], numeric={"seconds"}),
            html.code_block(json.dumps(summary["config"], indent=2), id="config"),
        ],
        collapsible=True,
        open=False,
    )


def build_report(ctx: Context, summary: dict[str, Any]) -> str:
    """The whole page as text."""
    from croissant_tools.publishing import html

    counts = summary["counts"]
    scores = load_scores(ctx)
    reasons = sorted(counts["by_reason"], key=lambda r: -counts["by_reason"][r])
    points, labels = _projection(ctx, dict(zip(scores["id"], scores["reason"])))
    sizes = list((_analysis_file(ctx, "cluster_sizes.json") or {}).values())
    sections = [
        _decisions(html, counts, reasons),
        html.Section("Score distributions", _histograms(html, scores)),
        _clusters(html, sizes),
        _embedding_map(html, points, labels),
        html.Section(
            "Examples per prune reason",
            _example_section(html, _examples(ctx, reasons), ctx),
            collapsible=True,
        ),
    ]
    scorers = _analysis_file(ctx, "scorers.json")
    if scorers:
        sections.append(_scorers(html, scorers))
    sections.append(_run(html, summary))
    subtitle = f"{ctx.plan.description} → {ctx.spec.output}"
    return str(html.page("Pruning report", sections, subtitle=subtitle))
