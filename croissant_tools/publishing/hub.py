"""The YAML header of a Hugging Face dataset card, derived from Croissant metadata.

Fields (Hub conventions): ``license`` (the Hub's id when the licence URL names an SPDX
licence it knows, else ``other`` with ``license_name``/``license_link``), ``pretty_name``,
``language`` (from ``inLanguage`` values that are language tags), ``tags`` (``croissant``
plus the keywords) and ``configs`` with ``data_files`` per split.

A config is derived for each record set whose fields all read top-level local files
(relative ``contentUrl`` or FileSet ``includes`` without ``excludes``; files inside
archives cannot be named in ``data_files``), with paths relative to the card's folder
(:class:`Place`). Splits follow the document:

* split by file paths (split folders, ``train-*.parquet``, a Hugging Face export): the
  files of each split are listed the way our loader reads them (``load(split=...)``) and
  written as the narrowest exact globs (:mod:`.splits`), split names mapped to the Hub's
  (``cr:TrainingSplit`` -> ``train``);
* split by a column of the rows: files cannot express it, so the config has one split,
  :data:`ALL_ROWS`, and the card body says which column to filter on;
* no ``cr:Split``: files are grouped when every path names one split as a path token,
  otherwise they form one ``train`` split, which is what the Hub assumes (Hive partitions,
  single tables).

More than :data:`MAX_CONFIGS` configs are not listed at all: a header with thousands of
configs helps no one, and the Hub detects data files by itself.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from croissant_tools.model import FileObject, FileSet, RecordSet
from croissant_tools.publishing.facts import DatasetFacts, SplitInfo, resources_of
from croissant_tools.publishing.splits import files_by_split, patterns, split_kind
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
#: The one Hub split of a record set whose rows name their split in a column.
ALL_ROWS = "full"


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


@dataclass(frozen=True)
class Place:
    """Where the data is and where the card goes (both folders), and the parsed document.

    ``root`` is the folder of the Croissant file (``None`` for a URL or a dict without a
    folder): configs are derived from the files there and written relative to ``card_dir``.
    """

    data: dict[str, Any]
    root: Path | None = None
    card_dir: Path | None = None

    @property
    def prefix(self) -> str:
        """The path from the card's folder to the data folder (``""``, ``"../data/"``)."""
        if self.root is None or self.card_dir is None:
            return ""
        relative = Path(os.path.relpath(self.root, self.card_dir)).as_posix()
        return "" if relative == "." else relative + "/"


@dataclass
class Configs:
    """The card's ``configs`` and what the card should say about them."""

    configs: list[dict[str, Any]] = field(default_factory=list)
    #: config name -> (split field name, split names) for splits given by a column
    column_splits: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _local_paths(facts: DatasetFacts, record_set: RecordSet) -> list[str] | None:
    """Include globs / paths of the files ``record_set`` reads, or ``None`` if not expressible."""
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


def _split_info(facts: DatasetFacts, record_set: RecordSet) -> SplitInfo | None:
    for info in facts.splits:
        if any(source is record_set for source, _ in info.partitions) and info.names:
            return info
    return None


def _hub_names(info: SplitInfo) -> dict[str, str]:
    """Croissant split name -> Hub split name (``cr:TrainingSplit`` values become ``train``)."""
    out = {}
    for name in info.names:
        hub_name = re.sub(r"\W+", "_", info.kinds.get(name) or name).strip("_") or "split"
        out[name] = hub_name
    return out


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


def _data_files(
    facts: DatasetFacts, record_set: RecordSet, place: Place, found: Configs, name: str
) -> dict[str, list[str]] | None:
    """Split -> paths (relative to the data folder) for one record set, or ``None``."""
    paths = _local_paths(facts, record_set)
    if not paths:
        return None
    kind = split_kind(facts.metadata, record_set)
    info = _split_info(facts, record_set)
    if kind == "none" or info is None:
        return assign_splits(paths, DEFAULT_SPLITS)
    split_field = next(f for s, f in info.partitions if s is record_set)
    if kind == "column":
        found.column_splits[name] = (split_field.name or split_field.id or "split", info.names)
        return {ALL_ROWS: paths}
    if place.root is None:
        found.notes.append(f"{name}: the split of each file is only known with the data folder")
        return None
    by_split = files_by_split(place.data, place.root, record_set, info.names)
    if by_split is None:
        found.notes.append(f"{name}: its files could not be listed to assign splits")
        return None
    hub = _hub_names(info)
    everything = [p for files in by_split.values() for p in files]
    groups: dict[str, list[str]] = {}
    for split, files in by_split.items():
        others = [p for p in everything if p not in set(files)]
        selected = patterns(files, others, paths)
        if selected is None:
            found.notes.append(f"{name}: split {split!r} has too many files to list")
            return None
        if files:
            groups.setdefault(hub[split], []).extend(selected)
    return groups or None


def configs(facts: DatasetFacts, place: Place | None = None) -> Configs:
    """Hub ``configs`` entries for the record sets whose files are expressible (see module doc)."""
    place = place or Place(data={})
    found = Configs()
    used: set[str] = set()
    for record_set in facts.metadata.record_sets:
        if record_set.is_split or record_set.data is not None:
            continue
        name = (
            _CONFIG_NAME.sub("_", record_set.name or record_set.id or "config").strip("_")
            or "config"
        )
        while name in used:
            name += "_"
        groups = _data_files(facts, record_set, place, found, name)
        if not groups:
            continue
        used.add(name)
        data_files = [
            {"split": split, "path": _one([place.prefix + f for f in files])}
            for split, files in groups.items()
        ]
        found.configs.append({"config_name": name, "data_files": data_files})
    if len(found.configs) > MAX_CONFIGS:
        found.configs = []
    if len(found.configs) == 1:
        only = found.configs[0]["config_name"]
        if only in found.column_splits:
            found.column_splits["default"] = found.column_splits.pop(only)
        found.configs[0]["config_name"] = "default"
    elif found.configs:
        found.configs[0]["default"] = True
    return found


def _one(files: list[str]) -> str | list[str]:
    return files[0] if len(files) == 1 else files


def card_header(
    facts: DatasetFacts, title: str | None = None, found: Configs | None = None
) -> dict[str, Any]:
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
    found = found or configs(facts)
    if found.configs:
        header["configs"] = found.configs
    return header
