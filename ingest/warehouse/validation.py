"""``stormwater validate``: Great Expectations suites over the landed data and the marts.

Great Expectations' SQL datasource over duckdb-engine returns empty metric results (a known
upstream issue), so each table is read from DuckDB into a pandas DataFrame, only the columns
the suite needs, and validated with GE's pandas execution engine. Results go to an HTML report
(and JSON) under ``$STORMWATER_HOME/reports/``; any failed expectation fails the command.
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingest import registry
from ingest.home import Home
from ingest.project import dbt_var

E = dict  # one expectation: {"type": ..., **kwargs}


@dataclass(frozen=True)
class Suite:
    name: str
    query: str
    expectations: list[E] = field(default_factory=list)


def _in_set(column: str, values: list[str]) -> E:
    return {"type": "expect_column_values_to_be_in_set", "column": column, "value_set": values}


def _not_null(column: str, mostly: float = 1.0) -> E:
    return {"type": "expect_column_values_to_not_be_null", "column": column, "mostly": mostly}


def _unique(column: str) -> E:
    return {"type": "expect_column_values_to_be_unique", "column": column}


def _between(column: str, low: float | None, high: float | None, mostly: float = 1.0) -> E:
    return {"type": "expect_column_values_to_be_between", "column": column, "min_value": low,
            "max_value": high, "mostly": mostly}


def _rows(low: int, high: int | None = None) -> E:
    return {"type": "expect_table_row_count_to_be_between", "min_value": low, "max_value": high}


def _ordered(later: str, earlier: str, mostly: float = 1.0) -> E:
    return {"type": "expect_column_pair_values_a_to_be_greater_than_b", "column_A": later, "column_B": earlier,
            "or_equal": True, "ignore_row_if": "either_value_is_missing", "mostly": mostly}


LANDED_KEYS = {
    "industrial_facilities": ("WDID", "APP_ID"), "construction_facilities": ("WDID", "APP_ID"),
    "industrial_monitoring": ("WDID", "APP_ID"), "construction_monitoring": ("WDID", "APP_ID"),
    "inspections": ("INSPECTION_ID", "WDID"), "violations": ("VIOLATION_ID", "WDID"),
    "enforcement_actions": ("ENFORCEMENT_ID", "WDID"), "esmr": ("facility_place_id", "parameter"),
}


def _landed_row_ceiling(ds: registry.Dataset) -> int:
    """The most rows a landing may plausibly hold: the reference's approximate size (or the
    default for a dataset without one, eSMR) times a headroom factor, all dbt vars."""
    ceiling = dbt_var("landed_row_ceiling")
    try:
        return int((ds.approx_rows or ceiling["default_approx_rows"]) * ceiling["factor"])
    except (KeyError, TypeError):
        raise KeyError("dbt var 'landed_row_ceiling' needs the keys factor and default_approx_rows") from None


# Share of rows that may lack a value the portal sometimes leaves blank (dates, statuses, and
# application keys: a record without its key stays in its fact and is in the ledger as 'no
# application key'). The expectations catch a broken parse (most values NULL), not a blank.
MOSTLY = 0.95


def suites(home: Home) -> list[Suite]:
    return [*landed_suites(home), *mart_suites()]


def landed_suites(home: Home) -> list[Suite]:
    """The suites over the landed Parquet files (they do not read the warehouse)."""
    out = []
    for key, ds in registry.registry().items():
        keys = LANDED_KEYS[key]
        cols = ", ".join(f'"{c}"' for c in keys)
        ceiling = _landed_row_ceiling(ds)
        out.append(Suite(
            f"landed.{key}",
            f"select {cols} from read_parquet('{home.dataset_dir(key)}/*.parquet', union_by_name = true)",
            [_rows(1, ceiling), *[_not_null(c, 0.99) for c in keys]],
        ))
    return out


def mart_suites() -> list[Suite]:
    """The suites over the warehouse's marts."""
    regions = [str(r) for r in dbt_var("region_codes")]
    bounds = dbt_var("california_bounds")
    lat, lon = (bounds["min_latitude"], bounds["max_latitude"]), (bounds["min_longitude"], bounds["max_longitude"])
    return [
        Suite("marts.dim_facility",
              "select facility_id, source_system, region_code, latitude, longitude from marts.dim_facility",
              [_rows(1), _unique("facility_id"), _not_null("facility_id"), _in_set("source_system", ["SMARTS", "ESMR"]),
               _in_set("region_code", regions), _between("latitude", *lat), _between("longitude", *lon)]),
        Suite("marts.fct_violations",
              "select violation_id, facility_id, occurrence_date, discovery_date, violation_status "
              "from marts.fct_violations",
              [_rows(1), _unique("violation_id"), _not_null("facility_id", MOSTLY),
               {**_in_set("violation_status", ["Violation", "Potential", "Dismissed"]), "mostly": MOSTLY},
               _ordered("discovery_date", "occurrence_date", 0.99)]),
        Suite("marts.fct_enforcement_actions",
              "select enforcement_id, issuance_date, due_date, total_assessment, received_amount, balance_due "
              "from marts.fct_enforcement_actions",
              [_rows(1), _unique("enforcement_id"), _not_null("issuance_date", MOSTLY),
               _ordered("due_date", "issuance_date", 0.99), _between("total_assessment", 0, None),
               _between("received_amount", 0, None)]),
        Suite("marts.fct_inspections", "select inspection_id, inspection_date from marts.fct_inspections",
              [_rows(1), _unique("inspection_id"), _not_null("inspection_date", MOSTLY)]),
        Suite("marts.fct_monitoring_samples",
              "select source_dataset, facility_id, sample_date, result_mg_l from marts.fct_monitoring_samples",
              [_rows(1), _in_set("source_dataset", ["industrial_monitoring", "construction_monitoring", "esmr"]),
               _not_null("facility_id", MOSTLY), _not_null("sample_date", MOSTLY),
               _between("result_mg_l", 0, None, 0.999)]),
        Suite("marts.fct_nal_exceedances",
              "select reporting_year_start, sample_count, annual_average from marts.fct_nal_exceedances",
              [_rows(1), _between("reporting_year_start", 1990, 2100), _between("sample_count", 0, None),
               _between("annual_average", 0, None)]),
        Suite("marts.facility_era_status", "select era_level from marts.facility_era_status",
              [_rows(1), _in_set("era_level", ["Baseline", "Level 1", "Level 2"])]),
        Suite("marts.facility_links", "select match_method, confidence from marts.facility_links",
              [_in_set("match_method", ["manual", "exact", "fuzzy"]), _between("confidence", 0, 1)]),
        Suite("marts.unified_violations", "select unified_violation_id, source, severity from marts.unified_violations",
              [_rows(1), _unique("unified_violation_id"),
               _in_set("source", ["SMARTS_REGULATORY", "ESMR_COMPUTED", "NAL_EXCEEDANCE"]),
               _in_set("severity", ["high", "medium", "low"])]),
        Suite("marts.facility_compliance_summary",
              "select facility_id, violation_count, penalties_assessed from marts.facility_compliance_summary",
              [_rows(1), _unique("facility_id"), _between("violation_count", 0, None),
               _between("penalties_assessed", 0, None)]),
        Suite("marts.import_log", "select status, dataset_key from marts.import_log",
              [_rows(1), _in_set("status", ["landed", "skipped", "failed"]),
               _in_set("dataset_key", list(registry.DATASET_KEYS))]),
        Suite("marts.data_quality_issues", "select action from marts.data_quality_issues",
              [_in_set("action", ["nulled", "rejected", "de-duplicated", "unmatched reference"])]),
    ]


