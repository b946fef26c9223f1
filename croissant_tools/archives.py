"""Safe extraction of zip, tar (plain or compressed) and single-file gzip archives.

mlcroissant calls ``tarfile.extractall`` without a filter, so a member named
``../../x`` lands outside its cache. Here every member is checked before a byte is
written:

* names: no absolute paths, drive letters, ``..`` components, NUL bytes or empty names
  (backslashes count as separators for this check);
* links: zip symlinks are refused; tar members go through :func:`tarfile.data_filter`
  (no links or hard links leaving the target, no device files, no set-uid bits);
* size: total bytes written, member count and compression ratio (bytes written /
  archive size, enforced once the output passes ``ratio_floor_bytes``) are capped, on
  the bytes actually written for zip and gzip (their headers can lie) and on member
  headers for tar (tar stores data uncompressed, so header sizes are exact).

Any refusal raises :class:`~croissant_tools.errors.SecurityError`; a corrupt archive
raises :class:`~croissant_tools.errors.DataError`. Extract into an empty staging folder
(:meth:`croissant_tools.cache.Cache.staging_dir`) and move it into place only on success.
"""

from __future__ import annotations

import gzip
import stat
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any, Literal

from croissant_tools.errors import DataError, SecurityError, UsageError

ArchiveFormat = Literal["zip", "tar", "gzip"]
_CHUNK = 1024 * 1024
PROGRESS_BYTES = 64 * 1024**2


@dataclass(frozen=True)
class ExtractLimits:
    """Caps applied while extracting (see the module docstring)."""

    max_total_bytes: int = 16 * 1024**3
    max_members: int = 1_000_000
    max_ratio: float = 250.0
    ratio_floor_bytes: int = 64 * 1024**2

    def __post_init__(self) -> None:
        if min(self.max_total_bytes, self.max_members) <= 0 or self.max_ratio <= 1:
            raise UsageError(
                "archive limits must be positive (and max_ratio greater than 1)",
                hint=f"got {self}",
            )


def archive_format(path: Path) -> ArchiveFormat | None:
    """Recognise an archive by its content (never by its name); ``None`` if it is not one."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zip"
    try:
        if tarfile.is_tarfile(path):
            return "tar"
    except (OSError, EOFError, zlib.error):
        pass
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    return None


def safe_member_path(name: str, *, where: str) -> PurePosixPath | None:
    """The relative path a member may be written to; ``None`` for the archive root itself.

    Raises :class:`SecurityError` for names that could land outside the target.
    """
    if "\x00" in name:
        raise SecurityError(f"archive member {name!r} contains a NUL byte", where=where)
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(parts[0]) == 2 and parts[0][1] == ":"):
        raise SecurityError(f"archive member {name!r} has an absolute path", where=where)
    if ".." in parts:
        raise SecurityError(
            f"archive member {name!r} leaves the extraction folder with '..'", where=where
        )
    kept = [part for part in parts if part not in ("", ".")]
    return PurePosixPath(*kept) if kept else None


class _Budget:
    """Counts members and bytes written against the limits."""

    def __init__(self, limits: ExtractLimits, archive_size: int, where: str):
        self.limits = limits
        self.archive_size = max(archive_size, 1)
        self.where = where
        self.members = 0
        self.written = 0
        self.bar: Any = None
        if archive_size >= PROGRESS_BYTES:  # long extractions show progress on stderr
            from tqdm import tqdm

            self.bar = tqdm(
                unit="B", unit_scale=True, desc=f"extracting {where}", file=sys.stderr,
                disable=None, leave=False,
            )  # fmt: skip

    def member(self) -> None:
        self.members += 1
        if self.members > self.limits.max_members:
            raise SecurityError(
                f"archive has more than {self.limits.max_members:,} members",
                where=self.where,
                hint="raise ExtractLimits.max_members if the archive is trusted",
            )

    def add(self, count: int) -> None:
        self.written += count
        if self.bar is not None:
            self.bar.update(count)
        limits = self.limits
        if self.written > limits.max_total_bytes:
            raise SecurityError(
                f"archive expands to more than {limits.max_total_bytes:,} bytes",
                where=self.where,
                hint="raise ExtractLimits.max_total_bytes if the archive is trusted",
            )
        ratio = self.written / self.archive_size
        if self.written > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise SecurityError(
                f"archive expands more than {limits.max_ratio:g} times its size "
                "(a compression bomb?)",
                where=self.where,
                hint="raise ExtractLimits.max_ratio if the archive is trusted",
            )


def _copy(source: IO[bytes] | gzip.GzipFile, target: Path, budget: _Budget) -> None:
    with target.open("xb") as out:
        while chunk := source.read(_CHUNK):
            budget.add(len(chunk))
            out.write(chunk)


def extract(
    archive: Path,
    target: Path,
    *,
    limits: ExtractLimits | None = None,
    where: str | None = None,
    name_hint: str | None = None,
) -> ArchiveFormat:
    """Extract ``archive`` into the existing, empty folder ``target``; return its format.

    ``name_hint`` is the archive's original file name: a single-file gzip ``x.csv.gz``
    extracts to ``x.csv``. On error ``target`` may hold a partial extraction: delete it.
    """
    location = where or str(archive)
    budget = _Budget(limits or ExtractLimits(), archive.stat().st_size, location)
    kind = archive_format(archive)
    try:
        if kind == "zip":
            _extract_zip(archive, target, budget)
        elif kind == "tar":
            _extract_tar(archive, target, budget)
        elif kind == "gzip":
            stem = Path(name_hint or archive.name)
            name = stem.stem if stem.suffix.lower() in (".gz", ".gzip") else stem.name + ".out"
            budget.member()
            with gzip.open(archive, "rb") as source:
                _copy(source, target / name, budget)
        else:
            raise DataError(
                "not a zip, tar or gzip archive", where=location, hint="check encodingFormat"
            )
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise DataError(f"corrupt {kind} archive: {exc}", where=location) from None
    finally:
        if budget.bar is not None:
            budget.bar.close()
    return kind


def _extract_zip(archive: Path, target: Path, budget: _Budget) -> None:
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            budget.member()
            where = f"{budget.where}!{info.filename}"
            relative = safe_member_path(info.filename, where=where)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise SecurityError(f"archive member {info.filename!r} is a symlink", where=where)
            if relative is None:
                continue
            destination = target.joinpath(*relative.parts)
            if info.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            if destination.exists():
                raise SecurityError(f"archive member {info.filename!r} appears twice", where=where)
            with zf.open(info) as source:
                _copy(source, destination, budget)


def _checked_tar_members(
    tar: tarfile.TarFile, target: Path, budget: _Budget
) -> Iterator[tarfile.TarInfo]:
    for member in tar:
        budget.member()
        where = f"{budget.where}!{member.name}"
        if safe_member_path(member.name, where=where) is None:
            continue
        try:
            checked = tarfile.data_filter(member, str(target))
        except tarfile.FilterError as exc:
            raise SecurityError(f"unsafe archive member: {exc}", where=where) from None
        if checked is None:
            continue
        if checked.isfile():
            budget.add(checked.size)
        yield checked


def _extract_tar(archive: Path, target: Path, budget: _Budget) -> None:
    with tarfile.open(archive, "r:*") as tar:
        for member in _checked_tar_members(tar, target, budget):
            tar.extract(member, target, filter="data")
