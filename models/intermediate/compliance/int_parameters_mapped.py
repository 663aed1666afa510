"""Every published (parameter, units) pair of the three monitoring datasets, read by the grammar.

A dbt Python model, because the grammar lives in Python (ingest/compliance/parameters.py and
units.py, rules in the docs block ``parameter_grammar``). Only the DISTINCT pairs are read (a
few thousand), not the millions of results; models join back on the raw text. Every value may be
NULL (pandas hands NULL text over as None or NaN), empty, a number or very long: the parsers
take any value and never raise.

A pair is usable for the NAL comparison (``is_nal_usable``) when the name maps to a NAL
parameter and the unit is one the NAL can be compared in: a concentration with a factor to
mg/L (``mg/L``, ``ug/L``, ``ppb``...) for the mg/L NALs, a pH unit (or none: pH has one scale)
for pH. A unit whose basis (``mg/L as NH3``) differs from the NAL's basis (``as N``) is not
converted.
"""

import math

from ingest.compliance.parameters import parse_parameter
from ingest.compliance.units import parse_unit

COLUMNS = (
    "source_dataset", "parameter_raw", "units_raw", "row_count", "nal_parameter",
    "parameter_canonical", "parameter_reason", "units_canonical", "unit_kind", "unit_basis",
    "to_mg_l", "unit_reason", "is_nal_parameter", "is_nal_usable", "unmapped_reason",
)

TEXT_COLUMNS = (
    "source_dataset", "parameter_raw", "units_raw", "nal_parameter", "parameter_canonical",
    "parameter_reason", "units_canonical", "unit_kind", "unit_basis", "unit_reason", "unmapped_reason",
)


def _text(value):
    """None for NULL/NaN, else the value unchanged (the parsers read everything else)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _nal_units(seed_rows):
    return {row["parameter"]: row["units"] for row in seed_rows}


def _unit_problem(nal_unit, parameter, unit):
    """Why a unit cannot be compared with its NAL, or None when it can."""
    if nal_unit == "SU":
        if unit.raw is None or unit.reason == "empty" or unit.kind == "pH":
            return None
        return f"not a pH unit: {unit.raw}"
    if unit.to_mg_l is None:
        return unit.reason or f"not a concentration: {unit.canonical}"
    if unit.basis and parameter.basis and unit.basis != parameter.basis:
        return f"unit basis {unit.basis} differs from the NAL basis {parameter.basis}"
    if unit.basis and not parameter.basis and unit.basis not in ("N", "P") and "(as " in parameter.nal_parameter:
        return f"unit basis {unit.basis} differs from the NAL basis"
    return None


def map_pair(parameter_raw, units_raw, nal_units):
    parameter = parse_parameter(parameter_raw)
    unit = parse_unit(units_raw)
    problem = None
    if parameter.nal_parameter is not None:
        problem = _unit_problem(nal_units.get(parameter.nal_parameter, "mg/L"), parameter, unit)
    usable = parameter.nal_parameter is not None and problem is None
    if parameter.nal_parameter is None:
        unmapped = f"parameter: {parameter.reason}"
    elif problem is not None:
        unmapped = f"unit: {problem}"
    else:
        unmapped = None
    return {
        "nal_parameter": parameter.nal_parameter,
        "parameter_canonical": parameter.canonical,
        "parameter_reason": parameter.reason,
        "units_canonical": unit.canonical,
        "unit_kind": unit.kind,
        "unit_basis": unit.basis,
        "to_mg_l": unit.to_mg_l,
        "unit_reason": problem if parameter.nal_parameter is not None else unit.reason,
        "is_nal_parameter": parameter.nal_parameter is not None,
        "is_nal_usable": usable,
        "unmapped_reason": unmapped,
    }


def model(dbt, session):
    dbt.config(materialized="table")
    import pandas as pd

    nal_units = _nal_units(dbt.ref("igp_numeric_action_levels").df().to_dict("records"))
    # dbt reads refs from literal arguments only, so the three sources are spelled out
    sources = (
        ("industrial_monitoring", dbt.ref("stg_smarts__industrial_samples")),
        ("construction_monitoring", dbt.ref("stg_smarts__construction_samples")),
        ("esmr", dbt.ref("stg_esmr__results")),
    )
    frames = []
    for dataset, relation in sources:
        pairs = relation.aggregate("parameter, units, count(*) as row_count", "parameter, units").df()
        pairs.insert(0, "source_dataset", dataset)
        frames.append(pairs)
    pairs = pd.concat(frames, ignore_index=True)
    rows = []
    for dataset, parameter_raw, units_raw, row_count in zip(
        pairs["source_dataset"], pairs["parameter"], pairs["units"], pairs["row_count"], strict=True
    ):
        parameter_raw, units_raw = _text(parameter_raw), _text(units_raw)
        rows.append({
            "source_dataset": dataset,
            "parameter_raw": parameter_raw,
            "units_raw": units_raw,
            "row_count": int(row_count),
            **map_pair(parameter_raw, units_raw, nal_units),
        })
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in TEXT_COLUMNS:
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    # explicit types: a column that is NULL in every row would otherwise arrive as INTEGER
    types = {column: "varchar" for column in TEXT_COLUMNS}
    types.update(row_count="bigint", to_mg_l="double", is_nal_parameter="boolean", is_nal_usable="boolean")
    return session.from_df(out).project(
        ", ".join(f"cast({column} as {types[column]}) as {column}" for column in COLUMNS)
    )
