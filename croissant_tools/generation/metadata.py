"""The metadata file (``--metadata``/``--rai-config``): what the data cannot tell.

One YAML or JSON mapping holds everything an author writes by hand, each key checked:

* dataset properties: ``name``, ``description``, ``license`` (one or a list), ``url``,
  ``creators`` (or ``creator``; ``"Name,email,url"`` strings or mappings), ``publisher``,
  ``datePublished``, ``dateCreated``, ``dateModified``, ``version``, ``keywords``,
  ``citeAs`` (BibTeX), ``inLanguage``, ``sameAs``, ``sdLicense``;
* Responsible-AI terms (short, ``rai:``-prefixed or full IRIs; see :mod:`.rai`);
* provenance (W3C PROV-O, short or ``prov:``-prefixed): ``wasDerivedFrom``,
  ``wasGeneratedBy``, ``wasAttributedTo`` (see :func:`.provenance.provenance`);
* ``fields`` and ``recordSets``: descriptions by ``@id`` (``flowers/sepal_length``) or,
  for fields, by column name when it is unambiguous.

Keys may also be spelt in snake case (``date_published``). An unknown key is an error that
suggests the closest known one.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from croissant_tools import vocab
from croissant_tools.errors import InputError, UsageError
from croissant_tools.generation import rai as rai_module
from croissant_tools.generation import records
from croissant_tools.generation.document import license_url
from croissant_tools.generation.provenance import provenance

#: describe() options a metadata file may set (canonical key -> option name).
OPTIONS: dict[str, str] = {
    "name": "name",
    "description": "description",
    "license": "license",
    "url": "url",
    "creator": "creators",
    "datePublished": "date_published",
    "version": "version",
    "keywords": "keywords",
}
#: Dataset properties written as given (after a type check).
EXTRA = ("publisher", "dateCreated", "dateModified", "citeAs", "inLanguage", "sameAs", "sdLicense")
PROV_TERMS = ("wasDerivedFrom", "wasGeneratedBy", "wasAttributedTo")
SECTIONS = ("fields", "recordSets")
_ALIASES = {
    "creators": "creator",
    "keyword": "keywords",
    "citation": "citeAs",
    "language": "inLanguage",
}
_CAMEL = re.compile(r"[_-]([a-z])")


@dataclass
class MetadataTerms:
    """A checked metadata file, sorted by where each part goes."""

    options: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    rai: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    record_sets: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def load_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Parse a YAML or JSON metadata file into a mapping (not yet checked)."""
    file_path = Path(path)
    try:
        text = file_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"cannot read metadata file: {reason}", where=str(file_path)) from None
    try:
        if file_path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except (ValueError, Exception) as exc:  # yaml.YAMLError has no common base with ValueError
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"not valid YAML/JSON: {first}", where=str(file_path)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("the file must hold a mapping of properties", where=str(file_path))
    return data


def read_terms(source: str | os.PathLike[str] | Mapping[str, Any]) -> MetadataTerms:
    """Load (if a path) and check a metadata mapping; every problem is reported at once."""
    where = "metadata"
    if not isinstance(source, Mapping):
        where = os.fspath(source)
        source = load_file(source)
    terms = MetadataTerms()
    problems: list[str] = []
    rai_raw: dict[str, Any] = {}
    prov_raw: dict[str, Any] = {}
    for key, value in source.items():
        text = str(key)
        name = _dataset_key(text)
        if name in OPTIONS:
            terms.options[OPTIONS[name]] = value
        elif name in EXTRA:
            terms.extra[name] = value
        elif name in SECTIONS:
            _section(terms, name, value, problems)
        elif _prov_key(text) is not None:
            prov_raw[str(_prov_key(text))] = value
        elif rai_module.is_rai_key(text):
            rai_raw[text] = value
        else:
            problems.append(_unknown(text))
    _check_values(terms, problems)
    if rai_raw:
        try:
            terms.rai = rai_module.canonical_rai(rai_raw, where=where, warnings=terms.warnings)
        except UsageError as exc:
            problems.append(exc.message.removeprefix("invalid RAI properties: "))
    if prov_raw:
        try:
            terms.provenance = _provenance(prov_raw)
        except UsageError as exc:
            problems.append(exc.message)
    if problems:
        raise UsageError("; ".join(problems), where=where)
    return terms


def _dataset_key(key: str) -> str:
    bare = key.removeprefix("sc:").removeprefix("cr:")
    for namespace in ("https://schema.org/", "http://schema.org/", vocab.CR):
        bare = bare.removeprefix(namespace)
    camel = _CAMEL.sub(lambda m: m.group(1).upper(), bare)
    return _ALIASES.get(camel, camel)


def _prov_key(key: str) -> str | None:
    bare = key.removeprefix(vocab.PROV).removeprefix("prov:")
    return bare if bare in PROV_TERMS else None


def _known() -> list[str]:
    return [*OPTIONS, "creators", *EXTRA, *SECTIONS, *PROV_TERMS, *rai_module.short_names()]


def _unknown(key: str) -> str:
    short = key.split(":", 1)[-1].rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    guesses = difflib.get_close_matches(short, _known(), n=2, cutoff=0.6)
    hint = f" (did you mean {' or '.join(guesses)}?)" if guesses else ""
    return f"unknown property {key!r}{hint}"


