"""W3C PROV-O provenance for a generated description (Croissant 1.1 ``prov:`` terms).

The pruning pipeline describes its output as derived from its input::

    from croissant_tools.generation import generate, provenance

    prov = provenance(
        derived_from=["../corpus/croissant.json"],
        generated_by={"name": "scip-prune", "description": "SCIP + dedup, keep 70%",
                      "parameters": {"keep_fraction": 0.7}},
    )
    doc = generate("out/kept", name="corpus-pruned", provenance=prov, ...)
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from croissant_tools.errors import UsageError

Source = str | Mapping[str, Any]


def provenance(
    *,
    derived_from: Source | Sequence[Source] = (),
    generated_by: str | Mapping[str, Any] | None = None,
    attributed_to: str | Sequence[str] = (),
) -> dict[str, Any]:
    """The ``prov:`` properties to merge into a dataset (``generate(provenance=...)``).

    ``derived_from``: URLs or paths (written as ``{"@id": ...}``) or mappings with
    ``name``/``url``/``description`` (written as ``sc:Dataset`` nodes). ``generated_by``:
    an activity name or a mapping with ``name``, ``description``, ``startedAtTime``,
    ``endedAtTime`` and ``parameters`` (a JSON object, kept verbatim as text so that the
    output stays deterministic and plain JSON). ``attributed_to``: agent names.
    """
    out: dict[str, Any] = {}
    sources = [derived_from] if isinstance(derived_from, str | Mapping) else list(derived_from)
    if sources:
        nodes = [_source(s) for s in sources]
        out["prov:wasDerivedFrom"] = nodes[0] if len(nodes) == 1 else nodes
    if generated_by is not None:
        out["prov:wasGeneratedBy"] = _activity(generated_by)
    agents = [attributed_to] if isinstance(attributed_to, str) else list(attributed_to)
    if agents:
        people = [{"@type": "prov:Agent", "name": a} for a in agents]
        out["prov:wasAttributedTo"] = people[0] if len(people) == 1 else people
    return out


def _source(value: Source) -> dict[str, Any]:
    if isinstance(value, str):
        if not value.strip():
            raise UsageError("provenance: an empty derived_from entry")
        return {"@id": value}
    node: dict[str, Any] = {"@type": "sc:Dataset"}
    for key in ("@id", "name", "description", "url"):
        if key in value:
            node[key] = str(value[key])
    if len(node) == 1:
        raise UsageError("provenance: derived_from mappings need a name, url or @id")
    return node


def _activity(value: str | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(value, str):
        return {"@type": "prov:Activity", "name": value}
    if "name" not in value:
        raise UsageError("provenance: generated_by needs a 'name'")
    node: dict[str, Any] = {"@type": "prov:Activity", "name": str(value["name"])}
    if "description" in value:
        node["description"] = str(value["description"])
    for key in ("startedAtTime", "endedAtTime"):
        if key in value:
            node[f"prov:{key}"] = str(value[key])
    if "parameters" in value:
        try:
            node["prov:value"] = json.dumps(value["parameters"], sort_keys=True)
        except (TypeError, ValueError) as exc:
            raise UsageError(f"provenance: parameters are not JSON-serialisable ({exc})") from None
    unknown = sorted(
        set(value) - {"name", "description", "startedAtTime", "endedAtTime", "parameters"}
    )
    if unknown:
        raise UsageError(f"provenance: unknown generated_by keys {unknown}")
    return node
