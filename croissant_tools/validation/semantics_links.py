"""``CR332``: links that would run code or smuggle content when a page shows them.

Croissant is published on web pages (schema.org JSON-LD) and shown by dataset viewers; a
``url``, ``license`` or ``sameAs`` of ``javascript:...`` is an injection waiting for a
viewer that renders it as a link. ``contentUrl`` is checked separately (``CR324``).
"""

from __future__ import annotations

from collections.abc import Iterator

from croissant_tools.jsonld import Node
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
    stack = [root]
    while stack:
        node = stack.pop()
        names = {name for _, name, _ in node.properties() if name and name[0] != "@"}
        for name in sorted(names - _LITERALS):
            for value in node.values(name):
                child = node.child(value)
                if child is not None:
                    stack.append(child)
                elif name in LINK_PROPERTIES and isinstance(value.value, str):
                    issue = _check(value.value, value.path, name, node.id)
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