def _section(terms: MetadataTerms, name: str, value: Any, problems: list[str]) -> None:
    if not isinstance(value, Mapping) or not all(
        isinstance(v, str) and v.strip() for v in value.values()
    ):
        problems.append(f"{name}: must map ids or names to descriptions (text)")
        return
    target = terms.fields if name == "fields" else terms.record_sets
    target.update({str(k): str(v) for k, v in value.items()})


def _check_values(terms: MetadataTerms, problems: list[str]) -> None:
    """Types of the dataset properties (texts, or lists of texts where several are allowed)."""
    lists = {"license", "creators", "keywords"}
    for option, value in terms.options.items():
        if option == "creators" and isinstance(value, Mapping):
            terms.options[option] = value = [value]
        if option in lists and isinstance(value, list):
            if not value or not all(isinstance(v, str | Mapping) for v in value):
                problems.append(f"{option}: must be text or a list")
            continue
        if option == "keywords" and isinstance(value, str):
            terms.options[option] = [k.strip() for k in value.split(",") if k.strip()]
            continue
        if option == "date_published" and hasattr(value, "isoformat"):
            terms.options[option] = value.isoformat()  # YAML reads 2024-06-01 as a date
            continue
        if option == "version" and isinstance(value, int | float):
            terms.options[option] = value = str(value)
        if not isinstance(value, str) or not value.strip():
            kind = "text or a list" if option in lists else "non-empty text"
            problems.append(f"{option}: must be {kind}")
    for key, value in list(terms.extra.items()):
        if hasattr(value, "isoformat"):
            terms.extra[key] = value.isoformat()
        elif key == "publisher":
            terms.extra[key] = _publisher(value, problems)
        elif key == "sdLicense" and isinstance(value, str):
            try:
                terms.extra[key] = license_url(value)  # an SPDX id becomes its URL
            except UsageError as exc:
                problems.append(f"sdLicense: {exc.message}")
        elif not (isinstance(value, str) and value.strip()) and not (
            isinstance(value, list) and value and all(isinstance(v, str) for v in value)
        ):
            problems.append(f"{key}: must be text or a list of texts")


def _publisher(value: Any, problems: list[str]) -> Any:
    """``sc:Organization`` nodes from names (``"Name,email,url"``), mappings kept as given."""
    from croissant_tools.generation.document import creator_node

    items = value if isinstance(value, list) else [value]
    nodes = []
    for item in items:
        try:
            node = creator_node(item)
        except UsageError as exc:
            problems.append(f"publisher: {exc.message}")
            return value
        if not isinstance(item, Mapping):
            node["@type"] = "sc:Organization"
        nodes.append(node)
    return nodes[0] if len(nodes) == 1 else nodes


def _provenance(raw: Mapping[str, Any]) -> dict[str, Any]:
    for name in ("wasDerivedFrom", "wasAttributedTo"):
        value = raw.get(name, [])
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str | Mapping) for v in items):
            raise UsageError(f"{name}: must be text, a mapping or a list of them")
    return provenance(
        derived_from=raw.get("wasDerivedFrom", []),
        generated_by=raw.get("wasGeneratedBy"),
        attributed_to=raw.get("wasAttributedTo", []),
    )


def merge(first: MetadataTerms, second: MetadataTerms) -> MetadataTerms:
    """``second`` over ``first`` (the later file wins for each key)."""
    out = MetadataTerms(warnings=[*first.warnings, *second.warnings])
    for name in ("options", "extra", "rai", "provenance", "fields", "record_sets"):
        setattr(out, name, {**getattr(first, name), **getattr(second, name)})
    return out


def describe_parts(
    record_sets: list[dict[str, Any]], fields: Mapping[str, str], sets: Mapping[str, str]
) -> None:
    """Set the descriptions a metadata file gives to fields and record sets (in place).

    A field is named by its ``@id`` or, when no other field has it, by its name (the
    column); a record set by its ``@id``. A name that matches nothing is a
    :class:`UsageError` with the closest names.
    """
    by_id = {str(rs["@id"]): rs for rs in record_sets}
    all_fields = [f for rs in record_sets for f in _walk(rs["field"])]
    problems = []
    for uid, text in sets.items():
        if uid in by_id:
            records.set_description(by_id[uid], text)
        else:
            problems.append(_no_such("record set", uid, list(by_id)))
    for key, text in fields.items():
        matches = [f for f in all_fields if f["@id"] == key] or [
            f for f in all_fields if f["name"] == key
        ]
        if len(matches) == 1:
            records.set_description(matches[0], text)
        elif matches:
            ids = ", ".join(str(f["@id"]) for f in matches)
            problems.append(f"field {key!r} is ambiguous ({ids}): name it by @id")
        else:
            problems.append(_no_such("field", key, [str(f["@id"]) for f in all_fields]))
    if problems:
        raise UsageError("metadata file: " + "; ".join(problems))


def _walk(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [x for item in items for x in (item, *_walk(item.get("subField", [])))]


def _no_such(what: str, key: str, known: list[str]) -> str:
    guesses = difflib.get_close_matches(key, known, n=2, cutoff=0.5)
    hint = f" (did you mean {' or '.join(guesses)}?)" if guesses else ""
    return f"no {what} {key!r} was generated{hint}"
