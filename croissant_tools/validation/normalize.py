"""The normalised form that the JSON Schemas in ``schemas/`` apply to.

A Croissant file may spell a property ``field``, ``cr:field`` or its full IRI, give one
value or a one-element array, and wrap values in ``@value``/``@list``. The normalised
copy removes those differences: every key is the canonical compact IRI (``cr:field``),
every property value is a list, ``@type`` is a list of canonical class names, and
``@json`` values (``data``, ``examples``) are kept as they are.

:meth:`Normalized.original` maps a path in the normalised copy back to the path in the
author's document, so schema errors are reported where the value was written. It
re-walks the document on demand, which keeps normalisation itself cheap.

Keys that expand to nothing and second spellings of a property are left out here; the
vocabulary layer reports them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from croissant_tools import vocab
from croissant_tools.jsonld import Context, Value, flatten, key_path, language_values, preferred


@dataclass
class Normalized:
    """The normalised document, and what is needed to map its paths back."""

    data: dict[str, Any]
    source: dict[str, Any]
    context: Context

    def original(self, parts: Sequence[str | int]) -> str:
        """The original JSON path of the normalised path ``parts`` (or its nearest ancestor)."""
        obj: Any = self.source
        ctx = self.context
        path = "$"
        index = 0
        while index < len(parts) and isinstance(obj, dict):
            part = parts[index]
            if path != "$" and obj.get("@context") is not None:
                ctx = ctx.extended(obj["@context"], f"{path}['@context']")
            if not isinstance(part, str):
                break
            key = part if part in ("@id", "@type") else _key_for(obj, part, ctx)
            if key is None:
                break
            path += key_path(key)
            index += 1
            if key in ("@id", "@type") or index >= len(parts):
                break
            found = _item(obj[key], key, path, ctx, parts[index])
            if found is None:
                break
            path, obj = found
            index += 1
        return path


def _key_for(obj: dict[str, Any], name: str, ctx: Context) -> str | None:
    return next((key for key in obj if ctx.canonical_key(key) == name), None)


def _item(raw: Any, key: str, path: str, ctx: Context, position: Any) -> tuple[str, Any] | None:
    if not isinstance(position, int) or ctx.term_type(key) == "@json":
        return None
    variants = _variants(key, raw, ctx, path)
    if variants is not None:
        chosen = _representative(variants, ctx.language)
        return (chosen.path, chosen.value) if position == 0 else None
    items = flatten(raw, path)
    if position >= len(items):
        return None
    return items[position].path, items[position].value


def normalize(data: dict[str, Any], context: Context) -> Normalized:
    """Normalise a parsed document whose top-level ``@context`` is ``context``."""
    return Normalized(_node(data, context, top=True), data, context)


def _node(obj: dict[str, Any], ctx: Context, top: bool) -> dict[str, Any]:
    nested = obj.get("@context")
    if nested is not None and not top:
        ctx = ctx.extended(nested, "$")
    out: dict[str, Any] = {}
    for key, value in obj.items():
        if key == "@id":
            out["@id"] = value
        elif key == "@type":
            out["@type"] = _types(value, ctx)
        elif key.startswith("@"):
            continue
        else:
            name = ctx.canonical_key(key)
            if name is not None and name not in out:
                out[name] = _values(key, value, ctx)
    return out


def _values(key: str, value: Any, ctx: Context) -> list[Any]:
    if isinstance(value, str | int | float | bool) or value is None:
        return [value]
    if ctx.term_type(key) == "@json":
        return [value]
    variants = _variants(key, value, ctx, "")
    if variants is not None:
        chosen = _representative(variants, ctx.language).value
        return [_node(chosen, ctx, top=False) if isinstance(chosen, dict) else chosen]
    out: list[Any] = []
    for item in flatten(value, ""):
        raw = item.value
        out.append(_node(raw, ctx, top=False) if isinstance(raw, dict) else raw)
    return out


def _variants(key: str, raw: Any, ctx: Context, path: str) -> list[Value] | None:
    """The language variants of one value (a language map, or a list of language-tagged
    ``@value`` objects in distinct languages), or ``None`` if ``raw`` is not one.

    Variants in several languages are one value: a single-valued ``name`` may have a
    name per language.
    """
    if isinstance(raw, dict) and "@value" not in raw and ctx.is_language_map(key):
        return language_values(raw, path) or None
    if isinstance(raw, list) and len(raw) > 1 and all(isinstance(i, dict) for i in raw):
        items = flatten(raw, path)
        tags = [i.language for i in items]
        if all(tags) and len(set(tags)) == len(tags):
            return items
    return None


def _representative(variants: list[Value], language: str | None) -> Value:
    """The variant the schema checks: the first that is not text (so that a wrong type in
    any language is reported where it is), else the one shown to readers."""
    for item in variants:
        if not isinstance(item.value, str) or not item.value.strip():
            return item
    return preferred(variants, language) or variants[0]


def _types(value: Any, ctx: Context) -> list[Any]:
    items = value if isinstance(value, list) else [value]
    out: list[Any] = []
    for item in items:
        if isinstance(item, str):
            name = ctx.canonical_vocab(item)
            out.append(vocab.MISSPELT_CLASSES.get(name, name))
        else:
            out.append(item)
    return out
