"""Layer 3 (``CR2xx``): every key and class name, read as JSON-LD reads it.

Each key is expanded with the document's own ``@context`` (see
:mod:`croissant_tools.jsonld`; a test cross-checks the expansion against rdflib) and
checked against the vocabularies: Croissant (declared in :mod:`croissant_tools.vocab`),
RAI, and a curated list of schema.org terms (``schemas/schemaorg-terms.json``). This is
where mlcroissant's silent failures surface: keys JSON-LD drops, properties in the wrong
namespace, undefined prefixes, misspellings.
"""

from __future__ import annotations

import contextvars
import difflib
import functools
import re
from collections.abc import Iterator
from typing import Any

from croissant_tools import vocab
from croissant_tools.jsonld import KEYWORDS, Context, Node, json_kind
from croissant_tools.validation.report import ValidationIssue, make_issue
from croissant_tools.validation.schema_files import read_json

_SKIP_VALUES = frozenset({"cr:data", "cr:examples", "cr:value"})
_URI_SCHEMES = frozenset({"http", "https", "urn", "mailto", "_", "file", "doi"})


@functools.cache
def schema_org() -> tuple[frozenset[str], frozenset[str]]:
    """Known schema.org ``(properties, classes)`` in canonical compact form."""
    data = read_json("schemaorg-terms.json")
    props = frozenset(f"sc:{p}" for p in data["properties"]) | vocab.SC_CROISSANT_PROPERTIES
    return props, frozenset(f"sc:{c}" for c in data["classes"])


def _local(name: str) -> str:
    return name.split(":", 1)[1]


@functools.cache
def _locals_by_namespace() -> dict[str, frozenset[str]]:
    sc_props, _ = schema_org()
    rai = set(vocab.RAI_TERMS) | set(vocab.RAI_COMMUNITY_TERMS) | set(vocab.RAI_VARIANTS)
    return {
        "sc": frozenset(_local(p) for p in sc_props),
        "cr": frozenset(_local(p) for p in vocab.CR_PROPERTIES),
        "rai": frozenset(_local(p) for p in rai),
    }


def check_vocabulary(data: dict[str, Any], context: Context, version: str) -> list[ValidationIssue]:
    """Check every key and ``@type``/``dataType`` value of the document."""
    issues: list[ValidationIssue] = []
    if context.vocab is not None and not context.vocab.endswith(("/", "#")):
        message = f"@vocab {context.vocab!r} does not end with '/' or '#', so 'name' expands to "
        message += f"{context.vocab + 'name'!r}"
        issues.append(make_issue("CR213", "$['@context']['@vocab']", message))
    fine: set[tuple[int, str, tuple[str, ...]]] = set()
    token = _BUDGET.set([SUGGESTIONS])
    try:
        for node in _nodes(data, context):
            issues.extend(_check_node(node, version, fine))
    finally:
        _BUDGET.reset(token)
    return issues


def _nodes(data: dict[str, Any], context: Context) -> Iterator[Node]:
    stack: list[Node] = [Node(data, "$", context)]
    while stack:
        node = stack.pop()
        yield node
        children: list[Node] = []
        for key, name, path in node.properties():
            if key.startswith("@") or name in _SKIP_VALUES:
                continue
            if node.context.term_type(key) == "@json" or node.context.is_language_map(key):
                continue  # JSON literals and language maps hold no nodes
            children.extend(_objects(node, node.obj[key], path))
        stack.extend(reversed(children))


def _objects(parent: Node, raw: Any, path: str) -> Iterator[Node]:
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            yield from _objects(parent, item, f"{path}[{index}]")
    elif isinstance(raw, dict):
        for wrapper in ("@list", "@set"):
            if wrapper in raw:
                yield from _objects(parent, raw[wrapper], f"{path}['{wrapper}']")
                return
        if "@value" not in raw:
            yield Node(raw, path, parent.context)


