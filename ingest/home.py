"""Where the warehouse keeps its state: everything lives under ``$STORMWATER_HOME``."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import StormwaterError

_MEMORY = re.compile(r"\s*\d+(\.\d+)?\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Home:
    root: Path

    @classmethod
    def from_env(cls) -> Home:
        """``$STORMWATER_HOME`` (default ``./data``); a bad value of it, or of
        ``STORMWATER_DUCKDB_MEMORY``, is a one-line error naming the variable."""
        raw = os.environ.get("STORMWATER_HOME") or "data"
        root = Path(raw).expanduser().resolve()
        if root.exists() and not root.is_dir():
            raise StormwaterError(f"environment variable STORMWATER_HOME={raw!r}: not a directory")
        memory = os.environ.get("STORMWATER_DUCKDB_MEMORY")
        if memory is not None and not _MEMORY.fullmatch(memory):
            raise StormwaterError(f"environment variable STORMWATER_DUCKDB_MEMORY={memory!r}: expected a size "
                                  "such as 4GB or 512MB")
        return cls(root)

    @property
    def landed(self) -> Path:
        """Landed Parquet: ``landed/<dataset_key>/<resource>.parquet``."""
        return self.root / "landed"

    @property
    def manifest(self) -> Path:
        """One JSON line per landing attempt; read by dbt as ``marts.import_log``."""
        return self.root / "manifest" / "import_log.jsonl"

    @property
    def scratch(self) -> Path:
        """Downloads and Parquet being written; same file system as ``landed`` for atomic renames."""
        return self.root / ".scratch"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    def dataset_dir(self, key: str) -> Path:
        return self.landed / key
