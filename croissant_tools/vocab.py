"""The Croissant vocabulary, declared once: namespaces, versions, contexts, classes, terms.

Everything that reads or writes Croissant (validator, generator, loader, publisher) takes
its names from here, so a property is spelt in exactly one place.

Internally every IRI is written in *canonical compact form* with the fixed prefixes of
:data:`PREFIXES` (``sc:name``, ``cr:field``, ``dct:conformsTo``, ``rai:dataBiases``).
``http://schema.org/`` and ``https://schema.org/`` are the same vocabulary: both compact
to ``sc:``.
"""

from __future__ import annotations

from typing import Final

SC: Final = "https://schema.org/"
SC_HTTP: Final = "http://schema.org/"
CR: Final = "http://mlcommons.org/croissant/"
RAI: Final = "http://mlcommons.org/croissant/RAI/"
DCT: Final = "http://purl.org/dc/terms/"
PROV: Final = "http://www.w3.org/ns/prov#"
WD: Final = "http://www.wikidata.org/entity/"
WDT: Final = "http://www.wikidata.org/prop/direct/"
FOAF: Final = "http://xmlns.com/foaf/0.1/"
XSD: Final = "http://www.w3.org/2001/XMLSchema#"

#: prefix -> namespace IRI, in the order used to compact IRIs (schema.org twice on purpose).
PREFIXES: Final[dict[str, str]] = {
    "sc": SC,
    "cr": CR,
    "rai": RAI,
    "dct": DCT,
    "prov": PROV,
    "wd": WD,
    "wdt": WDT,
    "foaf": FOAF,
    "xsd": XSD,
}

CROISSANT_1_0: Final = "http://mlcommons.org/croissant/1.0"
CROISSANT_1_1: Final = "http://mlcommons.org/croissant/1.1"
RAI_1_0: Final = "http://mlcommons.org/croissant/RAI/1.0"
#: conformsTo IRI -> version label
CROISSANT_VERSIONS: Final[dict[str, str]] = {CROISSANT_1_0: "1.0", CROISSANT_1_1: "1.1"}
#: conformsTo values that are not Croissant core versions but are understood.
KNOWN_PROFILES: Final[frozenset[str]] = frozenset({RAI_1_0})
OLD_VERSIONS: Final[frozenset[str]] = frozenset(
    {"http://mlcommons.org/croissant/0.8", "http://mlcommons.org/croissant/0.7"}
)

