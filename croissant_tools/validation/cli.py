"""``croissant-tools validate``: check Croissant files and print a report.

Exit codes: 0 when no file has an error, 1 when any has (or any has a warning with
``--warnings-as-errors``), 2 for usage errors or unreadable input (missing, not JSON,
too large).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from pathlib import Path

from croissant_tools import errors
from croissant_tools.arguments import parse_size
from croissant_tools.documents import DEFAULT_MAX_BYTES
from croissant_tools.validation.report import ValidationReport

HELP = "validate Croissant metadata (layered checks, located issues, stable codes)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``validate``."""
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="CROISSANT",
        help="Croissant files, globs (quoted: 'data/**/*.json'), folders (their croissant.json) "
        "or URLs (with --allow-network)",
    )
    parser.add_argument(
        "--profile",
        choices=("core", "recommended", "neurips"),
        default="core",
        help="core: what the spec requires; recommended: also warn about recommended "
        "properties and placeholder text; neurips: also require the RAI set and provenance",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "sarif"),
        default="text",
        help="text for people, json for programs, sarif for code scanning",
    )
    parser.add_argument(
        "--check-files",
        action="store_true",
        help="check that local files exist and match contentSize and checksums",
    )
    parser.add_argument(
        "--check-records",
        type=int,
        default=0,
        metavar="N",
        help="load the first N records of every record set",
    )
    parser.add_argument(
        "--record-timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="time limit per record set for --check-records (default: 300)",
    )
    parser.add_argument("--allow-network", action="store_true", help="allow fetching URLs")
    parser.add_argument(
        "--ignore",
        action="extend",
        nargs="+",
        default=[],
        metavar="CODE",
        help="drop issues with these codes (patterns like CR2* allowed)",
    )
    parser.add_argument(
        "--warnings-as-errors", action="store_true", help="exit 1 when there are warnings"
    )
    parser.add_argument(
        "--max-bytes",
        type=parse_size,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help="refuse larger files; accepts 100MB, 2GiB ... (default: 50MB)",
    )


def expand_sources(patterns: list[str]) -> list[str]:
    """Expand globs (``**`` included); paths and URLs that match nothing are kept as given
    (so a missing file is reported as unreadable), but a glob that matches nothing is a
    usage error."""
    sources: list[str] = []
    for pattern in patterns:
        if "://" in pattern or not glob.has_magic(pattern):
            path = Path(pattern)
            sources.append(str(_metadata_in(path)) if path.is_dir() else pattern)
            continue
        matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207 (absolute globs)
        files = [m for m in matches if Path(m).is_file()]
        if not files:
            raise errors.UsageError(f"{pattern!r} matches no file")
        sources.extend(files)
    return list(dict.fromkeys(sources))


def _metadata_in(folder: Path) -> Path:
    for name in ("croissant.json", "metadata.json"):
        if (folder / name).is_file():
            return folder / name
    return folder


def run(args: argparse.Namespace) -> int:
    """Validate every source and print the report in the chosen format."""
    from croissant_tools.validation import validate

    started = time.perf_counter()
    sources = expand_sources(args.sources)
    reports = []
    for number, source in enumerate(sources, start=1):
        _progress(number, len(sources), source)
        reports.append(
            validate(
                source,
                profile=args.profile,
                check_files=args.check_files,
                check_records=args.check_records,
                allow_network=args.allow_network,
                ignore=args.ignore,
                max_bytes=args.max_bytes,
                record_timeout=args.record_timeout,
            )
        )
    _progress(0, len(sources), "")
    seconds = time.perf_counter() - started
    _print(reports, args.format, seconds)
    if any(not report.readable for report in reports):
        return errors.EXIT_USAGE
    failing = any(
        report.errors or (args.warnings_as_errors and report.warnings) for report in reports
    )
    return errors.EXIT_INVALID if failing else errors.EXIT_OK


def _progress(number: int, total: int, source: str) -> None:
    """``[3/40] path`` on stderr, on a terminal only and only for several files."""
    if total < 2 or not sys.stderr.isatty():
        return
    line = f"[{number}/{total}] {source}"[:100] if number else ""
    sys.stderr.write(f"\r\033[K{line}")
    sys.stderr.flush()


def _print(reports: list[ValidationReport], fmt: str, seconds: float) -> None:
    if fmt == "json":
        from croissant_tools.validation.text import summary

        payload = {"results": [r.to_json() for r in reports], "summary": summary(reports, seconds)}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    elif fmt == "sarif":
        from croissant_tools.validation.sarif import sarif_log

        print(json.dumps(sarif_log(reports), indent=2, ensure_ascii=False))
    else:
        from croissant_tools.validation.text import render

        colour = sys.stdout.isatty() and os.environ.get("NO_COLOR") is None
        print(render(reports, colour=colour, seconds=seconds))
