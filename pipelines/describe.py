"""After the stages: ``summary.json``, ``croissant.json`` and ``report.html``."""

from __future__ import annotations

import platform
import time
from typing import Any

from pipelines import storage
from pipelines.progress import Display
from pipelines.stages import Context


def versions() -> dict[str, str]:
    """Versions of the software that shaped the result."""
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for name in (
        "croissant-tools",
        "apache-beam",
        "numpy",
        "pyarrow",
        "faiss-cpu",
        "torch",
        "sentence-transformers",
        "rensa",
        "tree-sitter",
    ):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            continue
    return out


def build_summary(ctx: Context, results: list[Any], seconds: float) -> dict[str, Any]:
    """The content of ``summary.json``."""
    spec, markers = ctx.spec, ctx.markers
    records = int(markers["prepare"]["records"])
    final = markers.get("finalize", {})
    return {
        "input": {
            "path": spec.input,
            "kind": ctx.plan.kind,
            "files": ctx.plan.n_files,
            "bytes": ctx.plan.total_bytes,
            "fields": ctx.plan.fields.__dict__,
            "skipped_files": ctx.plan.skipped,
        },
        "output": spec.output,
        "languages": markers["prepare"].get("languages", {}),
        "counts": {
            "input": records,
            "kept": final.get("kept"),
            "pruned": final.get("pruned"),
            "by_reason": final.get("reasons", {}),
        },
        "cut": final.get("cut"),
        "duplicate_groups": markers.get("groups", {}).get("groups"),
        "config": spec.config.to_dict(),
        "options": {
            "model": spec.model,
            "max_record_bytes": spec.max_record_bytes,
            "num_shards": ctx.num_shards,
            "inference_batch_size": spec.inference_batch_size,
            "prune_unparsable": spec.prune_unparsable,
            "runner": spec.runner,
        },
        "stages": [
            {"name": r.name, "status": r.status, "seconds": round(r.seconds, 3)} for r in results
        ],
        "timings": {
            "total_seconds": round(seconds, 3),
            "docs_per_second": round(records / seconds, 2) if seconds > 0 else None,
        },
        "versions": versions(),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def write_croissant(ctx: Context) -> dict[str, Any]:
    """Write ``croissant.json`` and validate it; what the summary says about it."""
    from croissant_tools.generation import dumps
    from croissant_tools.validation import validate
    from pipelines.croissant_out import describe_output

    document, notes = describe_output(ctx, ctx.spec.metadata)
    path = ctx.layout.path("croissant.json")
    storage.write_bytes(path, dumps(document).encode("utf-8"))
    report = validate(path) if "://" not in path else None
    errors = [f"{i.code} {i.path}: {i.message}" for i in report.errors] if report else []
    return {"path": path, "notes": notes, "validation_errors": errors}


def describe_run(
    ctx: Context, results: list[Any], seconds: float, display: Display
) -> dict[str, Any]:
    """Write ``croissant.json``, ``summary.json`` and ``report.html``; return the summary."""
    summary = build_summary(ctx, results, seconds)
    croissant = write_croissant(ctx)
    summary["croissant"] = croissant
    for problem in croissant["validation_errors"]:
        display.message(f"warning: croissant.json: {problem}")
    if ctx.spec.report:
        from pipelines.report import build_report

        storage.write_bytes(
            ctx.layout.path("report.html"), build_report(ctx, summary).encode("utf-8")
        )
        summary["report"] = ctx.layout.path("report.html")
    storage.write_json(ctx.layout.path("summary.json"), summary)
    return summary
