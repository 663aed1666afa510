"""Running dbt against the warehouse, with failures reported one line each.

dbt runs in a child process: it owns its DuckDB connection, logging and environment there,
and the database file is closed again when it returns. Which file it opens is
``$STORMWATER_WAREHOUSE`` (``profiles.yml``), set here for every call.

Builds never write into the live warehouse: :func:`staged_build` copies it to
``.build-work/warehouse.duckdb`` (same name, so the DuckDB catalog name inside is the same), dbt
builds there, and the file replaces the live one only when the build succeeded. A failed
build leaves yesterday's warehouse byte for byte, and an analyst's read-only session on the
live file never blocks the nightly build.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import duckdb

from ingest.errors import StormwaterError, warehouse_locked
from ingest.home import Home
from ingest.project import PROJECT_DIR
from ingest.warehouse import build_state, storage


def dbt_executable() -> list[str]:
    """The ``dbt`` console script of this interpreter (``python -m dbt.cli.main`` would warn
    that the module is already in ``sys.modules``)."""
    script = Path(sys.executable).parent / "dbt"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from dbt.cli.main import cli; sys.argv[0] = 'dbt'; cli()"]


def dbt_command(home: Home, args: list[str], warehouse: Path | None = None,
                verbosity: int = 0) -> tuple[list[str], dict[str, str]]:
    cmd, env = _options(home, warehouse, verbosity)
    return [*dbt_executable(), *args, *cmd], env


def _options(home: Home, warehouse: Path | None, verbosity: int) -> tuple[list[str], dict[str, str]]:
    """The options every dbt command of ours gets, and its environment."""
    env = {**os.environ, "STORMWATER_HOME": str(home.root),
           "STORMWATER_WAREHOUSE": str(warehouse or home.warehouse),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    options = ["--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR),
               "--log-path", str(home.root / "logs"), "--target-path", str(target_path(home))]
    if verbosity < 0:
        options.append("--quiet")
    elif verbosity > 0:
        options.append("--debug")
    if not sys.stdout.isatty():
        options.append("--no-use-colors")
    return options, env


def target_path(home: Home) -> Path:
    return home.root / "target"


@dataclass(frozen=True)
class Command:
    """One dbt command: its arguments, and the label its failures are printed after."""

    args: list[str]
    label: str

    def results(self, home: Home) -> Path:
        return target_path(home) / ("sources.json" if self.args[:2] == ["source", "freshness"]
                                    else "run_results.json")


def run_dbt(home: Home, args: list[str], label: str | None = None, warehouse: Path | None = None,
            verbosity: int = 0) -> int:
    """Run ``dbt <args>`` on this project against ``warehouse`` (default: the live file); 0 when
    dbt reports success. Failures are printed as one line each, after ``stormwater <label>:``
    (default: the dbt command). ``verbosity`` < 0 hides dbt's output, > 0 adds its debug log."""
    return run_dbt_commands(home, [Command(args, label or args[0])], warehouse, verbosity)[0]