_CONTEXT_COMMON: Final[dict[str, object]] = {
    "@language": "en",
    "@vocab": SC,
    "sc": SC,
    "cr": CR,
    "rai": RAI,
    "dct": DCT,
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

#: The @context that Croissant 1.0 documents publish (as the mlcommons examples do).
CONTEXT_1_0: Final[dict[str, object]] = dict(_CONTEXT_COMMON)

#: The Croissant 1.1 @context (spec Appendix 1), written with ``https://schema.org/``
#: because mlcroissant 1.1.1 rejects ``http://schema.org/`` ("doesn't extend
#: https://schema.org/Dataset", mlcommons/croissant#865), plus the ``prov`` prefix.
CONTEXT_1_1: Final[dict[str, object]] = {
    **_CONTEXT_COMMON,
    "prov": PROV,
    "annotation": "cr:annotation",
    "arrayShape": "cr:arrayShape",
    "containedIn": "cr:containedIn",
    "equivalentProperty": "cr:equivalentProperty",
    "excludes": "cr:excludes",
    "isArray": "cr:isArray",
    "readLines": "cr:readLines",
    "sdVersion": "cr:sdVersion",
    "unArchive": "cr:unArchive",
    "value": "cr:value",
}

# --- Classes --------------------------------------------------------------------------
DATASET: Final = "sc:Dataset"
FILE_OBJECT: Final = "cr:FileObject"
FILE_SET: Final = "cr:FileSet"
RECORD_SET: Final = "cr:RecordSet"
FIELD: Final = "cr:Field"
#: Type names that older or hand-written documents use for the same classes.
CLASS_ALIASES: Final[dict[str, str]] = {
    "sc:FileObject": FILE_OBJECT,
    "sc:FileSet": FILE_SET,
    "sc:MediaObject": FILE_OBJECT,
    "sc:DataDownload": FILE_OBJECT,
    "cr:DataDownload": FILE_OBJECT,
    "sc:RecordSet": RECORD_SET,
    "sc:Field": FIELD,
}

#: Class names that exist in no vocabulary but that files use for Croissant classes;
#: readers accept them, the validator reports them (mlcroissant 1.x ignores such nodes).
MISSPELT_CLASSES: Final[dict[str, str]] = {
    "sc:FileObject": FILE_OBJECT,
    "sc:FileSet": FILE_SET,
    "sc:RecordSet": RECORD_SET,
    "sc:Field": FIELD,
    "cr:DataDownload": FILE_OBJECT,
}

# --- Data types -----------------------------------------------------------------------
ATOMIC_TYPES: Final[frozenset[str]] = frozenset(
    {
        "sc:Boolean",
        "sc:Date",
        "sc:DateTime",
        "sc:Float",
        "sc:Integer",
        "sc:Number",
        "sc:Text",
        "sc:Time",
        "sc:URL",
        "cr:Int8",
        "cr:Int16",
        "cr:Int32",
        "cr:Int64",
        "cr:UInt8",
        "cr:UInt16",
        "cr:UInt32",
        "cr:UInt64",
        "cr:Float16",
        "cr:Float32",
        "cr:Float64",
        "cr:Bool",
    }
)
ML_TYPES: Final[frozenset[str]] = frozenset(
    {
        "sc:ImageObject",
        "sc:AudioObject",
        "sc:VideoObject",
        "cr:BoundingBox",
        "cr:SegmentationMask",
        "cr:Label",
        "cr:Split",
        "cr:TrainingSplit",
        "cr:ValidationSplit",
        "cr:TestSplit",
    }
)
SPLIT: Final = "cr:Split"
SPLIT_VALUES: Final[frozenset[str]] = frozenset(
    {"cr:TrainingSplit", "cr:ValidationSplit", "cr:TestSplit"}
)

FILE_PROPERTIES: Final[frozenset[str]] = frozenset(
    {"fullpath", "filename", "content", "lines", "lineNumbers", "filepath"}
)

# --- Encoding formats -----------------------------------------------------------------
#: MIME type (lower case, no parameters) -> reader kind. The loader can read every kind
#: listed; aliases published by other tools map to the same kind.
ENCODING_FORMATS: Final[dict[str, str]] = {
    "text/csv": "csv",
    "text/comma-separated-values": "csv",
    "text/tab-separated-values": "tsv",
    "application/x-parquet": "parquet",
    "application/vnd.apache.parquet": "parquet",
    "application/parquet": "parquet",
    "application/json": "json",
    "application/jsonlines": "jsonl",
    "application/jsonl": "jsonl",
    "application/jsonl+json": "jsonl",
    "application/x-jsonlines": "jsonl",
    "application/x-ndjson": "jsonl",
    "application/ndjson": "jsonl",
    "text/plain": "text",
    "text/markdown": "text",
    "text/x-rst": "text",
    "text/x-python": "text",
    "text/x-script.python": "text",
    "text/javascript": "text",
    "application/javascript": "text",
    "text/x-java": "text",
    "text/x-java-source": "text",
    "text/x-c": "text",
    "text/x-c++": "text",
    "text/x-csrc": "text",
    "text/x-c++src": "text",
    "text/x-go": "text",
    "text/x-rust": "text",
    "text/x-typescript": "text",
    "image/jpeg": "image",
    "image/png": "image",
    "image/gif": "image",
    "image/bmp": "image",
    "image/webp": "image",
    "image/tiff": "image",
    "audio/mpeg": "audio",
    "audio/wav": "audio",
    "audio/x-wav": "audio",
    "audio/flac": "audio",
    "video/mp4": "video",
    "application/zip": "zip",
    "application/x-zip-compressed": "zip",
    "application/x-tar": "tar",
    "application/x-gtar": "tar",
    "application/x-gziptar": "tar",
    "application/x-tar+gzip": "tar",
    "application/gzip": "gzip",
    "application/x-gzip": "gzip",
    "git+https": "git",
    "https://ml.cms.waikato.ac.nz/weka/arff.html": "arff",
    "image/dicom": "dicom",
}
ARCHIVE_KINDS: Final[frozenset[str]] = frozenset({"zip", "tar", "gzip", "git"})

# --- Responsible AI -------------------------------------------------------------------
#: Canonical RAI 1.0 properties (compact form).
RAI_TERMS: Final[tuple[str, ...]] = (
    "rai:dataCollection",
    "rai:dataCollectionType",
    "rai:dataCollectionMissingData",
    "rai:dataCollectionRawData",
    "rai:dataCollectionTimeframe",
    "rai:dataImputationProtocol",
    "rai:dataManipulationProtocol",
    "rai:dataPreprocessingProtocol",
    "rai:dataAnnotationProtocol",
    "rai:dataAnnotationPlatform",
    "rai:dataAnnotationAnalysis",
    "rai:dataReleaseMaintenancePlan",
    "rai:personalSensitiveInformation",
    "rai:dataSocialImpact",
    "rai:dataBiases",
    "rai:dataLimitations",
    "rai:dataUseCases",
    "rai:annotationsPerItem",
    "rai:annotatorDemographics",
    "rai:machineAnnotationTools",
)
#: Terms outside RAI 1.0 that NeurIPS submitters commonly add (accepted without warning).
RAI_COMMUNITY_TERMS: Final[tuple[str, ...]] = ("rai:hasSyntheticData",)
#: Variant spellings seen in the RAI document and in mlcroissant -> canonical term.
RAI_VARIANTS: Final[dict[str, str]] = {
    "rai:useCases": "rai:dataUseCases",
    "rai:dataReleaseMaintenance": "rai:dataReleaseMaintenancePlan",
    "rai:annotationPlatform": "rai:dataAnnotationPlatform",
    "rai:annotatorsDemographics": "rai:annotatorDemographics",
    "rai:dataCollectionRaw": "rai:dataCollectionRawData",
    "rai:dataCollectionTimeFrame": "rai:dataCollectionTimeframe",
    "rai:dataCollectionTimeFrameStart": "rai:dataCollectionTimeframe",
    "rai:dataCollectionTimeFrameEnd": "rai:dataCollectionTimeframe",
    "rai:dataDataManipulationProtocol": "rai:dataManipulationProtocol",
}


def compact(iri: str) -> str:
    """Return the canonical compact form of an absolute IRI (``sc:``, ``cr:``, ...).

    IRIs outside the known namespaces are returned unchanged. ``http://schema.org/x``
    and ``https://schema.org/x`` both become ``sc:x``.
    """
    if iri.startswith(SC_HTTP):
        return "sc:" + iri[len(SC_HTTP) :]
    best = ""
    best_prefix = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, best_prefix = namespace, prefix
    if best:
        return f"{best_prefix}:{iri[len(best) :]}"
    return iri


def expand(compact_iri: str) -> str:
    """Inverse of :func:`compact` for the fixed prefixes (schema.org expands to https)."""
    prefix, sep, rest = compact_iri.partition(":")
    if sep and prefix in PREFIXES and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return compact_iri


def reader_kind(encoding_format: str) -> str | None:
    """Reader kind for a MIME type (``text/csv`` -> ``csv``), ignoring case and parameters."""
    base = encoding_format.split(";", 1)[0].strip().lower()
    return ENCODING_FORMATS.get(base)


# --- Terms, by version and namespace --------------------------------------------------
#: Croissant (``cr:``) properties -> the first Croissant version that defines them.
CR_PROPERTIES: Final[dict[str, str]] = {
    **{
        f"cr:{name}": "1.0"
        for name in [
            "citeAs",
            "column",
            "data",
            "dataType",
            "examples",
            "extract",
            "field",
            "fileProperty",
            "fileObject",
            "fileSet",
            "format",
            "includes",
            "excludes",
            "isLiveDataset",
            "jsonPath",
            "key",
            "md5",
            "parentField",
            "path",
            "recordSet",
            "references",
            "regex",
            "repeated",
            "replace",
            "samplingRate",
            "separator",
            "source",
            "subField",
            "transform",
            "equivalentProperty",
            "isEnumeration",
        ]
    },
    **{
        f"cr:{name}": "1.1"
        for name in [
            "annotation",
            "arrayShape",
            "isArray",
            "containedIn",
            "sdVersion",
            "readLines",
            "unArchive",
            "value",
        ]
    },
}
#: Croissant classes (``@type`` values and data types) defined in the ``cr:`` namespace.
CR_CLASSES: Final[frozenset[str]] = frozenset(
    {
        "cr:FileObject",
        "cr:FileSet",
        "cr:RecordSet",
        "cr:Field",
        "cr:DataSource",
        "cr:Extract",
        "cr:Transform",
        "cr:DataType",
        "cr:Format",
        "cr:Reference",
    }
    | {t for t in ML_TYPES | ATOMIC_TYPES if t.startswith("cr:")}
)
#: Deprecated or pre-1.0 terms -> (replacement, explanation).
DEPRECATED_TERMS: Final[dict[str, tuple[str, str]]] = {
    "cr:repeated": ("cr:isArray", "Croissant 1.1 replaces repeated with isArray"),
    "cr:delimiter": ("cr:separator", "the transform property is called separator"),
    "cr:isEnumeration": ("cr:dataType", 'use "dataType": "sc:Enumeration" on the record set'),
}
#: Properties whose namespace depends on the Croissant version (mlcroissant reads only the
#: IRI of the declared version and silently drops the other): local name -> version -> IRI.
VERSIONED_NAMESPACE: Final[dict[str, dict[str, str]]] = {
    "containedIn": {"1.0": "sc:containedIn", "1.1": "cr:containedIn"},
}
#: Properties Croissant takes from schema.org (not in the ``cr:`` namespace).
SC_CROISSANT_PROPERTIES: Final[frozenset[str]] = frozenset(
    {"sc:sha256", "sc:contentUrl", "sc:contentSize", "sc:encodingFormat", "sc:distribution"}
)
#: Class (canonical) -> the ``cr:`` properties that apply to it; used to report a
#: Croissant property placed on the wrong kind of node.
CR_DOMAINS: Final[dict[str, frozenset[str]]] = {
    "cr:includes": frozenset({FILE_SET}),
    "cr:excludes": frozenset({FILE_SET}),
    "cr:field": frozenset({RECORD_SET, "cr:DataSource"}),
    "cr:key": frozenset({RECORD_SET}),
    "cr:data": frozenset({RECORD_SET}),
    "cr:examples": frozenset({RECORD_SET}),
    "cr:subField": frozenset({FIELD}),
    "cr:parentField": frozenset({FIELD}),
    "cr:isArray": frozenset({FIELD}),
    "cr:arrayShape": frozenset({FIELD}),
    "cr:value": frozenset({FIELD}),
    "cr:references": frozenset({FIELD}),
    "cr:source": frozenset({FIELD}),
    "cr:containedIn": frozenset({FILE_OBJECT, FILE_SET}),
    "cr:md5": frozenset({FILE_OBJECT}),
    "cr:isLiveDataset": frozenset({DATASET}),
    "cr:citeAs": frozenset({DATASET}),
    "cr:recordSet": frozenset({DATASET, "cr:DataSource"}),
}
#: Data types a loader can turn into values (at least one is needed on a field or its
#: source field, as mlcroissant requires).
LOADABLE_TYPES: Final[frozenset[str]] = ATOMIC_TYPES | frozenset(
    {"sc:ImageObject", "sc:AudioObject", "sc:VideoObject", "cr:BoundingBox", "cr:Split"}
)


#: Data type names people write for a Croissant type (compact form) -> the type meant.
DATA_TYPE_SYNONYMS: Final[dict[str, str]] = {
    "sc:String": "sc:Text",
    "sc:Str": "sc:Text",
    "sc:Int": "sc:Integer",
    "sc:Double": "sc:Float",
    "sc:Bool": "sc:Boolean",
    "sc:Datetime": "sc:DateTime",
}


def suggest_data_type(name: str) -> str | None:
    """The loadable data type that ``name`` (a compact IRI) was probably meant to be."""
    if name in DATA_TYPE_SYNONYMS:
        return DATA_TYPE_SYNONYMS[name]
    import difflib

    prefix = name.split(":", 1)[0] + ":"
    close = difflib.get_close_matches(
        name, sorted(t for t in LOADABLE_TYPES if t.startswith(prefix)), n=1, cutoff=0.75
    )
    return close[0] if close else None


def version_of(conforms_to: str) -> str | None:
    """The Croissant version label of a ``conformsTo`` IRI (``"1.1"``), or ``None``.

    Only the exact IRIs count (as in mlcroissant); see :func:`near_version` for the
    near misses that published files contain (``https``, a trailing slash).
    """
    return CROISSANT_VERSIONS.get(conforms_to)


def near_version(conforms_to: str) -> str | None:
    """The exact Croissant IRI that ``conforms_to`` was probably meant to be, if any."""
    normalized = conforms_to.strip().rstrip("/").replace("https://", "http://", 1)
    normalized = normalized.replace("www.mlcommons.org", "mlcommons.org")
    return normalized if normalized in CROISSANT_VERSIONS else None
