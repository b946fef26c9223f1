"""``CR332``: links that would run code or smuggle content when a page shows them.

Croissant is published on web pages (schema.org JSON-LD) and shown by dataset viewers; a
``url``, ``license`` or ``sameAs`` of ``javascript:...`` is an injection waiting for a
viewer that renders it as a link. ``contentUrl`` is checked separately (``CR324``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from croissant_tools.jsonld import Node, flatten, key_path
from croissant_tools.model import Metadata
from croissant_tools.validation.report import ValidationIssue, make_issue

#: Properties whose values are followed as links by people and tools.
LINK_PROPERTIES = frozenset(
    {
        "sc:url",
        "sc:license",
        "sc:sdLicense",
        "sc:sameAs",
        "sc:thumbnailUrl",
        "sc:discussionUrl",
        "sc:codeRepository",
        "sc:mainEntityOfPage",
        "sc:image",
        "sc:logo",
    }
)
#: JSON literals (inline rows), whose objects are data, not nodes.
_LITERALS = frozenset({"cr:data", "cr:examples"})
#: Schemes a browser executes or that carry their own content instead of pointing at it.
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")


def check_links(metadata: Metadata) -> list[ValidationIssue]:
    """Report link values anywhere in the document that use a script or data scheme."""
    return list(_scan(metadata.node))


def _scan(root: Node) -> Iterator[ValidationIssue]:
    """Walk the JSON objects under ``root`` (one context for the whole document) and check
    the string values of link properties; paths are built only for what is descended."""
    context = root.context
    stack: list[tuple[dict[str, Any], str]] = [(root.obj, root.path)]
    while stack:
        obj, path = stack.pop()
        raw_id = obj.get("@id")
        node_id = raw_id if isinstance(raw_id, str) else None
        for key, raw in obj.items():  # the report sorts issues by path afterwards
            name = context.canonical_key(key)
            if not name or name[0] == "@" or name in _LITERALS:
                continue
            if name not in LINK_PROPERTIES and not isinstance(raw, list | dict):
                continue
            for item in flatten(raw, f"{path}{key_path(key)}"):
                if isinstance(item.value, dict):
                    stack.append((item.value, item.path))
                elif name in LINK_PROPERTIES and isinstance(item.value, str):
                    issue = _check(item.value, item.path, name, node_id)
                    if issue is not None:
                        yield issue


def _check(url: str, path: str, name: str, node: str | None) -> ValidationIssue | None:
    compact = "".join(url.split()).lower()  # browsers ignore whitespace inside the scheme
    scheme = next((s for s in SCRIPT_SCHEMES if compact.startswith(s)), None)
    if scheme is None:
        return None
    term = name.split(":", 1)[1]
    message = f"{term} {url[:60]!r} uses the {scheme} scheme, which runs or embeds content"
    return make_issue("CR332", path, message, node=node)
