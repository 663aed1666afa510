"""Columns a staging model computes after cleaning, as data: WDID parts, the facility key,
canonical parameters and units. The SQL template and the YAML both read these lists."""

from __future__ import annotations

from dataclasses import dataclass

from tools.codegen.staging_spec import StagingModel

NON_DETECT_QUALIFIERS = ("ND", "<")


@dataclass(frozen=True)
class DerivedColumn:
    name: str
    expression: str
    """SQL over the ``cleaned`` CTE and the seed imports; dbt Jinja passes through as text."""
    doc: str
    kind: str
    """The cleaned_value test's kind (see macros/tests/cleaned_value.sql)."""

    @property
    def select_item(self) -> str:
        if self.expression.rsplit(".", 1)[-1] == self.name:
            return self.expression
        return f"{self.expression} as {self.name}"


@dataclass(frozen=True)
class SeedJoin:
    """A left join of a seed on a case-insensitive match of one cleaned column."""

    seed: str
    column: str
    seed_column: str


@dataclass(frozen=True)
class MonitoringColumns:
    parameter: str
    result: str
    units: str
    qualifier: str


MONITORING_COLUMNS = {
    "industrial_monitoring": MonitoringColumns("parameter", "result", "units", "result_qualifier"),
    "construction_monitoring": MonitoringColumns("parameter", "result", "units", "result_qualifier"),
    "esmr": MonitoringColumns("parameter", "result", "units", "qualifier"),
}


def _wdid_parts() -> list[DerivedColumn]:
    return [
        DerivedColumn("region_code", "{{ wdid_part('cleaned.wdid', 'region') }}",
                      "Regional Water Board code parsed from the WDID (the part before the space).", "region"),
        DerivedColumn("county_code", "{{ wdid_part('cleaned.wdid', 'county') }}",
                      "Two-digit county code parsed from the WDID.", "text"),
        DerivedColumn("permit_type_code", "{{ wdid_part('cleaned.wdid', 'type') }}",
                      "Permit type letter parsed from the WDID: I industrial, C construction.", "text"),
    ]


def _facility_id(raw_columns: set[str]) -> list[DerivedColumn]:
    if {"WDID", "APP_ID"} <= raw_columns:
        return [DerivedColumn(
            "facility_id", "{{ smarts_facility_id('cleaned.wdid', 'cleaned.app_id') }}",
            "Stable facility key of marts.dim_facility: md5 of 'SMARTS|wdid|app_id'; NULL when either "
            "part is missing.", "id")]
    if "facility_place_id" in raw_columns:
        return [DerivedColumn(
            "facility_id", "{{ esmr_facility_id('cleaned.facility_place_id') }}",
            "Stable facility key of marts.dim_facility: md5 of 'ESMR|facility_place_id'; NULL when "
            "facility_place_id is missing.", "id")]
    return []


def _measurements(cols: MonitoringColumns) -> list[DerivedColumn]:
    qualifiers = ", ".join(f"'{q}'" for q in NON_DETECT_QUALIFIERS)
    return [
        DerivedColumn("parameter_canonical", "parameter_aliases.parameter",
                      "Display name from seeds/parameter_aliases.csv (common spellings only); NULL when not "
                      "listed. Compliance models read every spelling by rule instead (int_parameters_mapped).",
                      "text"),
        DerivedColumn("units_canonical", "unit_conversions.units_canonical",
                      "Canonical unit from seeds/unit_conversions.csv (common spellings only); NULL when not "
                      "listed. The marts convert by the unit grammar (int_parameters_mapped).", "text"),
        DerivedColumn("result_mg_l", f"cleaned.{cols.result} * unit_conversions.to_mg_l",
                      "The result in mg/L where the unit converts to mg/L (mg/L, ug/L, ...); NULL for pH, "
                      "turbidity, flow and other non-concentration units.", "number"),
        DerivedColumn("reporting_limit_mg_l", "cleaned.rl * unit_conversions.to_mg_l",
                      "The reporting limit (RL) in mg/L where the unit converts; used to substitute "
                      "non-detects when the var non_detect_substitution asks for it.", "number"),
        DerivedColumn("is_non_detect", f"coalesce(cleaned.{cols.qualifier} in ({qualifiers}), false)",
                      f"True when the qualifier is {' or '.join(NON_DETECT_QUALIFIERS)} (not detected above "
                      "the reporting limit).", "flag"),
    ]


def derived_columns(m: StagingModel) -> list[DerivedColumn]:
    """The columns the final CTE adds to ``cleaned.*``, in order."""
    out: list[DerivedColumn] = []
    if any(c.kind == "wdid" for c in m.columns):
        out += _wdid_parts()
    out += _facility_id({c.raw for c in m.columns})
    if m.key in MONITORING_COLUMNS:
        out += _measurements(MONITORING_COLUMNS[m.key])
    return out


def seed_joins(m: StagingModel) -> list[SeedJoin]:
    """Seeds the model imports and left-joins, in order."""
    cols = MONITORING_COLUMNS.get(m.key)
    if cols is None:
        return []
    return [SeedJoin("parameter_aliases", cols.parameter, "parameter_raw"),
            SeedJoin("unit_conversions", cols.units, "units_raw")]
