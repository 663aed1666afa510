"""Columns a staging model computes after cleaning, as data: WDID parts, the facility key and
the non-detect flag. The SQL template and the YAML both read these lists. Parameters and units
are not mapped here: one mechanism reads every spelling by rule (the parameter and unit grammar,
int_parameters_mapped), so staging stays a typed copy of its source that joins nothing."""

from __future__ import annotations

from dataclasses import dataclass

from tools.codegen.staging_spec import StagingModel

NON_DETECT_QUALIFIERS = ("ND", "<")


@dataclass(frozen=True)
class DerivedColumn:
    name: str
    expression: str
    """SQL over the ``cleaned`` CTE; dbt Jinja passes through as text."""
    doc: str
    kind: str
    """The cleaned_value test's kind (see macros/tests/cleaned_value.sql)."""

    @property
    def select_item(self) -> str:
        if self.expression.rsplit(".", 1)[-1] == self.name:
            return self.expression
        return f"{self.expression} as {self.name}"


@dataclass(frozen=True)
class MonitoringColumns:
    qualifier: str


MONITORING_COLUMNS = {
    "industrial_monitoring": MonitoringColumns("result_qualifier"),
    "construction_monitoring": MonitoringColumns("result_qualifier"),
    "esmr": MonitoringColumns("qualifier"),
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