def _check_node(
    node: Node, version: str, fine: set[tuple[int, str, tuple[str, ...]]]
) -> list[ValidationIssue]:
    """Check one object; ``fine`` remembers keys already found fine in the same context
    and on the same kind of node (documents repeat the same keys thousands of times)."""
    issues: list[ValidationIssue] = []
    seen: dict[str, str] = {}
    types = node.types()
    type_key = tuple(types)
    context_id = id(node.context)
    for key, name, path in node.properties():
        memo = (context_id, key, type_key)
        if memo in fine:
            if name is not None and name in seen:
                message = f"{key!r} and {seen[name]!r} are the same property ({name})"
                issues.append(make_issue("CR212", path, message, node=node.id))
            elif name is not None:
                seen[name] = key
            continue
        if key.startswith("@"):
            if key not in KEYWORDS:
                message = f"{key!r} is not a JSON-LD keyword; JSON-LD processors drop it"
                issues.append(make_issue("CR205", path, message, node=node.id))
            else:
                fine.add(memo)
            continue
        if name is None:
            message = (
                f"key {key!r} has no meaning in JSON-LD (it is not defined in @context and there "
                "is no @vocab), so JSON-LD processors drop it silently"
            )
            issues.append(make_issue("CR205", path, message, node=node.id))
            continue
        if name in seen:
            message = f"{key!r} and {seen[name]!r} are the same property ({name})"
            issues.append(make_issue("CR212", path, message, node=node.id))
        seen.setdefault(name, key)
        issue = _check_key(node, key, name, path, version, types)
        if issue is not None:
            issues.append(issue)
        elif name not in seen or seen[name] == key:
            fine.add(memo)
    issues.extend(_check_types(node))
    issues.extend(_check_data_types(node))
    if "@id" in node.obj:
        issues.extend(_check_id(node.obj["@id"], f"{node.path}['@id']"))
    return issues


_WHITESPACE = re.compile(r"(?:\s|%20)+")
#: Characters RFC 3987 forbids in an IRI (JSON-LD resolves an @id as one).
_IRI_FORBIDDEN = frozenset('<>"{}|\\^`')


def _check_id(raw: Any, path: str) -> Iterator[ValidationIssue]:
    """``@id`` syntax, with the rule that rejects it: a string, no whitespace (mlcroissant
    1.1.1 rejects whitespace, even URL-escaped), no character an IRI cannot hold."""
    if not isinstance(raw, str):
        message = f"@id must be a string, not {json_kind(raw)}"
        yield make_issue("CR215", path, message, hint='write e.g. "@id": "train.csv"')
        return
    if not raw.strip():
        yield make_issue("CR215", path, "@id is empty", hint="give the node a name-like @id")
        return
    if any(ch.isspace() for ch in raw) or "%20" in raw:
        message = (
            f"@id {raw!r} contains whitespace; mlcroissant rejects it (whitespace is not "
            "supported in @ids, not even URL-escaped as %20)"
        )
        hint = f"write {_WHITESPACE.sub('_', raw.strip())!r}"
        yield make_issue("CR215", path, message, hint=hint)
        return
    bad = sorted({ch for ch in raw if ch in _IRI_FORBIDDEN or ord(ch) < 32})
    if bad:
        shown = ", ".join(repr(ch) for ch in bad)
        message = f"@id {raw!r} contains {shown}, which an IRI cannot hold (RFC 3987)"
        yield make_issue("CR215", path, message, hint="use letters, digits and / - _ .")


def _check_key(
    node: Node, key: str, name: str, path: str, version: str, types: list[str]
) -> ValidationIssue | None:
    issue = _undeclared_prefix(node, key, path)
    if issue is not None:
        return issue
    prefix, sep, local = name.partition(":")
    if prefix == "sc" and sep:
        return _check_schema_org(node, key, name, local, path, version)
    if prefix == "cr" and sep:
        return _check_croissant(node, key, name, local, path, version, types)
    if prefix == "rai" and sep:
        return _check_rai(node, key, name, path)
    return None


