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


def facility_links(warehouse: Path, truth_dir: Path) -> Quality:
    columns = ("esmr_facility_place_id", "wdid", "app_id")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = {tuple(r) for r in con.execute(f"select {', '.join(columns)} from marts.facility_links").fetchall()}
    return compare("facility_links", found, _truth(truth_dir / "facility_links.csv", columns))


def enforcement_links(warehouse: Path, truth_dir: Path) -> Quality:
    columns = ("enforcement_id", "violation_id")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = {tuple(r) for r in con.execute(
            "select enforcement_id, violation_id from marts.bridge_enforcement_violation").fetchall()}
    return compare("enforcement_violation_links", found, _truth(truth_dir / "enforcement_violation_links.csv", columns))
