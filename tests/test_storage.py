"""The warehouse's storage format: a file in another format is rewritten once on its way to a
build, with everything in it; a file already in the profile's format is copied byte for byte."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingest.errors import StormwaterError
from ingest.warehouse import storage


def _old_warehouse(path: Path) -> None:
    with duckdb.connect(str(path), config={"storage_compatibility_version": "v1.0.0"}) as con:
        con.execute("create schema marts; create schema snapshots")
        con.execute("create table marts.t as select range as id, 'row ' || range as label from range(1000)")
        con.execute("comment on table marts.t is 'a mart'")
        con.execute("comment on column marts.t.label is 'what the row says'")
        con.execute("create table snapshots.history as select 1 as version, now() as valid_from")


def _content(path: Path) -> tuple:
    with duckdb.connect(str(path), read_only=True) as con:
        return (
            con.execute("select count(*), sum(hash(t)) from marts.t t").fetchall(),
            con.execute("select comment from duckdb_tables() where table_name = 't'").fetchall(),
            con.execute("select comment from duckdb_columns() where column_name = 'label'").fetchall(),
            con.execute("select count(*) from snapshots.history").fetchall(),
        )


def test_the_profile_names_a_storage_format() -> None:
    assert storage.profile_storage_version() == "v1.5.0"
    assert "memory_limit" in storage.profile_settings()


def test_an_old_file_is_rewritten_once_with_everything_in_it(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "live" / "warehouse.duckdb"
    old.parent.mkdir()
    _old_warehouse(old)
    assert storage.storage_version(old) == "v1.0.0+"

    copy = tmp_path / "work" / "warehouse.duckdb"
    assert storage.copy_warehouse(old, copy) is True
    assert "rewriting the warehouse in storage format v1.5.0" in capsys.readouterr().out
    assert storage.storage_version(copy) == "v1.5.0+"
    assert storage.storage_version(old) == "v1.0.0+"  # the live file is only read
    assert _content(copy) == _content(old)

    again = tmp_path / "again" / "warehouse.duckdb"
    assert storage.copy_warehouse(copy, again) is False  # already in the format: a byte copy
    assert again.read_bytes() == copy.read_bytes()


def test_a_copy_for_reading_is_never_rewritten(tmp_path: Path) -> None:
    old = tmp_path / "warehouse.duckdb"
    _old_warehouse(old)
    copy = tmp_path / "docs" / "warehouse.duckdb"
    assert storage.copy_warehouse(old, copy, upgrade=False) is False
    assert copy.read_bytes() == old.read_bytes()


def test_a_broken_file_fails_with_its_name_and_leaves_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "warehouse.duckdb"
    broken.write_bytes(b"not a database" * 1000)
    copy = tmp_path / "work" / "warehouse.duckdb"
    with pytest.raises(StormwaterError, match=r"cannot read the warehouse .*warehouse\.duckdb"):
        storage.copy_warehouse(broken, copy)
    assert not copy.exists()
