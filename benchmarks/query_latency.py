"""p50/p95 latency of each example query in analyses/ against a built warehouse.

    python -m benchmarks.query_latency [--repeat 20] [--warehouse FILE] [--json OUT]
    (default warehouse: $STORMWATER_HOME/warehouse.duckdb)
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import duckdb

from ingest.home import Home

ANALYSES = Path(__file__).resolve().parents[1] / "analyses"


def measure(warehouse: Path, repeat: int) -> list[dict[str, float | int | str]]:
    """One entry per analyses/*.sql: rows returned, p50 and p95 in milliseconds over ``repeat`` runs."""
    if repeat < 2:
        raise ValueError("--repeat: at least 2 runs are needed for a p95")
    measured: list[dict[str, float | int | str]] = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for sql_file in sorted(ANALYSES.glob("*.sql")):
            sql = sql_file.read_text()
            times, rows = [], 0
            for _ in range(repeat):
                start = time.perf_counter()
                rows = len(con.execute(sql).fetchall())
                times.append((time.perf_counter() - start) * 1000)
            measured.append({"query": sql_file.stem, "rows": rows, "p50_ms": statistics.median(times),
                             "p95_ms": statistics.quantiles(times, n=20)[-1]})
    return measured


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--warehouse", type=Path, help="default: $STORMWATER_HOME/warehouse.duckdb")
    p.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = p.parse_args()
    measured = measure(args.warehouse or Home.from_env().warehouse, args.repeat)
    print(f"{'query':<40} {'rows':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for m in measured:
        print(f"{m['query']:<40} {m['rows']:>7} {m['p50_ms']:>8.1f} {m['p95_ms']:>8.1f}")
    if args.json:
        args.json.write_text(json.dumps(measured, indent=2))


if __name__ == "__main__":
    main()
