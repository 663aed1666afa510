"""From a downloaded CSV to a Parquet file: the header checked against the registry, every
column kept as text (typing happens in dbt, where it is tested), zstd-compressed.

DuckDB's CSV reader does the conversion under a memory limit, in strict mode, so a ragged or
cut-off row fails the file instead of landing half a row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.errors import DatasetError
from ingest.registry import Dataset

HEADER_BYTES = 1 << 16


@dataclass(frozen=True)
class HeaderCheck:
    columns: tuple[str, ...]
    extra: tuple[str, ...]


def read_header(path: Path) -> list[str]:
    with path.open("rb") as fh:
        head = fh.read(HEADER_BYTES)
    text = head.decode("utf-8-sig", errors="replace")
    if not text.strip():
        return []
    first = next(csv.reader(io.StringIO(text)), [])
    return [c.strip() for c in first]


def check_header(ds: Dataset, header: list[str], label: str) -> HeaderCheck:
    """Fail on a missing or renamed column; report extra columns. Columns are landed by name,
    so a changed order is harmless."""
    if not header:
        raise DatasetError(ds.key, f"{label} is empty (no header)")
    dupes = sorted({c for c in header if header.count(c) > 1})
    if dupes:
        raise DatasetError(ds.key, f"{label}: header repeats column {dupes[0]}")
    expected = ds.column_names
    missing = [c for c in expected if c not in header]
    extra = tuple(c for c in header if c not in expected)
    if missing:
        hint = f" (found unexpected column {extra[0]})" if extra else ""
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        raise DatasetError(ds.key, f"{label}: missing column {missing[0]}{more}{hint}")
    return HeaderCheck(tuple(header), extra)


@dataclass(frozen=True)
class Landed:
    rows: int
    extra_columns: tuple[str, ...]


def csv_to_parquet(ds: Dataset, csv_path: Path, parquet_path: Path, label: str,
                   memory_limit: str = "600MB", temp_dir: Path | None = None) -> Landed:
    """Convert one CSV into ``parquet_path`` (which must not be the live landing)."""
    check = check_header(ds, read_header(csv_path), label)
    columns = {name: "VARCHAR" for name in check.columns}
    con = duckdb.connect(config={
        "memory_limit": memory_limit,
        "threads": 2,
        "preserve_insertion_order": False,
        **({"temp_directory": str(temp_dir)} if temp_dir else {}),
    })
    try:
        rows = con.execute(
            f"""
            copy (
                select * from read_csv(
                    $path, header = true, auto_detect = false, columns = $columns,
                    delim = ',', quote = '"', escape = '"', strict_mode = true,
                    encoding = 'utf-8', max_line_size = 4000000
                )
            ) to '{_sql_path(parquet_path)}'
            (format parquet, compression zstd, row_group_size 122880)
            """,
            {"path": str(csv_path), "columns": columns},
        ).fetchone()
    except duckdb.Error as exc:
        raise DatasetError(ds.key, f"{label}: unreadable CSV: {_first_line(exc)}") from exc
    finally:
        con.close()
    count = int(rows[0]) if rows else 0
    if count == 0:
        raise DatasetError(ds.key, f"{label} has a header but no rows")
    return Landed(count, check.extra)


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")


def _first_line(exc: BaseException) -> str:
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    return " ".join(lines[:2])[:300] if lines else type(exc).__name__
