"""A bad night still builds: one dataset failing leaves the others built from their landings, and a
failed build never touches the live warehouse."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ingest.cli import main
from tests.ckan_server import CkanServer, Faults
from tests.helpers import csv_data_rows, manifest_rows, sql


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["-q", *args])
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    return code, err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _reader(warehouse: Path) -> subprocess.Popen:
    """An analyst's read-only session on the live warehouse, open until its stdin closes."""
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, duckdb
        con = duckdb.connect({str(warehouse)!r}, read_only=True)
        print(con.execute("select count(*) from marts.fct_violations").fetchone()[0], flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip().isdigit()
    return proc


def test_a_failed_dataset_is_built_from_its_last_landing(home: Path, source_dir: Path, capsys) -> None:
    violations = source_dir / "violations.csv"
    first_rows = csv_data_rows(violations)
    with CkanServer(source_dir) as ckan:
        code, err = _run(capsys, "run", "--source", ckan.url)
    assert code == 0, err
    warehouse = home / "warehouse.duckdb"
    assert sql(home, "select count(*) from marts.fct_violations")[0][0] > 0
    built_first = sql(home, "select count(*) from staging.stg_smarts__violations")[0][0]
    # the violations file's own landing (the last row of the manifest may be another file's, a minute later)
    first_landing = [r for r in manifest_rows(home) if r["dataset_key"] == "violations"][-1]["finished_at"]

    # Tonight the portal changed the violations file but answers 500 for it; an analyst has the
    # warehouse open read-only all the while.
    lines = violations.read_text().splitlines(keepends=True)
    violations.write_text("".join(lines[:-5]))
    reader = _reader(warehouse)
    try:
        with CkanServer(source_dir, faults={"violations.csv": Faults(fail_times=99)}) as ckan:
            code, err = _run(capsys, "run", "--source", ckan.url)
    finally:
        reader.communicate("", timeout=30)
    assert code == 1
    assert len(err) == 1, "\n".join(err)
    assert err[0].startswith("stormwater run: violations: HTTP 500 from ")
    assert err[0].endswith(f"(built from the landing of {first_landing[:16].replace('T', ' ')} UTC)")
    # The marts were rebuilt (the analyst's session did not block it) from the previous landing.
    assert sql(home, "select count(*) from staging.stg_smarts__violations")[0][0] == built_first
    assert csv_data_rows(violations) == first_rows - 5
    # The import log and freshness say which data is stale.
    last = _latest_status(home)
    assert last["violations"] == "failed" and last["inspections"] == "skipped"
    freshness = {r["unique_id"].split(".", 2)[2]: r["max_loaded_at"]
                 for r in json.loads((home / "target" / "sources.json").read_text())["results"]}
    assert freshness["smarts.violations"] < freshness["smarts.inspections"]
    assert not list(home.glob(".build-*"))

    # A build that fails (a dataset's landing has gone) leaves the warehouse byte-identical.
    before = _digest(warehouse)
    shutil.move(home / "landed" / "inspections", home / "inspections.away")
    code, err = _run(capsys, "build")
    assert code == 1 and err and all(line.startswith("stormwater build: ") for line in err)
    assert _digest(warehouse) == before
    assert not list(home.glob(".build-*"))


def _latest_status(home: Path) -> dict[str, str]:
    """The status of each dataset's latest attempt, as the rebuilt import log has it."""
    return dict(sql(home, "select dataset_key, status from marts.import_log qualify row_number() "
                          "over (partition by dataset_key order by started_at desc, finished_at desc) = 1"))


def test_a_failed_dataset_without_any_landing_builds_nothing(home: Path, source_dir: Path, capsys) -> None:
    with CkanServer(source_dir, faults={"violations.csv": Faults(fail_times=99)}) as ckan:
        code, err = _run(capsys, "run", "--source", ckan.url)
    assert code == 1
    assert len(err) == 1
    assert err[0].startswith("stormwater run: violations: HTTP 500")
    assert err[0].endswith("(no earlier landing, so nothing was built)")
    assert not (home / "warehouse.duckdb").exists()
