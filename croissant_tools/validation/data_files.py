"""Layer 6a (``CR501``-``CR507``, ``--check-files``): the described files exist under the
dataset folder and match their declared size and checksum.

Only local files are read (never the network); every path is resolved with
:func:`croissant_tools.safety.resolve_local`, so nothing outside the dataset folder is
opened. Files inside archives and remote files are counted and reported as not checked.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path

from croissant_tools.errors import CroissantToolsError, SecurityError
from croissant_tools.model import FileObject, FileSet, Metadata
from croissant_tools.safety import classify_content_url, resolve_local
from croissant_tools.validation.report import ValidationIssue, make_issue

_BYTES = re.compile(r"^\s*(\d+)\s*(B|bytes?)?\s*$")


def check_files(metadata: Metadata, root: Path | None) -> list[ValidationIssue]:
    """Check every local FileObject and FileSet against the files under ``root``."""
    if root is None:
        message = "the document has no folder (it was given as a dict or URL); files not checked"
        return [make_issue("CR514", "$", message)]
    issues: list[ValidationIssue] = []
    skipped = 0
    for resource in metadata.distribution:
        if resource.contained_in:
            skipped += 1
        elif isinstance(resource, FileObject):
            skipped += _check_file_object(resource, root, issues)
        elif isinstance(resource, FileSet):
            _check_file_set(resource, root, issues)
    if skipped:
        message = f"{skipped} file(s) not checked: remote, or inside an archive or repository"
        issues.append(make_issue("CR505", "$.distribution", message))
    return issues


def _check_file_object(resource: FileObject, root: Path, issues: list[ValidationIssue]) -> int:
    url = resource.content_url
    if url is None or classify_content_url(url) != "relative":
        return 1 if url else 0  # unsafe URLs are reported by the semantic layer
    uid = resource.id
    try:
        path = resolve_local(root, url)
    except SecurityError as exc:
        issues.append(make_issue("CR506", resource.path, exc.message, node=uid))
        return 0
    if not path.is_file():
        message = f"contentUrl {url!r} names no file in the dataset folder"
        issues.append(make_issue("CR501", resource.path, message, node=uid))
        return 0
    algorithms = [a for a, v in (("sha256", resource.sha256), ("md5", resource.md5)) if v]
    from croissant_tools.hashing import hash_file

    try:
        digest = hash_file(path, algorithms)
    except CroissantToolsError as exc:
        issues.append(make_issue("CR507", resource.path, exc.message, node=uid))
        return 0
    declared = _declared_bytes(resource.content_size)
    if declared is not None and declared != digest.size:
        message = f"{url!r} is {digest.size:,} bytes, but contentSize says {declared:,}"
        issues.append(make_issue("CR502", resource.path, message, node=uid))
    for algorithm, expected in (("sha256", resource.sha256), ("md5", resource.md5)):
        actual = digest.digests.get(algorithm)
        wanted = _as_hex(expected) if expected else None
        if actual and wanted and actual != wanted:
            message = f"{algorithm} of {url!r} is {actual}, but the metadata says {expected}"
            issues.append(make_issue("CR503", resource.path, message, node=uid))
    return 0


def _declared_bytes(size: str | None) -> int | None:
    match = _BYTES.match(size) if size else None
    return int(match.group(1)) if match else None


def _as_hex(digest: str) -> str | None:
    """A hex digest as lower case; base64 md5 (Kaggle) decoded to hex."""
    if re.fullmatch(r"[0-9a-fA-F]+", digest):
        return digest.lower()
    try:
        return base64.b64decode(digest, validate=True).hex()
    except (binascii.Error, ValueError):
        return None  # malformed: reported by the semantic layer


def _check_file_set(resource: FileSet, root: Path, issues: list[ValidationIssue]) -> None:
    patterns = [p for p in resource.includes if classify_content_url(p) == "relative"]
    if not patterns:
        return
    matched = {path for pattern in patterns for path in _glob(root, pattern)}
    for pattern in resource.excludes:
        matched -= set(_glob(root, pattern))
    if not matched:
        shown = ", ".join(repr(p) for p in patterns)
        message = f"includes {shown} match no file in the dataset folder"
        issues.append(make_issue("CR504", resource.path, message, node=resource.id))


def _glob(root: Path, pattern: str) -> list[Path]:
    resolved = root.resolve()
    try:
        found = list(resolved.glob(pattern))
    except (ValueError, NotImplementedError):
        return []
    return [p for p in found if p.is_file() and p.resolve().is_relative_to(resolved)]
