"""Just enough JSON-LD to read Croissant documents by IRI instead of by spelling.

A Croissant document may spell a property ``field``, ``cr:field`` or
``http://mlcommons.org/croissant/field``; only its IRI matters. :class:`Context` expands
keys and type names with the document's own ``@context`` (JSON-LD 1.1 IRI expansion:
terms, compact IRIs, ``@vocab``), and :class:`Node` gives read access to a JSON object by
canonical compact IRI (``cr:field``), keeping the JSON path of every value so that
problems can be reported where they are.

This is not a full JSON-LD processor (no remote contexts, no framing); rdflib does the
full expansion where a check needs it. It is fast enough to read 10,000-file documents
in milliseconds, which rdflib is not.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from croissant_tools import vocab

KEYWORDS = frozenset(
    {
        "@context",
        "@id",
        "@type",
        "@value",
        "@language",
        "@list",
        "@set",
        "@graph",
        "@reverse",
        "@index",
        "@included",
        "@nest",
        "@direction",
        "@json",
        "@none",
        "@base",
        "@vocab",
        "@version",
        "@protected",
        "@import",
        "@propagate",
        "@container",
        "@prefix",
    }
)


@dataclass(frozen=True)
class TermDefinition:
    """One term of a context: its IRI (``None`` if the term is explicitly unmapped)."""

    iri: str | None
    type: str | None = None
    container: str | None = None


@dataclass
class Context:
    """An active JSON-LD context, built from a document's ``@context`` value.

    ``problems`` collects what could not be understood (a remote context URL, a term
    definition of the wrong type) as ``(path, message)`` pairs; the context still works
    with what it could read.
    """

    terms: dict[str, TermDefinition] = field(default_factory=dict)
    vocab: str | None = None
    language: str | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)
    _canonical: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def parse(cls, value: Any, path: str = "$['@context']") -> Context:
        """Build a context from an ``@context`` value (object, list of them, or URL)."""
        return cls().extended(value, path)

    def extended(self, value: Any, path: str) -> Context:
        """Return a new context with ``value`` (a nested ``@context``) applied on top."""
        ctx = Context(dict(self.terms), self.vocab, self.language, [], list(self.remote))
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            item_path = f"{path}[{index}]" if isinstance(value, list) else path
            if item is None:
                ctx = Context(problems=ctx.problems, remote=ctx.remote)
            elif isinstance(item, str):
                ctx._apply_remote(item)
            elif isinstance(item, dict):
                ctx._apply_object(item, item_path)
            else:
                message = f"@context must be an object, a URL or a list, not {json_kind(item)}"
                ctx.problems.append((item_path, message))
        return ctx

    def _apply_remote(self, url: str) -> None:
        self.remote.append(url)
        if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
            self.vocab = vocab.SC

    def _apply_object(self, obj: dict[str, Any], path: str) -> None:
        if "@vocab" in obj:
            raw = obj["@vocab"]
            self.vocab = self._expand_iri(raw, obj) if isinstance(raw, str) else None
        if isinstance(obj.get("@language"), str):
            self.language = obj["@language"]
        for term, definition in obj.items():
            if term.startswith("@"):
                continue
            self.terms[term] = self._definition(term, definition, obj, f"{path}['{term}']")

    def _definition(
        self, term: str, definition: Any, local: dict[str, Any], path: str
    ) -> TermDefinition:
        if definition is None:
            return TermDefinition(None)
        if isinstance(definition, str):
            return TermDefinition(self._expand_iri(definition, local, exclude=term))
        if isinstance(definition, dict):
            raw_id = definition.get("@id")
            if isinstance(raw_id, str):
                iri: str | None = self._expand_iri(raw_id, local, exclude=term)
            elif "@id" in definition:
                iri = None
            else:  # no @id: a compact IRI expands, a plain term takes @vocab (JSON-LD 1.1)
                iri = self._implicit_iri(term, local)
            raw_type = definition.get("@type")
            type_ = raw_type if isinstance(raw_type, str) else None
            if type_ and not type_.startswith("@"):
                type_ = self._expand_iri(type_, local)
            container = definition.get("@container")
            return TermDefinition(iri, type_, container if isinstance(container, str) else None)
        self.problems.append(
            (path, f"term definition must be a string or an object, not {json_kind(definition)}")
        )
        return TermDefinition(None)

    def _implicit_iri(self, term: str, local: dict[str, Any]) -> str | None:
        if ":" in term:
            return self._expand_iri(term, local, exclude=term)
        return self.vocab + term if self.vocab else None

    def _expand_iri(self, value: str, local: dict[str, Any], exclude: str = "") -> str:
        """Expand a compact IRI inside a context, using prefixes defined in the same object.

        Iterative: prefixes defined through each other in a cycle (``"a": "b:x"``,
        ``"b": "a:y"``) are a problem of the context, not an endless recursion.
        """
        suffixes: list[str] = []
        chain: list[str] = []
        while True:
            prefix, sep, suffix = value.partition(":")
            if not sep or suffix.startswith("//") or prefix == exclude:
                break
            raw = local.get(prefix)
            if isinstance(raw, dict):
                raw = raw.get("@id")
            if isinstance(raw, str) and raw != value:
                if prefix in chain:
                    cycle = " -> ".join([*chain[chain.index(prefix) :], prefix])
                    message = f"term definitions form a cycle ({cycle}); JSON-LD refuses it"
                    self.problems.append(("$['@context']", message))
                    break
                chain.append(prefix)
                suffixes.append(suffix)
                value, exclude = raw, prefix
                continue
            known = self.terms.get(prefix)
            if known is not None and known.iri:
                value = known.iri + suffix
            break
        return value + "".join(reversed(suffixes))

    def expand_key(self, key: str) -> str | None:
        """Expand a property name to an absolute IRI or keyword; ``None`` if it has no IRI.

        JSON-LD processors drop properties that expand to nothing: the validator reports
        them instead.
        """
        if key.startswith("@"):
            return key
        definition = self.terms.get(key)
        if definition is not None:
            return definition.iri
        prefix, sep, suffix = key.partition(":")
        if sep:
            if prefix == "_" or suffix.startswith("//"):
                return key
            known = self.terms.get(prefix)
            if known is not None and known.iri:
                return known.iri + suffix
            return key  # an IRI with an unknown scheme/prefix
        if self.vocab:
            return self.vocab + key
        return None

    def canonical_key(self, key: str) -> str | None:
        """:func:`canonical` of :meth:`expand_key` (memoised: documents repeat keys)."""
        try:
            return self._canonical[key]
        except KeyError:
            name = canonical(self.expand_key(key))
            self._canonical[key] = name
            return name

    def canonical_vocab(self, value: str) -> str:
        """Canonical compact IRI of a vocabulary-relative value (memoised)."""
        key = "\x00" + value  # shares the memo with keys without colliding
        found = self._canonical.get(key)
        if found is None:
            found = canonical(self.expand_vocab_value(value)) or value
            self._canonical[key] = found
        return found

    def expand_vocab_value(self, value: str) -> str:
        """Expand a value interpreted relative to the vocabulary (``@type``, ``dataType``)."""
        expanded = self.expand_key(value)
        return expanded if expanded is not None else value

    def term_type(self, key: str) -> str | None:
        """The ``@type`` coercion of a term (``@id``, ``@vocab``, ``@json`` or an IRI)."""
        definition = self.terms.get(key)
        return definition.type if definition else None

    def is_language_map(self, key: str) -> bool:
        """Whether the term's values are language maps (``"@container": "@language"``)."""
        definition = self.terms.get(key)
        return definition is not None and definition.container == "@language"

    def is_unknown_prefix(self, key: str) -> bool:
        """Whether ``key`` looks like ``prefix:name`` with a prefix this context lacks."""
        prefix, sep, suffix = key.partition(":")
        return bool(sep) and not suffix.startswith("//") and prefix not in self.terms


