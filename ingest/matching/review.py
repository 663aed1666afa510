"""The facility-match review loop: export the review queue, apply a person's decisions.

``export`` writes ``marts.facility_match_review`` to a CSV with empty ``decision``,
``decided_by`` and ``note`` columns. ``apply`` merges the rows whose decision is ``accept`` or
``reject`` into the overrides seed (a later decision on the same pair replaces an earlier
one); the next ``stormwater build`` links accepted pairs and never links rejected ones.

The overrides seed, ``seeds/facility_match_overrides.csv`` in the dbt project, is the one place
this package writes into the repository: the decisions are data that belongs with the code
that builds the warehouse, reviewed and committed like it.
"""

from __future__ import annotations

import csv
import os
from datetime import date
from pathlib import Path

import duckdb

from ingest.errors import StormwaterError
from ingest.project import PROJECT_DIR

OVERRIDES = PROJECT_DIR / "seeds" / "facility_match_overrides.csv"
PAIR = ("esmr_facility_place_id", "wdid", "app_id")
SEED_COLUMNS = (*PAIR, "decision", "decided_by", "decided_on", "note")
EVIDENCE = ("confidence", "name_score", "distance_m", "esmr_facility_name", "smarts_facility_name",
            "agreeing_evidence")


def export(warehouse: Path, out: Path) -> int:
    if not warehouse.exists():
        raise StormwaterError(f"no warehouse at {warehouse}: run stormwater build first")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(f"select {', '.join(PAIR + EVIDENCE)} from marts.facility_match_review "
                           "order by confidence desc, esmr_facility_place_id, wdid, app_id").fetchall()
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow((*PAIR, *EVIDENCE, "decision", "decided_by", "note"))
        w.writerows((*r, "", "", "") for r in rows)
    return len(rows)


def apply(decisions: Path, overrides: Path = OVERRIDES) -> tuple[int, int]:
    """Merge decided rows into the overrides seed; returns (accepted, rejected). A missing or
    malformed file is a :class:`StormwaterError` naming it (and the line)."""
    if not decisions.is_file():
        raise StormwaterError(f"{decisions}: no such file (write one with stormwater review --export)")
    try:
        decided = _read_decisions(decisions)
        existing = _read_overrides(overrides)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise StormwaterError(f"{decisions}: not a readable CSV ({' '.join(str(exc).split())[:160]})") from None
    existing.update(decided)
    tmp = overrides.with_suffix(".csv.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=SEED_COLUMNS, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(existing[k] for k in sorted(existing))
    os.replace(tmp, overrides)
    accepted = sum(1 for d in decided.values() if d["decision"] == "accept")
    return accepted, len(decided) - accepted


# What a spreadsheet or pandas writes for an empty cell: read as empty, never as a value.
MISSING_MARKERS = frozenset({"", "nan", "na", "n/a", "none", "null", "<na>"})


def _cell(row: dict[str | None, object], column: str) -> str:
    """The row's value in ``column``, trimmed; "" for an absent, empty or missing-marker cell."""
    value = row.get(column)
    text = "" if value is None else str(value).strip()
    return "" if text.lower() in MISSING_MARKERS else text


def _read_decisions(decisions: Path) -> dict[tuple[str, ...], dict[str, str]]:
    with decisions.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in (*PAIR, "decision") if c not in (reader.fieldnames or [])]
        if missing:
            raise StormwaterError(f"{decisions}: missing column {missing[0]}")
        decided = {}
        for n, row in enumerate(reader, start=2):
            decision = _cell(row, "decision").lower()
            if not decision:
                continue
            if decision not in ("accept", "reject"):
                raise StormwaterError(f"{decisions}: line {n}: decision must be accept or reject, not {decision!r}")
            key = tuple(_cell(row, c) for c in PAIR)
            if not all(key):
                raise StormwaterError(f"{decisions}: line {n}: {', '.join(PAIR)} are all required")
            decided[key] = {**dict(zip(PAIR, key, strict=True)), "decision": decision,
                            "decided_by": _cell(row, "decided_by"),
                            "decided_on": date.today().isoformat(), "note": _cell(row, "note")}
    return decided


def _read_overrides(overrides: Path) -> dict[tuple[str, ...], dict[str, str]]:
    if not overrides.exists():
        return {}
    with overrides.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in SEED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise StormwaterError(f"{overrides.name}: the overrides seed lacks column {missing[0]}")
        return {tuple(_cell(r, c) for c in PAIR): {c: _cell(r, c) for c in SEED_COLUMNS} for r in reader}
