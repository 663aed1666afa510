"""Running dbt against the warehouse, with failures reported one line each.

dbt runs in a child process: it owns its DuckDB connection, logging and environment there,
and the warehouse file is closed again when it returns.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import deque
from pathlib import Path

from ingest.home import Home
from ingest.project import PROJECT_DIR


def dbt_command(home: Home, args: list[str]) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "STORMWATER_HOME": str(home.root), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    cmd = [sys.executable, "-m", "dbt.cli.main", *args, "--project-dir", str(PROJECT_DIR),
           "--profiles-dir", str(PROJECT_DIR), "--log-path", str(home.root / "logs"),
           "--target-path", str(target_path(home))]
    return cmd, env


def target_path(home: Home) -> Path:
    return home.root / "target"


def run_dbt(home: Home, args: list[str], label: str | None = None) -> int:
    """Run ``dbt <args>`` on this project; 0 when dbt reports success. Failures are printed as
    one line each, after ``stormwater <label>:`` (default: the dbt command)."""
    home.root.mkdir(parents=True, exist_ok=True)
    results = [target_path(home) / name for name in ("run_results.json", "sources.json")]
    for r in results:
        r.unlink(missing_ok=True)
    cmd, env = dbt_command(home, args)
    if not sys.stdout.isatty():
        cmd.append("--no-use-colors")
    tail: deque[str] = deque(maxlen=40)
    with subprocess.Popen(cmd, env=env, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            tail.append(line)
    if proc.returncode == 0:
        return 0
    fallback = _error_in(list(tail)) or f"dbt {' '.join(args)} failed (see {home.root / 'logs'})"
    lines = [line for r in results for line in failures(r)] or [fallback]
    for line in lines:
        print(f"stormwater {label or args[0]}: {line}", file=sys.stderr)
    return 1


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
