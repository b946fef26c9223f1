"""Layer 6b (``CR510``-``CR513``, ``--check-records N``): the first N records of every
record set load within a time limit, as the NeurIPS checker asks.

The toolkit's own loader (``croissant_tools.loading.load``) is used when it is
importable, mlcroissant otherwise. mlcroissant reads any path and fetches any URL, so
with it the check is skipped (with a warning saying why) for documents with unsafe
``contentUrl``s, or with remote files when the network is not allowed.
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from croissant_tools.model import FileObject, Metadata, reusing_builds
from croissant_tools.safety import classify_content_url
from croissant_tools.validation.report import ValidationIssue, make_issue

Opener = Callable[[Any, str], Iterable[Any]]


def check_records(
    metadata: Metadata,
    source: Any,
    count: int,
    *,
    timeout: float,
    allow_network: bool,
    root: Path | None = None,
) -> list[ValidationIssue]:
    """Load up to ``count`` records of every record set of the document at ``source``."""
    opener, name = _backend(root, allow_network)
    if name == _NATIVE and not isinstance(source, dict):  # parsed once, not per record set
        source, root = _parsed(source, root, allow_network)
        opener, name = _backend(root, allow_network)
    if opener is None:
        return [make_issue("CR513", "$", f"record checks unavailable: {name}")]
    if name == "mlcroissant":
        refusal = _mlcroissant_refusal(metadata, allow_network)
        if refusal:
            return [make_issue("CR513", "$", f"record checks skipped: {refusal}")]
    issues: list[ValidationIssue] = []
    beyond = _beyond_chain_limit(metadata)
    with reusing_builds():  # the document is built once, not once per record set
        for record_set in metadata.record_sets:
            if record_set.id is not None and record_set.id not in beyond:
                issue = _check_one(opener, name, source, record_set, count, timeout)
                if issue is not None:
                    issues.append(issue)
    return issues


_NATIVE = "croissant_tools.loading"


def _parsed(source: Any, root: Path | None, allow_network: bool) -> tuple[Any, Path | None]:
    """The parsed document and its folder (``source`` as it is if it cannot be read: the
    read layer reports that)."""
    from croissant_tools.documents import read_document
    from croissant_tools.errors import CroissantToolsError

    try:
        document = read_document(source, allow_network=allow_network)
    except CroissantToolsError:
        return source, root
    if not isinstance(document.data, dict):
        return source, root
    return document.data, root or document.root


def _beyond_chain_limit(metadata: Metadata) -> set[str]:
    """Record sets that read through a chain no reader follows (reported as ``CR333``)."""
    from croissant_tools.safety import MAX_REFERENCE_CHAIN
    from croissant_tools.validation.semantics import build_index
    from croissant_tools.validation.semantics_chains import record_set_depths

    depths = record_set_depths(metadata, build_index(metadata))
    return {uid for uid, depth in depths.items() if depth > MAX_REFERENCE_CHAIN}


def _check_one(
    opener: Opener, name: str, source: Any, record_set: Any, count: int, timeout: float
) -> ValidationIssue | None:
    """The issue, if any, of loading the first ``count`` records of one record set."""
    node = record_set.id
    outcome = _run_with_timeout(functools.partial(_take, opener, source, node, count), timeout)
    if outcome is _TIMEOUT:
        message = f"record set {node!r} produced no {count} records within {timeout:g} s"
        return make_issue("CR511", record_set.path, message, node=node)
    if isinstance(outcome, BaseException):
        message = f"loading record set {node!r} with {name} failed: {_describe(outcome)}"
        return make_issue("CR510", record_set.path, message, node=node)
    if outcome == 0:
        message = f"record set {node!r} loaded, but produced no records"
        return make_issue("CR512", record_set.path, message, node=node)
    return None


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:500]


def _take(opener: Opener, source: Any, record_set: str, count: int) -> int:
    return sum(1 for _ in itertools.islice(iter(opener(source, record_set)), count))


_TIMEOUT = object()


def _run_with_timeout(work: Callable[[], int], timeout: float) -> Any:
    """Run ``work`` in a daemon thread; its result, the exception it raised, or _TIMEOUT."""
    box: list[Any] = []

    def target() -> None:
        try:
            box.append(work())
        except BaseException as exc:  # reported as an issue, never re-raised
            box.append(exc)

    thread = threading.Thread(target=target, daemon=True, name="croissant-check-records")
    thread.start()
    thread.join(max(timeout, 0.0))
    if thread.is_alive() or not box:
        return _TIMEOUT
    return box[0]


def _backend(root: Path | None, allow_network: bool) -> tuple[Opener | None, str]:
    try:
        from croissant_tools.loading import load
    except Exception:  # not installed, or its optional dependencies are missing
        pass
    else:

        def open_native(source: Any, record_set: str) -> Iterable[Any]:
            # strict=False: the validator reports the metadata errors itself.
            return load(source, record_set, root=root, allow_network=allow_network, strict=False)

        return open_native, _NATIVE
    try:
        import mlcroissant
    except ImportError as exc:
        return None, (
            f"neither croissant_tools.loading nor mlcroissant is importable ({exc}); "
            "install the [mlcroissant] extra: pip install 'croissant-tools[mlcroissant]'"
        )

    def open_records(source: Any, record_set: str) -> Iterable[Any]:
        from croissant_tools.contexts import each_refusing_fetches, refuse_context_fetches

        with refuse_context_fetches():
            dataset = mlcroissant.Dataset(jsonld=source)
            records = iter(dataset.records(record_set=record_set))
        return each_refusing_fetches(records)

    return open_records, "mlcroissant"


def _mlcroissant_refusal(metadata: Metadata, allow_network: bool) -> str | None:
    from croissant_tools.contexts import remote_contexts

    found = remote_contexts(metadata.node.obj)
    if found:
        return f"the document refers to the @context {found[0][1]!r}, which mlcroissant fetches"
    for resource in metadata.distribution:
        if not isinstance(resource, FileObject) or resource.content_url is None:
            continue
        kind = classify_content_url(resource.content_url)
        if kind in ("absolute_path", "file", "parent_traversal", "other_scheme", "empty"):
            return f"contentUrl {resource.content_url!r} is not a safe local path"
        if kind in ("http", "https") and not allow_network:
            return f"{resource.content_url!r} is remote and the network is not allowed"
    return None
