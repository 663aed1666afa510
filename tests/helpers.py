from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import duckdb


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


def tables_digest(home: Path, schema: str = "marts") -> dict[str, tuple]:
    """Rows and a content hash of every table in ``schema`` (the marts by default), doubles rounded
    to 9 digits (a parallel sum may differ in its last bits). No mart or staging table records when
    it was built: the status history is dated by landing times, which both homes share."""
    out = {}
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from information_schema.tables "
                                            "where table_schema = ? order by 1", [schema]).fetchall()]
        for table in tables:
            columns = con.execute("select column_name, data_type from information_schema.columns where "
                                  "table_schema = ? and table_name = ? order by ordinal_position",
                                  [schema, table]).fetchall()
            expr = ", ".join(f'round("{c}", 9)' if t in ("DOUBLE", "FLOAT") else f'"{c}"' for c, t in columns)
            out[table] = con.execute(f"select count(*), sum(hash({expr})) from {schema}.{table}").fetchone()
    return out


def change_one_percent(path: Path) -> int:
    """Change RESULT in 1 row of 100, delete 1 row of 400, add 1 of 500 as a new sample."""
    changed: list[int] = []

    def change(rows: list[dict]) -> None:
        n = len(rows)
        for i in range(0, n, 100):
            rows[i]["RESULT"] = "123.456" if rows[i]["RESULT"] != "123.456" else "7.5"
        extra = [dict(rows[i], SAMPLE_ID=f"99{rows[i]['SAMPLE_ID']}") for i in range(7, n, 500)]
        for i in sorted(range(3, n, 400), reverse=True):
            del rows[i]
        rows.extend(extra)
        changed.append(n)

    rewrite_csv(path, change)
    return changed[0]
