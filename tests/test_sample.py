"""The generator: official shapes, published conventions and quirks, consistent relations."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb

from ingest.sample import counts_for, generate


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_files_and_truth_exist(sample_source: Path) -> None:
    names = {p.name for p in sample_source.glob("*.csv")}
    assert {"industrial_facilities.csv", "violations.csv", "esmr_2020.csv", "esmr_2026.csv"} <= names
    links = _rows(sample_source / "truth" / "facility_links.csv")
    assert links and list(links[0])[:3] == ["esmr_facility_place_id", "wdid", "app_id"]
    summary = json.loads((sample_source / "truth" / "summary.json").read_text())
    assert summary["datasets"]["industrial_monitoring"]["exact_duplicates"] > 0


def test_published_conventions(sample_source: Path) -> None:
    raw = (sample_source / "esmr_2024.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b'"' in raw  # quoted commas in eSMR text
    mon = _rows(sample_source / "industrial_monitoring.csv")
    assert any(r["RESULT"] == "NaN" and r["RESULT_QUALIFIER"] == "ND" for r in mon)
    assert {r["UNITS"] for r in mon} >= {"mg/L", "mg/l"}
    assert any(r["UNITS"] in ("ug/L", "µg/L", "ug/l") for r in mon)
    assert len({r["PARAMETER"] for r in mon if "inc" in r["PARAMETER"]}) > 1  # Zinc spellings
    assert any(r["SAMPLE_DATE"].startswith(("00", "21")) for r in mon)  # impossible years
    fac = _rows(sample_source / "industrial_facilities.csv")
    assert {r["INDIRECTLY"] for r in fac} >= {"Y", "N", "NA"}
    lats = [float(r["FACILITY_LATITUDE"]) for r in fac if r["FACILITY_LATITUDE"] != "NaN"]
    assert any(not 32.5 <= v <= 42.1 for v in lats) or any(
        not -124.5 <= float(r["FACILITY_LONGITUDE"]) <= -114.1
        for r in fac if r["FACILITY_LONGITUDE"] != "NaN")
    lines = (sample_source / "industrial_monitoring.csv").read_text().splitlines()
    assert any(n > 1 for n in Counter(lines).values())  # exact duplicate rows


def test_relationships_hold(sample_source: Path) -> None:
    apps = {(r["WDID"], r["APP_ID"]) for f in ("industrial_facilities.csv", "construction_facilities.csv")
            for r in _rows(sample_source / f)}
    for name in ("violations.csv", "inspections.csv", "enforcement_actions.csv",
                 "industrial_monitoring.csv", "construction_monitoring.csv"):
        assert {(r["WDID"], r["APP_ID"]) for r in _rows(sample_source / name)} <= apps, name
    inspections = {r["INSPECTION_ID"] for r in _rows(sample_source / "inspections.csv")}
    viol = _rows(sample_source / "violations.csv")
    from_insp = [r for r in viol if r["VIOLATION_SOURCE"] == "Inspection"]
    resolved = sum(r["VIOLATION_SOURCE_ID"] in inspections for r in from_insp)
    assert 0 < len(from_insp) - resolved < len(from_insp) * 0.1  # a few point nowhere
    enf = {r["ENFORCEMENT_ID"]: r for r in _rows(sample_source / "enforcement_actions.csv")}
    vid = {r["VIOLATION_ID"]: r for r in viol}
    pairs = _rows(sample_source / "truth" / "enforcement_violation_links.csv")
    assert pairs
    for p in pairs:
        e, v = enf[p["enforcement_id"]], vid[p["violation_id"]]
        assert (e["WDID"], e["APP_ID"]) == (v["WDID"], v["APP_ID"])
    links = _rows(sample_source / "truth" / "facility_links.csv")
    esmr_ids = {r["facility_place_id"] for f in sample_source.glob("esmr_*.csv") for r in _rows(f)}
    assert {lk["esmr_facility_place_id"] for lk in links} <= esmr_ids
    assert {(lk["wdid"], lk["app_id"]) for lk in links} <= apps


def test_same_seed_same_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        generate(d, scale=0.0001, seed=3, as_of=date(2026, 1, 31))
    for f in a.glob("*.csv"):
        assert f.read_bytes() == (b / f.name).read_bytes(), f.name


def test_scale_sets_row_counts() -> None:
    full = counts_for(1.0)
    assert full["industrial_monitoring"] == 5_500_000 and full["construction_facilities"] == 78_000
    statewide = sum(v for k, v in full.items() if k not in ("esmr_facilities", "esmr_rows_per_year"))
    assert 8_000_000 < statewide < 9_000_000


def test_counts_in_summary_match_files(sample_source: Path) -> None:
    summary = json.loads((sample_source / "truth" / "summary.json").read_text())
    for key, d in summary["datasets"].items():
        total = sum(duckdb.sql(f"select count(*) from read_csv('{sample_source / f}', all_varchar=true)")
                    .fetchone()[0] for f in d["files"])
        assert total == d["rows"], key


def test_matching_truth_has_phenomena_and_hard_negatives(sample_source: Path) -> None:
    from ingest.sample.phenomena import PHENOMENA

    links = _rows(sample_source / "truth" / "facility_links.csv")
    assert {r["phenomenon"] for r in links} <= {p for p, _ in PHENOMENA}
    assert {"spelling", "no_coordinates"} <= {r["phenomenon"] for r in links}
    negatives = _rows(sample_source / "truth" / "facility_hard_negatives.csv")
    assert {"owner_yard", "same_name_elsewhere", "neighbour"} <= {r["kind"] for r in negatives}
    linked = {(r["esmr_facility_place_id"], r["wdid"], r["app_id"]) for r in links}
    assert not linked & {(r["esmr_facility_place_id"], r["wdid"], r["app_id"]) for r in negatives}
    # An eSMR facility of the no-coordinates phenomenon publishes no coordinates at all.
    blind = {r["esmr_facility_place_id"] for r in links if r["phenomenon"] == "no_coordinates"}
    esmr = [r for f in sorted(sample_source.glob("esmr_*.csv")) for r in _rows(f)]
    assert blind and all(r["latitude"] in ("NaN", "") for r in esmr if r["facility_place_id"] in blind)


def test_messy_sample_is_valid_csv_with_its_truth(tmp_path: Path) -> None:
    generate(tmp_path, scale=0.0005, seed=3, as_of=date(2026, 10, 31), messy=0.05)
    truth = json.loads((tmp_path / "truth" / "messy.json").read_text())
    assert truth["fraction"] == 0.05 and truth["injected"]["violations"]["text:long"] > 0
    rows = _rows(tmp_path / "violations.csv")  # strict: every row has every column
    assert all(None not in r and len(r) == len(rows[0]) for r in rows)
    assert any(len(v) >= 5000 for r in rows for v in r.values())
    assert any('"' in v for r in rows for v in r.values())
    clean = tmp_path / "clean"
    generate(clean, scale=0.0005, seed=3, as_of=date(2026, 10, 31))
    assert not (clean / "truth" / "messy.json").exists()
