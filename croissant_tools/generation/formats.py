"""What a file is, from its name: kind, MIME type written to ``encodingFormat``, language.

The MIME types are the ones mlcroissant 1.1.1 reads (Parquet only as
``application/x-parquet``, JSON Lines as ``application/jsonlines``); our loader reads
those and their aliases (:data:`croissant_tools.vocab.ENCODING_FORMATS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from croissant_tools.validation.schema_files import read_json

TABLE_KINDS = frozenset({"csv", "tsv", "parquet", "json", "jsonl"})
ARCHIVE_KINDS = frozenset({"zip", "tar"})

MIME: dict[str, str] = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "parquet": "application/x-parquet",
    "json": "application/json",
    "jsonl": "application/jsonlines",
    "text": "text/plain",
    "code": "text/plain",
    "zip": "application/zip",
    "tar": "application/x-tar",
}
IMAGE_MIME: dict[str, str] = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".bmp": "image/bmp",
    ".webp": "image/webp",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}
_TABLE_EXT: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
TEXT_EXT = frozenset({".txt", ".md", ".rst", ".text"})
#: Source-code extension (lower case) -> language name, from ``schemas/languages.json``:
#: the one table of languages by extension (``pruning.languages`` agrees with it).
LANGUAGES: dict[str, str] = dict(read_json("languages.json")["extensions"])
DOC_STEMS = frozenset({"readme", "license", "licence", "changelog", "citation", "notice"})


@dataclass(frozen=True)
class FileKind:
    """What a file is: ``kind`` (csv, image, code, ...), extension, and gzip compression.

    ``extension`` is lower case (``.py``, ``.csv.gz``); ``spelt`` is the same suffix as the
    file name spells it when that differs (``.PY``): globs must use that spelling.
    """

    kind: str
    extension: str
    compressed: bool = False
    spelt: str = ""

    @property
    def suffix(self) -> str:
        """The extension as the file name spells it (globs are case-sensitive)."""
        return self.spelt or self.extension

    @property
    def language(self) -> str | None:
        """The language of a source-code file (``python``), else ``None``."""
        if self.kind != "code":
            return None
        return LANGUAGES[self.extension.removesuffix(".gz")]

    @property
    def mime(self) -> str:
        """The MIME type written to ``encodingFormat`` (of the decompressed content)."""
        if self.kind == "image":
            return IMAGE_MIME[self.extension]
        if self.kind == "doc":
            return "text/markdown" if self.extension == ".md" else "text/plain"
        return MIME.get(self.kind, "application/octet-stream")


def classify(path: str) -> FileKind:
    """Classify a relative path by its (lower-cased) extension; ``.gz`` wraps another kind.

    ``kind`` is one of csv, tsv, parquet, json, jsonl, text, code, image, zip, tar,
    doc (README/LICENSE at the top level) or other.
    """
    # string operations, not PurePosixPath: pathlib interns every name it parses
    name = path.rsplit("/", 1)[-1]
    dot = name.find(".", 1)
    if "/" in path and dot > 0 and not name.startswith("."):
        return _by_suffixes(name[dot:])  # only the suffixes matter below the top level
    return _spelt(_classify(path), path)


@lru_cache(maxsize=4096)
def _by_suffixes(suffixes: str) -> FileKind:
    """:func:`classify` of a file below the top level, by its suffixes (``.tar.GZ``)."""
    return _spelt(_classify("x/x" + suffixes), suffixes)


def _spelt(found: FileKind, path: str) -> FileKind:
    """``found`` with the extension as ``path`` spells it, when its case differs."""
    if not found.extension:
        return found
    spelt = path[-len(found.extension) :]
    if spelt != found.extension and spelt.lower() == found.extension:
        return FileKind(found.kind, found.extension, found.compressed, spelt)
    return found


def _classify(path: str) -> FileKind:
    name = path.rsplit("/", 1)[-1].lower()
    suffixes = ["." + part for part in name.lstrip(".").split(".")[1:]]
    if name.endswith((".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar")):
        return FileKind("tar", "".join(suffixes[-2:]) if len(suffixes) > 1 else ".tar")
    ext = suffixes[-1] if suffixes else ""
    if ext == ".zip":
        return FileKind("zip", ext)
    if ext == ".gz" and len(suffixes) > 1:
        inner = _classify(name[: -len(".gz")])
        if inner.kind in TABLE_KINDS - {"parquet"} or inner.kind in ("text", "code"):
            return FileKind(inner.kind, inner.extension + ".gz", compressed=True)
        return FileKind("other", ext)
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    if "/" not in path and stem in DOC_STEMS:
        return FileKind("doc", ext)
    if ext in _TABLE_EXT:
        return FileKind(_TABLE_EXT[ext], ext)
    if ext in IMAGE_MIME:
        return FileKind("image", ext)
    if ext in LANGUAGES:
        return FileKind("code", ext)
    if ext in TEXT_EXT:
        return FileKind("text", ext)
    return FileKind("other", ext)


def glob_escape(path: str) -> str:
    """Escape a literal path for an include/exclude glob (``[`` ``*`` ``?`` as classes)."""
    return "".join(f"[{c}]" if c in "[]*?" else c for c in path)
