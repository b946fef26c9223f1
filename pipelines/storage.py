"""File access for the pipeline through Beam's ``FileSystems``: local paths, ``gs://``, ``s3://``.

Workers on Dataflow, Flink, Spark or a multi-host Dask cluster write where the driver reads,
so every pipeline file goes through here. Writes are atomic: a file is written under a
temporary name in the same directory and renamed when complete, so a reader (or a rerun)
never sees half a file.
"""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

RAW = CompressionTypes.UNCOMPRESSED


def join(base: str, *parts: str) -> str:
    """``base/part/...`` in the path syntax of ``base``'s file system."""
    return str(FileSystems.join(base, *parts))


def exists(path: str) -> bool:
    """Whether a file (or, on a local disk, a directory) exists."""
    return bool(FileSystems.exists(path))


def list_files(pattern: str) -> list[tuple[str, int]]:
    """``(path, size in bytes)`` of every file matching a glob, sorted by path."""
    result = FileSystems.match([pattern])[0]
    return sorted((m.path, int(m.size_in_bytes)) for m in result.metadata_list)


def delete_tree(path: str) -> None:
    """Delete a directory (or prefix) and everything under it; no error when absent."""
    if exists(path):
        FileSystems.delete([path])
        return
    matches = [p for p, _ in list_files(join(path, "**"))]
    if matches:
        FileSystems.delete(matches)


def open_read(path: str, *, decompress: bool = False) -> IO[bytes]:
    """A binary read channel; ``decompress`` undoes ``.gz``/``.bz2``/... by extension."""
    compression = CompressionTypes.AUTO if decompress else RAW
    return FileSystems.open(path, compression_type=compression)


def read_bytes(path: str) -> bytes:
    """The whole content of a (small) file."""
    with open_read(path) as handle:
        return handle.read()


@contextmanager
def atomic_writer(path: str) -> Iterator[IO[bytes]]:
    """Write to ``path`` through a temporary sibling that is renamed only on success."""
    directory, name = path.rsplit("/", 1) if "/" in path else ("", path)
    temp = join(directory, f".{name}.tmp-{uuid.uuid4().hex[:12]}") if directory else f".{name}.tmp"
    handle = FileSystems.create(temp, compression_type=RAW)
    try:
        yield handle
        handle.close()
    except BaseException:
        handle.close()
        FileSystems.delete([temp])
        raise
    if exists(path):
        FileSystems.delete([path])
    FileSystems.rename([temp], [path])


def write_bytes(path: str, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``."""
    with atomic_writer(path) as handle:
        handle.write(data)


def write_json(path: str, data: Any) -> None:
    """Atomically write ``data`` as indented UTF-8 JSON."""
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False, default=str)
    write_bytes(path, (text + "\n").encode("utf-8"))


def read_json(path: str) -> Any:
    """Parse a JSON file written by :func:`write_json`."""
    return json.loads(read_bytes(path).decode("utf-8"))


def write_table(path: str, table: pa.Table, row_group_size: int | None = None) -> None:
    """Atomically write an Arrow table as a zstd-compressed Parquet file."""
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd", row_group_size=row_group_size)
    write_bytes(path, buffer.getvalue())


def _is_local(path: str) -> bool:
    return "://" not in path


def read_table(path: str, columns: list[str] | None = None) -> pa.Table:
    """Read a Parquet file (all columns, or the named ones).

    Read as one file, never through pyarrow's dataset layer, which adds fields named
    ``__filename``, ``__fragment_index``... that collide with input columns of those names.
    """
    if _is_local(path):
        table = pq.ParquetFile(path).read(columns=columns)
    else:
        with open_read(path) as handle:
            table = pq.ParquetFile(io.BytesIO(handle.read())).read(columns=columns)
    release_arrow_memory()
    return table


def release_arrow_memory() -> None:
    """Return memory Arrow's allocator keeps cached after a read.

    Workers read one shard after another; without this, mimalloc's cache of decoded pages
    grows with the number of shards read, not with what is alive.
    """
    pa.default_memory_pool().release_unused()


def parquet_metadata(path: str) -> pq.FileMetaData:
    """The footer of a Parquet file: row count, row groups, schema."""
    with open_read(path) as handle:
        return pq.ParquetFile(handle).metadata


def read_row_groups(path: str, groups: list[int], columns: list[str] | None = None) -> pa.Table:
    """Some row groups of a Parquet file."""
    with open_read(path) as handle:
        return pq.ParquetFile(handle).read_row_groups(groups, columns=columns)
