"""The landing manifest: one JSON line per landing attempt of one resource.

It is both the record users read (dbt turns it into ``marts.import_log``) and the state the
next run reads to send conditional requests and to skip what has not changed.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

STATUSES = ("landed", "skipped", "failed")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass
class Attempt:
    dataset_key: str
    resource_id: str
    resource_name: str
    source_url: str
    started_at: str
    finished_at: str = ""
    status: str = "failed"
    rows_landed: int | None = None
    bytes: int | None = None
    sha256: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    landed_path: str | None = None
    extra_columns: list[str] = field(default_factory=list)
    error: str | None = None

    def finish(self, status: str, error: str | None = None) -> Attempt:
        if status not in STATUSES:
            raise ValueError(f"unknown landing status {status!r}")
        self.status, self.error, self.finished_at = status, error, now()
        return self


class Manifest:
    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> list[dict]:
        if not self.path.exists():
            return []
        rows = []
        for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{self.path}: line {n} is not JSON") from exc
        return rows

    def last_landed(self) -> dict[tuple[str, str], dict]:
        """The most recent successful landing of each (dataset, resource)."""
        out: dict[tuple[str, str], dict] = {}
        for row in self.read():
            if row.get("status") == "landed":
                out[(row["dataset_key"], row["resource_id"])] = row
        return out

    def append(self, attempts: list[Attempt]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            for a in attempts:
                fh.write(json.dumps(asdict(a), sort_keys=True) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
