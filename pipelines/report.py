"""``report.html``: one self-contained page that accounts for a pruning run's decisions.

The first screen says what was pruned and why: counts by reason (with what each means),
by language (and how each language was decided), and for the score rule its estimated
precision and the estimated share of bad records with its interval. Then, per reason,
example records with the offending lines highlighted and the detail a person can act on;
the distribution of the score the cut used, with the cut-off; the learned weights as a
sorted bar chart; the embedding map with pruned records on top; a table of the clusters
that lost the most records (size, pruned share, the member closest to the centroid); and,
folded away, the run's timings and configuration. Rendering uses
:mod:`croissant_tools.publishing.html` (inline CSS and SVG, no network).
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from typing import Any

import numpy as np

from pipelines import report_figures as figures
from pipelines import shards, storage
from pipelines.records import INVALID
from pipelines.stages import Context
from pruning.types import REASONS

MAX_ROWS = 200_000
MAP_POINTS = 3000
EXAMPLES = 3
CLUSTER_ROWS = 12
MEANINGS = {
    **REASONS,
    INVALID: "the record cannot take part: no text, empty, not UTF-8, binary, too large",
}
SCORE_REASONS = frozenset(
    {
        "score-calibrated",
        "score-top-fraction",
        "score-threshold",
        "unparsable",
        "certain-finding",
        "scip-small-cluster",
        "scip-far-from-centroid",
    }
)
_COLUMNS = [
    "id",
    "language",
    "language_source",
    "decision",
    "reason",
    "prune_score",
    "log_lr",
    "p_corrupted",
    "cluster",
    "cluster_size",
    "centroid_distance",
]


def load_scores(ctx: Context) -> dict[str, list[Any]]:
    """Columns of ``scores/`` for the report (up to :data:`MAX_ROWS` rows, evenly thinned)."""
    out: dict[str, list[Any]] = {name: [] for name in _COLUMNS}
    files = shards.shard_files(ctx.layout.path("scores"))
    total = sum(storage.parquet_metadata(p).num_rows for p in files)
    step = max(1, -(-total // MAX_ROWS))
    for path in files:
        table = storage.read_table(path, _COLUMNS)
        for name in _COLUMNS:
            out[name].extend(table.column(name).to_pylist()[::step])
    return out


def _summary_section(html: Any, summary: dict[str, Any], scores: dict[str, list[Any]]) -> Any:
    counts = summary["counts"]
    total = max(1, counts["input"])
    by_reason = counts["by_reason"]
    reasons = sorted(by_reason, key=lambda r: -by_reason[r])
    by_score = [p for p, r in zip(scores["p_corrupted"], scores["reason"]) if r in SCORE_REASONS]
    stats: list[tuple[str, Any]] = [
        ("records", f"{counts['input']:,}"),
        ("kept", f"{counts['kept']:,}"),
        ("pruned", f"{counts['pruned']:,} ({counts['pruned'] / total:.1%})"),
    ]
    prior = (summary.get("cut") or {}).get("prior")
    if prior:
        share = f"{prior['prior']:.1%} ({prior['low']:.1%}–{prior['high']:.1%})"
        stats.append(("estimated bad (90% interval)", share))
    known = [p for p in by_score if p is not None]
    if known:
        stats.append(("estimated precision of the score cut", f"{np.mean(known):.0%}"))
    rows = [
        [r, f"{by_reason[r]:,}", f"{by_reason[r] / total:.1%}", MEANINGS.get(r, "")]
        for r in reasons
    ]
    languages = _language_rows(scores)
    body = [
        html.stats(stats),
        html.table(rows, ["reason", "records", "share", "meaning"], numeric={"records", "share"}),
        html.table(
            languages,
            ["language", "how decided", "records", "pruned", "pruned share"],
            numeric={"records", "pruned", "pruned share"},
            caption="by language",
        ),
    ]
    cut = summary.get("cut") or {}
    intro = _cut_sentence(summary, cut)
    return html.Section("What was pruned and why", body, intro=intro, id="summary")


def _cut_sentence(summary: dict[str, Any], cut: dict[str, Any]) -> str:
    config = summary["config"]
    if config.get("threshold") is not None:
        return f"Records with a prune score of at least {config['threshold']} were pruned."
    if cut.get("prior_used") is not None:
        return (
            f"A record was pruned when its probability of being corrupted was at least "
            f"{config['min_probability']:.0%} (calibrated on the corpus's own synthetic "
            f"corruptions, under an estimated share of {cut['prior_used']:.1%} bad records), "
            f"at most {config['max_prune_fraction']:.0%} of the records. Within a group of "
            "duplicates the best-scoring member that passes is kept."
        )
    return (
        f"The {config['prune_fraction']:.0%} of records with the highest prune scores "
        f"({config['scorer']}) were pruned; within a group of duplicates the best-scoring "
        "member is kept."
    )


def _language_rows(scores: dict[str, list[Any]]) -> list[list[Any]]:
    total: Counter[tuple[str, str]] = Counter()
    pruned: Counter[tuple[str, str]] = Counter()
    for language, how, decision in zip(
        scores["language"], scores["language_source"], scores["decision"]
    ):
        key = (language or "unknown", how or "unknown")
        total[key] += 1
        pruned[key] += decision == "prune"
    return [
        [lang, how, f"{n:,}", f"{pruned[(lang, how)]:,}", f"{pruned[(lang, how)] / n:.1%}"]
        for (lang, how), n in sorted(total.items(), key=lambda kv: -kv[1])
    ]


def _examples(ctx: Context, reasons: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Up to :data:`EXAMPLES` pruned records per reason, from the first shards."""
    from pipelines.stages.finalize import added_names

    names = added_names(ctx)  # the input may hold columns named reason, detail...
    wanted: dict[str, list[dict[str, Any]]] = {r: [] for r in reasons if r != "kept"}
    for path in shards.shard_files(ctx.layout.path("pruned")):
        if all(len(v) >= EXAMPLES for v in wanted.values()):
            break
        for row in storage.read_table(path).to_pylist():
            reason = row.get(names["reason"])
            if reason in wanted and len(wanted[reason]) < EXAMPLES:
                row["_id"], row["_detail"] = row.get(names["id"]), row.get(names["detail"])
                wanted[reason].append(row)
    return wanted