def run_dbt_commands(home: Home, commands: list[Command], warehouse: Path | None = None,
                     verbosity: int = 0) -> list[int]:
    """Run the dbt commands one after the other against ``warehouse``, as :func:`run_dbt` does
    one; several share one process that parses the project once (:mod:`dbt_session`). The
    status of each, in order."""
    home.root.mkdir(parents=True, exist_ok=True)
    # Each command's own result file only: a build leaves the freshness results of the same run.
    for command in commands:
        command.results(home).unlink(missing_ok=True)
    options, env = _options(home, warehouse, verbosity)
    statuses_file = home.root / "logs" / f".dbt-statuses.{os.getpid()}.json"
    if len(commands) == 1:
        cmd = [*dbt_executable(), *commands[0].args, *options]
    else:
        statuses_file.parent.mkdir(parents=True, exist_ok=True)
        spec = {"common": options, "commands": [c.args for c in commands], "statuses": str(statuses_file)}
        cmd = [sys.executable, "-m", "ingest.warehouse.dbt_session", json.dumps(spec)]
    tail: deque[str] = deque(maxlen=40)
    with subprocess.Popen(cmd, env=env, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if verbosity >= 0:
                sys.stdout.write(line)
            tail.append(line)
    statuses = _statuses(statuses_file, len(commands), proc.returncode)
    for command, status in zip(commands, statuses, strict=True):
        if status:
            fallback = _error_in(list(tail)) or (f"dbt {' '.join(command.args)} failed (see the logs under "
                                                 "$STORMWATER_HOME/logs)")
            for line in failures(command.results(home)) or [fallback]:
                print(f"stormwater {command.label}: {line}", file=sys.stderr)
    return statuses


def _statuses(path: Path, count: int, returncode: int) -> list[int]:
    """Each command's status: from the session's file when several ran, else the exit code."""
    if count == 1:
        return [0 if returncode == 0 else 1]
    try:
        statuses = [int(s) for s in json.loads(path.read_text(encoding="utf-8"))]
        path.unlink()
    except (OSError, ValueError, TypeError):
        return [1] * count  # the session itself broke (its traceback is in the output)
    return statuses if len(statuses) == count else [1] * count


def ensure_unlocked(path: Path) -> None:
    """Fail with one line when another process holds ``path`` open for writing."""
    if not path.exists():
        return
    try:
        duckdb.connect(str(path), read_only=True).close()
    except duckdb.IOException as exc:
        raise warehouse_locked(path, exc) from None


WORK_DIR = ".build-work"
"""Where dbt works on a copy of the warehouse. Always the same path: dbt's partial parsing
keeps working only while the profile (which names the file) stays the same."""


@contextmanager
def _exclusive(home: Home, purpose: str) -> Iterator[None]:
    """One dbt command working on a copy per home at a time."""
    home.root.mkdir(parents=True, exist_ok=True)
    with (home.root / ".dbt.lock").open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StormwaterError(f"cannot {purpose}: another build, docs or freshness check is running in "
                                  f"{home.root}") from None
        yield


@contextmanager
def warehouse_copy(home: Home, purpose: str) -> Iterator[Path]:
    """A private copy of the live warehouse under ``$STORMWATER_HOME/.build-work/`` (same file
    name), removed afterwards; the live file is only read. A build's copy is in the profile's
    storage format (:mod:`storage`)."""
    ensure_unlocked(home.warehouse)
    with _exclusive(home, purpose):
        copy = home.root / WORK_DIR / home.warehouse.name
        shutil.rmtree(copy.parent, ignore_errors=True)
        storage.copy_warehouse(home.warehouse, copy, upgrade=purpose == "build")
        try:
            yield copy
        finally:
            shutil.rmtree(copy.parent, ignore_errors=True)


class StagedBuild:
    """A warehouse being built next to the live one; :meth:`publish` swaps it in."""

    def __init__(self, home: Home, path: Path) -> None:
        self.home, self.path = home, path

    def publish(self) -> None:
        live = self.home.warehouse
        Path(f"{live}.wal").unlink(missing_ok=True)  # its content is in the copy we built on
        os.replace(self.path, live)


@contextmanager
def staged_build(home: Home) -> Iterator[StagedBuild]:
    """Seed ``.build-work/warehouse.duckdb`` with the live warehouse (it keeps history tables) and
    yield it; whatever was not published is removed on the way out."""
    home.root.mkdir(parents=True, exist_ok=True)
    with warehouse_copy(home, "build") as path:
        yield StagedBuild(home, path)


@dataclass
class BuildOutcome:
    status: int
    plan: build_state.Plan
    freshness: int = 0
    """The freshness check's status, when one ran before the build (``stormwater run``)."""
    remembering: Future[None] | None = None
    """Recording the build state (the published file's sha256 takes seconds), when still under way."""

    def settle(self) -> None:
        """Wait until the build state is recorded (:func:`build` with ``remember_later``)."""
        if self.remembering is not None:
            self.remembering.result()


FRESHNESS = Command(["source", "freshness"], "run: source freshness")
"""``dbt source freshness`` as ``stormwater run`` runs it."""


def build(home: Home, dbt_args: list[str], verbosity: int = 0, label: str = "build", full: bool = False,
          freshness: bool = False, before: Callable[[], None] | None = None,
          remember_later: bool = False) -> BuildOutcome:
    """``dbt build`` of what changed since the last successful build (:mod:`build_state`) into a
    staged copy; the live warehouse and the build state change only when it succeeded. Nothing
    changed: no dbt at all, one line says so. When dbt runs, ``before()`` is called first, and
    with ``freshness`` the freshness check runs ahead of the build in the same dbt process; its
    status is returned beside the build's. With ``remember_later`` the build state is recorded
    in a thread (``stormwater run`` validates meanwhile); :meth:`BuildOutcome.settle` waits."""
    home.root.mkdir(parents=True, exist_ok=True)
    current = build_state.Fingerprint.current(home, PROJECT_DIR, dbt_args)
    plan = build_state.plan(home, current, dbt_args, full=full)
    last = build_state.load(home)
    print(f"stormwater {label.split(':')[0]}: {plan.line(last)}")
    if plan.mode == "nothing":
        return BuildOutcome(0, plan)
    # A build of the user's own selection keeps the last state's fingerprints (what it left out
    # may still be stale, so the next build redoes everything changed since then) when that state
    # still describes the live warehouse and the dbt arguments agree; otherwise it drops them.
    keep = (plan.mode == "as-asked" and last is not None and last.fingerprint.args == current.args
            and last.warehouse.matches(home.warehouse))
    if before:
        before()
    with staged_build(home) as staged:
        build_command = Command(["build", *dbt_args, *plan.dbt_args(home)], label)
        *fresh, status = run_dbt_commands(home, [FRESHNESS, build_command] if freshness else [build_command],
                                          staged.path, verbosity)
        outcome = BuildOutcome(status, plan, max(fresh, default=0))
        if status == 0:
            staged.publish()
            remember = partial(_remember, home, plan, current, last if keep else None)
            if remember_later:
                pool = ThreadPoolExecutor(max_workers=1)
                outcome.remembering = pool.submit(remember)
                pool.shutdown(wait=False)  # the thread finishes its one task (and exit waits for it)
            else:
                remember()
        return outcome


def _remember(home: Home, plan: build_state.Plan, current: build_state.Fingerprint,
              kept: build_state.State | None) -> None:
    """Record what the published warehouse was built from (only ever after a successful build)."""
    dbt_manifest = target_path(home) / "manifest.json"
    signature = build_state.WarehouseSignature.of(home.warehouse)
    if plan.mode != "as-asked" and dbt_manifest.exists():
        build_state.save(home, build_state.State(build_state.now(), current, signature), dbt_manifest)
    elif plan.mode == "as-asked" and kept is not None:
        build_state.save(home, build_state.State(kept.built_at, kept.fingerprint, signature), None)
    else:
        build_state.forget(home)


def docs(home: Home, verbosity: int = 0) -> int:
    """``dbt docs generate --static`` against a copy, so an open read-only session does not block it."""
    if not home.warehouse.exists():
        raise StormwaterError("no warehouse yet: run stormwater build first")
    with warehouse_copy(home, "docs") as copy:
        return run_dbt(home, ["docs", "generate", "--static"], warehouse=copy, verbosity=verbosity)


def failures(run_results: Path) -> list[str]:
    """One line per failed node: its name and the reason."""
    if not run_results.exists():
        return []
    out = []
    for r in json.loads(run_results.read_text()).get("results", []):
        if r.get("status") in ("error", "fail", "runtime error"):
            if r.get("unique_id", "").startswith("source."):
                age = r.get("max_loaded_at_time_ago_in_s")
                days = f"{age / 86400:.1f} days" if isinstance(age, int | float) else "unknown time"
                out.append(f"{r['unique_id'].split('.', 2)[2]}: stale, last landed {days} ago")
                continue
            name = r.get("unique_id", "?").split(".")[-1] if "test." not in r.get("unique_id", "") \
                else r["unique_id"].split(".")[2]
            message = " ".join(str(r.get("message") or r.get("status")).split())[:300]
            out.append(f"{name}: {message}")
    return out


def _error_in(output: list[str]) -> str:
    """dbt's own error (a parse or connection error), folded onto one line."""
    for i, line in enumerate(output):
        if "Encountered an error" in line or "Error" in line:
            return " ".join(" ".join(output[i:]).split())[:400]
    return ""
