"""The normalised form that the JSON Schemas in ``schemas/`` apply to.

A Croissant file may spell a property ``field``, ``cr:field`` or its full IRI, give one
value or a one-element array, and wrap values in ``@value``/``@list``. The normalised
copy removes those differences: every key is the canonical compact IRI (``cr:field``),
every property value is a list, ``@type`` is a list of canonical class names, and
``@json`` values (``data``, ``examples``) are kept as they are. ``paths`` maps every
normalised JSON path back to the path in the original document, so schema errors are
reported where the author wrote the value.

Keys that expand to nothing and second spellings of a property are left out here; the
vocabulary layer reports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from croissant_tools import vocab
from croissant_tools.jsonld import Context, canonical, flatten, key_path


@dataclass
class Normalized:
    """The normalised document and the map from its paths to the original ones."""

    data: dict[str, Any]
    paths: dict[str, str] = field(default_factory=dict)

    def original(self, path: str) -> str:
        """The original JSON path of a normalised path (or of its nearest ancestor)."""
        from croissant_tools.validation.positions import parent_path

        while path:
            found = self.paths.get(path)
            if found is not None:
                return found
            path = parent_path(path)
        return "$"


def normalize(data: dict[str, Any], context: Context) -> Normalized:
    """Normalise a parsed document whose top-level ``@context`` is ``context``."""
    result = Normalized({})
    result.data = _node(data, "$", "$", context, result.paths, top=True)
    return result


def _node(
    obj: dict[str, Any], opath: str, npath: str, ctx: Context, paths: dict[str, str], top: bool
) -> dict[str, Any]:
    paths[npath] = opath
    nested = obj.get("@context")
    if nested is not None and not top:
        ctx = ctx.extended(nested, f"{opath}['@context']")
    out: dict[str, Any] = {}
    for key, value in obj.items():
        okey = f"{opath}{key_path(key)}"
        if key == "@id":
            out["@id"] = value
            paths[f"{npath}['@id']"] = okey
        elif key == "@type":
            out["@type"] = _types(value, ctx)
            paths[f"{npath}['@type']"] = okey
        elif key.startswith("@"):
            continue
        else:
            name = ctx.canonical_key(key)
            if name is None or name in out:
                continue
            nkey = f"{npath}{key_path(name)}"
            paths[nkey] = okey
            out[name] = _values(key, value, okey, nkey, ctx, paths)
    return out


def _values(
    key: str, value: Any, okey: str, nkey: str, ctx: Context, paths: dict[str, str]
) -> list[Any]:
    if ctx.term_type(key) == "@json":
        paths[f"{nkey}[0]"] = okey
        return [value]
    definition = ctx.terms.get(key)
    if definition is not None and definition.container == "@language" and isinstance(value, dict):
        items = [v for v in value.values()]
        for index, lang in enumerate(value):
            paths[f"{nkey}[{index}]"] = f"{okey}{key_path(lang)}"
        return items
    out: list[Any] = []
    for item in flatten(value, okey):
        ipath = f"{nkey}[{len(out)}]"
        paths[ipath] = item.path
        raw = item.value
        if isinstance(raw, dict):
            raw = _node(raw, item.path, ipath, ctx, paths, top=False)
        out.append(raw)
    return out


def _types(value: Any, ctx: Context) -> list[Any]:
    items = value if isinstance(value, list) else [value]
    out: list[Any] = []
    for item in items:
        if isinstance(item, str):
            name = canonical(ctx.expand_vocab_value(item)) or item
            out.append(vocab.MISSPELT_CLASSES.get(name, name))
        else:
            out.append(item)
    return out
