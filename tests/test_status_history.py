"""Status history survives runs: a changed status adds a version and closes the old one."""

from __future__ import annotations

from pathlib import Path

from ingest.cli import main
from tests.helpers import build, rewrite_csv, sql


def test_a_changed_violation_status_adds_a_version(source_dir: Path, home: Path) -> None:
    assert main(["ingest", "--source", str(source_dir)]) == 0
    assert build(home) == 0
    first = sql(home, "select count(*), count(*) filter (where is_current) from marts.status_history")[0]
    assert first[0] == first[1] > 0, "one current version per entity after the first build"

    changed: dict[str, str] = {}

    def change(rows: list[dict]) -> None:
        row = next(r for r in rows if r["VIOLATION_STATUS"] == "Violation")
        row["VIOLATION_STATUS"] = "Dismissed"
        changed["id"] = row["VIOLATION_ID"]

    rewrite_csv(source_dir / "violations.csv", change)
    assert main(["ingest", "--source", str(source_dir), "--datasets", "violations"]) == 0
    assert build(home, "--select", "+status_history") == 0

    versions = sql(home, f"""
        select status, valid_from, valid_to, is_current from marts.status_history
        where entity = 'violation' and entity_id = '{changed['id']}' order by valid_from""")
    assert [(v[0], v[3]) for v in versions] == [("Violation", False), ("Dismissed", True)]
    assert versions[0][2] == versions[1][1] and versions[1][2] is None, "the old version closes as the new opens"
    total = sql(home, "select count(*), count(*) filter (where is_current) from marts.status_history")[0]
    assert total == (first[0] + 1, first[1]), "nothing else changed, nothing else was rewritten"
