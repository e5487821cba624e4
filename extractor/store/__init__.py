"""SQLite store of extracted records: incremental, resumable, exportable.

:mod:`.schema` owns the tables and migrations, :mod:`.core` the :class:`Store`
API (writes, run lock, reads), :mod:`.export` the JSONL, CSV and Parquet exports.
"""

from .core import Outcome, Run, Store, Stored, StoreError, StoreLocked, now
from .export import (
    ExportFormat,
    ExportTable,
    export,
    export_csv,
    export_jsonl,
    export_parquet,
)
from .schema import LIST_OF_FIELD, LISTS, SCHEMA_VERSION

__all__ = [
    "LISTS",
    "LIST_OF_FIELD",
    "SCHEMA_VERSION",
    "ExportFormat",
    "ExportTable",
    "Outcome",
    "Run",
    "Store",
    "StoreError",
    "StoreLocked",
    "Stored",
    "export",
    "export_csv",
    "export_jsonl",
    "export_parquet",
    "now",
]
