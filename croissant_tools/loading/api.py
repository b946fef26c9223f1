"""``load()``: read a Croissant document, check it, plan the record set, return a reader."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from croissant_tools import arguments, errors, model
from croissant_tools.documents import read_document, require_object
from croissant_tools.errors import CroissantToolsError, UsageError
from croissant_tools.loading.options import Credential, LoadOptions, NetworkPolicy
from croissant_tools.loading.reader import LoadSpec, RecordSetReader, build_backend

_log = logging.getLogger(__name__)

#: How many validation errors a refusal message lists.
SHOWN_ERRORS = 5


class InvalidDocumentError(CroissantToolsError):
    """The document has validation errors and ``strict`` loading refuses it (exit code 1)."""

    exit_code = errors.EXIT_INVALID


def _validation_errors(data: Any, metadata: model.Metadata, root: Path | None) -> list[str]:
    """Messages of the validation errors that affect reading (core profile, static checks).

    Errors in descriptive metadata only (a missing license or creator) are logged as
    warnings: they make the document invalid Croissant but do not change the records.

    Falls back to the typed model's problems if the validator is not importable.
    """
    try:
        from croissant_tools.validation import validate
    except ImportError:
        return [f"{p.path}: {p.message}" for p in metadata.problems]
    report = validate(data, root=root)
    for issue in report.errors:
        if issue not in report.reading_errors:
            _log.warning(
                "%s %s: %s (does not affect reading)", issue.code, issue.path, issue.message
            )
    return [f"{issue.code} {issue.path}: {issue.message}" for issue in report.reading_errors]


def _check_valid(data: Any, metadata: model.Metadata, root: Path | None, where: str) -> None:
    problems = _validation_errors(data, metadata, root)
    if not problems:
        return
    shown = "; ".join(problems[:SHOWN_ERRORS])
    more = f" (and {len(problems) - SHOWN_ERRORS} more)" if len(problems) > SHOWN_ERRORS else ""
    raise InvalidDocumentError(
        f"the document has {len(problems)} validation error(s): {shown}{more}",
        where=where,
        hint="fix them (croissant-tools validate shows all), or pass strict=False "
        "(--no-strict) to load anyway",
    )


def _refuse_surrogates(document: Any) -> None:
    """A lone surrogate where it shapes the records (an ``@id``, a column name, a path) is
    refused whatever ``strict`` says: no Arrow column or UTF-8 file can hold it."""
    from croissant_tools.validation.report import affects_reading

    found = [path for path in document.surrogates if affects_reading(path)]
    if found:
        raise errors.InputError(
            "a key or value holds a lone surrogate (a \\udXXX escape on its own), which is "
            f"not Unicode text, at {found[0]}"
            + (f" (and {len(found) - 1} more)" if found[1:] else ""),
            where=document.source,
            hint="remove the escape (croissant-tools validate reports it as CR013)",
        )


def _choose_record_set(metadata: model.Metadata, record_set: str | None) -> model.RecordSet:
    names = ", ".join(repr(rs.id) for rs in metadata.record_sets) or "none"
    if record_set is None:
        lookups = _lookup_record_sets(metadata)
        candidates = [rs for rs in metadata.record_sets if not rs.is_split and rs.id not in lookups]
        if len(candidates) == 1:
            return candidates[0]
        raise UsageError("choose a record set", hint=f"record sets: {names}")
    found = metadata.record_set(record_set)
    if found is None:
        raise UsageError(f"no record set {record_set!r}", hint=f"record sets: {names}")
    return found


def _lookup_record_sets(metadata: model.Metadata) -> set[str]:
    """Ids of inline-``data`` record sets that other record sets join to (lookup tables).

    Like split record sets, they describe values of another record set (e.g. language
    names by file extension) and are not what a caller means by "the" record set.
    """
    referenced: set[str] = set()
    for record_set in metadata.record_sets:
        for item in record_set.walk_fields():
            target = item.references.field if item.references is not None else None
            owner = metadata.field(target) if target is not None else None
            if owner is not None and owner[0] is not record_set:
                referenced.add(owner[0].id or "")
    return {rs.id for rs in metadata.record_sets if rs.id in referenced and rs.data is not None}


def options_from(
    *,
    allow_network: bool = False,
    allowed_hosts: Sequence[str] | None = None,
    credentials: Mapping[str, Credential] | None = None,
    verify_checksums: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
    strict: bool = True,
    delegate: bool = True,
    lossy: bool = False,
    options: LoadOptions | None = None,
) -> LoadOptions:
    """Combine keyword arguments with an optional :class:`LoadOptions` (arguments win)."""
    if options is not None and not isinstance(options, LoadOptions):
        raise UsageError(f"options must be a LoadOptions, not {type(options).__name__}")
    if credentials is not None and not isinstance(credentials, Mapping):
        raise UsageError(f"credentials must be a mapping, not {type(credentials).__name__}")
    if allowed_hosts is not None:
        allowed_hosts = arguments.strings(allowed_hosts, "allowed_hosts")
    cache_dir = arguments.optional_path(cache_dir, "cache_dir")
    base = options or LoadOptions()
    network = NetworkPolicy(
        allow=allow_network or base.network.allow,
        allowed_hosts=tuple(allowed_hosts)
        if allowed_hosts is not None
        else base.network.allowed_hosts,
        credentials=dict(credentials) if credentials is not None else base.network.credentials,
        timeout=base.network.timeout,
        max_bytes=base.network.max_bytes,
        max_redirects=base.network.max_redirects,
        deadline=base.network.deadline,
        min_rate=base.network.min_rate,
    )
    return LoadOptions(
        network=network,
        verify_checksums=verify_checksums and base.verify_checksums,
        cache_dir=Path(cache_dir) if cache_dir is not None else base.cache_dir,
        limits=base.limits,
        strict=strict and base.strict,
        delegate=delegate and base.delegate,
        max_json_bytes=base.max_json_bytes,
        lossy=lossy or base.lossy,
        max_document_bytes=base.max_document_bytes,
    )


_OPTION_NAMES = frozenset(
    ("allowed_hosts", "credentials", "cache_dir", "strict", "delegate", "lossy", "options")
)


def load(
    source: str | os.PathLike[str] | Mapping[str, Any],
    record_set: str | None = None,
    *,
    split: str | None = None,
    columns: Sequence[str] | None = None,
    root: str | os.PathLike[str] | None = None,
    allow_network: bool = False,
    verify_checksums: bool = True,
    filters: Mapping[str, str] | None = None,
    **kwargs: Any,
) -> RecordSetReader:
    """Open the record set ``record_set`` of a Croissant document for reading.

    ``source`` is a path, an http(s) URL (fetched only with ``allow_network``) or a parsed
    dict (then ``root`` must name the dataset folder if files are local). ``record_set``
    is an ``@id`` or name; it may be omitted when there is one non-split record set.
    ``split`` keeps the records of one split (``"train"``, ``"cr:TrainingSplit"``...);
    ``columns`` selects fields by ``@id`` or name; ``filters`` keeps the records whose
    fields (by ``@id`` or name) equal the given values, read as text (mlcroissant's
    ``records(filters=...)``). Further keyword arguments:
    ``allowed_hosts``, ``credentials`` ({host: Credential}), ``cache_dir``, ``strict``
    (refuse documents with validation errors, default True), ``delegate`` (let
    mlcroissant read what the native reader cannot, default True), ``lossy`` (let
    casts that lose information happen, counted and logged; default False), ``options``
    (a :class:`LoadOptions` with the rest, e.g. archive limits).

    Nothing is read from the data files yet; errors in the metadata, unsafe paths and
    unknown splits or fields are reported here.
    """
    unknown = sorted(set(kwargs) - _OPTION_NAMES)
    if unknown:
        raise UsageError(
            f"load() got an unknown argument {unknown[0]!r}",
            hint=f"known: split, columns, root, allow_network, verify_checksums, "
            f"{', '.join(sorted(_OPTION_NAMES))}",
        )
    record_set = arguments.optional_string(record_set, "record_set")
    split = arguments.optional_string(split, "split")
    root = arguments.optional_path(root, "root")
    if root is not None and not Path(root).is_dir():
        raise errors.InputError("the dataset folder (root) is not a directory", where=str(root))
    columns = arguments.strings(columns, "columns") if columns is not None else None
    options = options_from(allow_network=allow_network, verify_checksums=verify_checksums, **kwargs)
    document = read_document(source, network=options.network, max_bytes=options.max_document_bytes)
    data = require_object(document)
    from croissant_tools.upgrade import is_old, upgrade_document

    if is_old(data):  # Croissant 0.8, which mlcroissant still reads: upgraded in memory
        data, _changes = upgrade_document(data)
        document.data = data
        _log.warning(
            "%s is a Croissant 0.8 document; it is read as Croissant 1.1 after upgrading it "
            "in memory (croissant-tools upgrade FILE -o OUT writes the upgraded document)",
            document.source,
        )
    metadata = model.build(data)
    _refuse_surrogates(document)
    folder = Path(root).resolve() if root is not None else document.root
    if options.strict:
        _check_valid(document.data, metadata, folder, document.source)
    rs = _choose_record_set(metadata, record_set)
    chosen = _filters(rs, filters, columns)
    spec = LoadSpec(
        data=document.data,
        source=document.source,
        root=os.fspath(folder) if folder is not None else None,
        record_set=rs.id or rs.name or "",
        split=split,
        columns=tuple(columns) if columns is not None else None,
        options=options,
        filters=chosen,
    )
    return _reader(spec)


def _filters(
    rs: model.RecordSet, filters: Mapping[str, str] | None, columns: Sequence[str] | None
) -> tuple[tuple[str, str], ...]:
    """``filters`` keyed by field ``@id`` (a UsageError names an unknown or unread field)."""
    if filters is None:
        return ()
    if not isinstance(filters, Mapping):
        raise UsageError(f"filters must be a mapping, not {type(filters).__name__}")
    out = []
    for name, value in filters.items():
        found = next((f for f in rs.fields if name in (f.id, f.name)), None)
        if found is None or found.id is None:
            known = ", ".join(repr(f.id) for f in rs.fields)
            raise UsageError(
                f"filters: record set {rs.id!r} has no field {name!r}; fields: {known}"
            )
        if columns is not None and not {found.id, found.name} & set(columns):
            raise UsageError(f"filters: field {name!r} is not among the columns read")
        out.append((found.id, str(value)))
    return tuple(out)


def _reader(spec: LoadSpec) -> RecordSetReader:
    from croissant_tools.loading.plan import NotNative

    try:
        backend = build_backend(spec)
        backend.units()  # resolve files now: unsafe paths and missing files fail at load()
        return RecordSetReader(spec, backend)
    except NotNative as exc:
        if not spec.options.delegate:
            raise UsageError(
                f"the native reader cannot read this record set: {exc}",
                hint="allow delegation to mlcroissant (delegate=True)",
            ) from None
        from croissant_tools.extras import require

        require(
            "mlcroissant",
            f"the native reader cannot read this record set ({exc}); reading it through "
            "mlcroissant",
        )
        delegated = LoadSpec(**{**spec.__dict__, "delegated": True})
        return RecordSetReader(delegated, build_backend(delegated))


def reader_for(
    source: RecordSetReader | str | os.PathLike[str] | Mapping[str, Any],
    record_set: str | None = None,
    **load_kwargs: Any,
) -> RecordSetReader:
    """``source`` itself if it is a reader, else :func:`load` (for the framework adapters)."""
    if isinstance(source, RecordSetReader):
        given = [k for k, v in load_kwargs.items() if v is not None]
        if record_set is not None or given:
            raise UsageError(
                "a RecordSetReader was given together with load options",
                hint="pass record_set, split, columns... to croissant_tools.load instead",
            )
        return source
    return load(source, record_set, **load_kwargs)
