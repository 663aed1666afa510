"""The command line's manners: help, version, verbosity, and one line per error, never a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

import ingest
from ingest import registry
from ingest.cli import COMMANDS, main
from ingest.project import PROJECT_DIR
from ingest.warehouse.dbt import dbt_executable


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    return code, err


def _one_line(code: int, err: list[str], command: str) -> str:
    assert code != 0
    assert len(err) == 1, err
    assert err[0].startswith(f"stormwater {command}: ") and "Traceback" not in err[0]
    return err[0]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"stormwater {ingest.__version__}"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_a_description_and_an_example(command: str, capsys) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    description = COMMANDS[command][1]
    assert " ".join(description.split()[:6]) in " ".join(out.split())
    assert f"Example:\n  stormwater {command}" in out
    assert "-q, --quiet" in out and "-v, --verbose" in out
    assert str(PROJECT_DIR) not in out and "/tmp/" not in out and "../" not in out


@pytest.mark.parametrize("command", ["ingest", "run"])
def test_datasets_help_lists_every_key(command: str, capsys) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert ", ".join(registry.DATASET_KEYS) in out


def test_quiet_and_verbose_go_before_or_after_the_command() -> None:
    from ingest.cli import _verbosity, parser

    assert _verbosity(parser().parse_args(["-q", "validate"])) == -1
    assert _verbosity(parser().parse_args(["validate", "-q"])) == -1
    assert _verbosity(parser().parse_args(["-v", "validate"])) == 1
    assert _verbosity(parser().parse_args(["validate"])) == 0
    with pytest.raises(SystemExit):
        parser().parse_args(["validate", "-q", "-v"])


def test_dbt_is_invoked_without_a_runtime_warning() -> None:
    new = subprocess.run([*dbt_executable(), "--version"], capture_output=True, text=True, timeout=120)
    assert new.returncode == 0 and "Core" in new.stdout + new.stderr
    assert "RuntimeWarning" not in new.stderr
    # The way it used to be invoked does warn, so the assertion above can fail.
    old = subprocess.run([sys.executable, "-W", "always", "-m", "dbt.cli.main", "--version"], capture_output=True,
                         text=True, timeout=120)
    assert "RuntimeWarning" in old.stderr


# --- review --apply --------------------------------------------------------------------------

@pytest.fixture
def overrides(tmp_path: Path) -> Path:
    return tmp_path / "overrides.csv"


def test_review_apply_missing_file(home: Path, overrides: Path, tmp_path: Path, capsys) -> None:
    line = _one_line(*_run(capsys, "review", "--apply", str(tmp_path / "nope.csv"), "--overrides", str(overrides)),
                     "review")
    assert "nope.csv: no such file" in line
    assert not overrides.exists()


@pytest.mark.parametrize(("content", "expected"), [
    ("wdid,app_id,decision\n1,2,accept\n", "missing column esmr_facility_place_id"),
    ("esmr_facility_place_id,wdid,app_id,decision\n7,1,2,maybe\n", "line 2: decision must be accept or reject"),
    ("esmr_facility_place_id,wdid,app_id,decision\n7,,2,accept\n", "line 2: esmr_facility_place_id, wdid, app_id"),
    ("", "missing column esmr_facility_place_id"),
    (b"\xff\xfe\x00garbage\x00\x81", "not a readable CSV"),
])
def test_review_apply_malformed_file(home: Path, overrides: Path, tmp_path: Path, capsys, content, expected) -> None:
    decisions = tmp_path / "decisions.csv"
    if isinstance(content, bytes):
        decisions.write_bytes(content)
    else:
        decisions.write_text(content)
    line = _one_line(*_run(capsys, "review", "--apply", str(decisions), "--overrides", str(overrides)), "review")
    assert expected in line
    assert not overrides.exists()


# --- environment variables -------------------------------------------------------------------

@pytest.mark.parametrize(("name", "value", "args"), [
    ("STORMWATER_HTTP_RETRIES", "abc", ["ingest", "--datasets", "violations"]),
    ("STORMWATER_HTTP_RETRIES", "-1", ["ingest", "--datasets", "violations"]),
    ("STORMWATER_HTTP_BACKOFF", "fast", ["ingest", "--datasets", "violations"]),
    ("STORMWATER_HTTP_TIMEOUT", "0", ["ingest", "--datasets", "violations"]),
    ("STORMWATER_HTTP_CONNECT_TIMEOUT", "ten", ["ingest", "--datasets", "violations"]),
    ("STORMWATER_ESMR_FIRST_YEAR", "x", ["ingest", "--datasets", "esmr"]),
    ("STORMWATER_DUCKDB_MEMORY", "lots", ["build"]),
])
def test_bad_environment_variable_is_named(home: Path, monkeypatch, capsys, name, value, args) -> None:
    monkeypatch.setenv(name, value)
    command = args[0]
    if command == "ingest":
        args = [*args, "--source", f"http://127.0.0.1:{_closed_port()}"]
    line = _one_line(*_run(capsys, *args), command)
    assert f"environment variable {name}={value!r}" in line
    assert not (home / "manifest").exists()  # nothing was attempted


def test_stormwater_home_that_is_a_file_is_named(tmp_path: Path, monkeypatch, capsys) -> None:
    afile = tmp_path / "afile"
    afile.write_text("")
    monkeypatch.setenv("STORMWATER_HOME", str(afile))
    line = _one_line(*_run(capsys, "validate"), "validate")
    assert "environment variable STORMWATER_HOME=" in line and "not a directory" in line


# --- no network ------------------------------------------------------------------------------

def test_unreachable_host_is_named(home: Path, capsys) -> None:
    port = _closed_port()
    line = _one_line(*_run(capsys, "ingest", "--source", f"http://127.0.0.1:{port}", "--datasets", "violations"),
                     "ingest")
    assert line == f"stormwater ingest: violations: cannot reach 127.0.0.1:{port} (connection refused)"


# --- a warehouse locked by another process ---------------------------------------------------

@pytest.fixture
def locked_warehouse(home: Path) -> Iterator[int]:
    """A warehouse file held open for writing by another process; yields that process's id."""
    home.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, duckdb
        con = duckdb.connect({str(home / 'warehouse.duckdb')!r})
        con.execute("create schema if not exists marts")
        print("ready", flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    yield holder.pid
    holder.communicate("", timeout=30)


@pytest.mark.parametrize("args", [["validate"], ["build"], ["docs"], ["review", "--export", "queue.csv"]])
def test_locked_warehouse_is_one_line(locked_warehouse: int, home: Path, capsys, args) -> None:
    before = (home / "warehouse.duckdb").read_bytes()
    line = _one_line(*_run(capsys, *args), args[0])
    assert f"is locked by another process (PID {locked_warehouse}" in line
    assert (home / "warehouse.duckdb").read_bytes() == before
    assert not list(home.glob(".build-*"))


def test_read_only_sessions_do_not_lock_each_other(home: Path) -> None:
    """What lets an analyst's `duckdb -readonly` session and the nightly job's reads coexist."""
    home.mkdir(parents=True)
    path = str(home / "warehouse.duckdb")
    duckdb.connect(path).close()
    with duckdb.connect(path, read_only=True), duckdb.connect(path, read_only=True) as second:
        assert second.execute("select 1").fetchone() == (1,)


# --- the catch-all ---------------------------------------------------------------------------

def test_unexpected_exception_is_one_line(home: Path, monkeypatch, capsys) -> None:
    def boom(args: object) -> int:
        raise RuntimeError("something\nunforeseen")

    monkeypatch.setattr("ingest.cli.cmd_validate", boom)  # parser() looks the command up when called
    line = _one_line(*_run(capsys, "validate"), "validate")
    assert line == ("stormwater validate: internal error: RuntimeError: something unforeseen "
                    "(run with -v for the traceback)")
    code = main(["-v", "validate"])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" in err and err.strip().splitlines()[-1] == line