def _undeclared_prefix(node: Node, key: str, path: str) -> ValidationIssue | None:
    expanded = node.context.expand_key(key) or ""
    prefix, sep, rest = expanded.partition(":")
    if not sep or rest.startswith("//") or prefix in _URI_SCHEMES or prefix in node.context.terms:
        return None
    hint = f'declare it in @context, e.g. "{prefix}": "<namespace IRI>"'
    if prefix in vocab.PREFIXES:
        hint = f'add "{prefix}": "{vocab.PREFIXES[prefix]}" to @context'
    shown = repr(key) if expanded == key else f"{key!r} (defined as {expanded!r})"
    message = f"prefix {prefix!r} of {shown} is not declared in @context, so it is read as an IRI "
    message += f"with the scheme '{prefix}:' and means nothing"
    return make_issue("CR206", path, message, node=node.id, hint=hint)


def _wrong_namespace(node: Node, key: str, path: str, expected: str, why: str) -> ValidationIssue:
    iri = node.context.expand_key(key)
    message = f"{key!r} expands to {iri}, but {why} is {expected}; mlcroissant drops it silently"
    hint = f'write "{expected}" or define "{_local(expected)}": "{expected}" in @context'
    return make_issue("CR204", path, message, node=node.id, hint=hint)


def _check_schema_org(
    node: Node, key: str, name: str, local: str, path: str, version: str
) -> ValidationIssue | None:
    sc_props, _ = schema_org()
    spaces = _locals_by_namespace()
    versioned = vocab.VERSIONED_NAMESPACE.get(local, {}).get(version)
    if versioned is not None:
        if versioned == name:
            return None
        why = f"in Croissant {version} {local}"
        return _wrong_namespace(node, key, path, versioned, why)
    if name in sc_props:
        return None
    if local in spaces["cr"]:
        cr_name = f"cr:{local}"
        if version == "1.0" and vocab.CR_PROPERTIES[cr_name] == "1.1":
            return _newer_term(node, key, cr_name, path)
        return _wrong_namespace(node, key, path, cr_name, f"the Croissant property {local}")
    if local in spaces["rai"]:
        return _wrong_namespace(node, key, path, f"rai:{local}", f"the RAI property {local}")
    hint = _did_you_mean(local, spaces["sc"] | spaces["cr"])
    message = f"{key!r} ({name}) is not a schema.org property that Croissant files use"
    return make_issue("CR201", path, message, node=node.id, hint=hint)


def _newer_term(node: Node, key: str, name: str, path: str) -> ValidationIssue:
    message = f"{key!r} is {name}, defined by Croissant 1.1, but the file declares 1.0"
    hint = 'declare "conformsTo": "http://mlcommons.org/croissant/1.1" and use its @context'
    return make_issue("CR208", path, message, node=node.id, hint=hint)


def _check_croissant(
    node: Node, key: str, name: str, local: str, path: str, version: str, types: list[str]
) -> ValidationIssue | None:
    spaces = _locals_by_namespace()
    versioned = vocab.VERSIONED_NAMESPACE.get(local, {}).get(version)
    if versioned is not None and versioned != name:
        why = f"in Croissant {version} {local}"
        return _wrong_namespace(node, key, path, versioned, why)
    if name in vocab.DEPRECATED_TERMS:
        replacement, why = vocab.DEPRECATED_TERMS[name]
        message = f"{key!r} ({name}) is deprecated: {why}"
        return make_issue("CR209", path, message, node=node.id, hint=f"use {replacement}")
    if name in vocab.CR_PROPERTIES:
        if version == "1.0" and vocab.CR_PROPERTIES[name] == "1.1":
            return _newer_term(node, key, name, path)
        domain = vocab.CR_DOMAINS.get(name)
        if domain and types and not domain & set(types):
            where = " or ".join(sorted(domain))
            message = f"{key!r} applies to {where}, not to {', '.join(types)}; readers ignore it"
            return make_issue("CR210", path, message, node=node.id)
        return None
    if local in spaces["sc"]:
        return _wrong_namespace(node, key, path, f"sc:{local}", f"the schema.org property {local}")
    hint = _did_you_mean(local, spaces["cr"])
    message = f"{key!r} ({name}) is not a term of the Croissant vocabulary"
    return make_issue("CR202", path, message, node=node.id, hint=hint)


