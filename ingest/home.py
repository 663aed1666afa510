"""Where the warehouse keeps its state: everything lives under ``$STORMWATER_HOME``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Home:
    root: Path

    @classmethod
    def from_env(cls) -> Home:
        return cls(Path(os.environ.get("STORMWATER_HOME", "data")).resolve())

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