@dataclass(frozen=True)
class Outcome:
    suite: str
    expectation: str
    column: str
    success: bool
    observed: str


def _expectation(spec: E):
    import great_expectations as gx

    kind = spec["type"]
    cls_name = "".join(part.capitalize() for part in kind.split("_"))
    kwargs = {k: v for k, v in spec.items() if k != "type" and v is not None}
    return getattr(gx.expectations, cls_name)(**kwargs)


def run(home: Home, chosen: list[Suite] | None = None, warehouse: bool = True) -> list[Outcome]:
    """Run the ``chosen`` suites (default: all) and return their outcomes. ``warehouse=False``:
    against an in-memory database (enough for the landed suites, which read Parquet files)."""
    import great_expectations as gx

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    source = context.data_sources.add_pandas("warehouse")
    outcomes: list[Outcome] = []
    database = str(home.warehouse) if warehouse else ":memory:"
    with duckdb.connect(database, read_only=warehouse) as con:
        for suite in suites(home) if chosen is None else chosen:
            try:
                frame = read_frame(con, suite.query)
            except duckdb.Error as exc:
                outcomes.append(Outcome(suite.name, "table readable", "", False, " ".join(str(exc).split())[:200]))
                continue
            outcomes += validate_frame(context, source, suite, frame)
    return outcomes


