"""From FileObjects and FileSets to local files that are safe to open.

:class:`Resolver` turns a resource ``@id`` into a sorted list of :class:`FileRef`:

* a local ``contentUrl`` must resolve under the dataset root (``..``, absolute paths,
  ``file://`` and symlinks that leave the root are refused);
* a remote one is downloaded only if the network policy allows it (see :mod:`.fetch`);
* a resource ``containedIn`` an archive is looked up in the archive's safe extraction,
  cached under the archive's sha256;
* a FileSet lists the files matching ``includes`` and none of ``excludes`` (fnmatch
  globs on the path relative to the root or to the archive, where ``*`` also crosses
  ``/``, as mlcroissant matches them), sorted by that path;
* declared checksums are verified before a file is used.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from croissant_tools import vocab
from croissant_tools.archives import archive_format, extract
from croissant_tools.cache import Cache
from croissant_tools.errors import DataError, InputError, SecurityError, UsageError
from croissant_tools.loading.checksums import digests, verify_file
from croissant_tools.loading.fetch import fetch, size_limit
from croissant_tools.loading.options import LoadOptions
from croissant_tools.model import FileObject, FileSet, Metadata, Resource
from croissant_tools.safety import (
    MAX_REFERENCE_CHAIN,
    classify_content_url,
    resolve_local,
    resolve_path,
)

#: File name suffix → reader kind, used when a resource declares several formats.
SUFFIX_KINDS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "text",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
}


@dataclass(frozen=True)
class FileRef:
    """One local file of a resource, with the Croissant file properties of it."""

    path: str
    fullpath: str
    resource: str
    kind: str | None

    @property
    def filename(self) -> str:
        """The file's base name."""
        return posixpath.basename(self.fullpath)


def resource_kinds(resource: Resource) -> list[str]:
    """Reader kinds of the resource's encoding formats, in declared order, no duplicates."""
    kinds = [vocab.reader_kind(f) for f in resource.encoding_formats]
    return list(dict.fromkeys(k for k in kinds if k is not None))


def file_kind(kinds: list[str], name: str) -> str | None:
    """The reader kind for one file: the only declared one, else by suffix, else the first."""
    data_kinds = [k for k in kinds if k not in vocab.ARCHIVE_KINDS]
    if len(data_kinds) == 1:
        return data_kinds[0]
    lowered = name.lower()
    for suffix in (s for s in (".gz",) if lowered.endswith(s)):
        lowered = lowered[: -len(suffix)]
    by_suffix = SUFFIX_KINDS.get(posixpath.splitext(lowered)[1])
    if by_suffix and (by_suffix in data_kinds or not data_kinds):
        return by_suffix
    return data_kinds[0] if data_kinds else None


@cache
def _glob(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(pattern))


def glob_match(patterns: list[str], relative: str) -> bool:
    """Whether any fnmatch pattern matches the whole relative path."""
    return any(_glob(p).match(relative) for p in patterns)


def owner_of(metadata: Metadata, root: Path, target: Path) -> str | None:
    """The local resource of the dataset that ``target`` is (or would be matched by), if any.

    ``FileObject 'x'`` when ``target`` is its ``contentUrl``, ``FileSet 'y'`` when it lies
    under ``root`` and matches the set's globs; ``None`` otherwise. Writers use it to
    refuse replacing the data they describe. Only names are compared: nothing is listed.
    """
    resolved = resolve_path(target)
    try:
        relative = resolved.relative_to(resolve_path(root)).as_posix()
    except ValueError:
        return None
    for resource in metadata.distribution:
        if resource.contained_in:
            continue
        if isinstance(resource, FileObject):
            url = resource.content_url or ""
            if classify_content_url(url) == "relative" and resolve_path(root / url) == resolved:
                return f"FileObject {resource.id!r}"
        elif glob_match(resource.includes, relative) and not glob_match(
            resource.excludes, relative
        ):
            return f"FileSet {resource.id!r}"
    return None


def _missing_state(path: Path) -> str:
    """Why ``path`` is no regular file: a loop or dangling symlink, not a file, or absent."""
    if path.is_symlink():
        return "is a symlink that loops or points to nothing"
    return "is not a regular file" if path.exists() else "does not exist"


