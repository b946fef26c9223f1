"""The YAML header of a Hugging Face dataset card, derived from Croissant metadata.

Fields (Hub conventions): ``license`` (the Hub's id when the licence URL names an SPDX
licence it knows, else ``other`` with ``license_name``/``license_link``), ``pretty_name``,
``language`` (from ``inLanguage`` values that are language tags), ``tags`` (``croissant``
plus the keywords) and ``configs`` with ``data_files`` per split.

A config is derived for each record set whose fields all read top-level local files
(relative ``contentUrl`` or FileSet ``includes`` without ``excludes``; files inside
archives cannot be named in ``data_files``). Its files are assigned to splits when every
file path contains exactly one split name as a path token: the names of the ``cr:Split``
record set that partitions it, or else the usual ``train``/``validation``/``test``
spellings; otherwise all files form one ``train`` split, as the Hub would assume.
More than :data:`MAX_CONFIGS` configs are not listed at all: a header with thousands of
configs helps no one, and the Hub detects data files by itself.
"""

from __future__ import annotations

import re
from typing import Any

from croissant_tools.model import FileObject, FileSet, RecordSet
from croissant_tools.publishing.facts import DatasetFacts, resources_of
from croissant_tools.safety import classify_content_url

DEFAULT_SPLITS: dict[str, tuple[str, ...]] = {
    "train": ("train", "training"),
    "validation": ("validation", "valid", "val", "dev"),
    "test": ("test", "testing", "eval"),
}
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_CONFIG_NAME = re.compile(r"[^A-Za-z0-9_.-]+")
#: Above this many derivable configs the header lists none (the Hub then detects files).
MAX_CONFIGS = 50


def _license_fields(facts: DatasetFacts) -> dict[str, Any]:
    if not facts.licenses:
        return {}
    first = facts.licenses[0]
    if first.hub_id:
        return {"license": first.hub_id}
    fields: dict[str, Any] = {"license": "other", "license_name": (first.spdx or first.label)[:200]}
    if first.url:
        fields["license_link"] = first.url
    return fields


def _local_paths(facts: DatasetFacts, record_set: RecordSet) -> list[str] | None:
    """Repository paths of the files ``record_set`` reads, or ``None`` if not expressible."""
    paths: list[str] = []
    for uid in resources_of(record_set):
        resource = facts.lookup.resource(uid)
        if resource is None or resource.contained_in:
            return None
        if isinstance(resource, FileObject):
            url = resource.content_url or ""
            if classify_content_url(url) != "relative":
                return None
            paths.append(url.removeprefix("./"))
        elif isinstance(resource, FileSet):
            if resource.excludes or not resource.includes:
                return None
            if any(classify_content_url(g) != "relative" for g in resource.includes):
                return None
            paths.extend(g.removeprefix("./") for g in resource.includes)
    return list(dict.fromkeys(paths)) or None


def _split_names(facts: DatasetFacts, record_set: RecordSet) -> dict[str, tuple[str, ...]]:
    for info in facts.splits:
        if any(source is record_set for source, _ in info.partitions) and info.names:
            names: dict[str, tuple[str, ...]] = {}
            for name in info.names:
                hub_name = info.kinds.get(name) or name
                hub_name = re.sub(r"\W+", "_", hub_name).strip("_") or "split"
                names[hub_name] = (*names.get(hub_name, ()), name)
            return names
    return DEFAULT_SPLITS


def assign_splits(paths: list[str], splits: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """Group ``paths`` by the split whose token each contains; one ``train`` group otherwise."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        matches = {
            split
            for split, tokens in splits.items()
            for token in tokens
            if re.search(rf"(?:^|[/_.\-]){re.escape(token)}(?:[/_.\-]|$)", path, re.IGNORECASE)
        }
        if len(matches) != 1:
            return {"train": list(paths)}
        groups.setdefault(matches.pop(), []).append(path)
    return groups


def configs(facts: DatasetFacts) -> list[dict[str, Any]]:
    """Hub ``configs`` entries for the record sets whose files are expressible (see module doc)."""
    found: list[dict[str, Any]] = []
    used: set[str] = set()
    for record_set in facts.metadata.record_sets:
        paths = None if record_set.is_split else _local_paths(facts, record_set)
        if not paths:
            continue
        groups = assign_splits(paths, _split_names(facts, record_set))
        name = (
            _CONFIG_NAME.sub("_", record_set.name or record_set.id or "config").strip("_")
            or "config"
        )
        while name in used:
            name += "_"
        used.add(name)
        data_files = [
            {"split": split, "path": files[0] if len(files) == 1 else files}
            for split, files in groups.items()
        ]
        found.append({"config_name": name, "data_files": data_files})
    if len(found) > MAX_CONFIGS:
        return []
    if len(found) == 1:
        found[0]["config_name"] = "default"
    elif found:
        found[0]["default"] = True
    return found


def card_header(facts: DatasetFacts, title: str | None = None) -> dict[str, Any]:
    """The header mapping, in the order the Hub's own template uses."""
    header: dict[str, Any] = {}
    languages = [tag for tag in facts.languages if _LANGUAGE.match(tag)]
    if languages:
        header["language"] = languages
    header.update(_license_fields(facts))
    pretty = title or facts.name
    if pretty:
        header["pretty_name"] = pretty
    header["tags"] = list(dict.fromkeys(["croissant", *facts.keywords]))
    found = configs(facts)
    if found:
        header["configs"] = found
    return header
