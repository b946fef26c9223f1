"""``croissant-tools upgrade FILE -o OUT``: rewrite a Croissant 0.8 or 1.0 document as 1.1.

The changes are printed (one line each, with the JSON path), the result is validated and
written to ``OUT`` (never over ``FILE``). Exit codes: 0 when the result is valid, 1 when
it still has errors the upgrade cannot fix (required properties the document never had,
such as a license): it is written all the same and the errors are listed; 2 for usage
errors or an unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from croissant_tools.errors import EXIT_INVALID, EXIT_OK, UsageError

HELP = "rewrite a Croissant 0.8 or 1.0 document as Croissant 1.1 (validated; changes listed)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``upgrade``."""
    parser.add_argument(
        "file", metavar="CROISSANT", help="the Croissant JSON-LD document to upgrade"
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="where to write the 1.1 document"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="do not list the changes")


def run(args: argparse.Namespace) -> int:
    """Upgrade, validate, write; return the exit code."""
    from croissant_tools.documents import read_document, require_object
    from croissant_tools.loading.writers import atomic_output
    from croissant_tools.upgrade import source_version, upgrade_document
    from croissant_tools.validation import validate

    source, target = Path(args.file), Path(args.output)
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise UsageError("refusing to write over the document being upgraded", hint="-o OUT")
    document = read_document(source)
    data = require_object(document)
    version = source_version(data) or "unknown (read as 1.0)"
    upgraded, changes = upgrade_document(data)
    report = validate(upgraded, root=document.root)
    with atomic_output(target) as out:
        out.write((json.dumps(upgraded, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    err = sys.stderr
    if not args.quiet:
        for change in changes:
            print(f"  {change}", file=err)
    print(
        f"upgrade: Croissant {version} -> 1.1, {len(changes)} change(s), written to {target}",
        file=err,
    )
    for issue in report.errors:
        print(f"  still to fix: {issue.code} {issue.path}: {issue.message}", file=err)
    if report.errors:
        print(f"upgrade: {len(report.errors)} error(s) remain; fix them by hand", file=err)
        return EXIT_INVALID
    return EXIT_OK
