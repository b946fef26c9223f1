"""Delegation to mlcroissant for record sets the native reader does not handle.

mlcroissant is never given anything this toolkit would refuse. Before it runs, every
resource the record set depends on goes through the native :class:`~.files.Resolver`:
local paths must stay under the root and match their checksums, remote files are
downloaded by :mod:`.fetch` (policy, allow-list, per-host credentials, checksums) and
handed over through mlcroissant's ``mapping``, archives are extracted by
:mod:`croissant_tools.archives` and presented to mlcroissant as already extracted (in a
private folder, so its URL-keyed extraction cache is never consulted). Records are
converted to the record set's Arrow schema (bytes → str, NaN → null, images re-encoded
as PNG bytes).
"""

from __future__ import annotations

import hashlib
import io
import math
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from croissant_tools.contexts import (
    ContextFetchRefused,
    each_refusing_fetches,
    refuse_context_fetches,
    remote_contexts,
)
from croissant_tools.errors import CroissantToolsError, DataError, SecurityError
from croissant_tools.loading.engine import Context, Unit
from croissant_tools.loading.plan import select_fields
from croissant_tools.loading.schema import arrow_field, metadata_lookup
from croissant_tools.loading.splits import accepted_values
from croissant_tools.model import FileObject, Metadata, RecordSet
from croissant_tools.safety import classify_content_url

if TYPE_CHECKING:  # pragma: no cover
    from croissant_tools.loading.reader import LoadSpec

_PATCH_LOCK = threading.Lock()


def reachable_resources(metadata: Metadata, rs: RecordSet) -> list[str]:
    """Every FileObject/FileSet ``@id`` the record set reads, with their containers."""
    found: dict[str, None] = {}
    seen: set[str] = set()
    stack = [rs]
    while stack:
        current = stack.pop()
        seen.add(current.id or "")
        for item in current.walk_fields():
            for source in (item.source, item.references):
                if source is None:
                    continue
                resource = metadata.source_resource(source)
                if resource:
                    _add_resource(metadata, resource, found)
                parent = metadata.field(source.field) if source.field else None
                other = parent[0] if parent else metadata.record_set(source.record_set or "")
                if other is not None and (other.id or "") not in seen:
                    stack.append(other)
    return list(found)


def _add_resource(metadata: Metadata, uid: str, found: dict[str, None]) -> None:
    """Add ``uid`` after its containers (depth first, as declared), without recursion."""
    stack: list[tuple[str, bool]] = [(uid, False)]
    visiting: set[str] = set()
    while stack:
        current, ready = stack.pop()
        resource = metadata.resource(current)
        if resource is None or current in found:
            continue
        if ready:
            found[current] = None
        elif current not in visiting:  # a cycle is refused when the files are resolved
            visiting.add(current)
            stack.append((current, True))
            stack.extend((container, False) for container in reversed(resource.contained_in))


