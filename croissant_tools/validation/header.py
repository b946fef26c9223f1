"""Layer 2a (``CR101``-``CR106``): ``@context``, ``@type`` and ``conformsTo``.

``conformsTo`` decides which rules apply. When it is missing or names no known version,
this is an error that says which rules the remaining checks assume instead (never a
silent fallback, unlike mlcroissant's switch to 0.8 rules). When ``@context`` is missing
or cannot be used offline, the remaining checks use the standard context of that version
and the issue says so.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from croissant_tools import vocab
from croissant_tools.contexts import remote_contexts
from croissant_tools.jsonld import Context, Node, json_kind
from croissant_tools.validation.report import ValidationIssue, make_issue

_V11_ONLY_KEYS = frozenset(
    name.split(":", 1)[1] for name, version in vocab.CR_PROPERTIES.items() if version == "1.1"
) - {"containedIn"}


@dataclass
class Header:
    """What the header says: the version to check against and the context to read with."""

    version: str
    declared: bool
    data: dict[str, Any]
    context: Context
    issues: list[ValidationIssue] = field(default_factory=list)


def check_header(data: dict[str, Any]) -> Header:
    """Check ``@context``, ``@type`` and ``conformsTo``; choose the version and context."""
    issues: list[ValidationIssue] = []
    context = Context.parse(data.get("@context", {}))
    usable = _usable(data.get("@context"), context)
    # conformsTo is read with the standard context when the file's cannot be used.
    reading = context if usable else Context.parse(standard_context("1.1"))
    root = Node(data, "$", reading)
    declared = _declared_versions(root, issues)
    version = declared[0] if declared else _guess_version(data)
    header = Header(version, bool(declared), data, context, issues)
    _check_context(data, context, header)
    _check_type(header)
    if not declared and _is_old(data) and not any(i.code == "CR102" for i in issues):
        message = (
            "this is a Croissant 0.8 document (its @context maps terms to the 0.8 vocabulary "
            "http://mlcommons.org/schema/); the checks below read it with 1.0 rules"
        )
        issues.insert(0, make_issue("CR102", "$['@context']", message, hint=UPGRADE_HINT))
    elif not declared and not any(i.code in ("CR102", "CR103") for i in issues):
        message = (
            "conformsTo is missing, so the document does not say which Croissant version it "
            f"follows; the other checks assume Croissant {version} (mlcroissant silently "
            "switches to 0.8 rules)"
        )
        hint = f'add "conformsTo": "http://mlcommons.org/croissant/{version}"'
        issues.insert(0, make_issue("CR101", "$", message, hint=hint))
    return header


def _declared_versions(root: Node, issues: list[ValidationIssue]) -> list[str]:
    versions: list[str] = []
    values = root.values("dct:conformsTo")
    for value in values:
        raw = value.value
        iri = raw.get("@id") if isinstance(raw, dict) else raw
        if not isinstance(iri, str):
            message = f"conformsTo must be the IRI of a specification, not {json_kind(raw)}"
            issues.append(make_issue("CR102", value.path, message))
            continue
        found = vocab.version_of(iri)
        if found is not None:
            versions.append(found)
        elif iri not in vocab.KNOWN_PROFILES:
            _unknown_version(iri, value.path, issues)
    if len(set(versions)) > 1:
        shown = " and ".join(sorted(set(versions)))
        issues.append(
            make_issue("CR103", "$", f"conformsTo names Croissant {shown}; a file follows one")
        )
    if values and not versions and not any(i.code == "CR102" for i in issues):
        message = "conformsTo names no Croissant version (only other specifications)"
        hint = 'add "http://mlcommons.org/croissant/1.1" to conformsTo'
        issues.append(make_issue("CR102", values[0].path, message, hint=hint))
    return versions


def _unknown_version(iri: str, path: str, issues: list[ValidationIssue]) -> None:
    near = vocab.near_version(iri)
    hint = None
    if near is not None:
        message = f"conformsTo {iri!r} is not a Croissant version IRI"
        hint = f"did you mean {near!r}?"
    elif iri.rstrip("/") in vocab.OLD_VERSIONS:
        message = f"Croissant {iri.rsplit('/', 1)[-1]} is not supported (1.0 and 1.1 are)"
        hint = UPGRADE_HINT
    elif "mlcommons.org/croissant" in iri:
        message = f"conformsTo {iri!r} is not a known Croissant version"
        close = difflib.get_close_matches(iri, list(vocab.CROISSANT_VERSIONS), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "use .../croissant/1.0 or 1.1"
    else:
        return  # another specification (a profile of the publisher's): fine
    issues.append(make_issue("CR102", path, message, hint=hint))


UPGRADE_HINT = (
    "rewrite it as Croissant 1.1 with: croissant-tools upgrade FILE -o OUT "
    "(the loader reads 0.8 documents by upgrading them in memory)"
)


def _guess_version(data: dict[str, Any]) -> str:
    context = data.get("@context")
    keys = set(context) if isinstance(context, dict) else set()
    return "1.1" if keys & _V11_ONLY_KEYS or set(data) & _V11_ONLY_KEYS else "1.0"


def _is_old(data: dict[str, Any]) -> bool:
    from croissant_tools.upgrade import is_old

    return is_old(data)


def _usable(raw: Any, context: Context) -> bool:
    if isinstance(raw, dict):
        return True
    return isinstance(raw, list) and bool(context.terms)


def standard_context(version: str) -> dict[str, object]:
    """The context the spec publishes for ``version`` (used when a file's is unusable)."""
    return dict(vocab.CONTEXT_1_1 if version == "1.1" else vocab.CONTEXT_1_0)


def _check_context(data: dict[str, Any], context: Context, header: Header) -> None:
    raw = data.get("@context")
    fallback = f"the other checks assume the standard Croissant {header.version} context"
    hint = "copy the @context object from the Croissant specification (Appendix 1)"
    if raw is None:
        message = f"@context is missing, so no key has a meaning in JSON-LD; {fallback}"
        header.issues.append(make_issue("CR104", "$", message, hint=hint))
    elif isinstance(raw, str) or (isinstance(raw, list) and not context.terms):
        shown = raw if isinstance(raw, str) else "a list of URLs"
        message = (
            f"@context is {shown!r}, a remote context that is not fetched (mlcroissant rejects "
            f"it too); {fallback}"
        )
        header.issues.append(make_issue("CR105", "$['@context']", message, hint=hint))
    elif not isinstance(raw, dict | list):
        message = f"@context must be an object, not {json_kind(raw)}; {fallback}"
        header.issues.append(make_issue("CR105", "$['@context']", message, hint=hint))
    else:
        for path, message in context.problems:
            header.issues.append(make_issue("CR105", path, message))
        _check_references(data, header, replaced=False)
        return
    _check_references(data, header, replaced=True)
    header.data = {**data, "@context": standard_context(header.version)}
    header.context = Context.parse(header.data["@context"])


def _check_references(data: dict[str, Any], header: Header, *, replaced: bool) -> None:
    """``CR105`` for every remote or file context anywhere (nodes, lists, ``@import``,
    scoped contexts): none is ever fetched, by this validator or by any reader."""
    for path, url in remote_contexts(data):
        if replaced and (path == "$['@context']" or path.startswith("$['@context'][")):
            continue  # the top-level context as a whole is already reported
        what = "@import" if path.endswith("['@import']") else "@context"
        message = (
            f"{what} {url!r} refers to a context elsewhere (a URL or a file): it is never "
            "fetched, here or by any reader (it could read local files or reach the "
            "network), so the terms it would define are unknown"
        )
        hint = "inline the context object instead of referring to it"
        header.issues.append(make_issue("CR105", path, message, hint=hint))


def _check_type(header: Header) -> None:
    root = Node(header.data, "$", header.context)
    if "@type" not in header.data:
        message = 'the dataset has no @type; a Croissant file describes an "sc:Dataset"'
        header.issues.append(make_issue("CR106", "$", message))
    elif vocab.DATASET not in root.types():
        shown = header.data["@type"]
        message = f'@type is {shown!r}; a Croissant file describes an "sc:Dataset"'
        header.issues.append(make_issue("CR106", "$['@type']", message))
