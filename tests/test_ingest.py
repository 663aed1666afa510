"""Landing through the real download path: a CKAN-compatible server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path

import duckdb
import pytest

from ingest import registry
from ingest.cli import main
from ingest.errors import StormwaterError
from ingest.landing.sources import PORTAL, CkanSource, DirectorySource, YearRange, source_for
from ingest.project import PROJECT_DIR
from tests.ckan_server import CkanServer, Faults
from tests.helpers import csv_data_rows, drop_column, landed_digests, manifest_rows


def _ingest(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["ingest", *args])
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    return code, err


def _parquet_rows(path: Path) -> int:
    return duckdb.sql(f"select count(*) from '{path}'").fetchone()[0]


def test_ckan_lands_all_eight_datasets(home: Path, source_dir: Path, capsys) -> None:
    with CkanServer(source_dir) as ckan:
        code, err = _ingest(capsys, "--source", ckan.url)
    assert code == 0, err
    assert err == []
    for key in registry.DATASET_KEYS:
        files = sorted((home / "landed" / key).glob("*.parquet"))
        assert files, key
        sources = sorted(source_dir.glob(f"{key}.csv" if key != "esmr" else "esmr_*.csv"))
        assert sum(_parquet_rows(f) for f in files) == sum(csv_data_rows(s) for s in sources), key
    rows = manifest_rows(home)
    assert {r["status"] for r in rows} == {"landed"}
    assert {r["dataset_key"] for r in rows} == set(registry.DATASET_KEYS)
    esmr = [r for r in rows if r["dataset_key"] == "esmr"]
    assert {r["resource_name"] for r in esmr} == {f"esmr_{y}" for y in range(2020, 2027)}
    # Resources were picked by their real portal ids.
    by_key = {r["dataset_key"]: r["resource_id"] for r in rows}
    assert by_key["violations"] == registry.get("violations").resource_ids[0]
    for r in rows:
        landed = home / r["landed_path"]
        assert hashlib.sha256((source_dir / Path(r["source_url"]).name).read_bytes()).hexdigest() == r["sha256"]
        assert landed.exists()


def test_landed_columns_are_text_with_official_names(home: Path, source_dir: Path, capsys) -> None:
    code, _ = _ingest(capsys, "--source", str(source_dir), "--datasets", "esmr,violations")
    assert code == 0
    for key in ("esmr", "violations"):
        f = sorted((home / "landed" / key).glob("*.parquet"))[0]
        cols = duckdb.sql(f"describe select * from '{f}'").fetchall()
        assert tuple(c[0] for c in cols) == registry.get(key).column_names
        assert {c[1] for c in cols} == {"VARCHAR"}
        meta = duckdb.sql(f"select distinct compression from parquet_metadata('{f}')").fetchall()
        assert meta == [("ZSTD",)]


def test_second_run_skips_with_conditional_requests(home: Path, source_dir: Path, capsys) -> None:
    with CkanServer(source_dir) as ckan:
        assert _ingest(capsys, "--source", ckan.url)[0] == 0
        before = landed_digests(home)
        inodes = {p: p.stat().st_ino for p in (home / "landed").rglob("*.parquet")}
        assert _ingest(capsys, "--source", ckan.url)[0] == 0
        conditional = ckan.file_requests("violations.csv")[-1]
    assert conditional.get("If-None-Match")
    second = manifest_rows(home)[-14:]
    assert {r["status"] for r in second} == {"skipped"}
    assert landed_digests(home) == before
    assert {p: p.stat().st_ino for p in (home / "landed").rglob("*.parquet")} == inodes


def test_changed_file_relands_only_that_dataset(home: Path, source_dir: Path, capsys) -> None:
    with CkanServer(source_dir) as ckan:
        assert _ingest(capsys, "--source", ckan.url)[0] == 0
        before = landed_digests(home)
        path = source_dir / "inspections.csv"
        lines = path.read_text().splitlines(keepends=True)
        path.write_text("".join(lines[:-5]))
        assert _ingest(capsys, "--source", ckan.url)[0] == 0
    last = {r["dataset_key"]: r for r in manifest_rows(home)[-14:]}
    assert last["inspections"]["status"] == "landed"
    assert last["inspections"]["rows_landed"] == len(lines) - 6
    assert last["violations"]["status"] == "skipped"
    after = landed_digests(home)
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed == {"inspections/inspections.parquet"}


def test_server_error_then_success_is_retried(home: Path, source_dir: Path, capsys) -> None:
    with CkanServer(source_dir, faults={"violations.csv": Faults(fail_times=2)}) as ckan:
        code, err = _ingest(capsys, "--source", ckan.url, "--datasets", "violations")
        assert len(ckan.file_requests("violations.csv")) == 3
    assert code == 0, err
    assert manifest_rows(home)[-1]["status"] == "landed"


def test_persistent_server_error_fails_the_dataset(home: Path, source_dir: Path, capsys) -> None:
    with CkanServer(source_dir, faults={"violations.csv": Faults(fail_times=99)}) as ckan:
        code, err = _ingest(capsys, "--source", ckan.url, "--datasets", "violations,inspections")
    assert code == 1
    assert len(err) == 1 and err[0].startswith("stormwater ingest: violations:") and "500" in err[0]
    assert (home / "landed" / "inspections" / "inspections.parquet").exists()
    assert not (home / "landed" / "violations").exists()


def test_truncated_download_fails_and_keeps_previous_landing(home: Path, source_dir: Path, capsys) -> None:
    with CkanServer(source_dir) as ckan:
        assert _ingest(capsys, "--source", ckan.url)[0] == 0
    before = landed_digests(home)
    with (source_dir / "esmr_2024.csv").open("a", encoding="utf-8") as fh:
        fh.write((source_dir / "esmr_2024.csv").read_text(encoding="utf-8-sig").splitlines()[1] + "\n")
    with CkanServer(source_dir, faults={"esmr_2024.csv": Faults(truncate=True)}) as ckan:
        code, err = _ingest(capsys, "--source", ckan.url)
    assert code == 1
    assert len(err) == 1
    assert err[0].startswith("stormwater ingest: esmr:") and "truncated" in err[0]
    assert landed_digests(home) == before
    failed = [r for r in manifest_rows(home) if r["status"] == "failed"]
    assert [r["resource_name"] for r in failed] == ["esmr_2024"]


def test_stalled_download_resumes_with_a_range_request(home: Path, source_dir: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("STORMWATER_HTTP_TIMEOUT", "0.5")
    data = (source_dir / "violations.csv").read_bytes()
    faults = {"violations.csv": Faults(stall_times=1, stall_seconds=2.0)}
    with CkanServer(source_dir, faults=faults) as ckan:
        code, err = _ingest(capsys, "--source", ckan.url, "--datasets", "violations")
        first, second = ckan.file_requests("violations.csv")
    assert code == 0, err
    assert "Range" not in first
    assert second["Range"] == f"bytes={len(data) // 2}-" and second["If-Range"].startswith('"')
    row = manifest_rows(home)[-1]
    assert row["status"] == "landed"
    assert row["sha256"] == hashlib.sha256(data).hexdigest() and row["bytes"] == len(data)
    assert _parquet_rows(home / row["landed_path"]) == csv_data_rows(source_dir / "violations.csv")


def test_stalled_download_without_ranges_starts_over(home: Path, source_dir: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("STORMWATER_HTTP_TIMEOUT", "0.5")
    data = (source_dir / "violations.csv").read_bytes()
    faults = {"violations.csv": Faults(stall_times=1, stall_seconds=2.0, ranges=False)}
    with CkanServer(source_dir, faults=faults) as ckan:
        code, err = _ingest(capsys, "--source", ckan.url, "--datasets", "violations")
        requests = ckan.file_requests("violations.csv")
    assert code == 0, err
    assert len(requests) == 2 and "Range" not in requests[1]
    assert manifest_rows(home)[-1]["sha256"] == hashlib.sha256(data).hexdigest()


def test_a_stall_on_every_attempt_fails_the_dataset(home: Path, source_dir: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("STORMWATER_HTTP_TIMEOUT", "0.3")
    monkeypatch.setenv("STORMWATER_HTTP_RETRIES", "1")
    faults = {"violations.csv": Faults(stall_times=9, stall_seconds=1.0, ranges=False)}
    with CkanServer(source_dir, faults=faults) as ckan:
        code, err = _ingest(capsys, "--source", ckan.url, "--datasets", "violations")
    assert code == 1
    assert len(err) == 1 and err[0].startswith("stormwater ingest: violations:") and "read timeout" in err[0]


@pytest.mark.parametrize("via", ["directory", "ckan"])
def test_missing_column_fails_cleanly_and_changes_nothing(home: Path, source_dir: Path, capsys, via) -> None:
    with CkanServer(source_dir) as ckan:
        source = ckan.url if via == "ckan" else str(source_dir)
        assert _ingest(capsys, "--source", source)[0] == 0
        before = landed_digests(home)
        drop_column(source_dir / "industrial_facilities.csv", "FACILITY_NAME")
        code, err = _ingest(capsys, "--source", source)
    assert code == 1
    assert err == ["stormwater ingest: industrial_facilities: missing column FACILITY_NAME"]
    assert landed_digests(home) == before


def test_renamed_column_names_both(home: Path, source_dir: Path, capsys) -> None:
    path = source_dir / "violations.csv"
    text = path.read_text()
    path.write_text(text.replace("OCCURRENCE_DATE", "OCCURENCE_DATE", 1))
    code, err = _ingest(capsys, "--source", str(source_dir), "--datasets", "violations")
    assert code == 1
    assert "missing column OCCURRENCE_DATE" in err[0] and "OCCURENCE_DATE" in err[0]


def test_extra_column_is_landed_and_reported(home: Path, source_dir: Path, capsys) -> None:
    path = source_dir / "enforcement_actions.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0] + ",NEW_FIELD"] + [ln + ",x" for ln in lines[1:]]) + "\n")
    code, err = _ingest(capsys, "--source", str(source_dir), "--datasets", "enforcement_actions")
    assert code == 0
    assert any("NEW_FIELD" in e and e.startswith("warning: enforcement_actions") for e in err)
    row = manifest_rows(home)[-1]
    assert row["extra_columns"] == ["NEW_FIELD"]
    f = home / row["landed_path"]
    assert "NEW_FIELD" in [c[0] for c in duckdb.sql(f"describe select * from '{f}'").fetchall()]


def test_ragged_row_fails_the_file(home: Path, source_dir: Path, capsys) -> None:
    with (source_dir / "inspections.csv").open("a") as fh:
        fh.write("1 01I000001,123,only,three-fields\n")
    code, err = _ingest(capsys, "--source", str(source_dir), "--datasets", "inspections")
    assert code == 1
    assert err[0].startswith("stormwater ingest: inspections: unreadable CSV")
    assert not (home / "landed" / "inspections").exists()


def test_header_only_file_fails(home: Path, source_dir: Path, capsys) -> None:
    path = source_dir / "violations.csv"
    path.write_text(path.read_text().splitlines()[0] + "\n")
    code, err = _ingest(capsys, "--source", str(source_dir), "--datasets", "violations")
    assert code == 1 and "no rows" in err[0]


def test_directory_source_lands_and_then_skips(home: Path, source_dir: Path, capsys) -> None:
    assert _ingest(capsys, "--source", str(source_dir))[0] == 0
    first = manifest_rows(home)
    assert {r["status"] for r in first} == {"landed"} and len(first) == 14
    assert _ingest(capsys, "--source", str(source_dir))[0] == 0
    assert {r["status"] for r in manifest_rows(home)[len(first):]} == {"skipped"}


def test_esmr_years_select_year_resources(home: Path, source_dir: Path, capsys) -> None:
    with CkanServer(source_dir) as ckan:
        assert _ingest(capsys, "--source", ckan.url, "--datasets", "esmr", "--esmr-years", "2024-2025")[0] == 0
        assert sorted(p.name for p in (home / "landed" / "esmr").iterdir()) == \
            ["esmr_2024.parquet", "esmr_2025.parquet"]
        # Narrowing the years removes the others from the landing, atomically.
        assert _ingest(capsys, "--source", ckan.url, "--datasets", "esmr", "--esmr-years", "2025")[0] == 0
    assert sorted(p.name for p in (home / "landed" / "esmr").iterdir()) == ["esmr_2025.parquet"]


def test_checksum_mismatch_with_portal_hash_fails(home: Path, source_dir: Path, capsys) -> None:
    with CkanServer(source_dir, hashes={"violations.csv": "0" * 64}) as ckan:
        code, err = _ingest(capsys, "--source", ckan.url, "--datasets", "violations")
    assert code == 1 and "does not match the portal's hash" in err[0]


def test_unreachable_portal_fails_instead_of_faking_success(home: Path, capsys) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, err = _ingest(capsys, "--source", f"http://127.0.0.1:{port}", "--datasets", "violations")
    assert code == 1
    assert err[0].startswith("stormwater ingest: violations: cannot reach")
    assert manifest_rows(home)[-1]["status"] == "failed"


def test_unknown_dataset_key_is_rejected(home: Path, capsys) -> None:
    code, err = _ingest(capsys, "--source", "/nonexistent", "--datasets", "violatons")
    assert code == 2 and "unknown dataset key 'violatons'" in err[0]


def test_source_kind_is_picked_once_from_the_spec(source_dir: Path) -> None:
    assert isinstance(source_for(PORTAL), CkanSource)
    assert isinstance(source_for("http://127.0.0.1:9/ckan/"), CkanSource)
    assert isinstance(source_for(str(source_dir)), DirectorySource)
    with pytest.raises(StormwaterError, match="--source /nonexistent: not a directory"):
        source_for("/nonexistent")


def test_directory_source_lands_the_file_in_place(source_dir: Path, tmp_path: Path) -> None:
    source = source_for(str(source_dir))
    [res] = source.resolve("violations", YearRange(2020))
    work = tmp_path / "work"
    work.mkdir()
    local = source.open(res, work, None)
    assert local.path == (source_dir / "violations.csv").resolve() and not local.temporary
    assert local.sha256 == hashlib.sha256(local.path.read_bytes()).hexdigest()
    assert list(work.iterdir()) == []


def test_help_names_no_path_outside_the_repository(capsys) -> None:
    for command in ([], ["sample"], ["ingest"], ["build"], ["validate"], ["run"], ["evaluate"], ["review"],
                    ["docs"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        out = capsys.readouterr().out
        assert "../" not in out and str(PROJECT_DIR.parent) not in out, command
