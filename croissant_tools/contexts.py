"""Remote and file ``@context`` references: where a document has them, and a guard that
keeps rdflib (under mlcroissant) from fetching any.

JSON-LD lets a document pull a context from anywhere: ``"@context": "https://..."`` on any
node or as an item of a context list, ``@import`` inside a context, a scoped ``@context`` in
a term definition, and relative references that a processor resolves against the
document's base (a local path). rdflib fetches every one of them through ``urllib``, with no
allow-list and no size cap (``file:///dev/zero`` included). This toolkit never does:

* :func:`remote_contexts` lists every such reference, so the validator reports each one
  where it is written (``CR105``) and the loader refuses to hand the document to
  mlcroissant;
* :func:`refuse_context_fetches` makes rdflib's context loader raise
  :class:`ContextFetchRefused` instead of fetching, for as long as it is active (the
  loader runs mlcroissant inside it, in case a reference slipped past the first check).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any, TypeVar

from croissant_tools.errors import SecurityError


class ContextFetchRefused(SecurityError):
    """A JSON-LD processor tried to fetch a context while fetching was refused (exit 4)."""


def remote_contexts(data: Any) -> list[tuple[str, str]]:
    """``(JSON path, reference)`` of every context a JSON-LD processor would fetch.

    Walks the whole document without recursion (any depth), in document order: string
    values of ``@context`` keys and of items of ``@context`` lists, and ``@import`` strings
    inside context definitions. Values of ``@json`` properties are walked too: whether a
    processor treats them as JSON literals depends on the very context in question.
    """
    from croissant_tools.jsonld import key_path

    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, str, bool]] = [(data, "$", False)]
    while stack:
        value, path, in_context = stack.pop()
        children: list[tuple[Any, str, bool]] = []
        if isinstance(value, dict):
            for key, item in value.items():
                item_path = f"{path}{key_path(key)}"
                if key == "@context":
                    found.extend(_references(item, item_path))
                    children.append((item, item_path, True))
                elif key == "@import" and in_context and isinstance(item, str):
                    found.append((item_path, item))
                else:
                    children.append((item, item_path, in_context))
        elif isinstance(value, list):
            children = [(item, f"{path}[{i}]", in_context) for i, item in enumerate(value)]
        stack.extend(reversed(children))
    return found


def _references(value: Any, path: str) -> list[tuple[str, str]]:
    """String references in an ``@context`` value (a string, or strings in nested lists)."""
    out: list[tuple[str, str]] = []
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            out.append((where, item))
        elif isinstance(item, list):
            stack.extend(reversed([(v, f"{where}[{i}]") for i, v in enumerate(item)]))
    return out


_LOCK = threading.Lock()
_ACTIVE = 0
_INSTALLED = False


def _refuse(source: Any) -> None:
    raise ContextFetchRefused(
        f"refusing to fetch the JSON-LD context {str(source)[:200]!r}: contexts are never "
        "fetched (they could read local files or reach the network)",
        hint="inline the context object in the document",
    )


def _install() -> None:
    """Wrap rdflib's context fetcher once; the wrapper refuses while a guard is active."""
    global _INSTALLED
    if _INSTALLED:
        return
    try:
        from rdflib.plugins.shared.jsonld import context as jsonld_context
    except ImportError:  # no rdflib: nothing can fetch a context
        _INSTALLED = True
        return
    cls = getattr(jsonld_context, "Context", None)
    original = getattr(cls, "_fetch_context", None)
    if cls is None or original is None:
        raise SecurityError(
            "cannot guard this rdflib version against fetching JSON-LD contexts",
            hint="install the rdflib version mlcroissant 1.1.1 was tested with (rdflib 7)",
        )

    def guarded(self: Any, source: Any, *args: Any, **kwargs: Any) -> Any:
        if _ACTIVE:
            _refuse(source)
        return original(self, source, *args, **kwargs)

    cls._fetch_context = guarded
    _INSTALLED = True


@contextlib.contextmanager
def refuse_context_fetches() -> Iterator[None]:
    """While active (in any thread), rdflib raises :class:`ContextFetchRefused` instead of
    fetching a JSON-LD context. Outside every guard rdflib behaves as it always does."""
    global _ACTIVE
    with _LOCK:
        _install()
        _ACTIVE += 1
    try:
        yield
    finally:
        with _LOCK:
            _ACTIVE -= 1


T = TypeVar("T")


def each_refusing_fetches(items: Iterator[T]) -> Iterator[T]:
    """The items of a lazy iterator (mlcroissant's records), each produced inside
    :func:`refuse_context_fetches` (the guard is not held while the caller has an item)."""
    while True:
        with refuse_context_fetches():
            try:
                item = next(items)
            except StopIteration:
                return
        yield item
