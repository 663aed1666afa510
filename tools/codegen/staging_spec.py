"""How each published column becomes a staging column: its name, its kind, whether it is
personal. Derived from the registry's data dictionaries plus the few facts they do not state.

``tools.codegen`` turns this into the dbt sources, staging models, their YAML and the docs
blocks; ``tests/test_staging.py`` proves the committed files are what it generates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import registry

# Kinds: how a raw text value is cleaned, and what makes it invalid (a data-quality issue).
TEXT, ID, WDID, REGION, NUMBER, MONEY, INTEGER, DATE, FLAG, LATITUDE, LONGITUDE = (
    "text", "id", "wdid", "region", "number", "money", "integer", "date", "flag", "latitude", "longitude")
# Kinds parsed once per row in staging, then judged (macros/cleaning.sql, parse()).
PARSED_KINDS = (NUMBER, MONEY, INTEGER, DATE, LATITUDE, LONGITUDE)

# The dictionaries call these text, but they hold dates.
_DATE_TEXT = {"CERTIFIED_DATE", "FINAL_INSP_RPT_UPLOAD_DATE"}
# Whole numbers among the numeric columns.
_INTEGERS = {"REPORTING_YEAR", "REPORT_YEAR", "COUNT_OF_VIOLATIONS", "BUSINESS_DAYS"}
# Identifiers: trimmed, never typed.
_IDS = {"APP_ID", "VIOLATION_ID", "INSPECTION_ID", "ENFORCEMENT_ID", "REPORT_ID", "SAMPLE_ID",
        "VIOLATION_SOURCE_ID", "facility_place_id", "location_place_id", "smr_document_id"}
# Regional Water Board columns: SMARTS codes ("5S"), eSMR text ("Region 5S - ...").
_REGIONS = {"REGION_BOARD", "REGIONAL_BOARD", "REGION", "region"}
# Y/N columns whose dictionary text does not say so.
_FLAGS_UNSTATED = {"LINKED_ENFORCEMENT_ACTION", "PART_OF_A_LARGER_COMMON_PLAN", "review_priority_indicator"}
# Staging names for flags (booleans read as a yes/no question) and for published typos.
RENAMES = {
    "SERIOUS_VIOLATION": "is_serious",
    "LINKED_ENFORCEMENT_ACTION": "has_linked_enforcement",
    "EXEMPT_FROM_MMP": "is_exempt_from_mmp",
    "INDIRECTLY": "discharges_indirectly",
    "DIRECTLY": "discharges_directly",
    "VIRTUAL_INSPECTION": "is_virtual_inspection",
    "QUESTION_TMDL_ANSWER": "flows_to_tmdl_water",
    "PART_OF_A_LARGER_COMMON_PLAN": "is_part_of_larger_common_plan",
    "CONSTRUCTION_RESIDENTIAL": "is_residential",
    "CONSTRUCTION_COMMERTIAL": "is_commercial",
    "CONSTRUCTION_INDUSTRIAL": "is_industrial",
    "CONSTRUCTION_RECONSTRUCTION": "is_reconstruction",
    "CONSTRUCTION_TRANSPORTATION": "is_transportation",
    "TYPE_OF_CONSTRUCTION_UTILITY": "is_utility",
    "CONSTRUCTION_OTHER": "is_other_construction",
    "CONSTRUCTION_OTHER_DESRIPTION": "other_construction_description",
    "CONSTRUCTION_ABOVE_GROUND": "is_above_ground",
    "CONSTRUCTION_BELOW_GROUND": "is_below_ground",
    "CONSTRUCTION_GAS_LINE": "is_gas_line",
    "CONSTRUCTION_WATER_SEWER_LINE": "is_water_sewer_line",
    "CONS_COMMUNICATION_LINE": "is_communication_line",
    "CONS_CABLE_LINE": "is_cable_line",
    "CONS_ELECTRICAL_LINE": "is_electrical_line",
    "review_priority_indicator": "is_review_priority",
    "REGION_BOARD": "regional_board_code",
    "REGIONAL_BOARD": "regional_board_code",
    "REGION": "regional_board_code",
    "region": "region_code",
}
# People: names, phone numbers and e-mail addresses of contacts, certifiers and inspectors.
_PERSONAL = re.compile(
    r"(FIRST_NAME|LAST_NAME|_PHONE|_EMAIL|^CERTIFIER_BY$|^CERTIFIER_NAME$|^INSPECTION_CONTACT$"
    r"|^INSPECTOR_NAME$|^AGENCY_INSPECTOR_NAME$|^QSP$|^ANALYZED_BY$)")


@dataclass(frozen=True)
class StagedColumn:
    raw: str
    name: str
    kind: str
    personal: bool
    label: str
    description: str


@dataclass(frozen=True)
class StagingModel:
    key: str
    source: str
    entity: str
    record_key: tuple[str, ...]
    """Raw columns that identify a record; empty: a hash of the whole row."""
    grain: str
    description: str

    @property
    def name(self) -> str:
        return f"stg_{self.source}__{self.entity}"

    @property
    def columns(self) -> list[StagedColumn]:
        return [staged_column(c) for c in registry.get(self.key).columns]


def kind_of(col: registry.Column) -> str:
    name = col.name
    upper = name.upper()
    if name in _IDS:
        return ID
    if name == "WDID":
        return WDID
    if name in _REGIONS:
        return REGION
    if "LATITUDE" in upper:
        return LATITUDE
    if "LONGITUDE" in upper:
        return LONGITUDE
    if col.type == "timestamp" or name in _DATE_TEXT:
        return DATE
    if name in _INTEGERS:
        return INTEGER
    if col.type == "numeric":
        return MONEY if col.is_money else NUMBER
    if name in _FLAGS_UNSTATED or re.search(r'"Y" = yes|“Y” is for yes', col.description):
        return FLAG
    return TEXT


def staged_column(col: registry.Column) -> StagedColumn:
    name = RENAMES.get(col.name, col.name.lower())
    return StagedColumn(col.name, name, kind_of(col), bool(_PERSONAL.search(col.name)),
                        col.label, col.description)


MODELS: tuple[StagingModel, ...] = (
    StagingModel("industrial_facilities", "smarts", "industrial_applications", ("WDID", "APP_ID"),
                 "one row per industrial permit application (WDID, APP_ID)",
                 "Industrial General Permit applications (NOIs, NECs, NONAs) and their facilities."),
    StagingModel("construction_facilities", "smarts", "construction_applications", ("WDID", "APP_ID"),
                 "one row per construction permit application (WDID, APP_ID)",
                 "Construction General Permit applications and their sites."),
    StagingModel("industrial_monitoring", "smarts", "industrial_samples", (),
                 "one row per sample x parameter result, exact duplicate rows removed",
                 "Industrial storm water sampling results, with canonical parameters and units."),
    StagingModel("construction_monitoring", "smarts", "construction_samples", (),
                 "one row per sample x parameter result, exact duplicate rows removed",
                 "Construction storm water sampling results (mostly pH and turbidity)."),
    StagingModel("inspections", "smarts", "inspections", ("INSPECTION_ID",),
                 "one row per inspection (INSPECTION_ID)",
                 "Regional Board and third-party inspections of permitted facilities and sites."),
    StagingModel("violations", "smarts", "violations", ("VIOLATION_ID",),
                 "one row per violation (VIOLATION_ID)",
                 "Violations recorded in SMARTS, from inspections, annual reports and other reports."),
    StagingModel("enforcement_actions", "smarts", "enforcement_actions", ("ENFORCEMENT_ID",),
                 "one row per enforcement action (ENFORCEMENT_ID)",
                 "Enforcement actions: letters, notices, orders and penalties."),
    StagingModel("esmr", "esmr", "results", (),
                 "one row per reported result, exact duplicate rows removed",
                 "eSMR (NPDES electronic self-monitoring report) analytical results, all landed years."),
)
