"""The warehouse file's storage format, and copying a warehouse into it.

``profiles.yml`` names the DuckDB storage format new warehouse files are written in
(``config_options.storage_compatibility_version``; DuckDB's own default is an old format kept
for old readers, and its string compression writes the wide tables much slower). A file keeps
the format it was created in, so a warehouse from before that setting would keep the slow one
for ever: :func:`copy_warehouse` rewrites such a file into the profile's format on its way to a
build (once; the history tables in it come along), and copies every other file byte for byte.
"""

from __future__ import annotations

import os
import shutil
import sys
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import jinja2
import yaml

from ingest.errors import StormwaterError
from ingest.project import PROJECT_DIR


@cache
def _profile_target() -> dict[str, Any]:
    path = PROJECT_DIR / "profiles.yml"
    try:
        profile = yaml.safe_load(path.read_text(encoding="utf-8"))["stormwater"]
        return dict(profile["outputs"][profile["target"]])
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise RuntimeError(f"cannot read the warehouse settings from {path}: {exc}") from exc


def profile_storage_version() -> str | None:
    """The storage format ``profiles.yml`` asks for (e.g. ``v1.5.0``); None when it names none."""
    return (_profile_target().get("config_options") or {}).get("storage_compatibility_version")


def profile_settings() -> dict[str, str]:
    """The DuckDB settings of ``profiles.yml`` (memory limit, ...), their ``env_var()`` rendered
    as dbt renders them, so Python's own DuckDB work stays inside the same limits."""
    def env_var(name: str, default: str | None = None) -> str:
        value = os.environ.get(name, default)
        if value is None:
            raise RuntimeError(f"profiles.yml needs the environment variable {name}")
        return value

    settings = _profile_target().get("settings") or {}
    return {k: jinja2.Template(str(v)).render(env_var=env_var) for k, v in settings.items()}


def storage_version(path: Path) -> str:
    """The storage format of the DuckDB file at ``path`` as DuckDB reports it (``v1.0.0+``)."""
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute("select tags['storage_version'] from duckdb_databases() "
                              "where database_name = current_database()").fetchone()
    except duckdb.Error as exc:
        raise StormwaterError(f"cannot read the warehouse {path}: {exc}") from exc
    return str(row[0]) if row and row[0] else "unknown"


def remove_warehouse(path: Path) -> None:
    """The DuckDB file and its write-ahead log."""
    for suffix in ("", ".wal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _byte_copy(src: Path, dst: Path) -> None:
    """The DuckDB file and its write-ahead log, if one was left behind."""
    remove_warehouse(dst)
    for suffix in ("", ".wal"):
        if Path(f"{src}{suffix}").exists():
            shutil.copy2(Path(f"{src}{suffix}"), Path(f"{dst}{suffix}"))


def _sql_string(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _rewrite(src: Path, dst: Path, version: str) -> None:
    """Every schema, table, view and sequence of ``src`` into a new file in format ``version``."""
    remove_warehouse(dst)
    try:
        config = {**profile_settings(), "threads": str(_profile_target().get("threads", 2))}
        with duckdb.connect(config=config) as con:
            con.execute(f"set enable_progress_bar = {str(sys.stdout.isatty()).lower()}")
            con.execute(f"attach {_sql_string(src)} as old_warehouse (read_only)")
            con.execute(f"attach {_sql_string(dst)} as new_warehouse (storage_version {_sql_string(version)})")
            con.execute("copy from database old_warehouse to new_warehouse")
    except duckdb.Error as exc:
        remove_warehouse(dst)
        raise StormwaterError(f"cannot rewrite the warehouse {src} in storage format {version}: {exc}") from exc


def copy_warehouse(src: Path, dst: Path, upgrade: bool = True) -> bool:
    """Copy the warehouse ``src`` to ``dst``; True when it was rewritten into the profile's
    storage format (``upgrade`` and ``src`` is in another one), False for a byte copy."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    wanted = profile_storage_version()
    current = storage_version(src) if upgrade and wanted and src.exists() else None
    if wanted and current and current != f"{wanted}+":
        print(f"stormwater: rewriting the warehouse in storage format {wanted} (was {current}; once)", flush=True)
        _rewrite(src, dst, wanted)
        return True
    _byte_copy(src, dst)
    return False
