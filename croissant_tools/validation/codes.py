"""Every issue code the validator can emit, declared once: severity, layer, meaning, hint.

Codes are stable: a code is never reused for a different meaning. They are grouped by
the layer that emits them (``CR0xx`` read, ``CR1xx`` version and structure, ``CR2xx``
vocabulary, ``CR3xx`` semantics, ``CR4xx`` profiles, ``CR5xx`` data checks).
``docs/validation.md`` holds the same table; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Severity = Literal["error", "warning", "info"]
Layer = Literal["read", "structure", "vocabulary", "semantics", "profile", "data"]


@dataclass(frozen=True)
class Code:
    """One issue code: its default severity, the layer that emits it, and a generic hint."""

    code: str
    severity: Severity
    layer: Layer
    title: str
    hint: str


def _codes(layer: Layer, rows: list[tuple[str, Severity, str, str]]) -> list[Code]:
    return [Code(code, severity, layer, title, hint) for code, severity, title, hint in rows]


_READ = _codes(
    "read",
    [
        ("CR001", "error", "the file cannot be opened", "check the path and permissions"),
        ("CR002", "error", "the file is larger than the size limit", "raise --max-bytes"),
        ("CR003", "error", "the file is empty", "write the Croissant JSON-LD into it"),
        ("CR004", "error", "the file is binary, not JSON", "pass the metadata file"),
        ("CR005", "error", "the file is not UTF-8 text", "re-save the file as UTF-8"),
        ("CR006", "error", "the file is not valid JSON", "fix the syntax at the position"),
        ("CR007", "error", "the JSON is nested too deeply", "flatten the document"),
        ("CR008", "error", "the top level is not a JSON object", "wrap the dataset in {...}"),
        ("CR009", "error", "fetching a URL needs --allow-network", "pass --allow-network"),
        ("CR010", "error", "the URL could not be fetched", "check the URL and the network"),
        ("CR011", "error", "a key appears twice in one object", "keep one; parsers drop the other"),
        ("CR012", "error", "NaN or Infinity is not JSON", "use null or a string"),
        ("CR013", "error", "a lone surrogate is not Unicode text", "remove the \\udXXX escape"),
    ],
)
_STRUCTURE = _codes(
    "structure",
    [
        (
            "CR101",
            "error",
            "conformsTo is missing",
            'add "conformsTo": "http://mlcommons.org/croissant/1.1"',
        ),
        ("CR102", "error", "conformsTo names no supported Croissant version", "use 1.0 or 1.1"),
        ("CR103", "error", "conformsTo names two Croissant versions", "keep one version"),
        ("CR104", "error", "@context is missing", "copy the context of the Croissant spec"),
        ("CR105", "error", "@context cannot be used", "inline the Croissant context object"),
        ("CR106", "error", '@type is not "sc:Dataset"', 'set "@type": "sc:Dataset"'),
        ("CR110", "error", "a required property is missing", "add the property"),
        ("CR111", "error", "a value has the wrong JSON type", "use the type the spec expects"),
        ("CR112", "error", "a value is not one of the allowed values", "use an allowed value"),
        ("CR113", "error", "a value is malformed", "use the documented format"),
        ("CR114", "error", "a single-valued property has several values", "keep one value"),
        ("CR115", "error", "a value is empty", "give a non-empty value"),
        ("CR116", "error", "the value does not match the Croissant schema", "see the spec"),
    ],
)
_VOCABULARY = _codes(
    "vocabulary",
    [
        ("CR201", "warning", "unknown schema.org property", "check the spelling"),
        ("CR202", "error", "not a term of the Croissant vocabulary", "check the spelling"),
        ("CR203", "warning", "not a term of the RAI vocabulary", "check the spelling"),
        ("CR204", "error", "property in the wrong namespace", "use the namespace named"),
        ("CR205", "error", "key expands to no IRI; JSON-LD drops it", "define it in @context"),
        ("CR206", "error", "undefined prefix", "declare the prefix in @context"),
        ("CR207", "warning", "variant spelling of an RAI property", "use the canonical term"),
        ("CR208", "error", "Croissant 1.1 term in a 1.0 document", "declare conformsTo 1.1"),
        ("CR209", "warning", "deprecated term", "use its replacement"),
        ("CR210", "warning", "property does not apply to this kind of node", "move it"),
        ("CR211", "error", "non-canonical class name in @type", "use the cr: class"),
        ("CR212", "error", "the same property under two spellings", "merge them into one"),
        ("CR213", "error", "@vocab does not end with / or #", 'use "https://schema.org/"'),
        ("CR214", "warning", "unknown data type or class", "check the spelling"),
        ("CR215", "error", "@id is not a usable identifier", "use letters, digits, / - _ ."),
    ],
)
_SEMANTICS = _codes(
    "semantics",
    [
        ("CR301", "error", "two nodes share one @id", "make every @id unique"),
        ("CR302", "error", "reference to an @id that does not exist", "fix the @id"),
        ("CR303", "error", "reference to the wrong kind of node", "point at the right node"),
        ("CR304", "error", "node has no @id", 'add an "@id"'),
        ("CR305", "error", "field has neither source nor value", "add a source"),
        ("CR306", "error", "field has both source and value", "keep exactly one"),
        ("CR307", "error", "field has no usable dataType", 'add e.g. "dataType": "sc:Text"'),
        ("CR308", "error", "arrayShape without isArray", 'add "isArray": true'),
        ("CR309", "error", "arrayShape is malformed", 'write e.g. "-1" or "28,28"'),
        ("CR310", "error", "fields read from several sources without a join", "add references"),
        ("CR311", "error", "source must name exactly one origin", "keep one origin"),
        ("CR312", "error", "extract must say one thing to extract", "keep one"),
        ("CR313", "error", "transform must hold exactly one operation", "split it"),
        ("CR314", "error", "regex does not compile", "fix the regular expression"),
        ("CR315", "error", "JSONPath does not parse", "fix the JSONPath"),
        ("CR316", "error", "inline data does not match the fields", "key rows by field @id"),
        ("CR317", "error", "key names a field outside its record set", "use its own fields"),
        ("CR318", "error", "reference cycle", "break the cycle"),
        ("CR319", "error", "checksum is malformed", "write the hex digest"),
        ("CR320", "warning", "placeholder checksum", "give the real digest when known"),
        (
            "CR321",
            "warning",
            "records are read from a format no loader reads",
            "convert the data, or read it yourself",
        ),
        ("CR322", "warning", "unknown encodingFormat", "use a registered MIME type"),
        ("CR323", "warning", "contentSize is malformed", 'write e.g. "1234 B" or "12 MB"'),
        ("CR324", "error", "unsafe contentUrl", "use a path relative to the metadata file"),
        ("CR325", "warning", "contentUrl scheme is not fetched", "use https or a local path"),
        ("CR326", "warning", "file has no checksum", "add sha256"),
        ("CR327", "error", "split record set is malformed", "see the spec section Splits"),
        ("CR328", "error", "unknown split", "use cr:TrainingSplit/ValidationSplit/TestSplit"),
        ("CR329", "warning", "reference written as a plain string", 'write {"@id": "..."}'),
        ("CR330", "warning", "record set has no fields", "describe its fields"),
        ("CR331", "warning", "regex has no capture group", "wrap the value in (...)"),
        ("CR332", "error", "link uses a script or data scheme", "link to an https:// page"),
        ("CR333", "error", "reference chain too long to follow", "shorten the chain"),
    ],
)
_PROFILE = _codes(
    "profile",
    [
        ("CR401", "warning", "recommended property missing", "add the property"),
        ("CR402", "warning", "version is not MAJOR.MINOR.PATCH", 'write e.g. "1.0.0"'),
        ("CR403", "warning", "license is not a URL", "use an SPDX license URL"),
        ("CR404", "warning", "record set or field has no description", "describe it"),
        ("CR405", "warning", "dataset text is a placeholder", "write the real text"),
        ("CR410", "error", "required RAI property missing", "add the RAI property"),
        ("CR411", "error", "RAI property holds a placeholder", "write the real text"),
        ("CR412", "error", "no provenance", "add prov:wasDerivedFrom or prov:wasGeneratedBy"),
        ("CR413", "warning", "conformsTo does not declare RAI 1.0", "add the RAI IRI"),
        ("CR414", "error", "dataset text is a placeholder", "write the real text"),
    ],
)
_DATA = _codes(
    "data",
    [
        ("CR501", "error", "file not found under the dataset folder", "fix contentUrl"),
        ("CR502", "error", "file size differs from contentSize", "update contentSize"),
        ("CR503", "error", "checksum does not match the file", "update the checksum"),
        ("CR504", "error", "FileSet matches no files", "fix includes/excludes"),
        ("CR505", "info", "remote file not checked", "only local files are checked"),
        ("CR506", "error", "file lies outside the dataset folder", "keep files inside it"),
        ("CR507", "error", "file cannot be read", "check permissions"),
        ("CR508", "error", "column not found in the file", "name one of the file's columns"),
        ("CR510", "error", "records cannot be loaded", "see the message"),
        ("CR511", "error", "loading records timed out", "check the data and transforms"),
        ("CR512", "warning", "record set produced no records", "check sources and filters"),
        ("CR513", "warning", "record checks unavailable", "install the loader"),
        ("CR514", "info", "no dataset folder; file checks skipped", "validate a file path"),
    ],
)

CODES: Final[dict[str, Code]] = {
    c.code: c for c in _READ + _STRUCTURE + _VOCABULARY + _SEMANTICS + _PROFILE + _DATA
}
#: Read-layer codes after which nothing else can be checked (exit code 2 on the CLI).
FATAL_READ: Final[frozenset[str]] = frozenset({f"CR{n:03d}" for n in range(1, 11)})
