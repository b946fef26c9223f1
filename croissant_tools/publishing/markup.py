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
from typing import TypeAlias

from markupsafe import Markup, escape

#: Anything that can be placed inside an element: text (escaped), numbers, Markup, None
#: (nothing) or a list/tuple of these.
Content: TypeAlias = "Markup | str | int | float | Sequence[Content] | None"
AttrValue: TypeAlias = str | int | float | bool | None

_NAME = re.compile(r"^[a-zA-Z][a-zA-Z0-9:-]*$")
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"})
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def render(content: Content) -> Markup:
    """Turn content into safe HTML: ``str`` is escaped, ``Markup`` kept, lists joined."""
    if content is None:
        return Markup("")
    if isinstance(content, Markup):
        return content
    if isinstance(content, list | tuple):
        return Markup("").join(render(item) for item in content)
    if isinstance(content, bool):
        return escape("true" if content else "false")
    if isinstance(content, int | float):
        return escape(f"{content:,}" if isinstance(content, int) else f"{content:,.6g}")
    return escape(content)


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


def _attribute(name: str, value: AttrValue) -> Markup:
    key = name.rstrip("_").replace("_", "-")
    if not _NAME.match(key) or key.lower().startswith("on"):
        raise ValueError(f"refusing attribute name {name!r}")
    if value is None or value is False:
        return Markup("")
    if value is True:
        return Markup(" {}").format(key)
    text = value if isinstance(value, str) else str(value)
    if key.lower() in _URL_ATTRIBUTES and safe_href(text) is None:
        return Markup("")
    return Markup(' {}="{}"').format(key, text)


def el(tag: str, *children: Content, **attributes: AttrValue) -> Markup:
    """One element: ``el("td", name, class_="num", dir="auto")``.

    Attribute names lose a trailing underscore and turn ``_`` into ``-`` (``data_copy`` is
    ``data-copy``); ``True`` writes a bare attribute, ``False``/``None`` omits it. Event
    handler attributes (``on...``) are refused, and a URL attribute with an unsafe scheme
    (``javascript:``) is dropped.
    """
    if not _NAME.match(tag):
        raise ValueError(f"refusing tag name {tag!r}")
    attrs = Markup("").join(_attribute(k, v) for k, v in attributes.items())
    if tag in _VOID:
        return Markup("<{}{}>").format(Markup(tag), attrs)
    return Markup("<{0}{1}>{2}</{0}>").format(Markup(tag), attrs, render(list(children)))
