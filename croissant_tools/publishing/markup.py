"""Safe HTML/SVG element construction: the escaping core of the publishing pages.

:func:`el` builds one element; text content and attribute values are escaped by
:mod:`markupsafe`, which is the escaping layer of Jinja2. Only :class:`~markupsafe.Markup`
(already-safe HTML, normally built by :func:`el` itself) is inserted unchanged. Event
handler attributes are refused and URL attributes with a script-running scheme dropped,
so metadata can never add behaviour to a page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeAlias

from markupsafe import Markup, escape

#: Anything that can be placed inside an element: text (escaped), numbers, Markup, None
#: (nothing) or a list/tuple of these.
Content: TypeAlias = "Markup | str | int | float | Sequence[Content] | None"
AttrValue: TypeAlias = str | int | float | bool | None

_NAME = re.compile(r"^[a-zA-Z][a-zA-Z0-9:-]*$")
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"})
_KNOWN_TAGS = frozenset(
    {"a", "b", "code", "dd", "div", "dl", "dt", "li", "p", "span", "strong", "td", "tr"}
)
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def _text(content: Content) -> str:
    """Escaped HTML text of ``content`` (a plain ``str`` that is already safe)."""
    if content is None:
        return ""
    if isinstance(content, Markup):
        return str(content)
    if isinstance(content, str):
        return str(escape(content))
    if isinstance(content, bool):
        return "true" if content else "false"
    if isinstance(content, int):
        return f"{content:,}"
    if isinstance(content, float):
        return f"{content:,.6g}"
    return "".join(_text(item) for item in content)


def render(content: Content) -> Markup:
    """Turn content into safe HTML: ``str`` is escaped, ``Markup`` kept, lists joined.

    Integers get thousands separators (``1,234``) and floats six significant digits.
    """
    return Markup(_text(content))


def safe_href(url: str) -> str | None:
    """``url`` if following it cannot run script: http(s), mailto, ``#fragment`` or relative.

    Browsers ignore whitespace and control characters inside a scheme
    (``java\\tscript:``), so they are removed before the scheme is checked.
    """
    compact = _INVISIBLE.sub("", url)
    if not compact:
        return None
    match = _SCHEME.match(compact)
    if match and match.group(1).lower() not in _SAFE_SCHEMES:
        return None
    return url.strip()


@lru_cache(maxsize=512)
def _attribute_name(name: str) -> str:
    key = name.rstrip("_").replace("_", "-")
    if not _NAME.match(key) or key.lower().startswith("on"):
        raise ValueError(f"refusing attribute name {name!r}")
    return key


def _attribute(name: str, value: AttrValue) -> str:
    key = _attribute_name(name)
    if value is None or value is False:
        return ""
    if value is True:
        return f" {key}"
    text = value if isinstance(value, str) else str(value)
    if key.lower() in _URL_ATTRIBUTES and safe_href(text) is None:
        return ""
    return f' {key}="{escape(text)}"'


def el(tag: str, *children: Content, **attributes: AttrValue) -> Markup:
    """One element: ``el("td", name, class_="num", dir="auto")``.

    Attribute names lose a trailing underscore and turn ``_`` into ``-`` (``data_copy`` is
    ``data-copy``); ``True`` writes a bare attribute, ``False``/``None`` omits it. Event
    handler attributes (``on...``) are refused, and a URL attribute with an unsafe scheme
    (``javascript:``) is dropped.
    """
    if tag not in _KNOWN_TAGS and not _NAME.match(tag):
        raise ValueError(f"refusing tag name {tag!r}")
    attrs = "".join([_attribute(k, v) for k, v in attributes.items()])
    if tag in _VOID:
        return Markup(f"<{tag}{attrs}>")
    return Markup(f"<{tag}{attrs}>{_text(children)}</{tag}>")
