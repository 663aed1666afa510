"""The engine's floor: DuckDB alone doing the pandas baseline's work, nothing more.

    python -m benchmarks.duckdb_floor --sample DIR --out floor.duckdb [--json summary.json]

The same rules as ``benchmarks.pandas_baseline`` (every column read as text, trimmed, the published missing
markers set to NULL, cast by its staging kind, one table per dataset in a DuckDB file), written as one
``create table ... as select ... from read_csv(...)`` per dataset, with the warehouse's DuckDB settings
(every core, the memory limit, DuckDB 1.5's storage format). No download, no checksum, no Parquet landing,
no row hashes, no ranking, no data-quality ledger: what the pipeline's landing and typing cannot beat on
the same machine, so the pandas baseline's time divided by this one bounds the ratio any DuckDB design
can reach. Where the floor could only match pandas at a price it takes the cheaper way, which only lowers
the bound: ``trim`` removes spaces (as staging does), where pandas' ``str.strip`` also removes tabs and line
breaks at the ends (tests/test_benchmarks.py shows the tables equal on the messy sample).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import duckdb

from benchmarks.pandas_baseline import FLAGS, MISSING, SQL_TYPES, dataset_files
from ingest import registry
from ingest.project import dbt_var
from tools.codegen.staging_spec import kind_of


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _parsed(column: str, kind: str) -> str:
    """Step 3: the text parsed once (numbers and dates); other kinds stay text."""
    if kind in ("number", "latitude", "longitude", "integer"):
        return f"try_cast(replace({column}, ',', '') as double)"
    if kind == "date":
        return f"coalesce(try_strptime(left({column}, 10), '%Y-%m-%d'), try_strptime({column}, '%m/%d/%Y'))"
    return column


def _typed(column: str, kind: str, latest: date) -> str:
    """Step 4: the parsed value judged (finite, whole, in range) and typed."""
    if kind in ("number", "latitude", "longitude"):
        if kind == "number":
            return f"case when isfinite({column}) then {column} end"
        bounds = dbt_var("california_bounds")
        return (f"case when isfinite({column}) and {column} between {bounds[f'min_{kind}']} "
                f"and {bounds[f'max_{kind}']} then {column} end")
    if kind == "integer":
        return f"case when isfinite({column}) and {column} = round({column}) then {column}::bigint end"
    if kind == "date":
        earliest = dbt_var("earliest_plausible_date")
        return f"case when {column} between '{earliest}'::timestamp and '{latest}'::timestamp then {column} end"
    if kind == "flag":
        cases = " ".join(f"when {_literal(k)} then {str(v).lower()}" for k, v in FLAGS.items())
        return f"case upper({column}) {cases} end"
    if kind == "wdid":
        return f"regexp_replace(upper({column}), '\\s+', ' ', 'g')"
    return column


def typing_query(paths: list[Path], columns: list[tuple[str, str]], latest: date) -> str:
    """One query, each step once per value: trim, missing markers to NULL, parse, judge and type."""
    markers = "[" + ", ".join(_literal(m) for m in MISSING) + "]"

    def step(expression: Callable[[str, str], str], source: str) -> str:
        select = ", ".join(f"{expression(identifier(name), kind)} as {identifier(name)}" for name, kind in columns)
        return f"select {select} from ({source})"

    files = "[" + ", ".join(_literal(str(p)) for p in paths) + "]"
    raw = f"select * from read_csv({files}, all_varchar = true, header = true, union_by_name = true)"
    trimmed = step(lambda c, _: f"trim({c})", raw)
    text = step(lambda c, _: f"case when not list_contains({markers}, {c}) then {c} end", trimmed)
    parsed = step(_parsed, text)
    return step(lambda c, kind: f"({_typed(c, kind, latest)})::{SQL_TYPES.get(kind, 'varchar')}", parsed)


def land(con: duckdb.DuckDBPyConnection, key: str, files: list[Path]) -> int:
    latest = date.today() + timedelta(days=int(dbt_var("max_future_days")))
    columns = [(c.name, kind_of(c)) for c in registry.get(key).columns]
    con.execute(f"create table {identifier(key)} as {typing_query(files, columns, latest)}")
    return con.execute(f"select count(*) from {identifier(key)}").fetchone()[0]


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