class DelegateEngine:
    """Records from mlcroissant, after the native safety checks (one unit of work)."""

    def __init__(self, metadata: Metadata, spec: LoadSpec, rs: RecordSet, root: Path | None):
        self.metadata = metadata
        self.spec = spec
        self.record_set = rs
        self.ctx = Context(metadata, root, spec.options)
        columns = list(spec.columns) if spec.columns is not None else None
        self.fields = select_fields(rs, columns)
        lookup = metadata_lookup(metadata)
        self.schema = pa.schema([arrow_field(f, lookup) for f in self.fields])
        self.accepted: frozenset[str] | None = None
        self.split_id: str | None = None
        if spec.split is not None:
            from croissant_tools.loading.engine import require_split

            split = require_split(metadata, rs)
            self.split_id = split.field.id
            self.accepted = accepted_values(split, spec.split, self.ctx.rows)
        self.mapping: dict[str, str] = {}
        self.extracted: dict[str, Path] = {}
        self._prepare()

    def _prepare(self) -> None:
        refuse_remote_contexts(self.spec.data, f"record set {self.record_set.id!r}")
        resolver = self.ctx.resolver
        for uid in reachable_resources(self.metadata, self.record_set):
            resource = self.metadata.resource(uid)
            if isinstance(resource, FileObject) and not resource.contained_in:
                kind = classify_content_url(resource.content_url or "")
                if kind not in ("relative", "http", "https"):
                    raise SecurityError(
                        f"refusing to delegate: contentUrl {resource.content_url!r} is not a "
                        "local path or an http(s) URL",
                        where=f"FileObject {uid!r}",
                    )
                self.mapping[uid] = resolver.files(uid)[0].path
            elif resource is not None and not resource.contained_in:
                resolver.files(uid)  # walks the root, refusing symlinks that leave it
            if resource is not None:
                for container in resource.contained_in:
                    self.extracted[container] = resolver.container_dir(container, f"{uid!r}")

    def units(self, split_row_groups: bool = False) -> list[Unit]:
        """One unit: mlcroissant reads the record set in one pass."""
        return [Unit(0, "mlcroissant")]

    def read(self, unit: Unit, batch_size: int) -> Iterator[pa.RecordBatch]:
        """Batches converted from mlcroissant's records."""
        rows: list[dict[str, Any]] = []
        for record in self._records():
            rows.append(record)
            if len(rows) >= batch_size:
                yield self._batch(rows)
                rows = []
        if rows:
            yield self._batch(rows)

    def read_many(self, units: Iterable[Unit], batch_size: int) -> Iterator[pa.RecordBatch]:
        """Batches of the given units (there is only one)."""
        for unit in units:
            yield from self.read(unit, batch_size)

    def _records(self) -> Iterator[dict[str, Any]]:
        import mlcroissant as mlc
        from etils import epath
        from mlcroissant._src.operation_graph.operations import extract as mlc_extract

        with tempfile.TemporaryDirectory(prefix="croissant-tools-mlc-") as private:
            for uid, folder in self.extracted.items():
                resource = self.metadata.resource(uid)
                url = resource.content_url if isinstance(resource, FileObject) else None
                if url:
                    link = Path(private, hashlib.sha256(url.encode()).hexdigest())
                    link.symlink_to(folder, target_is_directory=True)
            mapping = {uid: epath.Path(path) for uid, path in self.mapping.items()}
            ctx = mlc.Context(folder=epath.Path(self.spec.root or "."), mapping=mapping)
            with _PATCH_LOCK:
                previous = mlc_extract.EXTRACT_PATH
                mlc_extract.EXTRACT_PATH = epath.Path(private)
            try:
                data = self.spec.data
                if not self.spec.options.verify_checksums:
                    data = _without_checksums(data)
                with refuse_context_fetches():
                    metadata = mlc.Metadata.from_json(ctx=ctx, json_=data)
                    dataset = mlc.Dataset.from_metadata(metadata)
                    records = iter(dataset.records(self.record_set.id or ""))
                yield from each_refusing_fetches(records)
            except CroissantToolsError:
                raise
            except Exception as exc:
                refused = _refusal_in(exc)
                if refused is not None:
                    raise refused from None
                cause = exc.__cause__ or exc
                raise DataError(
                    f"mlcroissant could not read the record set: {type(cause).__name__}: {cause}",
                    where=f"record set {self.record_set.id!r}",
                ) from None
            finally:
                with _PATCH_LOCK:
                    mlc_extract.EXTRACT_PATH = previous

    def _batch(self, rows: list[dict[str, Any]]) -> pa.RecordBatch:
        arrays = []
        for field in self.schema:
            values = [python_value(row.get(field.name), field.type) for row in rows]
            try:
                arrays.append(pa.array(values, field.type))
            except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
                raise DataError(
                    f"cannot convert mlcroissant values to {field.type}: {exc}",
                    where=f"field {field.name!r}",
                ) from None
        batch = pa.RecordBatch.from_arrays(arrays, schema=self.schema)
        if self.accepted is None or self.split_id is None:
            return batch
        split_values = [python_value(row.get(self.split_id), pa.string()) for row in rows]
        mask = pc.is_in(
            pa.array(split_values, pa.string()), value_set=pa.array(sorted(self.accepted))
        )
        return batch.filter(pc.fill_null(mask, False))


def refuse_remote_contexts(data: Any, where: str) -> None:
    """Refuse (exit 4) a document with a remote or file ``@context`` anywhere: mlcroissant
    would have rdflib fetch it. Checked whatever ``strict`` says."""
    found = remote_contexts(data)
    if found:
        path, url = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise SecurityError(
            f"refusing to delegate to mlcroissant: the document refers to the @context "
            f"{url!r} at {path}{more}, which it would fetch",
            where=where,
            hint="inline the context object (croissant-tools validate reports it as CR105)",
        )


def _refusal_in(exc: BaseException) -> ContextFetchRefused | None:
    """The :class:`ContextFetchRefused` behind ``exc`` (mlcroissant may wrap it)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ContextFetchRefused):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def python_value(value: Any, arrow_type: pa.DataType) -> Any:
    """An mlcroissant value as a plain Python value of ``arrow_type``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        value = value.to_pydatetime()
        return value.date() if pa.types.is_date(arrow_type) else value
    if hasattr(value, "tolist") and not isinstance(value, bytes | str):  # numpy
        return python_value(value.tolist(), arrow_type)
    if isinstance(value, bytes) and (
        pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type)
    ):
        return value.decode("utf-8", errors="replace")
    if hasattr(value, "save") and hasattr(value, "mode"):  # PIL image
        buffer = io.BytesIO()
        value.save(buffer, format="PNG")
        return buffer.getvalue()
    if isinstance(value, list) and pa.types.is_list(arrow_type):
        return [python_value(v, arrow_type.value_type) for v in value]
    if isinstance(value, dict) and pa.types.is_struct(arrow_type):
        return {f.name: python_value(value.get(f.name), f.type) for f in arrow_type}
    return value


def _without_checksums(data: dict[str, Any]) -> dict[str, Any]:
    """The document as mlcroissant must see it to skip its own checksum check: a live
    dataset (``cr:isLiveDataset``) whose FileObjects carry no ``sha256``/``md5`` (it checks
    a hash whenever one is declared)."""
    distribution = data.get("distribution")
    nodes = distribution if isinstance(distribution, list) else []
    stripped = [
        {k: v for k, v in node.items() if k not in ("sha256", "md5")}
        if isinstance(node, dict)
        else node
        for node in nodes
    ]
    return {**data, "isLiveDataset": True, "distribution": stripped}