def _example_section(html: Any, ctx: Context, reasons: list[str]) -> Any:
    text_field = ctx.plan.fields.text
    body: list[Any] = []
    for reason, rows in _examples(ctx, reasons).items():
        body.append(html.el("h3", f"{reason}: {MEANINGS.get(reason, '')}"))
        for row in rows:
            detail = row["_detail"] or ""
            body.append(html.kv([("id", str(row["_id"] or "")), ("why", detail)]))
            text = row.get(text_field) if text_field else None
            body.append(
                figures.marked_code(str(text or "(no text)"), figures.offending_lines(detail))
            )
    return html.Section(
        "Examples per reason",
        body or ["no record was pruned"],
        intro="Offending lines are highlighted where the detail names them.",
        id="examples",
    )


def _score_section(html: Any, summary: dict[str, Any], scores: dict[str, list[Any]]) -> Any:
    cut = summary.get("cut") or {}
    calibrated = cut.get("prior_used") is not None
    column = "log_lr" if calibrated else "prune_score"
    values = [v for v in scores[column] if v is not None and math.isfinite(v)]
    marker = cut.get("threshold") if calibrated else _lowest_pruned(scores)
    label = "log likelihood ratio of corrupted vs clean" if calibrated else "prune score"
    figure = html.svg_histogram(
        values,
        title=f"{label} of every scored record",
        x_label=label,
        markers={"cut-off": marker} if marker is not None else None,
    )
    intro = (
        "Records right of the cut-off were pruned (hard evidence, e.g. code that does not "
        "parse, always ranks first)."
    )
    return html.Section("Score distribution and the cut-off", [figure], intro=intro, id="scores")


def _lowest_pruned(scores: dict[str, list[Any]]) -> float | None:
    pruned = [
        s
        for s, r in zip(scores["prune_score"], scores["reason"])
        if s is not None and r in SCORE_REASONS
    ]
    return min(pruned) if pruned else None


