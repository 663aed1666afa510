"""The benchmark's two references do the same work: the DuckDB floor types every value as the pandas baseline does.

The floor bounds the ratio against pandas that any DuckDB design can reach (docs/benchmarks.md); it is only a
bound if it does no less than the baseline, so both land the messy sample and their tables must be equal.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from benchmarks import duckdb_floor, pandas_baseline
from ingest import registry
from ingest.cli import main
from tests.conftest import AS_OF


@pytest.fixture(scope="module")
def messy_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench_sample")
    assert main(["sample", "--out", str(out), "--scale", "0.0005", "--seed", "11",
                 "--as-of", AS_OF.isoformat(), "--messy"]) == 0
    return out


def _differences(con: duckdb.DuckDBPyConnection, left: str, right: str) -> int:
    return sum(con.execute(f"select count(*) from (select * from {a} except all select * from {b})").fetchone()[0]
               for a, b in ((left, right), (right, left)))


@pytest.mark.parametrize("key", registry.DATASET_KEYS)
def test_floor_types_every_value_as_the_pandas_baseline_does(messy_sample: Path, key: str) -> None:
    files = pandas_baseline.dataset_files(messy_sample, key)
    with duckdb.connect() as con:
        rows = pandas_baseline.land(con, key, files, chunk_rows=5_000)
        con.execute("create schema floor")
        con.execute("use floor")
        assert duckdb_floor.land(con, key, files) == rows > 0
        con.execute("use memory.main")
        kinds = dict(con.execute(
            "select column_name, data_type from information_schema.columns where table_schema = 'main' "
            "and table_name = ?", [key]).fetchall())
        floor_kinds = dict(con.execute(
            "select column_name, data_type from information_schema.columns where table_schema = 'floor' "
            "and table_name = ?", [key]).fetchall())
        assert floor_kinds == kinds
        assert _differences(con, f'main."{key}"', f'floor."{key}"') == 0