def _check_rai(node: Node, key: str, name: str, path: str) -> ValidationIssue | None:
    if name in vocab.RAI_TERMS or name in vocab.RAI_COMMUNITY_TERMS:
        return None
    if name in vocab.RAI_VARIANTS:
        canonical_name = vocab.RAI_VARIANTS[name]
        message = f"{key!r} is a variant spelling of the RAI property {canonical_name}"
        return make_issue("CR207", path, message, node=node.id, hint=f"use {canonical_name}")
    hint = _did_you_mean(_local(name), frozenset(_local(t) for t in vocab.RAI_TERMS))
    message = f"{key!r} ({name}) is not a term of the RAI 1.0 vocabulary"
    return make_issue("CR203", path, message, node=node.id, hint=hint)


#: Unknown keys per document that get a "did you mean" (about 4 ms each): a document
#: with 200,000 unknown keys must not take minutes.
SUGGESTIONS = 500
_BUDGET: contextvars.ContextVar[list[int]] = contextvars.ContextVar("suggestions")


def _did_you_mean(local: str, candidates: frozenset[str]) -> str | None:
    budget = _BUDGET.get(None)
    if budget is not None:
        if budget[0] <= 0:
            return None
        budget[0] -= 1
    return _suggestion(local, candidates)


@functools.lru_cache(maxsize=4096)
def _suggestion(local: str, candidates: frozenset[str]) -> str | None:
    close = difflib.get_close_matches(local, _sorted(candidates), n=1, cutoff=0.75)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        found = lowered.get(local.lower())
        close = [found] if found else []
    return f"did you mean {close[0]!r}?" if close else None


@functools.lru_cache(maxsize=16)
def _sorted(candidates: frozenset[str]) -> list[str]:
    return sorted(candidates)


def _check_types(node: Node) -> Iterator[ValidationIssue]:
    raw = node.obj.get("@type")
    items = raw if isinstance(raw, list) else [raw] if raw is not None else []
    path = f"{node.path}['@type']"
    for item in items:
        if not isinstance(item, str):
            continue
        name = node.context.canonical_vocab(item)
        if name.startswith("<"):
            prefix = item.split(":", 1)[0]
            message = f"prefix {prefix!r} of @type {item!r} is not declared in @context"
            hint = f'add "{prefix}": "{vocab.PREFIXES.get(prefix, "<namespace IRI>")}" to @context'
            yield make_issue("CR206", path, message, node=node.id, hint=hint)
        elif name in vocab.MISSPELT_CLASSES:
            right = vocab.MISSPELT_CLASSES[name]
            message = f"@type {item!r} ({name}) is not a class; Croissant calls it {right}"
            yield make_issue("CR211", path, message, node=node.id, hint=f'write "{right}"')
        else:
            issue = _unknown_class(name, item, path, node.id, "@type")
            if issue is not None:
                yield issue


def _check_data_types(node: Node) -> Iterator[ValidationIssue]:
    for value in node.values("cr:dataType"):
        raw = value.value
        if isinstance(raw, dict):
            raw = raw.get("@id")
        if isinstance(raw, str):
            name = node.context.canonical_vocab(raw)
            issue = _unknown_class(name, raw, value.path, node.id, "dataType")
            if issue is not None:
                yield issue


def _unknown_class(
    name: str, written: str, path: str, node: str | None, what: str
) -> ValidationIssue | None:
    _, sc_classes = schema_org()
    prefix, sep, local = name.partition(":")
    if not sep or prefix not in ("sc", "cr"):
        return None
    if name in sc_classes or name in vocab.CR_CLASSES or name in vocab.ATOMIC_TYPES:
        return None
    if name in vocab.ML_TYPES or name in vocab.CLASS_ALIASES:
        return None
    known = {c for c in sc_classes | vocab.CR_CLASSES if c.startswith(prefix)}
    suggestion = vocab.DATA_TYPE_SYNONYMS.get(name)
    hint = f"did you mean {suggestion!r}?" if suggestion else None
    if hint is None:
        hint = _did_you_mean(local, frozenset(_local(c) for c in known))
    message = f"{what} {written!r} ({name}) is not a known schema.org or Croissant class"
    return make_issue("CR214", path, message, node=node, hint=hint)
