"""Layer 5 (``CR4xx``): profiles on top of the core rules.

``core`` adds nothing here (the core rules are the other layers). ``recommended`` warns
about the properties the spec recommends; ``neurips`` requires, as errors, the minimal
RAI set and provenance asked of NeurIPS Datasets & Benchmarks submissions. The lists
live in ``schemas/profiles.json``.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from croissant_tools import vocab
from croissant_tools.jsonld import Node
from croissant_tools.model import Metadata
from croissant_tools.validation.report import ValidationIssue, make_issue
from croissant_tools.validation.schema_files import read_json

PROFILES = ("core", "recommended", "neurips")
_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")


@functools.cache
def _definitions() -> dict[str, Any]:
    data: dict[str, Any] = read_json("profiles.json")
    return data


def check_profile(metadata: Metadata, profile: str) -> list[ValidationIssue]:
    """The issues ``profile`` adds for this document."""
    if profile == "recommended":
        return _recommended(metadata)
    if profile == "neurips":
        return _neurips(metadata)
    return []


def _short(name: str) -> str:
    return name.split(":", 1)[1] if name.startswith(("sc:", "cr:")) else name


def _recommended(metadata: Metadata) -> list[ValidationIssue]:
    rules = _definitions()["recommended"]
    root = metadata.node
    issues = [
        make_issue("CR401", "$", f"the dataset has no {_short(name)} (recommended)")
        for name in rules["dataset"]
        if not root.has(name)
    ]
    version = root.first("sc:version")
    if version is not None and not _SEMVER.match(str(version.value)):
        message = f"version {version.value!r} is not MAJOR.MINOR.PATCH (Semantic Versioning)"
        issues.append(make_issue("CR402", version.path, message))
    for value in root.values("sc:license"):
        if isinstance(value.value, str) and not _URL.match(value.value):
            message = f"license {value.value!r} is not a URL"
            hint = "use the URL of a known license, e.g. https://spdx.org/licenses/CC-BY-4.0.html"
            issues.append(make_issue("CR403", value.path, message, hint=hint))
    for record_set in metadata.record_sets:
        nodes = [(record_set.path, record_set.id, record_set.description, "record set")]
        nodes += [(f.path, f.id, f.description, "field") for f in record_set.walk_fields()]
        for path, uid, description, what in nodes:
            if not description:
                message = f"{what} {uid!r} has no description (recommended)"
                issues.append(make_issue("CR404", path, message, node=uid))
    return issues


def _rai_values(root: Node, name: str) -> list[Any]:
    names = [name] + [variant for variant, canon in vocab.RAI_VARIANTS.items() if canon == name]
    return [value for n in names for value in root.values(n)]


def _neurips(metadata: Metadata) -> list[ValidationIssue]:
    rules = _definitions()["neurips"]
    root = metadata.node
    placeholders = {p.lower() for p in rules["placeholders"]}
    issues: list[ValidationIssue] = []
    for name in rules["rai"]:
        values = _rai_values(root, name)
        if not values:
            message = f"the dataset has no {name}, which NeurIPS submissions must document"
            hint = f'add "{name}": "..." (with "rai": "{vocab.RAI}" in @context)'
            issues.append(make_issue("CR410", "$", message, hint=hint))
        for value in values:
            if isinstance(value.value, str) and value.value.strip().lower() in placeholders:
                message = f"{name} is {value.value!r}, a placeholder, not documentation"
                issues.append(make_issue("CR411", value.path, message))
    if not any(root.has(name) for name in rules["provenance_any"]):
        shown = ", ".join(rules["provenance_any"])
        message = f"the dataset says nothing about its provenance (none of {shown})"
        hint = 'add e.g. "prov:wasDerivedFrom": {"@id": "https://source.example/data"}'
        issues.append(make_issue("CR412", "$", message, hint=hint))
    if metadata.version == "1.1" and vocab.RAI_1_0 not in metadata.conforms_to:
        message = "conformsTo does not list the RAI 1.0 vocabulary"
        hint = f'add "{vocab.RAI_1_0}" to conformsTo'
        issues.append(make_issue("CR413", "$", message, hint=hint))
    return issues
