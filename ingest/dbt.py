"""Running dbt against the warehouse, with failures reported one line each."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ingest.paths import Home

PROJECT_DIR = Path(__file__).resolve().parents[1]


def run_dbt(home: Home, args: list[str]) -> int:
    """Run ``dbt <args>`` in-process on this project; 0 when dbt reports success."""
    from dbt.cli.main import dbtRunner

    home.root.mkdir(parents=True, exist_ok=True)
    os.environ["STORMWATER_HOME"] = str(home.root)
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    base = ["--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)]
    log_args = ["--log-path", str(home.root / "logs")]
    result = dbtRunner().invoke([*args, *base, *log_args])
    if result.success:
        return 0
    failures = _failures(result)
    for line in failures or [f"dbt {' '.join(args)} failed: {result.exception or 'see logs'}"]:
        print(f"stormwater {args[0]}: {line}", file=sys.stderr)
    return 1


def _failures(result: object) -> list[str]:
    out = []
    for r in getattr(getattr(result, "result", None), "results", None) or []:
        status = str(getattr(r, "status", ""))
        if status.lower() in ("error", "fail", "runtimeerror"):
            node = getattr(r, "node", None)
            name = getattr(node, "name", "?")
            message = " ".join(str(getattr(r, "message", "") or status).split())[:300]
            out.append(f"{name}: {message}")
    return out
