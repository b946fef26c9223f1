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
from croissant_tools.generation.metadata import read_terms
from croissant_tools.generation.provenance import provenance

HELP = "describe files, a folder or a Hugging Face dataset as Croissant 1.1 (with RAI)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options (grouped as ``--help`` shows them)."""
    parser.add_argument(
        "path", metavar="DATA", help="file, folder or Hugging Face save_to_disk folder"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="where to write (default: DATA/croissant.json)"
    )
    parser.add_argument(
        "--metadata",
        metavar="FILE",
        help="YAML/JSON file of dataset properties, Responsible-AI (RAI) and provenance "
        "(PROV-O) terms, and descriptions of fields (see docs/generation.md); the flags win",
    )
    required = parser.add_argument_group("required (on the command line or in --metadata)")
    required.add_argument(
        "--license",
        action="append",
        default=[],
        metavar="SPDX_OR_URL",
        help="licence: an SPDX id (MIT, CC-BY-4.0, ...) or a licence URL (repeatable)",
    )
    required.add_argument("--url", metavar="URL", help="home page of the dataset")
    required.add_argument(
        "--creator",
        action="append",
        default=[],
        metavar='"NAME,EMAIL,URL"',
        help="a creator (repeatable); email and URL are optional",
    )
    about = parser.add_argument_group("about the dataset")
    about.add_argument("--name", help="dataset name (default: the folder name)")
    about.add_argument(
        "--description",
        metavar="TEXT",
        help="what the data is (default: a placeholder, an error under --profile neurips)",
    )
    about.add_argument(
        "--date-published",
        metavar="DATE",
        help="ISO 8601 date (default: the date of the newest described file)",
    )
    about.add_argument(
        "--version", dest="dataset_version", metavar="VERSION", help="dataset version (SemVer)"
    )
    about.add_argument(
        "--keyword", action="append", default=[], metavar="WORD", help="keyword (repeatable)"
    )
    about.add_argument(
        "--derived-from",
        action="append",
        default=[],
        metavar="URL",
        help="provenance: a source this data was derived from (repeatable; prov:wasDerivedFrom)",
    )
    about.add_argument(
        "--generated-by",
        metavar="TEXT",
        help="provenance: the activity that produced the data (prov:wasGeneratedBy)",
    )
    about.add_argument(
        "--rai-config",
        metavar="FILE",
        help="a second metadata file, e.g. for the RAI terms (same format as --metadata)",
    )
    files = parser.add_argument_group("files and checks")
    files.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="describe only matching files (repeatable; '**/' spans folders)",
    )
    files.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave matching files and folders out (repeatable; 'dir/**' skips a folder)",
    )
    files.add_argument(
        "--no-checksums",
        action="store_true",
        help="skip sha256 (faster); the dataset is then marked isLiveDataset",
    )
    files.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="threads for hashing and inspection (default: usable CPUs, at most 8)",
    )
    files.add_argument(
        "--profile",
        choices=PROFILES,
        default="core",
        help="validation profile the document must pass before it is written",
    )
    files.add_argument(
        "--dry-run", action="store_true", help="print the document to stdout; write nothing"
    )


PROFILES = ("core", "recommended", "neurips")
REQUIRED = (("license", "--license SPDX"), ("url", "--url URL"), ("creators", "--creator NAME"))


def run(args: argparse.Namespace) -> int:
    """Generate, validate, write; print the summary. Returns the exit code."""
    _check_required(args)
    prov = _provenance_flags(args)
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
        metadata=args.metadata,
        rai=args.rai_config,
        include=args.include,
        exclude=args.exclude,
        checksums=not args.no_checksums,
        provenance=prov,
        output=args.output,
        workers=args.workers,
        progress=not args.quiet and sys.stderr.isatty(),
    )
    if not args.quiet:
        print(generated.summary.render(verbose=bool(getattr(args, "verbose", 0))), file=sys.stderr)
    text = dumps(generated.document)
    problems = validate_text(text, generated.output.parent, profile=args.profile)
    if problems:
        where = f" under the {args.profile} profile" if args.profile != "core" else ""
        print(f"not written: the generated document does not validate{where}:", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return errors.EXIT_INVALID
    if args.dry_run:
        sys.stdout.write(text)
        if not args.quiet:
            print("dry run: nothing written", file=sys.stderr)
        return errors.EXIT_OK
    write_atomically(generated, text)
    if not args.quiet:
        print(f"wrote {generated.output}", file=sys.stderr)
    return errors.EXIT_OK


def _provenance_flags(args: argparse.Namespace) -> dict[str, Any] | None:
    """``prov:`` terms from ``--derived-from``/``--generated-by`` (``None`` without them)."""
    if not args.derived_from and not args.generated_by:
        return None
    return provenance(derived_from=args.derived_from, generated_by=args.generated_by)


def _check_required(args: argparse.Namespace) -> None:
    """Croissant's required properties must come from the flags or the metadata files.

    Checked before any file is read, so a forgotten flag fails at once.
    """
    given = {"license": args.license, "url": args.url, "creators": args.creator}
    for source in (args.metadata, args.rai_config):
        if source is not None:
            given.update({k: v for k, v in read_terms(source).options.items() if k in given})
    missing = [flag for attr, flag in REQUIRED if not given[attr]]
    if missing:
        raise errors.UsageError(
            "Croissant requires a licence, a URL and at least one creator; missing: "
            + ", ".join(missing),
            hint='e.g. --license CC-BY-4.0 --url https://example.org/data --creator "Jane Doe", '
            "or put them in the --metadata file",
        )


def write_atomically(generated: Generated, text: str) -> None:
    """Write ``text`` to the output path atomically, with the mode a plain write gives."""
    atomic.write_text(generated.output, text)


def validate_text(text: str, folder: Path, profile: str = "core") -> list[str]:
    """Errors found in a document (one line each), checked as a file inside ``folder``.

    Uses ``croissant_tools.validation`` (under ``profile``) when that package is installed,
    otherwise the typed model's structural problems.
    """
    import json

    if importlib.util.find_spec("croissant_tools.validation") is not None:
        validation = importlib.import_module("croissant_tools.validation")
        if callable(getattr(validation, "validate", None)):
            return _validate_with_validator(validation.validate, text, folder, profile)

    from croissant_tools import model

    return [f"{p.path}: {p.message}" for p in model.build(json.loads(text)).problems]


def _validate_with_validator(validate: Any, text: str, folder: Path, profile: str) -> list[str]:
    fd, tmp = tempfile.mkstemp(prefix=".croissant-check-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        report = validate(tmp, profile=profile)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return [_issue_line(issue) for issue in report.errors]


def _issue_line(issue: Any) -> str:
    hint = f" (hint: {issue.hint})" if getattr(issue, "hint", None) else ""
    return f"{issue.code} {issue.path}: {issue.message}{hint}"
