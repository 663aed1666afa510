"""p50/p95 latency of each example query in analyses/ against a built warehouse.

    python benchmarks/query_latency.py [--repeat 20]     # uses $STORMWATER_HOME/warehouse.duckdb
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import duckdb

from ingest.home import Home

ANALYSES = Path(__file__).resolve().parents[1] / "analyses"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=20)
    args = p.parse_args()
    with duckdb.connect(str(Home.from_env().warehouse), read_only=True) as con:
        print(f"{'query':<40} {'rows':>7} {'p50 ms':>8} {'p95 ms':>8}")
        for sql_file in sorted(ANALYSES.glob("*.sql")):
            sql = sql_file.read_text()
            times, rows = [], 0
            for _ in range(args.repeat):
                start = time.perf_counter()
                rows = len(con.execute(sql).fetchall())
                times.append((time.perf_counter() - start) * 1000)
            p95 = statistics.quantiles(times, n=20)[-1]
            print(f"{sql_file.stem:<40} {rows:>7} {statistics.median(times):>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
