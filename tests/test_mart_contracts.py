"""The marts explain themselves: enforced contracts, money as DECIMAL, region names beside region
codes, SIC titles beside SIC codes (issue 13, part 6). Runs on the shared sample warehouse."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest.sample import vocab
from tests.helpers import sql

# Every mart ../shared/CONTRACT.md names (its tables and its "Additions").
CONTRACT_MARTS = (
    "dim_facility", "facility_links", "facility_match_review", "fct_violations",
    "fct_enforcement_actions", "bridge_enforcement_violation", "fct_inspections",
    "bridge_inspection_violation", "fct_monitoring_samples", "fct_nal_exceedances",
    "facility_era_status", "unified_violations", "facility_compliance_summary", "import_log",
    "data_quality_issues", "facility_compliance_grid", "sampling_gaps", "operator_rollup",
    "facility_timeline", "status_history", "fct_construction_nal_exceedances",
)
# Money columns, by name: every mart column whose name says money must be DECIMAL(18,2).
MONEY = re.compile(r"assessment|amount|penalties_(assessed|received)|balance_due|economic_benefits"
                   r"|staff_costs|liability")
EXPECTED_MONEY = {
    ("fct_enforcement_actions", c) for c in (
        "initial_assessment", "total_assessment", "received_amount", "balance_due",
        "economic_benefits", "staff_costs", "total_max_liability")
} | {
    ("facility_compliance_summary", "penalties_assessed"), ("facility_compliance_summary", "penalties_received"),
    ("facility_compliance_summary", "penalty_balance_due"), ("top_offenders", "penalties_assessed"),
    ("top_offenders", "penalties_received"), ("active_enforcement_watchlist", "penalty_balance_due"),
    ("monthly_compliance_by_county", "penalties_assessed"), ("operator_rollup", "penalties_assessed"),
    ("facility_timeline", "amount"),
}


@pytest.fixture(scope="module")
def mart_nodes(garbage_warehouse: Path) -> dict[str, dict]:
    manifest = json.loads((garbage_warehouse / "target" / "manifest.json").read_text())
    return {n["name"]: n for n in manifest["nodes"].values()
            if n["resource_type"] == "model" and n["schema"] == "marts"}


def _columns(home: Path) -> dict[tuple[str, str], str]:
    rows = sql(home, "select table_name, column_name, data_type from duckdb_columns() where schema_name = 'marts'")
    return {(t, c): d for t, c, d in rows}


def test_every_contract_mart_has_an_enforced_contract(mart_nodes: dict[str, dict]) -> None:
    missing = [m for m in CONTRACT_MARTS if m not in mart_nodes]
    assert not missing, f"contract marts not in the manifest: {missing}"
    loose = sorted(m for m, n in mart_nodes.items() if not n["config"]["contract"]["enforced"])
    assert not loose, f"marts without an enforced contract: {loose}"


def test_every_contracted_column_has_a_data_type(mart_nodes: dict[str, dict], garbage_warehouse: Path) -> None:
    untyped = [(m, c) for m, n in mart_nodes.items() for c, col in n["columns"].items() if not col.get("data_type")]
    assert not untyped, f"columns without data_type: {untyped}"
    built = _columns(garbage_warehouse)
    for m in CONTRACT_MARTS:
        declared = {c.lower() for c in mart_nodes[m]["columns"]}
        actual = {c.lower() for t, c in built if t == m}
        assert declared == actual, f"{m}: contract {sorted(declared ^ actual)} differ from the table"


def test_money_is_decimal(garbage_warehouse: Path) -> None:
    built = _columns(garbage_warehouse)
    missing = EXPECTED_MONEY - built.keys()
    assert not missing, f"money columns missing: {sorted(missing)}"
    money = {k for k in built if MONEY.search(k[1])} | EXPECTED_MONEY
    not_decimal = sorted((t, c, built[(t, c)]) for t, c in money if built[(t, c)] != "DECIMAL(18,2)")
    assert not not_decimal, f"money not DECIMAL(18,2): {not_decimal}"


def test_summary_money_adds_up_to_the_actions(garbage_warehouse: Path) -> None:
    summary, actions = sql(garbage_warehouse, """
        select
            (select sum(penalties_assessed) from marts.facility_compliance_summary),
            (select sum(total_assessment) from marts.fct_enforcement_actions
             where is_effective and facility_id in (select facility_id from marts.dim_facility))
    """)[0]
    assert actions is not None and actions > 0, "the sample has no assessed penalties to check"
    assert summary == actions


def test_region_name_beside_every_region_code(garbage_warehouse: Path) -> None:
    built = _columns(garbage_warehouse)
    with_code = sorted({t for t, c in built if c == "region_code"})
    assert {"fct_violations", "fct_enforcement_actions", "fct_inspections", "dim_facility"} <= set(with_code)
    for table in with_code:
        assert (table, "region_name") in built, f"{table} shows region_code without region_name"
        known, wrong = sql(garbage_warehouse, f"""
            select
                count(*) filter (where boards.region_code is not null),
                count(*) filter (where boards.region_code is not null
                                 and t.region_name is distinct from boards.region_name)
            from marts.{table} as t
            left join staging.regional_boards as boards on t.region_code = boards.region_code
        """)[0]
        assert wrong == 0, f"{table}: {wrong} rows with a known board but a missing or wrong region_name"
        if table.startswith("fct_"):
            assert known > 0, f"{table}: no row with a known region code on the sample"


def test_sic_seed_is_the_1987_manual() -> None:
    import csv

    path = Path(__file__).resolve().parents[1] / "seeds" / "sic_codes.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    codes = [r["sic_code"] for r in rows]
    assert len(codes) == len(set(codes)) == 1005
    assert all(re.fullmatch(r"\d{4}", c) for c in codes)
    assert all(r["major_group"] == r["sic_code"][:2] and r["sic_description"].strip() for r in rows)
    generated = set(vocab.SIC_WEIGHTS) | {sic for _, sic in vocab.OTHER_NPDES}
    assert generated <= set(codes), f"generator codes missing: {sorted(generated - set(codes))}"
    by_code = {r["sic_code"]: r["sic_description"] for r in rows}
    assert by_code["4952"] == "Sewerage Systems" and by_code["5093"] == "Scrap and Waste Materials"


def test_sic_description_beside_every_known_code(garbage_warehouse: Path) -> None:
    known, wrong = sql(garbage_warehouse, """
        select
            count(*),
            count(*) filter (where f.primary_sic_description is distinct from sic.sic_description)
        from marts.dim_facility as f
        inner join staging.sic_codes as sic on trim(f.primary_sic) = sic.sic_code
    """)[0]
    assert known > 0, "no facility with a known SIC code on the sample"
    assert wrong == 0, f"{wrong} facilities with a known SIC code but a missing or wrong description"
