"""What analysts open: the docs site (rendered in headless Chromium) and the validation report."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from ingest.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--virtual-time-budget=20000", *args],
        capture_output=True, text=True, timeout=180, check=False)


@pytest.fixture(scope="module")
def docs_site(garbage_warehouse: Path) -> Path:
    import os

    os.environ["STORMWATER_HOME"] = str(garbage_warehouse)
    assert main(["docs"]) == 0
    return garbage_warehouse / "docs" / "index.html"


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_docs_site_renders_a_mart_description(docs_site: Path, tmp_path: Path) -> None:
    url = f"file://{docs_site}#!/model/model.stormwater.facility_links"
    dom = _chromium("--dump-dom", url, profile=tmp_path / "profile").stdout
    assert "Accepted eSMR-to-SMARTS links" in dom
    shot = tmp_path / "docs.png"
    _chromium(f"--screenshot={shot}", "--window-size=1400,1000", url, profile=tmp_path / "profile2")
    assert shot.exists() and shot.stat().st_size > 10_000


def test_docs_site_is_one_self_contained_file(docs_site: Path) -> None:
    text = docs_site.read_text(encoding="utf-8")
    assert "fct_nal_exceedances" in text and "nightly_warehouse_build" in text


def test_validation_passes_and_writes_a_report(garbage_warehouse: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("STORMWATER_HOME", str(garbage_warehouse))
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert " 0 failed" in out
    report = (garbage_warehouse / "reports" / "validation.html").read_text()
    assert "All expectations passed" in report and "marts.fct_enforcement_actions" in report


def test_one_corrupted_value_fails_validation(garbage_warehouse: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    home = tmp_path / "corrupted"
    home.mkdir()
    shutil.copy(garbage_warehouse / "warehouse.duckdb", home / "warehouse.duckdb")
    (home / "landed").symlink_to(garbage_warehouse / "landed")
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("""
            update marts.dim_facility set latitude = 340.5
            where facility_id = (select min(facility_id) from marts.dim_facility where latitude is not null)""")
    monkeypatch.setenv("STORMWATER_HOME", str(home))
    assert main(["validate"]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert err == [line for line in err if line.startswith("stormwater validate: marts.dim_facility:")]
    assert len(err) == 1 and "latitude" in err[0]
    assert "1 of" in (home / "reports" / "validation.html").read_text()


def test_stale_sources_fail_the_freshness_check(garbage_warehouse: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    from ingest.cli import check_freshness

    home = tmp_path / "stale"
    shutil.copytree(garbage_warehouse, home, ignore=shutil.ignore_patterns("docs", "reports", "logs"))
    monkeypatch.setenv("STORMWATER_HOME", str(home))
    assert check_freshness() == 0
    manifest = home / "manifest" / "import_log.jsonl"
    lines = manifest.read_text().splitlines()
    manifest.write_text("\n".join(line.replace('"finished_at": "20', '"finished_at": "19') for line in lines) + "\n")
    capsys.readouterr()
    assert check_freshness() == 1
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 8
    assert "stormwater run: source freshness: smarts.violations: stale, last landed" in "\n".join(err)


def _stale_home(garbage_warehouse: Path, home: Path) -> Path:
    """A copy of a built home whose import log says every dataset was last landed in the 1900s."""
    shutil.copytree(garbage_warehouse, home, ignore=shutil.ignore_patterns("docs", "reports", "logs"))
    manifest = home / "manifest" / "import_log.jsonl"
    lines = manifest.read_text().splitlines()
    manifest.write_text("\n".join(line.replace('"finished_at": "20', '"finished_at": "19') for line in lines) + "\n")
    return home


def test_one_dbt_process_runs_several_commands_with_a_status_each(garbage_warehouse: Path, tmp_path: Path,
                                                                  monkeypatch, capsys) -> None:
    """stormwater run's freshness check and build share one dbt process (parsed once); each keeps
    its own status and failure lines: a stale source fails the check, not the command after it."""
    from ingest.home import Home
    from ingest.warehouse import dbt

    home = Home(_stale_home(garbage_warehouse, tmp_path / "stale"))
    monkeypatch.setenv("STORMWATER_HOME", str(home.root))
    capsys.readouterr()
    listing = dbt.Command(["ls", "--select", "dim_facility", "--output", "name"], "ls")
    assert dbt.run_dbt_commands(home, [dbt.FRESHNESS, listing], home.warehouse) == [1, 0]
    out, err = capsys.readouterr()
    assert "dim_facility" in out
    err_lines = [line for line in err.splitlines() if line.strip()]
    assert len(err_lines) == 8 and all(line.startswith("stormwater run: source freshness: ") for line in err_lines)
    assert not list((home.root / "logs").glob(".dbt-statuses.*")), "the status file is left behind"


def test_a_dbt_session_that_cannot_parse_fails_every_command(garbage_warehouse: Path, tmp_path: Path,
                                                             monkeypatch, capsys) -> None:
    from ingest.home import Home
    from ingest.warehouse import dbt

    broken = tmp_path / "project"
    (broken / "models").mkdir(parents=True)
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy2(dbt.PROJECT_DIR / name, broken / name)
    (broken / "models" / "broken.sql").write_text("select {{ this is not jinja }}\n")
    monkeypatch.setattr("ingest.warehouse.dbt.PROJECT_DIR", broken)
    home = Home(tmp_path / "home")
    statuses = dbt.run_dbt_commands(home, [dbt.FRESHNESS, dbt.Command(["build"], "run: build")], verbosity=-1)
    assert statuses == [1, 1]
    err = capsys.readouterr().err
    assert "stormwater run: source freshness: " in err and "stormwater run: build: " in err
