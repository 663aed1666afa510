"""The compliance grid, its sampling gaps, the operator roll-up and the facility timeline, checked
against the facts they are computed from."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import sql

OFFICIAL = "coalesce(lower(trim(violation_status)) = 'violation', false)"


def test_grid_covers_each_application_from_its_start_to_its_end(garbage_warehouse: Path) -> None:
    outside = sql(garbage_warehouse, """
        select count(*) from marts.facility_compliance_grid g
        join marts.dim_facility f using (facility_id)
        where f.program <> 'industrial'
           or g.half_end_date < greatest(f.coverage_start_date, date '2015-07-01')
           or g.half_start_date > coalesce(f.coverage_end_date, current_date)""")[0][0]
    assert outside == 0
    halves = sql(garbage_warehouse, """
        select distinct half, month(half_start_date), month(half_end_date) from marts.facility_compliance_grid""")
    assert set(halves) <= {("H1", 7, 12), ("H2", 1, 6)} and halves


def test_qse_counts_are_distinct_storm_days(garbage_warehouse: Path) -> None:
    rows = sql(garbage_warehouse, """
        select count(*) filter (where qse_sampled_count > sample_day_count),
               count(*) filter (where qse_sampled_count > 0)
        from marts.facility_compliance_grid""")[0]
    assert rows[0] == 0, "more storm events than sampling days"
    assert rows[1] > 0, "the sample has sampled halves"


def test_sampling_gaps_are_required_halves_short_of_two_events(garbage_warehouse: Path) -> None:
    expected = sql(garbage_warehouse, """
        select facility_id, reporting_year_start, half from marts.facility_compliance_grid
        where qse_required > 0 and qse_sampled_count < qse_required order by all""")
    gaps = sql(garbage_warehouse,
               "select facility_id, reporting_year_start, half from marts.sampling_gaps order by all")
    assert gaps == expected and gaps
    exempt = sql(garbage_warehouse, """
        select count(*) from marts.sampling_gaps
        where regexp_matches(lower(permit_type), '(^|[^a-z])(nec|nona)([^a-z]|$)')""")[0][0]
    assert exempt == 0, "no-exposure and non-applicability applications need not sample"
    assert sql(garbage_warehouse, "select min(qse_required), max(qse_required) from marts.sampling_gaps")[0] == (2, 2)


def test_grid_counts_only_official_violations(garbage_warehouse: Path) -> None:
    grid, facts = sql(garbage_warehouse, f"""
        select
            (select sum(official_violation_count) from marts.facility_compliance_grid),
            (select count(*) from marts.fct_violations v
             join marts.facility_compliance_grid g
               on v.facility_id = g.facility_id and v.occurrence_date between g.half_start_date and g.half_end_date
             where {OFFICIAL})""")[0]
    assert grid == facts


def test_operator_rollup_adds_up(garbage_warehouse: Path) -> None:
    rolled, facts = sql(garbage_warehouse, f"""
        select
            (select sum(official_violation_count) from marts.operator_rollup),
            (select count(*) from marts.fct_violations v join marts.dim_facility f using (facility_id)
             where f.operator_key is not null and {OFFICIAL.replace('violation_status', 'v.violation_status')})""")[0]
    assert rolled == facts
    bad = sql(garbage_warehouse, """
        select count(*) from marts.operator_rollup
        where active_site_count > site_count or level_2_site_count > site_count""")[0][0]
    assert bad == 0


def test_every_dated_violation_is_on_its_facility_timeline(garbage_warehouse: Path) -> None:
    missing = sql(garbage_warehouse, """
        select count(*) from marts.fct_violations v
        where v.occurrence_date is not null and v.facility_id is not null and not exists (
            select 1 from marts.facility_timeline t
            where t.event_type = 'violation' and t.event_id = v.violation_id::varchar
              and t.event_date = v.occurrence_date and t.facility_id = v.facility_id)""")[0][0]
    assert missing == 0
    types = {r[0] for r in sql(garbage_warehouse, "select distinct event_type from marts.facility_timeline")}
    assert {"coverage_start", "sample", "inspection", "violation", "enforcement_action"} <= types


def test_every_mart_column_has_a_comment(garbage_warehouse: Path) -> None:
    """persist_docs puts the YAML descriptions into DuckDB's catalog."""
    bare = sql(garbage_warehouse, """
        select table_name || '.' || column_name from duckdb_columns()
        where schema_name = 'marts' and coalesce(trim(comment), '') = ''""")
    assert bare == []
    tables = sql(garbage_warehouse, """
        select count(*) from duckdb_tables() where schema_name = 'marts' and coalesce(trim(comment), '') = ''""")
    assert tables == [(0,)]