def canonical(iri: str | None) -> str | None:
    """Canonical compact IRI (``cr:field``) of an expanded IRI; keywords unchanged.

    A compact IRI that could not be expanded because its prefix is not declared
    (``cr:field`` in a document whose ``@context`` lacks ``cr``) is, for JSON-LD, an
    absolute IRI with the scheme ``cr:``. It is returned in angle brackets
    (``<cr:field>``) so that it is never mistaken for the Croissant term.
    """
    if iri is None or iri.startswith("@"):
        return iri
    prefix, sep, rest = iri.partition(":")
    if sep and prefix in vocab.PREFIXES and not rest.startswith("//"):
        return f"<{iri}>"
    return vocab.compact(iri)


@dataclass(frozen=True)
class Value:
    """A property value with the JSON path where it was found, and its language tag
    (from a language map or a ``{"@value": ..., "@language": ...}`` object)."""

    value: Any
    path: str
    language: str | None = None


def preferred(values: list[Value], language: str | None = None) -> Value | None:
    """The value to show of several language variants: the document's default language
    (``@language`` of the context), else English, else an untagged value, else the first."""
    for wanted in (language, "en"):
        if wanted:
            for value in values:
                if value.language and value.language.lower() == wanted.lower():
                    return value
    untagged = [v for v in values if v.language is None]
    return untagged[0] if untagged else (values[0] if values else None)


