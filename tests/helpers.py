from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


def manifest_rows(home: Path) -> list[dict]:
    path = home / "manifest" / "import_log.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def landed_digests(home: Path) -> dict[str, str]:
    """sha256 of every landed Parquet file, by path relative to the landing root."""
    root = home / "landed"
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*.parquet"))}


def csv_data_rows(path: Path) -> int:
    """Data rows of a generated CSV (the generator writes one line per row)."""
    with path.open("rb") as fh:
        return sum(1 for _ in fh) - 1


def drop_column(path: Path, column: str) -> None:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    i = rows[0].index(column)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([r[:i] + r[i + 1:] for r in rows])


def build(home: Path, *dbt_args: str) -> int:
    from ingest.cli import main

    os.environ["STORMWATER_HOME"] = str(home)
    return main(["build", "--", *dbt_args])


def sql(home: Path, query: str) -> list[tuple]:
    import duckdb

    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(query).fetchall()


def rewrite_csv(path: Path, change) -> None:
    """Rewrite a CSV through ``change(rows)``, rows being dicts keyed by the header."""
    import csv

    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    header = list(rows[0])
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