def read_frame(con: duckdb.DuckDBPyConnection, query: str):
    """The query's rows as a DataFrame, text as categoricals made by DuckDB: each text column's
    distinct values (one small query each) are its categories, and the rows arrive as integer
    codes (a join with those values), so no Python string is made per row. Statewide, 8.6 M
    monitoring rows of repeated ids and labels as Python strings took 3.9 GB (issue 12), and
    turning them into categoricals in pandas took half of ``stormwater validate``'s time."""
    import pandas as pd

    relation = con.sql(query)
    names = relation.columns
    categories: dict[int, list[str]] = {}
    for i, kind in enumerate(relation.types):
        if str(kind) == "VARCHAR":
            column = _quoted(names[i])
            categories[i] = [value for (value,) in con.execute(
                f"select distinct {column} from ({query}) where {column} is not null order by 1").fetchall()]
    columns, joins = [], []
    for i, name in enumerate(names):
        column = _quoted(name)
        if i in categories:
            joins.append(f"left join (select unnest(l) as value, generate_subscripts(l, 1) - 1 as code "
                         f"from (select $c{i} as l)) as c{i} on suite_rows.{column} = c{i}.value")
            columns.append(f"coalesce(c{i}.code, -1)::integer as {column}")
        else:
            columns.append(f"suite_rows.{column}")
    frame = con.execute(f"select {', '.join(columns)} from ({query}) as suite_rows {' '.join(joins)}",
                        {f"c{i}": values for i, values in categories.items()}).df()
    for i, values in categories.items():
        frame[names[i]] = pd.Categorical.from_codes(frame[names[i]].to_numpy(), categories=values)
    return frame


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def validate_frame(context, source, suite: Suite, frame) -> list[Outcome]:
    """Run ``suite`` over one pandas DataFrame (NULLs arrive as None or NaN; GE skips them
    in every expectation but not_null)."""
    import great_expectations as gx

    batch = source.add_dataframe_asset(suite.name).add_batch_definition_whole_dataframe("all")
    gx_suite = context.suites.add(gx.ExpectationSuite(suite.name))
    for spec in suite.expectations:
        gx_suite.add_expectation(_expectation(spec))
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite))
    result = definition.run(batch_parameters={"dataframe": frame})
    outcomes = []
    for r in result.results:
        cfg = r.expectation_config
        kwargs = cfg.kwargs
        column = kwargs.get("column") or " > ".join(
            str(kwargs[k]) for k in ("column_A", "column_B") if k in kwargs)
        outcomes.append(Outcome(suite.name, cfg.type, column, bool(r.success), _observed(r.result)))
    return outcomes


def _observed(result: dict) -> str:
    if "observed_value" in result:
        return f"observed {result['observed_value']}"
    if "unexpected_count" in result:
        sample = result.get("partial_unexpected_list") or []
        shown = ", ".join(map(str, sample[:3]))
        percent = result.get("unexpected_percent") or 0.0  # None when every value is NULL
        return f"{result['unexpected_count']} unexpected ({percent:.3g}%)" + (
            f": {shown}" if shown else "")
    return ""


def write_report(home: Home, outcomes: list[Outcome]) -> Path:
    home.reports.mkdir(parents=True, exist_ok=True)
    failed = [o for o in outcomes if not o.success]
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    (home.reports / "validation.json").write_text(json.dumps(
        {"validated_at": stamp, "success": not failed, "results": [o.__dict__ for o in outcomes]}, indent=2))
    rows = "\n".join(
        f"<tr class={'pass' if o.success else 'fail'}><td>{html.escape(o.suite)}</td>"
        f"<td>{html.escape(o.expectation)}</td><td>{html.escape(o.column)}</td>"
        f"<td>{'passed' if o.success else 'FAILED'}</td><td>{html.escape(o.observed)}</td></tr>"
        for o in sorted(outcomes, key=lambda o: (o.success, o.suite)))
    verdict = "All expectations passed" if not failed else f"{len(failed)} of {len(outcomes)} expectations failed"
    # The pictures `stormwater charts` draws beside the report (validate draws them first).
    pictures = "".join(f'<img src="{name}" alt="{name}" style="max-width:48%;margin:.5rem">'
                       for name in ("facility_map.png", "monthly_trends.png") if (home.reports / name).exists())
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stormwater-warehouse validation</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem}}table{{border-collapse:collapse;width:100%}}
td,th{{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;font-size:.9rem}}
tr.fail td{{background:#fde2e2}}tr.pass td:nth-child(4){{color:#1a7f37}}h1{{font-size:1.4rem}}</style></head>
<body><h1>Validation report: {html.escape(verdict)}</h1>
<p>Great Expectations {_gx_version()} suites over the landed data and the marts of
{html.escape(str(home.warehouse))}, run {stamp}. Failed expectations first.</p>
<div>{pictures}</div>
<table><thead><tr><th>suite</th><th>expectation</th><th>column</th><th>result</th><th>observed</th></tr></thead>
<tbody>
{rows}
</tbody></table></body></html>
"""
    path = home.reports / "validation.html"
    path.write_text(page, encoding="utf-8")
    return path


def _gx_version() -> str:
    import great_expectations as gx

    return gx.__version__
