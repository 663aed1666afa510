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


def test_era_levels_never_go_down(garbage_warehouse: Path) -> None:
    drops = sql(garbage_warehouse, """
        with ordered as (
            select era_level, lag(era_level) over (
                partition by wdid, app_id, parameter order by reporting_year_start) as previous
            from marts.facility_era_status)
        select count(*) from ordered
        where (previous = 'Level 2' and era_level != 'Level 2')
            or (previous = 'Level 1' and era_level = 'Baseline')""")
    assert drops == [(0,)]
    levels = {r[0] for r in sql(garbage_warehouse, "select distinct era_level from marts.facility_era_status")}
    assert levels == {"Baseline", "Level 1", "Level 2"}


def test_screening_signals_are_never_called_violations(garbage_warehouse: Path) -> None:
    rows = sql(garbage_warehouse, """
        select source, bool_or(is_official_violation), count(*) from marts.unified_violations group by 1""")
    by_source = {r[0]: (r[1], r[2]) for r in rows}
    assert set(by_source) == {"SMARTS_REGULATORY", "NAL_EXCEEDANCE", "ESMR_COMPUTED"}
    assert by_source["SMARTS_REGULATORY"][0] is True
    assert by_source["ESMR_COMPUTED"][0] is False and by_source["NAL_EXCEEDANCE"][0] is False
