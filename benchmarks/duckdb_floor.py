"""The engine's floor: DuckDB alone doing the pandas baseline's work, nothing more.

    python -m benchmarks.duckdb_floor --sample DIR --out floor.duckdb [--json summary.json]

The same rules as ``benchmarks.pandas_baseline`` (every column read as text, trimmed, the published missing
markers set to NULL, cast by its staging kind, one table per dataset in a DuckDB file), written as one
``create table ... as select ... from read_csv(...)`` per dataset, with the warehouse's DuckDB settings
(every core, the memory limit, DuckDB 1.5's storage format). No download, no checksum, no Parquet landing,
no row hashes, no ranking, no data-quality ledger: what the pipeline's landing and typing cannot beat on
the same machine, so the pandas baseline's time divided by this one bounds the ratio any DuckDB design
can reach.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb

from benchmarks.pandas_baseline import FLAGS, MISSING, SQL_TYPES, dataset_files
from ingest import registry
from ingest.project import dbt_var
from tools.codegen.staging_spec import kind_of

WHITESPACE = " \t\n\r\x0b\x0c"  # what pandas' str.strip() removes from the ASCII range


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _text(column: str) -> str:
    trimmed = f"trim({column}, {_literal(WHITESPACE)})"
    markers = ", ".join(_literal(m) for m in MISSING)
    return f"(case when list_contains([{markers}], {trimmed}) then null else {trimmed} end)"


def _number(text: str) -> str:
    value = f"try_cast(replace({text}, ',', '') as double)"
    return f"(case when isfinite({value}) then {value} end)"


def cast(column: str, kind: str, latest: date) -> str:
    """The SQL expression giving a raw text column the type and value the pandas baseline gives it."""
    text = _text(duckdb_identifier(column))
    if kind in ("number", "latitude", "longitude"):
        value = _number(text)
        if kind == "number":
            return value
        bounds = dbt_var("california_bounds")
        return f"(case when {value} between {bounds[f'min_{kind}']} and {bounds[f'max_{kind}']} then {value} end)"
    if kind == "integer":
        value = _number(text)
        return f"(case when {value} = round({value}) then {value}::bigint end)"
    if kind == "date":
        value = f"coalesce(try_strptime(left({text}, 10), '%Y-%m-%d'), try_strptime({text}, '%m/%d/%Y'))"
        earliest = dbt_var("earliest_plausible_date")
        return f"(case when {value} between '{earliest}'::timestamp and '{latest}'::timestamp then {value} end)"
    if kind == "flag":
        cases = " ".join(f"when {_literal(k)} then {str(v).lower()}" for k, v in FLAGS.items())
        return f"(case upper({text}) {cases} end)"
    if kind == "wdid":
        return f"regexp_replace(upper({text}), '\\s+', ' ', 'g')"
    return text


def duckdb_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def land(con: duckdb.DuckDBPyConnection, key: str, files: list[Path]) -> int:
    latest = date.today() + timedelta(days=int(dbt_var("max_future_days")))
    columns = [(c.name, kind_of(c)) for c in registry.get(key).columns]
    select = ", ".join(f"{cast(name, kind, latest)}::{SQL_TYPES.get(kind, 'varchar')} as {duckdb_identifier(name)}"
                       for name, kind in columns)
    paths = "[" + ", ".join(_literal(str(p)) for p in files) + "]"
    con.execute(f"create table {duckdb_identifier(key)} as select {select} "
                f"from read_csv({paths}, all_varchar = true, header = true, union_by_name = true)")
    return con.execute(f"select count(*) from {duckdb_identifier(key)}").fetchone()[0]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sample", required=True, type=Path, help="the CSV directory written by stormwater sample")
    p.add_argument("--out", required=True, type=Path, help="DuckDB file to create (replaced if it exists)")
    p.add_argument("--json", type=Path, help="write rows and seconds per dataset here")
    p.add_argument("--memory-limit", default="1GB", help="DuckDB's memory limit (the warehouse's default)")
    args = p.parse_args()
    args.out.unlink(missing_ok=True)
    summary: dict[str, dict[str, float]] = {}
    with duckdb.connect(str(args.out), config={"storage_compatibility_version": "v1.5.0"}) as con:
        con.execute(f"set memory_limit = {_literal(args.memory_limit)}; set preserve_insertion_order = false")
        for key in registry.DATASET_KEYS:
            files = dataset_files(args.sample, key)
            if not files:
                raise SystemExit(f"DuckDB floor: {key}: no {key}.csv or {key}_*.csv in {args.sample}")
            started = time.perf_counter()
            rows = land(con, key, files)
            summary[key] = {"rows": rows, "seconds": round(time.perf_counter() - started, 3)}
            print(f"{key:<26} {rows:>10,} rows in {summary[key]['seconds']:.1f}s")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
