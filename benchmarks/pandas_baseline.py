"""The naive baseline: land and type the sample CSVs with pandas, then write them into a DuckDB file.

    python -m benchmarks.pandas_baseline --sample DIR --out baseline.duckdb [--json summary.json]

Every column is read as text (``read_csv`` in chunks of ``--chunk-rows``, so the statewide files fit in
memory), trimmed, the published missing markers set to NULL, and cast to the type its staging column gets
(the kinds of ``tools/codegen/staging_spec.py``: dates in both published formats and within the plausible
range, numbers with thousands separators, whole numbers, Y/N flags, coordinates within California, WDIDs
upper-cased). Each dataset becomes one table. Staging does more (exact-duplicate removal, the data-quality
ledger, region codes), so the comparison flatters the baseline.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from ingest import registry
from ingest.project import dbt_var
from tools.codegen.staging_spec import kind_of

MISSING = ["", "NA", "NaN", "N/A", "nan", "NULL"]
FLAGS = {"Y": True, "YES": True, "TRUE": True, "N": False, "NO": False, "FALSE": False}
SQL_TYPES = {"number": "double", "latitude": "double", "longitude": "double", "integer": "bigint",
             "date": "timestamp", "flag": "boolean"}


def dataset_files(sample: Path, key: str) -> list[Path]:
    """``<key>.csv`` and ``<key>_<anything>.csv``, as the directory source finds them."""
    return sorted(p for p in sample.glob("*.csv") if p.stem == key or p.stem.startswith(key + "_"))


def _date(text: pd.Series, earliest: pd.Timestamp, latest: pd.Timestamp) -> pd.Series:
    iso = pd.to_datetime(text.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    us = pd.to_datetime(text, format="%m/%d/%Y", errors="coerce")
    value = iso.fillna(us)
    return value.where((value >= earliest) & (value <= latest))


def _number(text: pd.Series) -> pd.Series:
    value = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce").astype("float64")
    return value.where(np.isfinite(value))


def typed(frame: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """Each text column trimmed, missing markers to NULL, cast by its staging kind."""
    bounds = dbt_var("california_bounds")
    earliest = pd.Timestamp(dbt_var("earliest_plausible_date"))
    latest = pd.Timestamp.now().normalize() + pd.Timedelta(days=int(dbt_var("max_future_days")))
    out = {}
    for name in frame.columns:
        text = frame[name].str.strip()
        text = text.mask(text.isin(MISSING))
        kind = kinds.get(name, "text")
        if kind in ("number", "latitude", "longitude"):
            value = _number(text)
            if kind != "number":
                low, high = bounds[f"min_{kind}"], bounds[f"max_{kind}"]
                value = value.where(value.between(low, high))
        elif kind == "integer":
            number = _number(text)
            value = number.where(number == number.round()).astype("Int64")
        elif kind == "date":
            value = _date(text, earliest, latest)
        elif kind == "flag":
            value = text.str.upper().map(FLAGS).astype("boolean")
        elif kind == "wdid":
            value = text.str.upper().str.replace(r"\s+", " ", regex=True)
        else:
            value = text
        out[name] = value
    return pd.DataFrame(out)


def land(con: duckdb.DuckDBPyConnection, key: str, files: list[Path], chunk_rows: int) -> int:
    kinds = {c.name: kind_of(c) for c in registry.get(key).columns}
    rows, created = 0, False
    for path in files:
        chunks = pd.read_csv(path, dtype=str, na_filter=False, encoding="utf-8-sig", chunksize=chunk_rows)
        for chunk in chunks:
            frame = typed(chunk, kinds)
            if not created:
                columns = ", ".join(f'"{c}" {SQL_TYPES.get(kinds.get(c, "text"), "varchar")}' for c in frame.columns)
                con.execute(f'create table "{key}" ({columns})')
                created = True
            con.register("chunk", frame)
            con.execute(f'insert into "{key}" select * from chunk')
            con.unregister("chunk")
            rows += len(frame)
    return rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sample", required=True, type=Path, help="the CSV directory written by stormwater sample")
    p.add_argument("--out", required=True, type=Path, help="DuckDB file to create (replaced if it exists)")
    p.add_argument("--json", type=Path, help="write rows and seconds per dataset here")
    p.add_argument("--chunk-rows", type=int, default=500_000)
    args = p.parse_args()
    args.out.unlink(missing_ok=True)
    summary: dict[str, dict[str, float]] = {}
    with duckdb.connect(str(args.out)) as con:
        for key in registry.DATASET_KEYS:
            files = dataset_files(args.sample, key)
            if not files:
                raise SystemExit(f"pandas baseline: {key}: no {key}.csv or {key}_*.csv in {args.sample}")
            started = time.perf_counter()
            rows = land(con, key, files, args.chunk_rows)
            summary[key] = {"rows": rows, "seconds": round(time.perf_counter() - started, 3)}
            print(f"{key:<26} {rows:>10,} rows in {summary[key]['seconds']:.1f}s")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
