"""``croissant-tools generate PATH``: describe data, validate the result, then write it.

The document is written to a temporary file beside the output, validated there (so
relative ``contentUrl`` values resolve as they will for readers) and moved into place
only when it has no errors; otherwise nothing is written, the issues are printed and
the exit code is 1. The summary (files, formats, record sets, fields, what was left out
and why) goes to stderr; ``--dry-run`` prints the document to stdout instead of writing.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from croissant_tools import atomic, errors
from croissant_tools.generation.api import Generated, describe
from croissant_tools.generation.document import dumps

HELP = "describe files, a folder or a Hugging Face dataset as Croissant 1.1 (with RAI)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    parser.add_argument("path", help="file, folder or Hugging Face save_to_disk folder")
    parser.add_argument("-o", "--output", help="where to write (default: PATH/croissant.json)")
    parser.add_argument("--name", help="dataset name (default: the folder name)")
    parser.add_argument("--description", help="what the data is")
    parser.add_argument(
        "--license",
        action="append",
        default=[],
        help="SPDX id (MIT, CC-BY-4.0, ...) or licence URL (repeatable)",
    )
    parser.add_argument("--url", help="home page of the dataset")
    parser.add_argument(
        "--creator",
        action="append",
        default=[],
        metavar='"NAME,EMAIL,URL"',
        help="a creator (repeatable); email and URL are optional",
    )
    parser.add_argument("--date-published", help="ISO 8601 date (not written unless given)")
    parser.add_argument("--version", dest="dataset_version", help="dataset version (SemVer)")
    parser.add_argument("--keyword", action="append", default=[], help="keyword (repeatable)")
    parser.add_argument("--rai-config", help="YAML/JSON file of Responsible-AI properties")
    parser.add_argument("--include", action="append", default=[], metavar="GLOB")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    parser.add_argument(
        "--no-checksums",
        action="store_true",
        help="skip sha256 (faster); the dataset is then marked isLiveDataset",
    )
    parser.add_argument("--workers", type=int, help="threads for hashing and inspection")
    parser.add_argument("--dry-run", action="store_true", help="print the document, write nothing")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


REQUIRED = (("license", "--license SPDX"), ("url", "--url URL"), ("creator", "--creator NAME"))


def run(args: argparse.Namespace) -> int:
    """Generate, validate, write; print the summary. Returns the exit code."""
    missing = [flag for attr, flag in REQUIRED if not getattr(args, attr)]
    if missing:
        raise errors.UsageError(
            "Croissant requires a licence, a URL and at least one creator; missing: "
            + ", ".join(missing),
            hint='e.g. --license CC-BY-4.0 --url https://example.org/data --creator "Jane Doe"',
        )
    generated = describe(
        args.path,
        name=args.name,
        description=args.description,
        license=args.license[0] if len(args.license) == 1 else args.license,
        url=args.url,
        creators=args.creator,
        date_published=args.date_published,
        version=args.dataset_version,
        keywords=args.keyword,
        rai=args.rai_config,
        include=args.include,
        exclude=args.exclude,
        checksums=not args.no_checksums,
        output=args.output,
        workers=args.workers,
        progress=not args.quiet and sys.stderr.isatty(),
    )
    print(generated.summary.render(), file=sys.stderr)
    text = dumps(generated.document)
    problems = validate_text(text, generated.output.parent)
    if problems:
        print("not written: the generated document does not validate:", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return errors.EXIT_INVALID
    if args.dry_run:
        sys.stdout.write(text)
        print("dry run: nothing written", file=sys.stderr)
        return errors.EXIT_OK
    write_atomically(generated, text)
    print(f"wrote {generated.output}", file=sys.stderr)
    return errors.EXIT_OK


def write_atomically(generated: Generated, text: str) -> None:
    """Write ``text`` to the output path atomically, with the mode a plain write gives."""
    atomic.write_text(generated.output, text)


def validate_text(text: str, folder: Path) -> list[str]:
    """Errors found in a document (one line each), checked as a file inside ``folder``.

    Uses ``croissant_tools.validation`` (core profile) when that package is installed,
    otherwise the typed model's structural problems.
    """
    import json

    if importlib.util.find_spec("croissant_tools.validation") is not None:
        validation = importlib.import_module("croissant_tools.validation")
        if callable(getattr(validation, "validate", None)):
            return _validate_with_validator(validation.validate, text, folder)

    from croissant_tools import model

    return [f"{p.path}: {p.message}" for p in model.build(json.loads(text)).problems]


def _validate_with_validator(validate: Any, text: str, folder: Path) -> list[str]:
    fd, tmp = tempfile.mkstemp(prefix=".croissant-check-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        report = validate(tmp, profile="core")
    finally:
        Path(tmp).unlink(missing_ok=True)
    return [_issue_line(issue) for issue in report.errors]


def _issue_line(issue: Any) -> str:
    hint = f" (hint: {issue.hint})" if getattr(issue, "hint", None) else ""
    return f"{issue.code} {issue.path}: {issue.message}{hint}"