def _weights_section(html: Any, scorers: dict[str, Any]) -> Any:
    combined = scorers["weights"].get("combined", {})
    dropped = scorers.get("dropped_sources", 0)
    intro = (
        f"Trained on {scorers['training_examples']:,} clean and corrupted examples made "
        f"from the corpus itself ({dropped:,} sources left out as probably not clean). "
        'Positive weights push a record towards "corrupted".'
    )
    return html.Section(
        "What the scorer learned", [figures.weights_chart(combined)], intro=intro, id="weights"
    )


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


def _map_section(ctx: Context, html: Any, scores: dict[str, list[Any]]) -> Any:
    points, labels = _projection(ctx, dict(zip(scores["id"], scores["reason"])))
    return html.Section("Embedding map", [figures.embedding_map(points, labels)], id="map")


def _cluster_section(
    ctx: Context, html: Any, scores: dict[str, list[Any]], sizes: list[int]
) -> Any:
    members: dict[int, list[tuple[float, str, str]]] = defaultdict(list)
    for cluster, distance, record_id, decision in zip(
        scores["cluster"], scores["centroid_distance"], scores["id"], scores["decision"]
    ):
        if cluster is not None:
            members[cluster].append((distance or 0.0, record_id, decision))
    ranked = sorted(
        members.items(),
        key=lambda kv: (-sum(d == "prune" for _, _, d in kv[1]) / len(kv[1]), kv[0]),
    )[:CLUSTER_ROWS]
    texts = _texts(ctx, {min(m)[1] for _, m in ranked})
    rows = []
    for cluster, found in ranked:
        pruned = sum(d == "prune" for _, _, d in found)
        central = min(found)[1]
        snippet = " ⏎ ".join((texts.get(central) or "").strip().splitlines()[:3])[:160]
        rows.append(
            [str(cluster), f"{len(found):,}", f"{pruned / len(found):.0%}", central, snippet]
        )
    histogram = html.svg_histogram(
        sizes, bins=30, title="cluster sizes", x_label="members per cluster", y_label="clusters"
    )
    table = html.table(
        rows,
        ["cluster", "records", "pruned", "closest to the centroid", "its first lines"],
        numeric={"records", "pruned"},
        caption=f"the {len(rows)} clusters with the largest pruned share",
    )
    intro = f"{len(sizes)} k-means clusters over {sum(sizes):,} embedded records."
    return html.Section("Clusters", [table, histogram], intro=intro, id="clusters")


def _texts(ctx: Context, ids: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in shards.shard_files(storage.join(ctx.layout.work, "records")):
        if len(found) == len(ids):
            break
        table = storage.read_table(path, ["id", "text"])
        for record_id, text in zip(
            table.column("id").to_pylist(), table.column("text").to_pylist()
        ):
            if record_id in ids:
                found[record_id] = text or ""
    return found


def _analysis_file(ctx: Context, name: str) -> Any:
    path = storage.join(ctx.layout.work, "analysis", name)
    return storage.read_json(path) if storage.exists(path) else None


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
        id="run",
    )


def build_report(ctx: Context, summary: dict[str, Any]) -> str:
    """The whole page as text."""
    from croissant_tools.publishing import html

    counts = summary["counts"]
    scores = load_scores(ctx)
    reasons = sorted(counts["by_reason"], key=lambda r: -counts["by_reason"][r])
    sizes = list((_analysis_file(ctx, "cluster_sizes.json") or {}).values())
    sections = [
        _summary_section(html, summary, scores),
        _example_section(html, ctx, reasons),
        _score_section(html, summary, scores),
    ]
    scorers = _analysis_file(ctx, "scorers.json")
    if scorers:
        sections.append(_weights_section(html, scorers))
    sections += [
        _map_section(ctx, html, scores),
        _cluster_section(ctx, html, scores, sizes),
        _run(html, summary),
    ]
    subtitle = f"{ctx.plan.description} → {ctx.spec.output}"
    return str(
        html.page("Pruning report", sections, subtitle=subtitle, extra_css=figures.REPORT_CSS)
    )
