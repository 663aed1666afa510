"""The staging layer and the ledger: built with dbt on landed sample data, garbage included."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.cli import main
from tests.helpers import build as _build
from tests.helpers import sql as _sql
from tools import codegen
from tools.codegen.staging_spec import MODELS


def test_generated_dbt_files_are_current() -> None:
    assert codegen.main(["--check"]) == 0


def test_money_is_what_the_dictionary_calls_monetary() -> None:
    kinds = {(m.key, c.raw): c.kind for m in MODELS for c in m.columns}
    money = sorted(raw for (key, raw), kind in kinds.items() if kind == "money")
    assert money == ["BALANCE_DUE", "ECONOMIC_BENEFITS", "INITIAL_ASSESSMENT", "RECEIVED_AMOUNT",
                     "SPENT_AMOUNT", "STAFF_COSTS", "TOTAL_ASSESSMENT", "TOTAL_MAX_LIABILITY"]
    assert kinds[("construction_monitoring", "RAINFALL_AMOUNT")] == "number"


def test_schemas_and_staging_models_exist(garbage_warehouse: Path) -> None:
    tables = set(_sql(garbage_warehouse, "select table_schema, table_name from information_schema.tables"))
    for m in MODELS:
        assert ("staging", m.name) in tables
    assert ("intermediate", "int_raw_rows_set_aside") in tables
    assert {("marts", "data_quality_issues"), ("marts", "import_log")} <= tables


@pytest.mark.parametrize(("model", "key_column", "column", "raw", "issue"), [
    ("stg_smarts__enforcement_actions", None, "TOTAL_ASSESSMENT", "twelve thousand", "not a number"),
    ("stg_smarts__enforcement_actions", None, "RECEIVED_AMOUNT", "1e20", "amount out of range"),
    ("stg_smarts__enforcement_actions", None, "ISSUANCE_DATE", "2109-13-45", "not a date"),
    ("stg_smarts__industrial_applications", None, "FACILITY_LATITUDE", "340.5", "outside California"),
    ("stg_smarts__industrial_applications", None, "INDIRECTLY", "Q", "not a Y/N flag"),
    ("stg_smarts__violations", None, "OCCURRENCE_DATE", "0019-05-02", "impossible date"),
])
def test_garbage_is_null_in_staging_and_in_the_ledger(garbage_warehouse, model, key_column, column, raw, issue):
    staged_name = {"TOTAL_ASSESSMENT": "total_assessment", "RECEIVED_AMOUNT": "received_amount",
                   "ISSUANCE_DATE": "issuance_date",
                   "FACILITY_LATITUDE": "facility_latitude", "INDIRECTLY": "discharges_indirectly",
                   "OCCURRENCE_DATE": "occurrence_date"}[column]
    ledger = _sql(garbage_warehouse, f"""
        select record_key from marts.data_quality_issues
        where column_name = '{column}' and raw_value = '{raw}' and issue = '{issue}' and action = 'nulled'""")
    assert len(ledger) == 1
    value = _sql(garbage_warehouse, f"select {staged_name} from staging.{model} where record_key = ?"
                 .replace("?", f"'{ledger[0][0]}'"))
    assert value == [(None,)]


def test_rows_set_aside_are_in_the_ledger(garbage_warehouse: Path) -> None:
    rows = _sql(garbage_warehouse, """
        select issue, raw_value from marts.data_quality_issues
        where dataset_key = 'violations' and action in ('rejected', 'de-duplicated')""")
    issues = [r[0] for r in rows]
    assert issues.count("de-duplicated: same record key") == 1
    assert issues.count("rejected: no record key") == 1
    assert all(r[1].startswith("{") for r in rows)  # the whole raw row, as JSON


def test_nothing_is_lost(garbage_warehouse: Path) -> None:
    for m in MODELS:
        raw = _sql(garbage_warehouse, f"""
            select count(*) from read_parquet('{garbage_warehouse}/landed/{m.key}/*.parquet', union_by_name = true)""")
        staged = _sql(garbage_warehouse, f"select count(*) from staging.{m.name}")
        set_aside = _sql(garbage_warehouse, f"""
            select count(*) from marts.data_quality_issues
            where dataset_key = '{m.key}' and action in ('rejected', 'de-duplicated')""")
        assert raw[0][0] == staged[0][0] + set_aside[0][0], m.key


def test_published_missing_markers_are_plain_nulls(garbage_warehouse: Path) -> None:
    leaked = _sql(garbage_warehouse, """
        select count(*) from marts.data_quality_issues where raw_value in ('NaN', 'NA', '')""")
    assert leaked == [(0,)]
    nan = _sql(garbage_warehouse, """
        select count(*) from staging.stg_smarts__industrial_samples
        where result is null and result_qualifier = 'ND'""")
    assert nan[0][0] > 0


def test_types_units_and_wdid_parts(garbage_warehouse: Path) -> None:
    types = dict(_sql(garbage_warehouse, """
        select column_name, data_type from information_schema.columns
        where table_schema = 'staging' and table_name = 'stg_smarts__violations'"""))
    assert types["occurrence_date"] == "DATE" and types["is_serious"] == "BOOLEAN"
    assert types["place_latitude"] == "DOUBLE"
    parts = _sql(garbage_warehouse, """
        select wdid, region_code, county_code, permit_type_code
        from staging.stg_smarts__industrial_applications limit 1""")[0]
    assert parts[0] == f"{parts[1]} {parts[2]}{parts[3]}{parts[0].split(' ')[1][3:]}"
    micro = _sql(garbage_warehouse, """
        select result, result_mg_l from marts.fct_monitoring_samples
        where units in ('ug/L', 'µg/L', 'ug/l') and result is not null limit 1""")[0]
    assert micro[1] == pytest.approx(micro[0] / 1000)
    # staging is a typed copy of its source: parameters and units are read by the grammar later
    staged = {r[0] for r in _sql(garbage_warehouse, """
        select column_name from information_schema.columns
        where table_name = 'stg_smarts__industrial_samples'""")}
    assert "result" in staged and not staged & {"result_mg_l", "units_canonical", "parameter_canonical"}
    regions = _sql(garbage_warehouse, "select distinct region_code from staging.stg_esmr__results")
    assert {r[0] for r in regions} <= {"1", "2", "3", "4", "5F", "5R", "5S", "6A", "6B", "7", "8", "9"}


def test_personal_fields_stay_out_by_default(garbage_warehouse: Path) -> None:
    cols = {r[0] for r in _sql(garbage_warehouse, """
        select column_name from information_schema.columns
        where table_name = 'stg_smarts__industrial_applications'""")}
    assert "facility_name" in cols
    assert not {"facility_contact_first_name", "facility_phone", "facility_email", "certifier_by"} & cols
    assert _build(garbage_warehouse, "--select", "stg_smarts__inspections",
                  "--vars", "{include_personal_fields: true}") == 0
    cols = {r[0] for r in _sql(garbage_warehouse, """
        select column_name from information_schema.columns where table_name = 'stg_smarts__inspections'""")}
    assert {"inspector_name", "inspection_contact"} <= cols


def test_import_log_mart(garbage_warehouse: Path) -> None:
    rows = _sql(garbage_warehouse, "select status, count(*) from marts.import_log group by 1")
    assert dict(rows) == {"landed": 14}


def test_the_ledger_finds_every_injected_quirk(sample_source: Path, tmp_path: Path, monkeypatch) -> None:
    """The generator counts the impossible dates and broken coordinates it writes; the staging
    layer must null and report every one of them."""
    import json

    summary = json.loads((sample_source / "truth" / "summary.json").read_text())
    home = tmp_path / "home"
    monkeypatch.setenv("STORMWATER_HOME", str(home))
    assert main(["ingest", "--source", str(sample_source)]) == 0
    assert _build(home, "--select", "+data_quality_issues", "--exclude", "test_type:data") == 0
    found = {(k, issue): n for k, issue, n in _sql(home, """
        select dataset_key, case when issue = 'outside California' then 'coordinates' else 'dates' end, count(*)
        from marts.data_quality_issues
        where issue in ('impossible date', 'not a date', 'outside California')
        group by all""")}
    for key, counts in summary["datasets"].items():
        assert found.get((key, "dates"), 0) == counts["impossible_dates"], key
        assert found.get((key, "coordinates"), 0) == counts["bad_coordinates"], key
    assert sum(c["impossible_dates"] for c in summary["datasets"].values()) > 0
