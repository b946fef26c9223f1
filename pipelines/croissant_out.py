"""``croissant.json`` of a pruning run: the kept, pruned and scores record sets, with provenance.

The description is built with :mod:`croissant_tools.generation` (its document, field and
provenance builders) from the Arrow schemas of the written shards, so it does not depend
on how many shards there are: each output is one ``cr:FileSet`` (``kept/*.parquet``) and
one record set of the same name. ``prov:wasDerivedFrom`` names the input,
``prov:wasGeneratedBy`` the run with its parameters, and
``rai:dataPreprocessingProtocol`` says in words what was done. ``license``, ``creator`` and
``url`` come from ``--license``/``--creator``/``--url``, else from a Croissant input, else
neutral stand-ins that say so (the summary lists them as notes).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipelines import shards, storage
from pipelines.stages import Context

RECORD_SETS = {
    "kept": "Records kept by the pruning run, with their original columns.",
    "pruned": "Records pruned by the run, with their original columns, the reason "
    "(invalid_input, duplicate-exact/near/semantic, unparsable, scip-small-cluster, "
    "scip-far-from-centroid, score-top-fraction, score-threshold), the prune score and a detail.",
    "scores": "One row per input record: cluster, cluster size, distance to the centroid, "
    "every score computed, parse status, token length, duplicate_of, prune_score, decision "
    "and reason.",
}
UNKNOWN_LICENSE = "NOASSERTION: the input's licence applies; it was not given (use --license)"


def _schema(directory: str) -> pa.Schema | None:
    files = shards.shard_files(directory)
    return storage.parquet_metadata(files[0]).schema.to_arrow_schema() if files else None


def _record_set(name: str, schema: pa.Schema) -> tuple[dict[str, Any], dict[str, Any]]:
    from croissant_tools.generation.arrow_schema import schema_specs
    from croissant_tools.generation.records import column_fields, record_set_json

    file_set = {
        "@type": "cr:FileSet",
        "@id": f"{name}-files",
        "name": f"{name}-files",
        "description": f"Parquet shards of {name}/ (part-NNNNN-of-NNNNN.parquet).",
        "encodingFormat": "application/x-parquet",
        "includes": [f"{name}/*.parquet"],
    }
    fields = column_fields(name, schema_specs(schema, typed=True), f"{name}-files", "fileSet")
    return file_set, record_set_json(name, fields, description=RECORD_SETS[name])


def _inherited(ctx: Context) -> dict[str, Any]:
    """license/url/creator of a Croissant input, when it has them."""
    if ctx.plan.kind != "croissant":
        return {}
    try:
        data = json.loads(storage.read_bytes(ctx.spec.input).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: data[k] for k in ("license", "url", "creator") if k in data}


def protocol(ctx: Context) -> str:
    """``rai:dataPreprocessingProtocol``: the run in words."""
    config, spec = ctx.spec.config, ctx.spec
    kinds = ", ".join(config.dedup.kinds) or "none"
    rule = (
        f"prune scores at or above {config.threshold}"
        if config.threshold is not None
        else f"prune the top {config.prune_fraction:.0%} of the remaining records by prune score"
    )
    model = (
        "a deterministic hashing encoder (test mode)"
        if spec.fake_model
        else (config.embed.model or "all-MiniLM-L6-v2")
    )
    return (
        f"Derived from {ctx.plan.description} with croissant-tools prune. Records with no "
        f"usable text (missing, empty, not UTF-8, binary or over {spec.max_record_bytes} bytes) "
        f"were pruned as invalid_input. Deduplication ({kinds}): exact after whitespace "
        f"normalisation, near with MinHash-LSH at Jaccard {config.dedup.near_threshold}, "
        f"semantic (SemDeDup) at cosine {config.dedup.semantic_threshold} within k-means "
        f"clusters; the lowest id of each group is kept. Embeddings: {model}. k-means with "
        f"k={config.cluster.k} (seed {config.seed}). Scorer: {config.scorer}; {rule}"
        + (f" (SCIP alpha {config.scip.alpha})." if config.scorer == "scip" else ".")
        + (" Records that do not parse were pruned." if spec.prune_unparsable else "")
    )


def _stem(path: str) -> str:
    """A dataset name from the input: its file or folder name without extensions."""
    parts = [p for p in path.rstrip("/").split("/") if p and not any(c in p for c in "*?[")]
    name = parts[-1] if parts else "corpus"
    return name.split(".", 1)[0] or "corpus"


def _identity(ctx: Context, meta: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """license / url / creators: given, else inherited from a Croissant input, else stand-ins."""
    inherited, notes = _inherited(ctx), []
    out = ctx.spec.output
    fallbacks: dict[str, Any] = {
        "license": UNKNOWN_LICENSE,
        "url": Path(out).resolve().as_uri() if "://" not in out else out,
        "creator": {"@type": "sc:Organization", "name": "croissant-tools prune"},
    }
    values: dict[str, Any] = {}
    for key, fallback in fallbacks.items():
        given = meta.get("creators" if key == "creator" else key)
        if given:
            values[key] = given
        elif key in inherited:
            values[key] = inherited[key]
        else:
            values[key] = fallback
            notes.append(f"croissant.json: no --{key} given; wrote a stand-in value")
    creator = values["creator"]
    values["creator"] = list(creator) if isinstance(creator, list | tuple) else [creator]
    return values, notes


def describe_output(ctx: Context, meta: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The ``croissant.json`` document and notes about stand-in values."""
    from croissant_tools.generation import provenance
    from croissant_tools.generation.document import dataset_json

    distribution, record_sets = [], []
    for name in RECORD_SETS:
        schema = _schema(ctx.layout.path(name))
        if schema is not None:
            file_set, record_set = _record_set(name, schema)
            distribution.append(file_set)
            record_sets.append(record_set)
    identity, notes = _identity(ctx, meta)
    config = ctx.spec.config
    prov = provenance(
        derived_from=[str(ctx.spec.input)],
        generated_by={
            "name": "croissant-tools prune",
            "description": f"SCIP + dedup pruning ({config.scorer} scorer)",
            "parameters": {"config": config.to_dict(), "runner": ctx.spec.runner},
            "endedAtTime": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        },
    )
    license_value = identity["license"]
    doc = dataset_json(
        name=meta.get("name") or f"{_stem(ctx.spec.input)}-pruned",
        description=protocol(ctx),
        license=license_value if meta.get("license") else None,
        url=str(identity["url"]),
        creators=identity["creator"],
        date_published=time.strftime("%Y-%m-%d", time.gmtime()),
        version=None,
        keywords=["code", "data pruning", "deduplication", "SCIP"],
        rai={"rai:dataPreprocessingProtocol": protocol(ctx)},
        extra=prov,
        live=False,
        distribution=distribution,
        record_sets=record_sets,
    )
    if "license" not in doc:  # inherited or stand-in: kept verbatim, placed after the name
        doc = _insert_after(doc, "description", "license", license_value)
    return doc, notes


def _insert_after(doc: dict[str, Any], anchor: str, key: str, value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, item in doc.items():
        out[name] = item
        if name == anchor:
            out[key] = value
    return out
