"""Exports of the store: JSON lines, CSV and Parquet, of facts or of projects.

``facts`` (the default table): JSON lines give one whole record a line, CSV
and Parquet one fact a row. ``projects``: one project a row in every format,
with its document's source, title and date. Every exporter streams, so a store
larger than memory exports in bounded memory.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal

from .core import Store, StoreError
from .schema import EXPORT_COLUMNS, PROJECT_EXPORT_COLUMNS

ExportFormat = Literal["jsonl", "csv", "parquet"]
ExportTable = Literal["facts", "projects"]

#: columns of each exported table, in order
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "facts": EXPORT_COLUMNS,
    "projects": PROJECT_EXPORT_COLUMNS,
}
_NUMERIC = {
    "value": "float",
    "value_max": "float",
    "investment_eur": "float",
    "aid_eur": "float",
    "budget_eur": "float",
    "start": "int",
    "end": "int",
    "page": "int",
    "part_of": "int",
    "jobs_new": "int",
    "jobs_lost": "int",
}


def export(
    store: Store,
    path: str | Path,
    fmt: ExportFormat | None = None,
    *,
    run_id: int | None = None,
    table: ExportTable = "facts",
) -> int:
    """Write a table of the store to ``path`` (format from the suffix by default); rows written."""
    path = Path(path)
    fmt = fmt or _format_of(path)
    if table not in TABLE_COLUMNS:
        raise StoreError(f"unknown table {table!r}: facts or projects")
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as out:
            if table == "facts":
                return export_jsonl(store, out, run_id=run_id)
            return _write_json_rows(_rows(store, table, run_id), out)
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as out:
            return export_csv(store, out, run_id=run_id, table=table)
    if fmt == "parquet":
        return export_parquet(store, path, run_id=run_id, table=table)
    raise StoreError(f"unknown export format {fmt!r}: jsonl, csv or parquet")


def _format_of(path: Path) -> ExportFormat:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson", "json"):
        return "jsonl"
    if suffix in ("csv", "parquet"):
        return suffix  # type: ignore[return-value]
    raise StoreError(f"cannot tell the export format of {path.name}: give --format")


def _rows(store: Store, table: str, run_id: int | None) -> Iterator[sqlite3.Row]:
    return store.iter_fact_rows(run_id) if table == "facts" else store.iter_project_rows(run_id)


def _write_json_rows(rows: Iterator[sqlite3.Row], out: IO[str]) -> int:
    n = 0
    for row in rows:
        data = dict(row)
        for key in ("amounts", "jobs"):
            if isinstance(data.get(key), str):
                data[key] = json.loads(data[key])
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
        n += 1
    return n


def export_jsonl(store: Store, out: IO[str], *, run_id: int | None = None) -> int:
    """One record per line, streamed."""
    n = 0
    for record in store.iter_records(run_id):
        out.write(record.model_dump_json() + "\n")
        n += 1
    return n


def export_csv(
    store: Store, out: IO[str], *, run_id: int | None = None, table: ExportTable = "facts"
) -> int:
    """One fact (or project) per row, streamed."""
    writer = csv.writer(out)
    writer.writerow(TABLE_COLUMNS[table])
    n = 0
    for row in _rows(store, table, run_id):
        writer.writerow(tuple(row))
        n += 1
    return n


def parquet_schema(table: ExportTable = "facts"):  # -> pyarrow.Schema; pyarrow is heavy
    import pyarrow as pa

    types = {"float": pa.float64(), "int": pa.int64()}
    return pa.schema(
        [(c, types.get(_NUMERIC.get(c, ""), pa.string())) for c in TABLE_COLUMNS[table]]
    )


def export_parquet(
    store: Store,
    path: str | Path,
    *,
    run_id: int | None = None,
    row_group_size: int = 50_000,
    table: ExportTable = "facts",
) -> int:
    """One fact (or project) per row, written in row groups so memory stays bounded."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(table)
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        columns: list[list[Any]] = [[] for _ in TABLE_COLUMNS[table]]

        def flush() -> None:
            writer.write_table(pa.Table.from_arrays(columns, schema=schema))
            for col in columns:
                col.clear()

        for row in _rows(store, table, run_id):
            for col, value in zip(columns, row, strict=True):
                col.append(value)
            n += 1
            if len(columns[0]) >= row_group_size:
                flush()
        if columns[0] or n == 0:
            flush()
    return n
