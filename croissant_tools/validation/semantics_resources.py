"""Semantic checks of FileObjects and FileSets (part of layer 4, ``CR3xx``): checksums,
encoding formats, sizes, and whether a ``contentUrl`` can be read safely."""

from __future__ import annotations

import re
from collections.abc import Iterator

from croissant_tools import vocab
from croissant_tools.model import FileObject, FileSet, Metadata, Resource
from croissant_tools.safety import KNOWN_REMOTE_SCHEMES, classify_content_url
from croissant_tools.validation.report import ValidationIssue, make_issue

_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
_HEX32 = re.compile(r"^[0-9a-fA-F]{32}$")
_B64_MD5 = re.compile(r"^[A-Za-z0-9+/]{22}==$")
_SIZE = re.compile(
    r"^\s*\d+(\.\d+)?\s*(B|bytes?|[kKMGTP]B|[KMGTP]iB|kb|mb|gb|tb)?\s*$",
)
_UNSAFE = {
    "absolute_path": "is an absolute path, which can read any file on the machine",
    "file": "is a file:// URL, which can read any file on the machine",
    "parent_traversal": "leaves the dataset folder with '..'",
    "empty": "is empty",
}


def check_resources(metadata: Metadata) -> list[ValidationIssue]:
    """Check every FileObject and FileSet of the distribution."""
    read_by_fields = _resources_read(metadata)
    live = _is_live(metadata)
    issues: list[ValidationIssue] = []
    for resource in metadata.distribution:
        issues.extend(_check_formats(resource, metadata, read_by_fields))
        if isinstance(resource, FileObject):
            issues.extend(_check_file_object(resource, live))
        elif isinstance(resource, FileSet):
            for pattern in resource.includes + resource.excludes:
                issues.extend(_check_url(resource, pattern, "includes/excludes pattern"))
    return issues


def _is_live(metadata: Metadata) -> bool:
    value = metadata.node.first("cr:isLiveDataset")
    return value is not None and value.value in (True, "true", "True")


def _resources_read(metadata: Metadata) -> set[str]:
    """Ids of the resources that fields read records from (and the files they are in)."""
    direct = {
        item.source.resource
        for record_set in metadata.record_sets
        for item in record_set.walk_fields()
        if item.source is not None and item.source.resource
    }
    return {uid for uid in direct if uid}


def _check_formats(
    resource: Resource, metadata: Metadata, read_by_fields: set[str]
) -> Iterator[ValidationIssue]:
    for value in resource.node.values("sc:encodingFormat"):
        fmt = value.value
        if not isinstance(fmt, str) or not fmt.strip() or vocab.reader_kind(fmt) is not None:
            continue
        if resource.id in read_by_fields:
            message = (
                f"encodingFormat {fmt!r} is a valid MIME type for Croissant, but neither this "
                f"toolkit's loader nor mlcroissant reads it, so the records read from "
                f"{resource.id!r} cannot be loaded"
            )
            hint = "convert the data to a format loaders read (text/csv, application/x-parquet, "
            hint += "application/jsonlines...), or read the file yourself"
            close = _format_hint(fmt)
            yield make_issue(
                "CR321",
                value.path,
                message,
                node=resource.id,
                hint=close if close.startswith("did") else hint,
            )
        else:
            message = f"encodingFormat {fmt!r} is not a MIME type the loaders know"
            yield make_issue("CR322", value.path, message, node=resource.id, hint=_format_hint(fmt))


def _format_hint(fmt: str) -> str:
    import difflib

    close = difflib.get_close_matches(fmt.lower(), sorted(vocab.ENCODING_FORMATS), n=1, cutoff=0.85)
    if close:
        return f"did you mean {close[0]!r}?"
    return "use a MIME type such as text/csv, application/x-parquet or application/jsonlines"


def _check_file_object(resource: FileObject, live: bool) -> Iterator[ValidationIssue]:
    uid = resource.id
    yield from _check_checksums(resource)
    if resource.sha256 is None and resource.md5 is None and not live and not resource.contained_in:
        message = f"FileObject {uid!r} has no sha256 or md5, so downloads cannot be verified"
        yield make_issue("CR326", resource.path, message, node=uid)
    if resource.content_size is not None and not _SIZE.match(resource.content_size):
        size = resource.node.first("sc:contentSize")
        path = size.path if size else resource.path
        message = f"contentSize {resource.content_size!r} is not a size in bytes"
        yield make_issue("CR323", path, message, node=uid)
    if resource.content_url is not None:
        yield from _check_url(resource, resource.content_url, "contentUrl")


def _check_checksums(resource: FileObject) -> Iterator[ValidationIssue]:
    uid = resource.id
    sha = resource.node.first("sc:sha256") or resource.node.first("cr:sha256")
    if sha is not None and isinstance(sha.value, str) and not _HEX64.match(sha.value):
        if sha.value.startswith(("http://", "https://")) and _is_git(resource):
            message = f"sha256 of {uid!r} is a placeholder URL (as Hugging Face publishes)"
            yield make_issue("CR320", sha.path, message, node=uid)
        else:
            message = f"sha256 {sha.value!r} is not 64 hexadecimal digits"
            if _HEX32.match(sha.value):
                message += " (it has 32: an md5 digest? then write it as md5)"
            yield make_issue("CR319", sha.path, message, node=uid)
    md5 = resource.node.first("cr:md5") or resource.node.first("sc:md5")
    if md5 is None or not isinstance(md5.value, str):
        return
    if not (_HEX32.match(md5.value) or _B64_MD5.match(md5.value)):
        message = f"md5 {md5.value!r} is neither 32 hex digits nor base64 (as Kaggle writes)"
        yield make_issue("CR319", md5.path, message, node=uid)


def _is_git(resource: FileObject) -> bool:
    return any(vocab.reader_kind(f) == "git" for f in resource.encoding_formats)


def _check_url(resource: Resource, url: str, what: str) -> Iterator[ValidationIssue]:
    kind = classify_content_url(url)
    uid = resource.id
    if kind in ("relative", "http", "https"):
        return
    key = "sc:contentUrl" if what == "contentUrl" else "cr:includes"
    value = resource.node.first(key)
    path = value.path if value is not None and what == "contentUrl" else resource.path
    if kind == "other_scheme":
        scheme = url.split(":", 1)[0].lower()
        if scheme in KNOWN_REMOTE_SCHEMES:
            message = f"{what} {url!r} uses {scheme}://, which this toolkit does not fetch"
            yield make_issue("CR325", path, message, node=uid)
            return
        message = f"{what} {url!r} uses the unknown scheme {scheme!r}"
        yield make_issue("CR324", path, message, node=uid)
        return
    message = f"{what} {url!r} {_UNSAFE.get(kind, 'cannot be read safely')}"
    yield make_issue("CR324", path, message, node=uid)
