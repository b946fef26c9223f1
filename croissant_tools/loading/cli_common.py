"""Options shared by the ``records`` and ``info`` commands."""

from __future__ import annotations

import argparse
from typing import Any

from croissant_tools import arguments
from croissant_tools.loading.options import LoadOptions


def add_load_arguments(parser: argparse.ArgumentParser) -> None:
    """Dataset folder, network, cache and checking switches."""
    parser.add_argument(
        "file", help="Croissant JSON-LD file (or an http(s) URL with --allow-network)"
    )
    parser.add_argument(
        "--root",
        help="dataset folder that contentUrl paths are relative to (default: the folder of FILE)",
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
        "options": LoadOptions(max_document_bytes=args.max_bytes),
    }