class Resolver:
    """Resolves resources of one document; memoises listings, downloads and extractions."""

    def __init__(self, metadata: Metadata, root: Path | None, options: LoadOptions):
        self.metadata = metadata
        self.root = root
        self.options = options
        self.cache = Cache(options.cache_root)
        self._files: dict[str, list[FileRef]] = {}
        self._extracted: dict[str, Path] = {}
        self._walks: dict[str, _Walk] = {}

    def resource(self, uid: str) -> Resource:
        """The FileObject/FileSet with this ``@id`` (UsageError if there is none)."""
        found = self.metadata.resource(uid)
        if found is None:
            raise UsageError(f"no FileObject or FileSet has @id {uid!r}")
        return found

    def files(self, uid: str) -> list[FileRef]:
        """The files of resource ``uid``, in the order records are read from them."""
        if uid not in self._files:
            resource = self.resource(uid)
            if isinstance(resource, FileSet):
                self._files[uid] = self._file_set(resource)
            else:
                self._files[uid] = [self._file_object(resource)]
        return self._files[uid]

    # --- FileObjects ---------------------------------------------------------------
    def _file_object(self, fo: FileObject) -> FileRef:
        where = f"FileObject {fo.id!r}"
        url = fo.content_url
        if not url:
            raise DataError("FileObject has no contentUrl", where=where)
        if fo.contained_in:
            base = self.container_dir(fo.contained_in[0], where)
            path = resolve_local(base, url, where=f"{where} contentUrl")
            fullpath = posixpath.normpath(url.replace("\\", "/"))
        elif classify_content_url(url) in ("http", "https"):
            path = fetch(
                url,
                policy=self.options.network,
                cache=self.cache,
                sha256=fo.sha256,
                md5=fo.md5,
                verify=self.options.verify_checksums,
                where=where,
                max_bytes=size_limit(fo.content_size),
            )
            fullpath = posixpath.basename(url.split("?", 1)[0]) or "download"
        else:
            path = resolve_local(self._root(where), url, where=f"{where} contentUrl")
            fullpath = posixpath.normpath(url.replace("\\", "/"))
        if not path.is_file():
            raise InputError(f"{url!r} {_missing_state(path)}", where=where)
        if self.options.verify_checksums and not classify_content_url(url).startswith("http"):
            verify_file(path, sha256=fo.sha256, md5=fo.md5, where=f"{where} ({url})")
        kind = file_kind(resource_kinds(fo), fullpath)
        return FileRef(os.fspath(path), fullpath, fo.id or url, kind)

    def _root(self, where: str) -> Path:
        if self.root is None:
            raise UsageError(
                "the document has local files but no dataset folder is known",
                where=where,
                hint="pass root= (the folder that contentUrl paths are relative to)",
            )
        return self.root

    # --- archives --------------------------------------------------------------------
    def container_dir(self, uid: str, where: str) -> Path:
        """The safe extraction folder of archive FileObject ``uid``."""
        if uid in self._extracted:
            return self._extracted[uid]
        self._check_chain(uid, where)
        container = self.resource(uid)
        if not isinstance(container, FileObject):
            raise UsageError(
                f"containedIn {uid!r} is a FileSet; only archive FileObjects can contain files",
                where=where,
            )
        archive = self.files(uid)[0]
        archive_path = Path(archive.path)
        if archive_format(archive_path) is None:
            raise DataError(f"containedIn {uid!r} is not a zip, tar or gzip archive", where=where)
        key = digests(archive_path)["sha256"]
        extracted = self.cache.cached_dir(key)
        if extracted is None:
            with self.cache.staging_dir() as staging:
                extract(
                    archive_path,
                    staging,
                    limits=self.options.limits,
                    where=f"FileObject {uid!r}",
                    name_hint=archive.filename,
                )
                extracted = self.cache.commit_dir(staging, key)
        self._extracted[uid] = extracted
        return extracted

    def _check_chain(self, uid: str, where: str) -> None:
        """Refuse a ``containedIn`` chain that loops or exceeds the limit before following it
        (following it recurses once per archive)."""
        chain = [uid]
        current = self.metadata.resource(uid)
        while current is not None and current.contained_in:
            nxt = current.contained_in[0]
            if nxt in chain:
                cycle = " -> ".join([*chain[chain.index(nxt) :], nxt])
                raise InputError(f"containedIn forms a cycle: {cycle}", where=where)
            chain.append(nxt)
            if len(chain) > MAX_REFERENCE_CHAIN + 1:
                raise InputError(
                    f"containedIn chain of more than {MAX_REFERENCE_CHAIN} archives "
                    f"({' -> '.join(chain[:3])} -> ...)",
                    where=where,
                    hint="flatten the archives (validate reports it as CR333)",
                )
            current = self.metadata.resource(nxt)

    # --- FileSets --------------------------------------------------------------------
    def _file_set(self, fs: FileSet) -> list[FileRef]:
        where = f"FileSet {fs.id!r}"
        kinds = resource_kinds(fs)
        if fs.contained_in:
            bases = [self.container_dir(uid, where) for uid in fs.contained_in]
        else:
            bases = [self._root(where)]
        refs: list[FileRef] = []
        for base in bases:
            walk = self._walk(base)
            _refuse_escapes(fs, walk.escapes, where)
            for path, relative in walk.files:
                if fs.includes and not glob_match(fs.includes, relative):
                    continue
                if fs.excludes and glob_match(fs.excludes, relative):
                    continue
                refs.append(FileRef(path, relative, fs.id or "", file_kind(kinds, relative)))
        return refs

    def _walk(self, base: Path) -> _Walk:
        """Every file under ``base`` (symlinks inside it followed, each folder once) and every
        symlink that leaves it; memoised per base."""
        key = os.fspath(base)
        if key not in self._walks:
            self._walks[key] = walk_folder(base)
        return self._walks[key]


