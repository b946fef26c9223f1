"""Where a dataset may read from: local paths stay under the dataset root.

mlcroissant reads ``../x`` and absolute ``contentUrl`` values from anywhere on disk; here
every local path is resolved against the dataset root and refused if it (or a symlink on
the way) leads outside. The validator uses :func:`classify_content_url` to report unsafe
URLs statically; the loader and generator use :func:`resolve_local` before opening a file.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from croissant_tools.errors import SecurityError

UrlKind = Literal[
    "relative",
    "http",
    "https",
    "file",
    "absolute_path",
    "parent_traversal",
    "other_scheme",
    "empty",
]
#: Links of a reference chain (archives in archives, record sets reading from record
#: sets) that validators and readers follow; longer chains are refused (``CR333``).
MAX_REFERENCE_CHAIN = 32
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
REMOTE_SCHEMES = frozenset({"http", "https"})
#: Schemes that name data elsewhere but that this toolkit does not fetch by itself.
KNOWN_REMOTE_SCHEMES = frozenset({"s3", "gs", "gcs", "hf", "git+https", "ftp", "az", "abfs"})


def classify_content_url(url: str) -> UrlKind:
    """Classify a ``contentUrl`` by how (and whether) it can be read safely.

    ``relative`` paths resolve under the dataset root; ``parent_traversal`` leaves it
    (``../x`` or ``a/../../x``); ``absolute_path`` (``/etc/passwd``, ``C:\\x``) and ``file``
    URLs point anywhere on the machine; ``other_scheme`` is neither local nor http(s).
    """
    if not url.strip():
        return "empty"
    if _WINDOWS_DRIVE.match(url) or url.startswith(("/", "\\")):
        return "absolute_path"
    scheme = urlparse(url).scheme.lower()
    if scheme in ("http", "https"):
        return scheme  # type: ignore[return-value]
    if scheme == "file":
        return "file"
    if scheme and url.startswith(f"{scheme}:") and len(scheme) > 1:
        return "other_scheme"
    normalized = posixpath.normpath(url.replace("\\", "/"))
    if normalized == ".." or normalized.startswith("../"):
        return "parent_traversal"
    return "relative"


def resolve_path(path: Path) -> Path:
    """``path`` with symlinks resolved; a symlink loop stays unresolved (absolute).

    Python 3.11 raises ``RuntimeError`` for a loop where later versions return the path
    as is; either way nothing can be read through a loop, so callers find no file there
    (``is_file()`` is false) instead of crashing.
    """
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return path.absolute()


def is_within(root: Path, path: Path) -> bool:
    """Whether the fully resolved ``path`` is ``root`` or inside it (symlinks followed)."""
    try:
        resolve_path(path).relative_to(resolve_path(root))
    except ValueError:
        return False
    return True


def resolve_local(root: Path, url: str, *, where: str | None = None) -> Path:
    """Resolve a relative ``contentUrl`` under ``root``, refusing anything that leaves it.

    Raises :class:`~croissant_tools.errors.SecurityError` (exit code 4) for absolute
    paths, ``file://`` URLs, ``..`` traversal and symlinks whose target is outside the
    root. The returned path is the resolved one (symlinks inside the root are followed).
    """
    kind = classify_content_url(url)
    location = where or url
    if kind != "relative":
        reasons = {
            "absolute_path": "is an absolute path",
            "file": "is a file:// URL",
            "parent_traversal": "leaves the dataset folder with '..'",
            "empty": "is empty",
            "http": "is a remote URL",
            "https": "is a remote URL",
            "other_scheme": "uses a scheme that is not a local path",
        }
        raise SecurityError(
            f"refusing to read {url!r}: it {reasons[kind]}",
            where=location,
            hint="contentUrl must be a path relative to the folder of the Croissant file",
        )
    resolved_root = resolve_path(root)
    candidate = resolve_path(resolved_root / url.replace("\\", "/"))
    try:
        candidate.relative_to(resolved_root)
    except ValueError:
        raise SecurityError(
            f"refusing to read {url!r}: it resolves outside the dataset folder "
            f"(a symlink points to {candidate})",
            where=location,
        ) from None
    return candidate
