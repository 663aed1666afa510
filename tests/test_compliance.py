"""Compliance logic end to end on the built sample (the rules themselves: dbt unit tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.warehouse import evaluate
from tests.helpers import sql


def test_inspection_references_are_linked_or_in_the_ledger(garbage_warehouse: Path) -> None:
    from_inspections = sql(garbage_warehouse, """
        select count(*) from staging.stg_smarts__violations where violation_source = 'Inspection'""")[0][0]
    linked = sql(garbage_warehouse, "select count(*) from marts.bridge_inspection_violation")[0][0]
    unmatched = sql(garbage_warehouse, """
        select count(*) from marts.data_quality_issues
        where action = 'unmatched reference' and column_name = 'VIOLATION_SOURCE_ID'""")[0][0]
    assert unmatched > 0
    assert linked + unmatched == from_inspections


def test_enforcement_links_match_the_ground_truth(garbage_warehouse: Path, sample_source: Path) -> None:
    q = evaluate.enforcement_links(garbage_warehouse / "warehouse.duckdb", sample_source / "truth")
    assert q.precision >= 0.95 and q.recall >= 0.9, q.line()


def test_results_in_micrograms_are_compared_in_milligrams(garbage_warehouse: Path) -> None:
    rows = sql(garbage_warehouse, """
        select s.result, n.value
        from staging.stg_smarts__industrial_samples as s
        inner join intermediate.int_nal_results_prepared as n using (record_key)
        where s.units in ('ug/L', 'µg/L') and s.result_qualifier = '='""")
    assert rows
    for result, value in rows:
        assert value == pytest.approx(result / 1000)


def test_reporting_years_follow_july_first(garbage_warehouse: Path) -> None:
    wrong = sql(garbage_warehouse, """
        select count(*) from intermediate.int_nal_results_prepared
        where make_date(reporting_year_start::integer, 7, 1) > sample_date
            or make_date(reporting_year_start::integer + 1, 6, 30) < sample_date""")
    assert wrong == [(0,)]


def test_era_levels_follow_the_permit(garbage_warehouse: Path) -> None:
    """Level 2 never goes down; Level 1 returns to Baseline only after a year without an
    exceedance; no series starts before the programme or runs past the end of coverage."""
    wrong = sql(garbage_warehouse, """
        with ordered as (
            select *, lag(era_level) over w as previous, lag(is_exceedance_this_year) over w as previous_exceeded
            from marts.facility_era_status
            window w as (partition by wdid, app_id, parameter order by reporting_year_start))
        select
            count(*) filter (where previous = 'Level 2' and era_level != 'Level 2'),
            count(*) filter (where previous = 'Level 1' and era_level = 'Baseline' and previous_exceeded),
            count(*) filter (where reporting_year_start < 2015),
            count(*) filter (where coverage_end_date is not null and make_date(reporting_year_start::integer, 7, 1)
                             > coverage_end_date)
        from ordered""")
    assert wrong == [(0, 0, 0, 0)]
    levels = {r[0] for r in sql(garbage_warehouse, "select distinct era_level from marts.facility_era_status")}
    assert levels == {"Baseline", "Level 1", "Level 2"}


def test_exceedances_before_the_programme_are_shown_not_counted(garbage_warehouse: Path) -> None:
    rows = sql(garbage_warehouse, """
        select is_before_programme, count(*) from marts.fct_nal_exceedances
        where is_exceedance group by 1""")
    assert dict(rows).get(True, 0) > 0, "the sample should hold exceedances before July 2015"
    leaked = sql(garbage_warehouse, """
        select count(*) from marts.unified_violations
        where source = 'NAL_EXCEEDANCE' and occurrence_date < date '2015-07-01'""")
    assert leaked == [(0,)]


def test_only_official_violations_and_effective_actions_count(garbage_warehouse: Path) -> None:
    linked = sql(garbage_warehouse, """
        select count(*) filter (where not v.is_official), count(*) filter (where not a.is_effective), count(*)
        from marts.bridge_enforcement_violation as b
        inner join marts.fct_violations as v using (violation_id)
        inner join marts.fct_enforcement_actions as a using (enforcement_id)""")
    assert linked[0][:2] == (0, 0) and linked[0][2] > 0
    statuses = dict(sql(garbage_warehouse, "select is_official, count(*) from marts.fct_violations group by 1"))
    assert statuses.get(False, 0) > 0 and statuses.get(True, 0) > 0, "Potential and Dismissed rows stay visible"
    totals = sql(garbage_warehouse, """
        select
            (select sum(official_violation_count) from marts.facility_compliance_summary),
            (select count(*) from marts.fct_violations where is_official),
            (select sum(penalties_assessed) from marts.facility_compliance_summary),
            (select coalesce(sum(total_assessment), 0) from marts.fct_enforcement_actions where is_effective)""")
    official_in_summary, official, assessed_in_summary, assessed = totals[0]
    assert official_in_summary == official
    assert assessed_in_summary == pytest.approx(assessed)


def test_truth_lists_notice_and_penalty_and_no_draft_action() -> None:
    import random
    from datetime import date

    from ingest.sample import compliance, counts_for
    from ingest.sample.facilities import generate_universe

    as_of = date(2025, 6, 30)
    counts = counts_for(0.01)
    universe = generate_universe(random.Random(3), counts, as_of)
    _, violations, actions = compliance.plan(random.Random(5), universe.applications, counts, as_of)
    pairs = compliance.truth_links(actions)
    by_violation: dict[str, set[str]] = {}
    for enforcement_id, violation_id in pairs:
        by_violation.setdefault(violation_id, set()).add(enforcement_id)
    assert any(len(ids) >= 2 for ids in by_violation.values()), "a notice followed by a penalty"
    not_effective = {a.enforcement_id for a in actions if not a.is_effective}
    assert not_effective and not not_effective & {e for e, _ in pairs}
    official = {v.violation_id for v in violations if v.status == "Violation"}
    assert {v for _, v in pairs} <= official


def test_enforcement_links_per_action_type(garbage_warehouse: Path, sample_source: Path) -> None:
    from ingest.warehouse import evaluate_compliance

    truth = sample_source / "truth"
    overall = evaluate_compliance.enforcement_links(garbage_warehouse / "warehouse.duckdb", truth)
    per_type = evaluate_compliance.enforcement_links_by_type(garbage_warehouse / "warehouse.duckdb", truth)
    assert sum(q.true_positives for q in per_type) == overall.true_positives
    assert sum(q.false_negatives for q in per_type) == overall.false_negatives
    assert evaluate_compliance.nal_designed_cases(garbage_warehouse / "warehouse.duckdb", truth / "nowhere") == []


def test_screening_signals_are_never_called_violations(garbage_warehouse: Path) -> None:
    rows = sql(garbage_warehouse, """
        select source, bool_or(is_official_violation), count(*) from marts.unified_violations group by 1""")
    by_source = {r[0]: (r[1], r[2]) for r in rows}
    assert set(by_source) == {"SMARTS_REGULATORY", "NAL_EXCEEDANCE", "ESMR_COMPUTED"}
    assert by_source["SMARTS_REGULATORY"][0] is True
    assert by_source["ESMR_COMPUTED"][0] is False and by_source["NAL_EXCEEDANCE"][0] is False