@dataclass
class _Walk:
    """A folder's files as ``(path, relative posix path)``, sorted by relative path, and its
    symlinks that lead outside it as ``(relative path, target, is a folder)``."""

    files: list[tuple[str, str]]
    escapes: list[tuple[str, Path, bool]]


def walk_folder(base: Path) -> _Walk:
    """Walk ``base`` without recursion (see :class:`_Walk`). A symlinked folder inside
    ``base`` is followed once (loops end); one that leaves it is listed, not entered."""
    root = resolve_path(base)
    files: list[tuple[str, str]] = []
    escapes: list[tuple[str, Path, bool]] = []
    visited = {root}
    stack: list[tuple[Path, str]] = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            relative = prefix + entry.name
            path = Path(entry.path)
            target = resolve_path(path) if entry.is_symlink() else path
            inside = target == root or root in target.parents
            is_dir = entry.is_dir(follow_symlinks=inside)
            if not inside:
                escapes.append((relative, target, target.is_dir()))
            elif is_dir and target not in visited:
                visited.add(target)
                stack.append((target, relative + "/"))
            elif not is_dir:
                files.append((os.fspath(target), relative))
    files.sort(key=lambda item: item[1])
    return _Walk(files, escapes)


def _refuse_escapes(fs: FileSet, escapes: list[tuple[str, Path, bool]], where: str) -> None:
    """Refuse a symlink leaving the folder that the FileSet would read: a file it matches,
    or a folder under which one of its ``includes`` could match."""
    for relative, target, is_dir in escapes:
        if is_dir:
            reads = not fs.includes or any(_could_match_under(p, relative) for p in fs.includes)
        else:
            reads = not fs.includes or glob_match(fs.includes, relative)
        if reads:
            what = "a symlinked folder" if is_dir else "a symlink"
            raise SecurityError(
                f"refusing to read {relative!r}: it is {what} to {target}, outside the "
                "dataset folder",
                where=where,
            )


def _could_match_under(pattern: str, folder: str) -> bool:
    """Whether an fnmatch ``pattern`` (``*`` crosses ``/``) can match a path in ``folder``."""
    literal = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
    prefix = folder + "/"
    return literal.startswith(prefix) or prefix.startswith(literal)
