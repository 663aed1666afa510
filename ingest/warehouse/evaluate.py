"""How close the warehouse comes to a sample's ground truth (``stormwater evaluate``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class Quality:
    name: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    def line(self) -> str:
        return (f"{self.name}: precision {self.precision:.4f}, recall {self.recall:.4f} "
                f"(true {self.true_positives}, false {self.false_positives}, missed {self.false_negatives})")


def _truth(path: Path, columns: tuple[str, ...]) -> set[tuple[str, ...]]:
    with path.open(newline="") as fh:
        return {tuple(row[c] for c in columns) for row in csv.DictReader(fh)}


def compare(name: str, found: set[tuple[str, ...]], expected: set[tuple[str, ...]]) -> Quality:
    return Quality(name, len(found & expected), len(found - expected), len(expected - found))


LINK_COLUMNS = ("esmr_facility_place_id", "wdid", "app_id")


def _found_links(warehouse: Path) -> set[tuple[str, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {tuple(str(v) for v in r) for r in con.execute(
            f"select {', '.join(LINK_COLUMNS)} from marts.facility_links").fetchall()}


def facility_links(warehouse: Path, truth_dir: Path) -> Quality:
    return compare("facility_links", _found_links(warehouse), _truth(truth_dir / "facility_links.csv", LINK_COLUMNS))


def facility_links_by_phenomenon(warehouse: Path, truth_dir: Path) -> list[Quality]:
    """Precision and recall per phenomenon of the truth (``phenomenon`` column of
    facility_links.csv; "spelling" when the truth predates it). A false link counts against
    the phenomenon of its eSMR facility, or "unlinked" when that facility has no true link."""
    with (truth_dir / "facility_links.csv").open(newline="") as fh:
        rows = [(tuple(r[c] for c in LINK_COLUMNS), r.get("phenomenon") or "spelling") for r in csv.DictReader(fh)]
    phenomenon_of_facility = {link[0]: p for link, p in rows}
    found = _found_links(warehouse)
    names = sorted({p for _, p in rows} | {"unlinked"})
    out = []
    for name in names:
        expected = {link for link, p in rows if p == name}
        mine = {f for f in found if phenomenon_of_facility.get(f[0], "unlinked") == name}
        if expected or mine:
            out.append(compare(f"facility_links[{name}]", mine, expected))
    return out


def hard_negative_links(warehouse: Path, truth_dir: Path) -> dict[str, tuple[int, int]]:
    """Per kind of hard negative (truth/facility_hard_negatives.csv): (pairs, pairs linked)."""
    path = truth_dir / "facility_hard_negatives.csv"
    if not path.exists():
        return {}
    found = _found_links(warehouse)
    out: dict[str, tuple[int, int]] = {}
    with path.open(newline="") as fh:
        for r in csv.DictReader(fh):
            total, linked = out.get(r["kind"], (0, 0))
            out[r["kind"]] = (total + 1, linked + (tuple(r[c] for c in LINK_COLUMNS) in found))
    return out


def review_queue_size(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute("select count(*) from marts.facility_match_review").fetchone()
    return int(row[0]) if row else 0


def enforcement_links(warehouse: Path, truth_dir: Path) -> Quality:
    columns = ("enforcement_id", "violation_id")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = {tuple(r) for r in con.execute(
            "select enforcement_id, violation_id from marts.bridge_enforcement_violation").fetchall()}
    return compare("enforcement_violation_links", found, _truth(truth_dir / "enforcement_violation_links.csv", columns))


def report_lines(warehouse: Path, truth_dir: Path) -> list[str]:
    """What ``stormwater evaluate`` prints: facility links overall and per phenomenon, hard
    negatives linked, the review queue's size, enforcement-violation links."""
    lines = [facility_links(warehouse, truth_dir).line()]
    lines += [f"  {q.line()}" for q in facility_links_by_phenomenon(warehouse, truth_dir)]
    lines += [f"  hard negatives [{kind}]: {linked} of {total} linked"
              for kind, (total, linked) in sorted(hard_negative_links(warehouse, truth_dir).items())]
    lines.append(f"  review queue: {review_queue_size(warehouse)} candidate pairs")
    lines.append(enforcement_links(warehouse, truth_dir).line())
    return lines
