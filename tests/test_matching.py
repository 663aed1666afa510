"""eSMR-to-SMARTS facility matching: names, quality against ground truth, manual overrides."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from ingest.cli import main
from ingest.errors import StormwaterError
from ingest.matching import review
from ingest.matching.names import name_score, normalize
from ingest.warehouse import evaluate
from tests.helpers import build, sql


@pytest.mark.parametrize(("a", "b"), [
    ("City of Fresno Wastewater Treatment Plant", "FRESNO, CITY OF - WWTP"),
    ("Fresno WWTP", "Fresno City Wastewater Treatment Plant Inc."),
    ("Kings Co Sanitation Dist #14 WWTF", "Kings County Sanitation District No. 14 Wastewater Treatment Facility"),
])
def test_spellings_of_one_plant_normalise_alike(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


def test_name_score_tells_plants_apart() -> None:
    same = name_score(normalize("Goleta WQCP"), normalize("Goleta Water Quality Contrl Plant"))
    other_city = name_score(normalize("Fresno WWTP"), normalize("Clovis WWTP"))
    other_kind = name_score(normalize("Titan Reedley Generating Station"),
                            normalize("Titan Reedley Wastewater Treatment Facility"))
    word_order = name_score(normalize("Pacific Richmond Refinery"), normalize("Richmond Refinery (Pacific)"))
    assert same > 0.85 and word_order > 0.95
    assert other_city < 0.5 and other_kind < 0.8


def test_links_meet_the_quality_bar(garbage_warehouse: Path, sample_source: Path) -> None:
    q = evaluate.facility_links(garbage_warehouse / "warehouse.duckdb", sample_source / "truth")
    assert q.true_positives >= 25  # the test sample plants 29 true links: enough to mean something
    assert q.precision >= 0.98, q.line()
    assert q.recall >= 0.95, q.line()


def test_links_meet_the_bar_per_phenomenon(garbage_warehouse: Path, sample_source: Path) -> None:
    warehouse, truth = garbage_warehouse / "warehouse.duckdb", sample_source / "truth"
    per = evaluate.facility_links_by_phenomenon(warehouse, truth)
    assert {"facility_links[spelling]", "facility_links[no_coordinates]"} <= {q.name for q in per}
    for q in per:
        assert q.precision >= 0.98 and q.recall >= 0.9, q.line()
    linked = evaluate.hard_negative_links(warehouse, truth)
    assert linked and all(n == 0 for _, n in linked.values()), linked


@pytest.mark.parametrize(("a", "b", "same"), [
    ("SBWRP", "South Bay Water Reclamation Plant", True),
    ("XYZ Regional Plant No. 4", "Regional Plant No. 4", True),
    ("Regional Plant #4", "Regional Plant Unit IV", True),
    ("Regional Plant No. 1", "Regional Plant No. 4", False),
    ("Encina Wastewater Authority Corporation Yard", "Encina Wastewater Authority", False),
    ("Fresno Household Hazardous Waste Facility", "City of Fresno WWTP", False),
    ("City of Ceres Wtaer Quality Control Plant", "City of Ceres Water Quality Control Plant", True),
])
def test_name_phenomena(a: str, b: str, same: bool) -> None:
    score = name_score(normalize(a), normalize(b))
    assert (score >= 0.9) is same, score


@pytest.mark.parametrize("value", [None, float("nan"), "", "   ", 42, 4.0, "💧", '"', "x" * 5000])
def test_names_never_crash(value: object) -> None:
    assert isinstance(normalize(value), str)
    assert name_score(normalize(value), normalize("Fresno WWTP")) == 0.0 or isinstance(value, str)


def test_dim_facility_has_both_systems_with_stable_ids(garbage_warehouse: Path) -> None:
    counts = dict(sql(garbage_warehouse, "select source_system, count(*) from marts.dim_facility group by 1"))
    apps = sql(garbage_warehouse, "select count(*) from intermediate.int_applications_unioned")[0][0]
    esmr = sql(garbage_warehouse, "select count(distinct facility_place_id) from staging.stg_esmr__results")[0][0]
    assert counts == {"SMARTS": apps, "ESMR": esmr}
    ids = sql(garbage_warehouse, """
        select facility_id = md5('SMARTS|' || wdid || '|' || app_id) from marts.dim_facility
        where source_system = 'SMARTS' limit 100""")
    assert all(r[0] for r in ids)


def test_decoys_in_other_counties_are_never_linked(garbage_warehouse: Path) -> None:
    far = sql(garbage_warehouse, f"""
        select count(*) from marts.facility_links where distance_m > {3000}""")
    assert far == [(0,)]


@pytest.fixture
def restored_overrides():
    backup = review.OVERRIDES.read_bytes()
    yield review.OVERRIDES
    review.OVERRIDES.write_bytes(backup)


def test_manual_decisions_always_win(garbage_warehouse: Path, restored_overrides: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("STORMWATER_HOME", str(garbage_warehouse))
    best = sql(garbage_warehouse, """
        select esmr_facility_place_id, wdid, app_id from marts.facility_links
        order by confidence desc, wdid limit 1""")[0]
    # A pair nobody would match: an eSMR facility and a construction site across the state.
    unlikely = sql(garbage_warehouse, """
        select e.facility_place_id, a.wdid, a.app_id
        from intermediate.int_esmr_facilities_aggregated as e, intermediate.int_applications_unioned as a
        where a.program = 'industrial'
            and (e.facility_place_id, a.wdid, a.app_id) not in (
                select (esmr_facility_place_id, wdid, app_id) from intermediate.int_facility_pairs_blocked)
            and (a.wdid, a.app_id) not in (select (wdid, app_id) from marts.facility_links)
        order by e.facility_place_id, a.wdid limit 1""")[0]
    # The review loop: export the queue, decide, apply.
    queue = tmp_path / "review.csv"
    assert main(["review", "--export", str(queue)]) == 0
    with queue.open(newline="") as fh:
        header = next(csv.reader(fh))
    with queue.open("a", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writerow({"esmr_facility_place_id": best[0], "wdid": best[1], "app_id": best[2],
                    "decision": "reject", "decided_by": "tester", "note": "different plant"})
        w.writerow({"esmr_facility_place_id": unlikely[0], "wdid": unlikely[1], "app_id": unlikely[2],
                    "decision": "Accept", "decided_by": "tester", "note": "checked the permit"})
    assert main(["review", "--apply", str(queue)]) == 0
    assert "1 accepted and 1 rejected" in capsys.readouterr().out
    assert build(garbage_warehouse, "--select", "facility_match_overrides+") == 0
    links = {(r[0], r[1], r[2]): r[3] for r in sql(garbage_warehouse, """
        select esmr_facility_place_id, wdid, app_id, match_method from marts.facility_links""")}
    assert tuple(best) not in links
    assert links[tuple(unlikely)] == "manual"
    in_review = sql(garbage_warehouse, f"""
        select count(*) from marts.facility_match_review
        where (esmr_facility_place_id, wdid, app_id) = ('{best[0]}', '{best[1]}', '{best[2]}')""")
    assert in_review == [(0,)]
    # Put the seed back and rebuild, so other tests see the automatic links.
    restored_overrides.write_bytes(b"esmr_facility_place_id,wdid,app_id,decision,decided_by,decided_on,note\n")
    assert build(garbage_warehouse, "--select", "facility_match_overrides+") == 0


def test_apply_rejects_unknown_decisions(tmp_path: Path, capsys) -> None:
    overrides = tmp_path / "overrides.csv"
    shutil.copy(review.OVERRIDES, overrides)
    bad = tmp_path / "bad.csv"
    bad.write_text("esmr_facility_place_id,wdid,app_id,decision\n1,2 01I000001,3,maybe\n")
    assert main(["review", "--apply", str(bad), "--overrides", str(overrides)]) == 2
    assert "decision must be accept or reject, not 'maybe'" in capsys.readouterr().err
    assert overrides.read_bytes() == review.OVERRIDES.read_bytes()


def test_apply_replaces_an_earlier_decision(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides.csv"
    shutil.copy(review.OVERRIDES, overrides)
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("esmr_facility_place_id,wdid,app_id,decision\n1,2 01I000001,3,accept\n4,5 01I000002,6,\n")
    second.write_text("esmr_facility_place_id,wdid,app_id,decision\n1,2 01I000001,3,reject\n")
    assert review.apply(first, overrides) == (1, 0)
    assert review.apply(second, overrides) == (0, 1)
    rows = list(csv.DictReader(overrides.open()))
    assert [(r["esmr_facility_place_id"], r["decision"]) for r in rows] == [("1", "reject")]


def test_apply_reads_empty_and_nan_cells_as_empty(tmp_path: Path) -> None:
    """A decisions file saved by pandas or a spreadsheet: NaN, NA and empty cells are blanks."""
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("esmr_facility_place_id,wdid,app_id,decision,decided_by,decided_on,note\n"
                         "7,8 01I000003\n")  # a short row: its missing cells are None
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("esmr_facility_place_id,wdid,app_id,decision,decided_by,note\n"
                         "1,2 01I000001,3,accept,NaN,nan\n"
                         "4,2 01I000002,6,NaN,,\n"
                         "9,2 01I000004,10,,NA,\n")
    assert review.apply(decisions, overrides) == (1, 0)
    rows = {r["esmr_facility_place_id"]: r for r in csv.DictReader(overrides.open())}
    assert set(rows) == {"1", "7"}
    assert (rows["1"]["decided_by"], rows["1"]["note"]) == ("", "")
    assert rows["7"]["app_id"] == ""


def test_apply_refuses_a_decision_whose_pair_is_nan(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides.csv"
    shutil.copy(review.OVERRIDES, overrides)
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("esmr_facility_place_id,wdid,app_id,decision\nNaN,2 01I000001,3,accept\n")
    with pytest.raises(StormwaterError, match=r"line 2: .* are all required"):
        review.apply(decisions, overrides)
    assert overrides.read_bytes() == review.OVERRIDES.read_bytes()
