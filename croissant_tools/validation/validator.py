"""``validate()``: run the layers in order and gather one located report.

Layers: read (``CR0xx``) -> header and JSON Schema (``CR1xx``) -> vocabulary
(``CR2xx``) -> semantics (``CR3xx``) -> profile (``CR4xx``) -> opt-in data checks
(``CR5xx``). Each layer reports everything it finds; only an unreadable document stops
the run. Nothing here raises for bad input: every problem becomes an issue.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from croissant_tools import arguments
from croissant_tools.documents import DEFAULT_MAX_BYTES, Document, check_source
from croissant_tools.errors import UsageError
from croissant_tools.validation.codes import CODES, FATAL_READ
from croissant_tools.validation.profiles import PROFILES
from croissant_tools.validation.report import ValidationIssue, ValidationReport

Source = str | os.PathLike[str] | Mapping[str, Any]


def validate(
    source: Source,
    *,
    profile: str = "core",
    check_files: bool = False,
    check_records: int = 0,
    allow_network: bool = False,
    ignore: Iterable[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    record_timeout: float = 300.0,
    root: str | os.PathLike[str] | None = None,
) -> ValidationReport:
    """Validate a Croissant document and return every issue found, located.

    ``source`` is a path, an ``http(s)`` URL (fetched only with ``allow_network``) or a
    parsed dict. ``profile`` is ``core``, ``recommended`` or ``neurips``.
    ``check_files`` compares local files with their declared size and checksum;
    ``check_records`` loads that many records of every record set, each record set
    within ``record_timeout`` seconds. ``ignore`` drops codes (``CR326``) or code
    patterns (``CR2*``); read failures (``CR001``-``CR010``) are never dropped.
    ``root`` is the dataset folder for a dict (a file's folder by default).
    Raises :class:`~croissant_tools.errors.UsageError` only for bad arguments.
    """
    check_source(source)
    ignore = arguments.strings(ignore, "ignore")
    check_records = arguments.integer(check_records, "check_records", minimum=0)
    max_bytes = arguments.integer(max_bytes, "max_bytes", minimum=1)
    record_timeout = arguments.number(record_timeout, "record_timeout", positive=True)
    root = arguments.optional_path(root, "root")
    patterns = _check_arguments(profile, ignore, check_records, max_bytes)
    started = time.perf_counter()
    report = ValidationReport(source=_display(source), profile=profile)
    from croissant_tools.validation.read import read

    document, issues, location = read(source, max_bytes=max_bytes, allow_network=allow_network)
    if document is not None:
        dataset_root = Path(root) if root is not None else document.root
        issues.extend(
            _check_document(
                document,
                report,
                profile=profile,
                check_files=check_files,
                check_records=check_records,
                allow_network=allow_network,
                record_timeout=record_timeout,
                root=dataset_root,
                source=source,
            )
        )
    kept = [
        i
        for i in issues
        if i.code in FATAL_READ or not any(fnmatch.fnmatchcase(i.code, p) for p in patterns)
    ]
    report.ignored = len(issues) - len(kept)
    report.issues = _locate(kept, document, location)
    report.seconds = time.perf_counter() - started
    return report


def _check_arguments(
    profile: str, ignore: Iterable[str], check_records: int, max_bytes: int
) -> list[str]:
    if profile not in PROFILES:
        raise UsageError(f"unknown profile {profile!r}; choose from {', '.join(PROFILES)}")
    if check_records < 0:
        raise UsageError(f"check_records must be 0 or more, not {check_records}")
    if max_bytes <= 0:
        raise UsageError(f"max_bytes must be positive, not {max_bytes}")
    patterns = [str(p).strip().upper() for p in ignore if str(p).strip()]
    for pattern in patterns:
        if not any(fnmatch.fnmatchcase(code, pattern) for code in CODES):
            raise UsageError(
                f"--ignore {pattern!r} matches no issue code",
                hint="see the table of codes in docs/validation.md; write the files before "
                "--ignore, or use --ignore=CODE",
            )
    return patterns


def _display(source: Source) -> str:
    if isinstance(source, Mapping):
        return "<dict>"
    return os.fspath(source)


def _check_document(
    document: Document,
    report: ValidationReport,
    *,
    profile: str,
    check_files: bool,
    check_records: int,
    allow_network: bool,
    record_timeout: float,
    root: Path | None,
    source: Source,
) -> list[ValidationIssue]:
    from croissant_tools import model
    from croissant_tools.validation.header import check_header
    from croissant_tools.validation.normalize import normalize
    from croissant_tools.validation.profiles import check_profile
    from croissant_tools.validation.semantics import check_semantics
    from croissant_tools.validation.structure import check_schema
    from croissant_tools.validation.vocabulary import check_vocabulary

    header = check_header(document.data)
    report.version = header.version if header.declared else None
    issues = list(header.issues)
    issues.extend(check_schema(normalize(header.data, header.context), header.version))
    issues.extend(check_vocabulary(header.data, header.context, header.version))
    metadata = model.build(header.data)
    issues.extend(check_semantics(metadata, header.version))
    issues.extend(check_profile(metadata, profile))
    if check_files:
        from croissant_tools.validation.data_files import check_files as run_file_checks

        issues.extend(run_file_checks(metadata, root))
    if check_files or check_records:
        from croissant_tools.validation.data_columns import check_columns

        issues.extend(check_columns(metadata, root))
    if check_records:
        from croissant_tools.validation.data_records import check_records as run_records

        target = source if not isinstance(source, Mapping) else dict(document.data)
        issues.extend(
            run_records(
                metadata,
                os.fspath(target) if not isinstance(target, dict) else target,
                check_records,
                timeout=record_timeout,
                allow_network=allow_network,
                root=root,
            )
        )
    return issues


def _locate(
    issues: list[ValidationIssue],
    document: Document | None,
    location: tuple[int, int] | None,
) -> list[ValidationIssue]:
    """Add line/column to every issue (when the JSON text is known) and sort them."""
    if location is not None:
        issues = [dataclasses.replace(i, line=location[0], column=location[1]) for i in issues]
    elif issues and document is not None and document.text is not None:
        from croissant_tools.validation.positions import Positions

        positions = Positions(document.text)
        located = []
        for issue in issues:
            found = None if issue.line is not None else positions.line_column(issue.path)
            if found is not None:
                issue = dataclasses.replace(issue, line=found[0], column=found[1])
            located.append(issue)
        issues = located
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(
        issues,
        key=lambda i: (i.line or 0, i.column or 0, order[i.severity], i.code, i.path, i.message),
    )
