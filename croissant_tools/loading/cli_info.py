"""``croissant-tools info``: record sets, fields and types, files and sizes, splits."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

HELP = "describe a Croissant dataset: record sets, fields and types, files and sizes, splits"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    from croissant_tools.arguments import add_max_bytes

    parser.add_argument(
        "file",
        metavar="CROISSANT",
        help="Croissant JSON-LD file (or an http(s) URL with --allow-network)",
    )
    parser.add_argument(
        "--root", metavar="DIR", help="dataset folder (default: the folder of CROISSANT)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--allow-network", action="store_true", help="allow FILE to be an http(s) URL"
    )
    add_max_bytes(parser)


def _text(value: Any) -> str:
    """A value for the text report: ``?`` where the document gives none (no ``@id``...)."""
    return "?" if value is None else str(value)


def _size(value: Any) -> str:
    if not isinstance(value, int):
        return "-"
    size = float(value)
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:,.0f} {unit}" if unit == "B" else f"{size:,.1f} {unit}"
        size /= 1024
    return f"{size:,.1f} GB"


def _resource_line(entry: dict[str, Any]) -> str:
    formats = ", ".join(entry.get("encodingFormat") or []) or "?"
    if entry["kind"] == "FileObject":
        where = entry.get("contentUrl") or "?"
        extra = f"{_size(entry.get('size'))}" + ("" if entry.get("sha256") else ", no sha256")
    else:
        where = "includes " + ", ".join(entry.get("includes") or ["*"])
        if entry.get("excludes"):
            where += " excludes " + ", ".join(entry["excludes"])
        extra = f"{entry['files']} files, {_size(entry.get('size'))}" if "files" in entry else ""
    inside = f" in {', '.join(entry['containedIn'])}" if entry.get("containedIn") else ""
    status = entry.get("status", "")
    status = "" if status == "ok" else f" [{status}]"
    return (
        f"  {entry['kind']:<10} {_text(entry['id'])}: {where}{inside} ({formats}) {extra}{status}"
    )


def _field_lines(item: dict[str, Any], depth: int = 2) -> list[str]:
    types = ", ".join(item["dataType"]) or "-"
    pad = " " * depth
    name = _text(item["id"] or item["name"])
    lines = [f"{pad}{name:<28} {types:<18} {_text(item['arrow']):<20} <- {item['source']}"]
    for child in item.get("subFields", []):
        lines.extend(_field_lines(child, depth + 2))
    return lines


def render(info: dict[str, Any]) -> str:
    """The text report of :func:`croissant_tools.loading.info.describe`."""
    head = f"{_text(info['name'])} (Croissant {info['version'] or '?'})"
    lines = [head, f"source: {info['source']}"]
    if info["problems"]:
        lines.append(f"problems: {len(info['problems'])} (run `croissant-tools validate`)")
    lines.append("\ndistribution:")
    lines.extend(_resource_line(entry) for entry in info["distribution"])
    lines.append("\nrecord sets:")
    for rs in info["recordSets"]:
        tags = []
        if rs["isSplitSet"]:
            tags.append("split set")
        if rs["inlineRows"] is not None:
            tags.append(f"{rs['inlineRows']} inline rows")
        if rs["splitField"]:
            tags.append(f"splits: {', '.join(rs['splits']) or '?'} (field {rs['splitField']})")
        lines.append(
            f"  {_text(rs['id'] or rs['name'])}" + (f"  [{'; '.join(tags)}]" if tags else "")
        )
        for item in rs["fields"]:
            lines.extend(_field_lines(item, 4))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Describe the dataset; return the exit code."""
    from croissant_tools.loading.info import describe

    info = describe(
        args.file, root=args.root, allow_network=args.allow_network, max_bytes=args.max_bytes
    )
    if args.json:
        json.dump(info, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(render(info))
    return 0
