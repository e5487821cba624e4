"""Exports of the store: JSON lines (one record a line), CSV and Parquet (one fact a row).

Every exporter streams, so a store larger than memory exports in bounded memory.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Any, Literal

from .core import Store, StoreError
from .schema import EXPORT_COLUMNS

ExportFormat = Literal["jsonl", "csv", "parquet"]


def export(
    store: Store, path: str | Path, fmt: ExportFormat | None = None, *, run_id: int | None = None
) -> int:
    """Write the store to ``path`` (format from the suffix by default); returns rows written."""
    path = Path(path)
    fmt = fmt or _format_of(path)
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as out:
            return export_jsonl(store, out, run_id=run_id)
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as out:
            return export_csv(store, out, run_id=run_id)
    if fmt == "parquet":
        return export_parquet(store, path, run_id=run_id)
    raise StoreError(f"unknown export format {fmt!r}: jsonl, csv or parquet")


def _format_of(path: Path) -> ExportFormat:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson", "json"):
        return "jsonl"
    if suffix in ("csv", "parquet"):
        return suffix  # type: ignore[return-value]
    raise StoreError(f"cannot tell the export format of {path.name}: give --format")


def export_jsonl(store: Store, out: IO[str], *, run_id: int | None = None) -> int:
    """One record per line, streamed."""
    n = 0
    for record in store.iter_records(run_id):
        out.write(record.model_dump_json() + "\n")
        n += 1
    return n


def export_csv(store: Store, out: IO[str], *, run_id: int | None = None) -> int:
    """One fact per row, streamed."""
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    n = 0
    for row in store.iter_fact_rows(run_id):
        writer.writerow(tuple(row))
        n += 1
    return n


def parquet_schema():  # -> pyarrow.Schema; pyarrow imported lazily (heavy)
    import pyarrow as pa

    types = {"value": pa.float64(), "value_max": pa.float64(), "start": pa.int64()}
    types |= {"end": pa.int64(), "page": pa.int64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in EXPORT_COLUMNS])


def export_parquet(
    store: Store, path: str | Path, *, run_id: int | None = None, row_group_size: int = 50_000
) -> int:
    """One fact per row, written in row groups so memory stays bounded."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        columns: list[list[Any]] = [[] for _ in EXPORT_COLUMNS]

        def flush() -> None:
            writer.write_table(pa.Table.from_arrays(columns, schema=schema))
            for col in columns:
                col.clear()

        for row in store.iter_fact_rows(run_id):
            for col, value in zip(columns, row, strict=True):
                col.append(value)
            n += 1
            if len(columns[0]) >= row_group_size:
                flush()
        if columns[0] or n == 0:
            flush()
    return n


