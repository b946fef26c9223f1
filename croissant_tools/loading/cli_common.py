"""Options shared by the ``records`` and ``info`` commands."""

from __future__ import annotations

import argparse
from typing import Any

from croissant_tools import arguments
from croissant_tools.loading.options import LoadOptions


def add_load_arguments(parser: argparse.ArgumentParser) -> None:
    """Dataset folder, network, cache and checking switches."""
    parser.add_argument(
        "file",
        metavar="CROISSANT",
        help="Croissant JSON-LD file (or an http(s) URL with --allow-network)",
    )
    parser.add_argument(
        "--root",
        metavar="DIR",
        help="dataset folder that contentUrl paths are relative to "
        "(default: the folder of CROISSANT)",
    )
    parser.add_argument(
        "--allow-network", action="store_true", help="download remote files (http/https only)"
    )
    parser.add_argument(
        "--allowed-host",
        action="append",
        metavar="HOST",
        help="only download from HOST (repeatable; '*.example.org' allows sub-domains)",
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="cache for downloads and extracted archives "
        "(default: $CROISSANT_TOOLS_CACHE or ~/.cache/croissant-tools)",
    )
    parser.add_argument(
        "--no-verify-checksums",
        action="store_true",
        help="do not check files against their sha256/md5",
    )
    parser.add_argument(
        "--no-strict", action="store_true", help="load even if the metadata has validation errors"
    )
    parser.add_argument(
        "--allow-lossy",
        action="store_true",
        help="let casts that lose information happen (date-times read as sc:Date keep the "
        "date, 2.5 read as sc:Integer becomes 2); each is counted and logged",
    )
    arguments.add_max_bytes(parser)


def load_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword arguments for :func:`croissant_tools.load` from the shared options."""
    return {
        "root": args.root,
        "allow_network": args.allow_network,
        "allowed_hosts": args.allowed_host,
        "cache_dir": args.cache_dir,
        "verify_checksums": not args.no_verify_checksums,
        "strict": not args.no_strict,
        "lossy": getattr(args, "allow_lossy", False),
        "options": LoadOptions(max_document_bytes=args.max_bytes),
    }