def language_values(raw: dict[str, Any], path: str) -> list[Value]:
    """The entries of a JSON-LD language map, each with its tag (``@none``: untagged)."""
    out: list[Value] = []
    for tag, item in raw.items():
        language = None if tag == "@none" else tag
        items = item if isinstance(item, list) else [item]
        for index, entry in enumerate(items):
            where = f"{path}{key_path(tag)}" + (f"[{index}]" if isinstance(item, list) else "")
            out.append(Value(entry, where, language))
    return out


_NO_KEYS: list[str] = []


class Node:
    """Read access to a JSON object by canonical property IRI, with JSON paths.

    ``node.values("cr:field")`` returns the values of that property however the
    document spelt it, flattening JSON-LD arrays and ``@list``/``@set`` wrappers and
    unwrapping ``{"@value": ...}``.
    """

    __slots__ = ("_index", "context", "obj", "path")

    def __init__(self, obj: dict[str, Any], path: str, context: Context):
        self.obj = obj
        self.path = path
        nested = obj.get("@context")
        self.context = context.extended(nested, f"{path}['@context']") if nested else context
        self._index: dict[str, list[str]] | None = None

    def _keys_by_iri(self) -> dict[str, list[str]]:
        if self._index is None:
            index: dict[str, list[str]] = {}
            for key in self.obj:
                name = self.context.canonical_key(key)
                if name is not None:
                    index.setdefault(name, []).append(key)
            self._index = index
        return self._index

    def keys_for(self, name: str) -> list[str]:
        """The JSON keys of this object that expand to canonical IRI ``name``."""
        index = self._index if self._index is not None else self._keys_by_iri()
        return index.get(name, _NO_KEYS)

    def has(self, name: str) -> bool:
        """Whether the object has at least one key expanding to ``name``."""
        return bool(self.keys_for(name))

    def values(self, name: str) -> list[Value]:
        """All values of property ``name`` (flattened), each with its JSON path."""
        index = self._index if self._index is not None else self._keys_by_iri()
        keys = index.get(name)
        if not keys:
            return []
        out: list[Value] = []
        for key in keys:
            raw = self.obj[key]
            path = f"{self.path}{key_path(key)}"
            if isinstance(raw, dict) and self.context.is_language_map(key) and "@value" not in raw:
                out.extend(language_values(raw, path))
            elif isinstance(raw, list | dict):
                out.extend(_flatten(raw, path))
            else:
                out.append(Value(raw, path))
        return out

    def raw(self, name: str) -> Value | None:
        """The value of ``name`` exactly as written (not flattened), e.g. a ``@json`` list."""
        keys = self.keys_for(name)
        if not keys:
            return None
        return Value(self.obj[keys[0]], f"{self.path}{key_path(keys[0])}")

    def first(self, name: str) -> Value | None:
        """The first value of ``name``, or ``None``."""
        found = self.values(name)
        return found[0] if found else None

    def text(self, name: str) -> Value | None:
        """The value of ``name`` to show: of language variants, the one in the document's
        default language (else English, else untagged, else the first)."""
        found = self.values(name)
        if len(found) > 1 and any(v.language for v in found):
            return preferred(found, self.context.language)
        return found[0] if found else None

    def child(self, value: Value) -> Node | None:
        """A :class:`Node` for an object value (``None`` for scalars)."""
        if not isinstance(value.value, dict):
            return None
        return Node(value.value, value.path, self.context)

    def children(self, name: str) -> Iterator[Node]:
        """Nodes for the object values of ``name`` (scalars are skipped)."""
        for value in self.values(name):
            node = self.child(value)
            if node is not None:
                yield node

    @property
    def id(self) -> str | None:
        """The ``@id`` of the object, when it is a string."""
        raw = self.obj.get("@id")
        return raw if isinstance(raw, str) else None

    def types(self) -> list[str]:
        """Canonical compact ``@type`` values (class aliases mapped, e.g. ``sc:FileObject``)."""
        raw = self.obj.get("@type")
        items = raw if isinstance(raw, list) else [raw] if raw is not None else []
        out = []
        for item in items:
            if isinstance(item, str):
                name = self.context.canonical_vocab(item)
                out.append(vocab.CLASS_ALIASES.get(name, name))
        return out

    def properties(self) -> Iterator[tuple[str, str | None, str]]:
        """Every key as ``(json_key, canonical IRI or None, json_path)``."""
        for key in self.obj:
            yield key, self.context.canonical_key(key), f"{self.path}{key_path(key)}"

    def vocab_value(self, raw: str) -> str:
        """Canonical compact IRI of a vocabulary-relative value (``sc:Text`` for ``Text``)."""
        name = canonical(self.context.expand_vocab_value(raw)) or raw
        return vocab.CLASS_ALIASES.get(name, name)


