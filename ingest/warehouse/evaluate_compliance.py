"""How close the compliance marts come to a sample's ground truth: enforcement-violation links
(overall and per action type) and, where the sample designed them, NAL exceedances and ERA
levels (``truth/nal_designed_cases.csv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.warehouse.evaluate import Quality, compare

LINK_COLUMNS = ("enforcement_id", "violation_id")
NAL_CASE_COLUMNS = ("wdid", "app_id", "parameter", "reporting_year_start")
NAL_CASES_FILE = "nal_designed_cases.csv"


@dataclass(frozen=True)
class Accuracy:
    name: str
    correct: int
    total: int
    missing: int  # designed cases with no row in the warehouse

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def line(self) -> str:
        return (f"{self.name}: accuracy {self.accuracy:.4f} "
                f"({self.correct} of {self.total} designed cases, {self.missing} without a row)")


def _read_truth(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.exists():
        raise FileNotFoundError(f"truth file {path}: not found (the truth/ folder of a sample)")
    with path.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    if rows and not set(columns) <= set(rows[0]):
        missing = sorted(set(columns) - set(rows[0]))
        raise ValueError(f"truth file {path}: missing column(s) {', '.join(missing)}")
    return rows


def _found_links(warehouse: Path) -> dict[tuple[str, str], str]:
    """Each linked (enforcement_id, violation_id) with its action's type."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select links.enforcement_id, links.violation_id, coalesce(actions.enforcement_type, 'unknown') "
            "from marts.bridge_enforcement_violation as links "
            "left join marts.fct_enforcement_actions as actions using (enforcement_id)"
        ).fetchall()
    return {(str(e), str(v)): str(t) for e, v, t in rows}


def _action_types(warehouse: Path) -> dict[str, str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select enforcement_id, coalesce(enforcement_type, 'unknown') from marts.fct_enforcement_actions"
        ).fetchall()
    return {str(e): str(t) for e, t in rows}


def enforcement_links(warehouse: Path, truth_dir: Path) -> Quality:
    """Precision and recall of bridge_enforcement_violation against the true pairs."""
    expected = {(r["enforcement_id"], r["violation_id"])
                for r in _read_truth(truth_dir / "enforcement_violation_links.csv", LINK_COLUMNS)}
    return compare("enforcement_violation_links", set(_found_links(warehouse)), expected)


def enforcement_links_by_type(warehouse: Path, truth_dir: Path) -> list[Quality]:
    """Precision and recall per enforcement type (a pair counts under its action's type)."""
    expected = {(r["enforcement_id"], r["violation_id"])
                for r in _read_truth(truth_dir / "enforcement_violation_links.csv", LINK_COLUMNS)}
    found = _found_links(warehouse)
    types = _action_types(warehouse)
    type_of = {pair: types.get(pair[0], "unknown") for pair in expected} | found
    out = []
    for name in sorted(set(type_of.values())):
        mine = {p for p in found if type_of[p] == name}
        truth = {p for p in expected if type_of[p] == name}
        out.append(compare(f"enforcement_violation_links[{name}]", mine, truth))
    return out


def _bool(text: str) -> bool | None:
    value = text.strip().lower()
    if value in ("true", "t", "1", "y", "yes"):
        return True
    if value in ("false", "f", "0", "n", "no"):
        return False
    return None


def nal_designed_cases(warehouse: Path, truth_dir: Path) -> list[Accuracy]:
    """Accuracy of fct_nal_exceedances (annual and instantaneous flags) and facility_era_status
    (era_level) on the designed cases; an empty list when the sample has no such file."""
    path = truth_dir / NAL_CASES_FILE
    if not path.exists():
        return []
    cases = _read_truth(path, (*NAL_CASE_COLUMNS, "is_annual_exceedance", "is_instantaneous_exceedance", "era_level"))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        nal = {tuple(str(v) for v in r[:4]): (r[4], r[5]) for r in con.execute(
            "select wdid, app_id, parameter, reporting_year_start, is_annual_exceedance, "
            "is_instantaneous_exceedance from marts.fct_nal_exceedances").fetchall()}
        era = {tuple(str(v) for v in r[:4]): r[4] for r in con.execute(
            "select wdid, app_id, parameter, reporting_year_start, era_level "
            "from marts.facility_era_status").fetchall()}
    checks: dict[str, list[bool | None]] = {"nal_annual_exceedance": [], "nal_instantaneous_exceedance": [],
                                            "era_level": []}
    for case in cases:
        key = tuple(case[c] for c in NAL_CASE_COLUMNS)
        for name, column, index in (("nal_annual_exceedance", "is_annual_exceedance", 0),
                                     ("nal_instantaneous_exceedance", "is_instantaneous_exceedance", 1)):
            want = _bool(case[column])
            if want is None:
                continue  # the case does not state it
            # no row: the warehouse saw no result that year, which is "no exceedance"
            got = nal[key][index] if key in nal else None
            checks[name].append(None if got is None and want else (bool(got) == want))
        if case["era_level"].strip():
            got_level = era.get(key)
            checks["era_level"].append(None if got_level is None else got_level == case["era_level"].strip())
    return [Accuracy(name, sum(1 for r in results if r), len(results), sum(1 for r in results if r is None))
            for name, results in checks.items() if results]


def report_lines(warehouse: Path, truth_dir: Path, include_overall: bool = True) -> list[str]:
    """What ``stormwater evaluate`` adds for compliance: links overall (unless the caller
    already prints them) and per action type, then the designed NAL/ERA cases when the sample
    has them."""
    lines = [enforcement_links(warehouse, truth_dir).line()] if include_overall else []
    lines += [f"  {q.line()}" for q in enforcement_links_by_type(warehouse, truth_dir)]
    lines += [a.line() for a in nal_designed_cases(warehouse, truth_dir)]
    return lines
