"""``croissant-tools publish``: dataset page and dataset card from a Croissant file.

Exit codes: 0 written; 1 refused because the document has validation errors (use
``--force``); 2 unreadable or non-Croissant input, or an output that would replace a file
not written by this command; 4 a URL given without ``--allow-network``.
"""

from __future__ import annotations

import argparse
import sys

from croissant_tools.publishing.api import PublishResult, publish_site
from croissant_tools.validation.profiles import is_placeholder

HELP = "write a self-contained dataset page (index.html) and a dataset card (README.md)"
PROFILES = ("core", "recommended", "neurips")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    parser.add_argument(
        "croissant",
        metavar="CROISSANT",
        help="Croissant JSON-LD file (or URL with --allow-network)",
    )
    parser.add_argument(
        "-o",
        "--output",
        default="site",
        metavar="DIR",
        help="folder for index.html",
    )
    card = parser.add_mutually_exclusive_group()
    card.add_argument(
        "--card", metavar="PATH", help="where to write the dataset card (default: DIR/README.md)"
    )
    card.add_argument("--no-card", action="store_true", help="do not write a dataset card")
    parser.add_argument("--title", metavar="TEXT", help="page title (default: the dataset's name)")
    parser.add_argument("--profile", choices=PROFILES, default="core", help="validation profile")
    parser.add_argument(
        "--no-validate",
        action="store_true",
        help="skip validation; the page says it was not validated",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="publish even if validation finds errors (they are shown on the page)",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace existing files even if croissant-tools did not write them",
    )
    parser.add_argument(
        "--allow-network", action="store_true", help="allow CROISSANT to be an http(s) URL"
    )
    parser.add_argument(
        "--no-samples",
        action="store_true",
        help="do not read the first rows of each record set for the page",
    )
    from croissant_tools.arguments import add_max_bytes

    add_max_bytes(parser)


def _notes(result: PublishResult) -> list[str]:
    """What the author should know about the card and the page (shown unless -q)."""
    notes = list(result.configs.notes)
    configs = result.configs.configs
    paths = [f["path"] for c in configs for f in c["data_files"]]
    flat = [p for item in paths for p in (item if isinstance(item, list) else [item])]
    if any(p.startswith("../") for p in flat):
        notes.append(
            "the card's data_files point outside its folder (../): fine for load_dataset on "
            "this machine; for the Hugging Face Hub write the card into the data folder "
            "(--card DATA/README.md)"
        )
    if result.card is not None and not configs:
        notes.append("the card has no configs: no record set reads local files it can name")
    description = result.facts.description or ""
    if is_placeholder(description):
        notes.append("the description is a placeholder: the page says so (--description)")
    return notes


def run(args: argparse.Namespace) -> int:
    """Publish and print what was written; errors propagate to the dispatcher."""
    result = publish_site(
        args.croissant,
        args.output,
        title=args.title,
        validate=not args.no_validate,
        profile=args.profile,
        force=args.force,
        card=args.card,
        write_card=not args.no_card,
        overwrite=args.overwrite,
        allow_network=args.allow_network,
        samples=not args.no_samples,
        max_bytes=args.max_bytes,
    )
    if getattr(args, "quiet", False):
        return 0
    metadata = result.facts.metadata
    print(f"wrote {result.page} ({result.page.stat().st_size / 1024:,.0f} KiB)")
    if result.card is not None:
        print(f"wrote {result.card} ({result.card.stat().st_size / 1024:,.0f} KiB)")
    for note in _notes(result):
        print(f"note: {note}", file=sys.stderr)
    print(
        f"{len(metadata.distribution):,} files, {len(metadata.record_sets):,} record sets, "
        f"{result.facts.field_count:,} fields; validation: {result.summary.headline()}; "
        f"{result.seconds:.2f} s",
        file=sys.stderr,
    )
    if result.summary.errors:
        print(
            f"published with {len(result.summary.errors):,} validation error(s) (--force)",
            file=sys.stderr,
        )
    return 0
