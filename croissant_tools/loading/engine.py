"""The native reader: executes a :class:`~.plan.RecordSetPlan` as a stream of record batches.

Work is cut into :class:`Unit` s — one file of the base resource, one Parquet row group
(on request), or the inline data — so that DataLoader workers, distributed ranks and
Beam workers can each read a disjoint part. For every raw batch of a unit the engine
joins the lookup sides, computes each field (extract → transforms → cast, vectorised),
applies the split filter and emits a batch with the record set's Arrow schema.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from croissant_tools.errors import DataError, InputError
from croissant_tools.loading.casting import (
    LOSSY,
    ArrowError,
    cast_array,
    rebuild_list,
    to_arrow,
)
from croissant_tools.loading.files import FileRef, Resolver
from croissant_tools.loading.joins import Columns, Lookup
from croissant_tools.loading.options import LoadOptions
from croissant_tools.loading.plan import (
    ColumnRef,
    FieldPlan,
    NotNative,
    RecordSetPlan,
    build_plan,
)
from croissant_tools.loading.readers import ReadSpec, parquet_row_groups, read_file
from croissant_tools.loading.schema import is_list_field
from croissant_tools.loading.splits import SplitField, accepted_values, file_level, find_split_field
from croissant_tools.loading.transforms import apply_transforms
from croissant_tools.model import Metadata, RecordSet
from croissant_tools.safety import MAX_REFERENCE_CHAIN

_log = logging.getLogger(__name__)
#: Files read for one record each are cast and checked in groups of this many.
GROUP_FILES = 1024


@dataclass(frozen=True)
class Unit:
    """A piece of work: one file (or some of its row groups), or the inline data."""

    index: int
    label: str
    row_groups: tuple[int, ...] | None = None
    rows: int | None = None


class Context:
    """Shared state for the engines of one document (resolver, nested record sets)."""

    def __init__(self, metadata: Metadata, root: Path | None, options: LoadOptions):
        self.metadata = metadata
        self.options = options
        self.resolver = Resolver(metadata, root, options)
        self._stack: list[str] = []

    def engine(
        self, rs: RecordSet, columns: list[str] | None = None, split: str | None = None
    ) -> Engine:
        """A native engine for ``rs`` (raises :class:`NotNative` when it cannot be one)."""
        uid = rs.id or ""
        if uid in self._stack:
            raise DataError(f"record set {uid!r} depends on itself", where=rs.path)
        if len(self._stack) > MAX_REFERENCE_CHAIN:
            raise InputError(
                f"record set {self._stack[0]!r} reads through a chain of more than "
                f"{MAX_REFERENCE_CHAIN} record sets ({' -> '.join(self._stack[:3])} -> ...)",
                where=rs.path,
                hint="read the fields from the files directly (validate reports it as CR333)",
            )
        self._stack.append(uid)
        try:
            return Engine(self, rs, columns, split)
        finally:
            self._stack.pop()

    def rows(self, rs: RecordSet) -> list[dict[str, Any]]:
        """All records of a (small) record set as dicts: split and lookup tables."""
        engine = self.engine(rs)
        return engine.table().to_pylist()


class Engine:
    """Reads one record set natively."""

    def __init__(self, ctx: Context, rs: RecordSet, columns: list[str] | None, split: str | None):
        self.ctx = ctx
        self.record_set = rs
        self.split: SplitField | None = None
        self.accepted: pa.Array | None = None
        extra = []
        if split is not None:
            self.split = require_split(ctx.metadata, rs)
            extra.append(self.split.field)
            accepted = accepted_values(self.split, split, ctx.rows)
            self.accepted = pa.array(sorted(accepted), pa.string())
        self.plan: RecordSetPlan = build_plan(
            ctx.metadata, rs, columns, extra=extra, max_json_bytes=ctx.options.max_json_bytes
        )
        self.schema: pa.Schema = self.plan.schema
        self._nested: Engine | None = None
        self._lookups: dict[str, Lookup] | None = None
        self._files: list[FileRef] | None = None
        if self.plan.base_kind == "record_set":
            base = ctx.metadata.record_set(self.plan.base)
            if base is None:
                raise NotNative(f"unknown record set {self.plan.base!r}")
            self._nested = ctx.engine(base, self._origin_fields(self.plan.base))

    def _origin_fields(self, origin: str) -> list[str]:
        plans = self.plan.fields + self.plan.hidden
        refs = [p.source for plan in plans for p in plan.walk() if p.source is not None]
        refs += [j.left for j in self.plan.joins] + [j.right for j in self.plan.joins]
        return list(dict.fromkeys(r.raw[2:] for r in refs if r.origin == origin))

    @property
    def split_field_hidden(self) -> bool:
        """Whether the split field is computed only to filter (not output)."""
        return bool(self.plan.hidden)

    # --- units ---------------------------------------------------------------------------
    def files(self) -> list[FileRef]:
        """Files of the base resource that hold records of the requested split."""
        if self._files is None:
            files = self.ctx.resolver.files(self.plan.base)
            if self.split is not None and file_level(self.split, self.plan.base):
                files = self._files_in_split(files)
            self._files = files
        return self._files

    def _files_in_split(self, files: list[FileRef]) -> list[FileRef]:
        if not files:
            return files
        plan = self._split_plan()
        raw = plan.source.raw[2:] if plan.source else "fullpath"
        values = {"filename": [f.filename for f in files], "fullpath": [f.fullpath for f in files]}
        column = pa.array(values.get(raw, [f.path for f in files]), pa.string())
        working = {ColumnRef(self.plan.base, f"p:{raw}").key: column}
        computed = cast_array(self._compute(plan, working, len(files), "split"), pa.string())
        keep = pc.is_in(computed, value_set=self.accepted).to_pylist()
        return [f for f, kept in zip(files, keep) if kept]

    def _split_plan(self) -> FieldPlan:
        assert self.split is not None
        return next(p for p in self.plan.fields + self.plan.hidden if p.node is self.split.field)

    def units(self, split_row_groups: bool = False) -> list[Unit]:
        """The units of work, in the order their records are read.

        ``rows`` is filled in when a unit's record count is known without reading it:
        Parquet row groups (with ``split_row_groups``) and one-record-per-file reads, as
        long as no join or row-level split filter can change the count.
        """
        if self.plan.base_kind == "inline":
            rows = len(inline_rows(self.record_set)) if self.accepted is None else None
            return [Unit(0, "inline data", rows=rows)]
        if self._nested is not None:
            return [
                Unit(u.index, u.label, u.row_groups) for u in self._nested.units(split_row_groups)
            ]
        method = self.plan.reads[self.plan.base].method
        exact = self._counts_preserved()
        units = []
        for index, ref in enumerate(self.files()):
            if split_row_groups and ref.kind == "parquet" and method == "table":
                for group, rows in enumerate(parquet_row_groups(ref.path)):
                    units.append(Unit(index, ref.fullpath, (group,), rows if exact else None))
            else:
                one = 1 if exact and method in ("content", "files") else None
                units.append(Unit(index, ref.fullpath, rows=one))
        return units

    def _counts_preserved(self) -> bool:
        if self.plan.joins:
            return False
        return self.split is None or file_level(self.split, self.plan.base)

    # --- reading -------------------------------------------------------------------------
    def read(self, unit: Unit, batch_size: int) -> Iterator[pa.RecordBatch]:
        """Record batches (schema :attr:`schema`) of one unit."""
        if self.plan.base_kind == "inline":
            yield from self._inline().to_batches(batch_size)
            return
        if self._nested is not None:
            prefix = ColumnRef(self.plan.base, "f:").key
            for batch in self._nested.read(unit, batch_size):
                working = {prefix + name: batch.column(name) for name in batch.schema.names}
                yield self._finish(working, batch.num_rows, unit.label)
            return
        ref = self.files()[unit.index]
        spec = self.plan.reads[self.plan.base]
        prefix = f"{self.plan.base}\x1f"
        for raw in read_file(ref, spec, batch_size, unit.row_groups):
            working = {prefix + name: raw.column(name) for name in raw.schema.names}
            yield self._finish(working, raw.num_rows, ref.fullpath)

    def read_many(self, units: Iterable[Unit], batch_size: int) -> Iterator[pa.RecordBatch]:
        """Batches of several units; one-record files are finished together, in groups."""
        spec = self.plan.reads.get(self.plan.base)
        if spec is None or spec.method not in ("content", "files") or self._nested is not None:
            for unit in units:
                yield from self.read(unit, batch_size)
            return
        group: list[FileRef] = []
        for unit in units:
            group.append(self.files()[unit.index])
            if len(group) >= min(batch_size, GROUP_FILES):
                yield self._finish_files(group, spec, batch_size)
                group = []
        if group:
            yield self._finish_files(group, spec, batch_size)

    def _finish_files(self, refs: list[FileRef], spec: ReadSpec, batch_size: int) -> pa.RecordBatch:
        raws = [raw for ref in refs for raw in read_file(ref, spec, batch_size)]
        table = pa.Table.from_batches(raws).combine_chunks()
        prefix = f"{self.plan.base}\x1f"
        working = {prefix + n: table.column(n).combine_chunks() for n in table.schema.names}
        try:
            return self._finish(working, table.num_rows, f"{refs[0].fullpath} (+{len(refs) - 1})")
        except DataError:
            for ref in refs:  # name the file the error is about
                for _ in self.read(Unit(self.files().index(ref), ref.fullpath), batch_size):
                    pass
            raise

    def table(self) -> pa.Table:
        """Every record (used for lookups and split tables)."""
        batches = [b for unit in self.units() for b in self.read(unit, 65536)]
        return pa.Table.from_batches(batches, schema=self.schema)

    def _finish(self, working: Columns, rows: int, where: str) -> pa.RecordBatch:
        """The output batch of one raw batch, lossy casts counted when they are allowed."""
        counts: dict[str, int] | None = {} if self.ctx.options.lossy else None
        token = LOSSY.set(counts)
        try:
            return self._finish_batch(working, rows, where)
        finally:
            LOSSY.reset(token)
            for name, changed in (counts or {}).items():
                _log.warning("%s: %d value(s) changed by a lossy cast (lossy=True)", name, changed)

    def _finish_batch(self, working: Columns, rows: int, where: str) -> pa.RecordBatch:
        for join in self.plan.joins:
            key = working[join.left.key]
            key = apply_transforms(key, join.left_transforms, where=f"{where}: {join.where}")
            working = self._lookup(join.right.origin, join.right.key).join(working, key)
            rows = len(next(iter(working.values()))) if working else rows
        columns = [self._compute(p, working, rows, where) for p in self.plan.fields]
        if self.accepted is not None and not (
            self.split and file_level(self.split, self.plan.base)
        ):
            split_values = self._compute(self._split_plan(), working, rows, where)
            mask = pc.fill_null(
                pc.is_in(cast_array(split_values, pa.string()), value_set=self.accepted), False
            )
            columns = [c.filter(mask) for c in columns]
            rows = pc.sum(mask.cast(pa.int64())).as_py() or 0
        if not columns:
            return pa.RecordBatch.from_pylist([{}] * rows, schema=self.schema)
        try:
            return pa.RecordBatch.from_arrays(columns, schema=self.schema)
        except ArrowError as exc:  # a field's values and its declared type disagree
            found = ", ".join(f"{p.id!r}: {c.type}" for p, c in zip(self.plan.fields, columns))
            message = str(exc).strip().splitlines()[0]
            raise DataError(
                f"the values do not fit the record set's fields ({found}): {message}",
                where=where,
            ) from None

    def _lookup(self, origin: str, key: str) -> Lookup:
        if self._lookups is None:
            self._lookups = {}
        if origin not in self._lookups:
            self._lookups[origin] = Lookup(self._origin_columns(origin), key)
        return self._lookups[origin]

    def _origin_columns(self, origin: str) -> Columns:
        rs = self.ctx.metadata.record_set(origin)
        if rs is not None and self.ctx.metadata.resource(origin) is None:
            table = self.ctx.engine(rs, self._origin_fields(origin)).table()
            prefix = ColumnRef(origin, "f:").key
            return {prefix + n: table.column(n).combine_chunks() for n in table.schema.names}
        spec = self.plan.reads[origin]
        batches = [
            b for ref in self.ctx.resolver.files(origin) for b in read_file(ref, spec, 65536)
        ]
        table = pa.Table.from_batches(batches) if batches else pa.table({})
        return {f"{origin}\x1f{n}": table.column(n).combine_chunks() for n in table.schema.names}

    # --- fields --------------------------------------------------------------------------
    def _compute(self, plan: FieldPlan, working: Columns, rows: int, where: str) -> pa.Array:
        label = f"{where}: field {plan.id!r}"
        target = plan.arrow.type
        if plan.children:
            return self._struct(plan, working, rows, where)
        if plan.source is None:
            if plan.constant is None:
                return pa.nulls(rows, target)
            return cast_array(to_arrow([plan.constant] * rows), target, where=label)
        column = working.get(plan.source.key)
        if column is None:
            raise DataError(f"internal: column {plan.source.raw!r} was not read", where=label)
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks()
        values = apply_transforms(column, plan.transforms, where=label)
        return cast_array(values, target, fmt=plan.fmt, where=label)

    def _struct(self, plan: FieldPlan, working: Columns, rows: int, where: str) -> pa.Array:
        children = [self._compute(child, working, rows, where) for child in plan.children]
        names = [child.arrow for child in plan.children]
        if not is_list_field(plan.node):
            return pa.StructArray.from_arrays(children, fields=names)
        lists = [
            cast_array(c, pa.list_(f.type), where=f"{where}: {f.name}")
            for c, f in zip(children, names)
        ]
        offsets = [c.offsets for c in lists]
        if any(not o.equals(offsets[0]) for o in offsets[1:]):
            raise DataError(
                "sub-fields of an array field have different lengths",
                where=f"{where}: field {plan.id!r}",
            )
        items = pa.StructArray.from_arrays([pc.list_flatten(c) for c in lists], fields=names)
        return rebuild_list(lists[0], items)

    def _inline(self) -> pa.Table:
        rs = self.record_set
        data = inline_rows(rs)
        arrays = []
        token = LOSSY.set({} if self.ctx.options.lossy else None)
        try:
            for plan in self.plan.fields + self.plan.hidden:
                names = (plan.id, plan.node.name, (plan.id or "").rsplit("/", 1)[-1])
                values = [next((row[n] for n in names if n in row), None) for row in data]
                arrays.append(
                    cast_array(to_arrow(values), plan.arrow.type, where=f"{rs.id}: {plan.id}")
                )
        finally:
            LOSSY.reset(token)
        table = pa.Table.from_arrays(
            arrays, schema=pa.schema([p.arrow for p in self.plan.fields + self.plan.hidden])
        )
        if self.accepted is not None:
            split_id = self._split_plan().id
            mask = pc.is_in(
                cast_array(table.column(split_id).combine_chunks(), pa.string()),
                value_set=self.accepted,
            )
            table = table.filter(mask)
        return table.select([p.id for p in self.plan.fields])


def inline_rows(rs: RecordSet) -> list[dict[str, Any]]:
    """The record set's inline ``data`` as written (the typed model keeps only its first row)."""
    keys = rs.node.keys_for("cr:data")
    raw: Any = rs.node.obj[keys[0]] if keys else None
    if isinstance(raw, dict) and len(raw) == 1 and ("@value" in raw or "@list" in raw):
        raw = next(iter(raw.values()))
    if isinstance(raw, str):
        import contextlib
        import json

        with contextlib.suppress(json.JSONDecodeError):
            raw = json.loads(raw)
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(row, dict) for row in raw):
        where = f"{rs.path}.data"
        raise DataError("inline data must be a list of objects keyed by field @id", where=where)
    return raw


def require_split(metadata: Metadata, rs: RecordSet) -> SplitField:
    """The field of ``rs`` that names its split; a :class:`UsageError` listing the record
    sets that do have one when ``rs`` has none (``split=`` was asked of it)."""
    from croissant_tools.errors import UsageError

    split = find_split_field(metadata, rs)
    if split is None:
        with_splits = [r.id for r in metadata.record_sets if find_split_field(metadata, r)]
        raise UsageError(
            f"record set {rs.id!r} has no split field",
            hint=f"record sets with splits: {', '.join(map(str, with_splits)) or 'none'}",
        )
    return split
