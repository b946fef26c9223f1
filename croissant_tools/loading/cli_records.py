"""``croissant-tools records``: stream a record set to JSON Lines, Parquet or CSV."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from croissant_tools.errors import UsageError
from croissant_tools.loading.cli_common import add_load_arguments, load_kwargs
from croissant_tools.loading.writers import Format, atomic_output, limited, write_batches

if TYPE_CHECKING:
    from croissant_tools.loading.reader import RecordSetReader

HELP = "write the records of a record set as JSON Lines, Parquet or CSV (stdout or -o)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    add_load_arguments(parser)
    parser.add_argument(
        "-r",
        "--record-set",
        metavar="RECORD_SET",
        help="record set @id or name (optional when there is only one)",
    )
    parser.add_argument(
        "--split", metavar="NAME", help="keep one split, e.g. train or cr:TrainingSplit"
    )
    parser.add_argument(
        "--columns", metavar="FIELDS", help="comma-separated field @ids or names to keep"
    )
    parser.add_argument(
        "--filter",
        action="append",
        metavar="FIELD=VALUE",
        help="keep records whose FIELD equals VALUE (repeatable; mlcroissant's filters)",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="stop after N records")
    parser.add_argument(
        "--format",
        choices=["jsonl", "parquet", "csv"],
        default=None,
        help="output format (default: from the -o extension, .jsonl/.parquet/.csv; jsonl on "
        "stdout); a --format that contradicts the extension is a usage error",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    parser.add_argument(
        "--batch-size", type=int, default=65536, metavar="N", help="rows per Arrow batch"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")


class _Progress:
    """Counts rows; shows a tqdm bar on stderr when it is a terminal."""

    def __init__(self, total: int | None, quiet: bool):
        from tqdm import tqdm

        self.rows = 0
        self.batches = 0
        self.bar = tqdm(
            total=total,
            unit="rec",
            unit_scale=True,
            file=sys.stderr,
            disable=True if quiet else None,
            leave=False,
            desc="records",
        )

    def track(self, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            self.rows += batch.num_rows
            self.batches += 1
            self.bar.update(batch.num_rows)
            yield batch
        self.bar.close()


def _check_output(target: Path, reader: RecordSetReader) -> None:
    """Refuse an existing output that is the Croissant document or one of its data files."""
    if not target.exists():
        return
    from croissant_tools import model
    from croissant_tools.loading.files import owner_of

    spec = reader.spec
    document = Path(spec.source)
    if document.is_file() and target.samefile(document):
        owner: str | None = "the Croissant document being read"
    else:
        root = Path(spec.root) if spec.root is not None else None
        owner = owner_of(model.build(spec.data), root, target) if root is not None else None
        owner = f"a data file of the dataset ({owner})" if owner else None
    if owner:
        raise UsageError(
            f"refusing to write over {str(target)!r}: it is {owner}",
            hint="write the records to another file (-o)",
        )


#: output file extension -> format
EXTENSIONS: dict[str, Format] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
}


def output_format(given: str | None, output: str | None) -> Format:
    """The format to write: ``--format``, else the ``-o`` extension, else JSON Lines.

    A ``--format`` that contradicts a known extension, or an ``-o`` whose extension names
    no format and no ``--format``, is a :class:`UsageError` (exit 2): a ``.parquet`` file
    holding JSON Lines would be read by nothing.
    """
    suffix = Path(output).suffix.lower() if output else ""
    implied = EXTENSIONS.get(suffix)
    if given is not None:
        if implied is not None and implied != given:
            raise UsageError(
                f"--format {given} contradicts the extension of -o {output!r} ({implied})",
                hint=f"drop --format, or write to a {given} file name",
            )
        return given  # type: ignore[return-value]
    if implied is not None:
        return implied
    if output:
        known = ", ".join(sorted(EXTENSIONS))
        raise UsageError(
            f"cannot tell the format of -o {output!r} from its extension",
            hint=f"pass --format jsonl|parquet|csv, or use one of {known}",
        )
    return "jsonl"


def run(args: argparse.Namespace) -> int:
    """Load the record set and write it; return the exit code."""
    from croissant_tools.loading.api import load

    args.format = output_format(args.format, args.output)
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must be zero or more")
    if args.format == "parquet" and not args.output and sys.stdout.isatty():
        raise UsageError("Parquet is binary: write it to a file with -o, or redirect stdout")
    columns = None
    if args.columns is not None:
        columns = [c.strip() for c in args.columns.split(",") if c.strip()]
        if not columns:
            raise UsageError(f"--columns {args.columns!r} names no field", hint="--columns a,b")
    filters = {}
    for item in args.filter or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(
                f"--filter {item!r} is not FIELD=VALUE", hint="--filter data/split=train"
            )
        filters[name.strip()] = value
    reader = load(
        args.file,
        args.record_set,
        split=args.split,
        columns=columns,
        filters=filters or None,
        **load_kwargs(args),
    )
    started = time.perf_counter()
    progress = _Progress(args.limit, args.quiet)
    batches = progress.track(limited(reader.iter_batches(args.batch_size), args.limit))
    fmt: Format = args.format
    if args.output:
        _check_output(Path(args.output), reader)
        with atomic_output(args.output) as out:
            write_batches(batches, reader.schema, fmt, out)
    else:
        write_batches(batches, reader.schema, fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    elapsed = time.perf_counter() - started
    if not args.quiet:
        where = args.output or "stdout"
        split = f" (split {args.split})" if args.split else ""
        rate = progress.rows / elapsed if elapsed > 0 else 0.0
        print(
            f"records: {progress.rows:,} records of {reader.record_set!r}{split} to {where} "
            f"as {fmt} in {elapsed:.2f} s ({rate:,.0f} records/s)",
            file=sys.stderr,
        )
    return 0