def flatten(raw: Any, path: str) -> list[Value]:
    """A property value as a flat list of values with paths (arrays, ``@list``/``@set``
    wrappers and ``{"@value": ...}`` objects unwrapped)."""
    return _flatten(raw, path)


def _flatten(raw: Any, path: str) -> list[Value]:
    if isinstance(raw, list):
        out: list[Value] = []
        for index, item in enumerate(raw):
            out.extend(_flatten(item, f"{path}[{index}]"))
        return out
    if isinstance(raw, dict):
        for wrapper in ("@list", "@set"):
            if wrapper in raw and len(raw) == 1:
                return _flatten(raw[wrapper], f"{path}['{wrapper}']")
        if "@value" in raw:
            language = raw.get("@language")
            tag = language if isinstance(language, str) else None
            return [Value(raw["@value"], f"{path}['@value']", tag)]
    return [Value(raw, path)]


_KEY_PATHS: dict[str, str] = {}


def key_path(key: str) -> str:
    """The JSON-path segment for ``key`` (``.name`` or ``['odd key']``)."""
    found = _KEY_PATHS.get(key)
    if found is None:
        if key.isidentifier():
            found = f".{key}"
        else:
            escaped = key.replace("\\", "\\\\").replace("'", "\\'")
            found = f"['{escaped}']"
        if len(_KEY_PATHS) < 100_000:
            _KEY_PATHS[key] = found
    return found


def json_kind(value: Any) -> str:
    """Human name of a JSON value's type (``an array``, ``a string``, ``null``)."""
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
        type(None): "null",
    }.get(type(value), type(value).__name__)
