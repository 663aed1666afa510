"""Numeric action level inputs: the generator's spellings and designed ERA cases, and the pair
mapping of the dbt Python model int_parameters_mapped (NULL/NaN-safe, units by NAL)."""

from __future__ import annotations

import importlib.util
import math
from types import ModuleType

import pytest

from ingest.compliance.parameters import nal_parameters, parse_parameter
from ingest.compliance.units import parse_unit
from ingest.project import PROJECT_DIR
from ingest.sample import monitoring


def _mapped_model() -> ModuleType:
    path = PROJECT_DIR / "models" / "intermediate" / "compliance" / "int_parameters_mapped.py"
    spec = importlib.util.spec_from_file_location("int_parameters_mapped", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAPPED = _mapped_model()
NAL_UNITS = {"pH": "SU", "Zinc Total": "mg/L", "Ammonia (as N)": "mg/L"}


def test_generator_spells_every_nal_parameter() -> None:
    assert set(monitoring.NAL_SPELLINGS) == set(nal_parameters())
    for nal, spellings in monitoring.NAL_SPELLINGS.items():
        assert len(set(spellings)) >= 4, nal
        for spelling in spellings:
            assert parse_parameter(spelling).nal_parameter == nal, spelling


@pytest.mark.parametrize("name", monitoring.LOOK_ALIKES)
def test_generator_look_alikes_never_map(name: str) -> None:
    assert parse_parameter(name).nal_parameter is None


def test_generator_units() -> None:
    assert {parse_unit(u).to_mg_l for u in monitoring.MICRO_UNITS} == {1e-3}
    assert {parse_unit(u).to_mg_l for u in monitoring.MILLI_UNITS} == {1.0}
    assert all(parse_unit(u).to_mg_l is None for u in monitoring.UNUSABLE_UNITS)


def _levels(years: dict[int, tuple[float, ...]], nal: float = 0.26, inst: float | None = None) -> dict[int, str | None]:
    return {y: level for y, (_a, _i, level) in monitoring.era_levels(years, nal, inst).items()}


HI, LO = 0.6, 0.05


def test_era_exceedance_moves_to_level_1_then_level_2_and_stays() -> None:
    levels = _levels({2015: (HI,) * 4, 2016: (HI,) * 4, 2017: (LO,) * 4, 2018: (LO,) * 4})
    assert levels == {2015: "Baseline", 2016: "Level 1", 2017: "Level 2", 2018: "Level 2"}


def test_era_before_programme_never_counts() -> None:
    levels = _levels({2013: (HI,) * 4, 2014: (HI,) * 4, 2015: (LO,) * 4, 2016: (LO,) * 4})
    assert levels == {2013: None, 2014: None, 2015: "Baseline", 2016: "Baseline"}


def test_era_four_clean_qses_counted_across_years_return_to_baseline() -> None:
    levels = _levels({2015: (HI,) * 4, 2016: (LO,) * 2, 2017: (LO,) * 2, 2018: (LO,) * 4})
    assert levels == {2015: "Baseline", 2016: "Level 1", 2017: "Level 1", 2018: "Baseline"}
    # a result above the NAL restarts the count, even when the year's average stays below
    levels = _levels({2015: (HI,) * 4, 2016: (LO, LO, LO, 0.3, LO, LO, LO), 2017: (LO,) * 4})
    assert levels == {2015: "Baseline", 2016: "Level 1", 2017: "Level 1"}


def test_era_instantaneous_exceedance_needs_two_results() -> None:
    two = monitoring.era_levels({2015: (410.0, 420.0) + (5.0,) * 8, 2016: (5.0,) * 4}, 100.0, 400.0)
    assert two[2015][:2] == (False, True) and two[2016][2] == "Level 1"
    one = monitoring.era_levels({2015: (410.0,) + (5.0,) * 9, 2016: (5.0,) * 4}, 100.0, 400.0)
    assert one[2015][:2] == (False, False) and one[2016][2] == "Baseline"


@pytest.mark.parametrize("missing", [None, math.nan, float("nan"), "", "NaN", "N/A"])
def test_mapping_is_null_and_nan_safe(missing: object) -> None:
    row = MAPPED.map_pair(missing, missing, NAL_UNITS)
    assert row["nal_parameter"] is None and not row["is_nal_usable"]
    assert row["unmapped_reason"].startswith("parameter:")


@pytest.mark.parametrize(("parameter", "units", "usable", "reason"), [
    ("Zinc, Total", "ug/L", True, None),
    ("Total Zinc", "ppb", True, None),
    ("Zinc, Total", "mg/kg", False, "unit: not a water concentration"),
    ("Zinc, Total", "NTU", False, "unit: not a concentration"),
    ("Zinc, Total", None, False, "unit: empty"),
    ("pH", None, True, None),
    ("pH, Field", "s.u.", True, None),
    ("pH", "mg/L", False, "unit: not a pH unit"),
    ("Ammonia (as N)", "mg/L as N", True, None),
    ("Ammonia (as N)", "mg/L as NH3", False, "unit: unit basis NH3 differs"),
    ("Zinc, Dissolved", "mg/L", False, "parameter: fraction not regulated"),
])
def test_mapping_by_nal_unit(parameter: str, units: str | None, usable: bool, reason: str | None) -> None:
    row = MAPPED.map_pair(parameter, units, NAL_UNITS)
    assert row["is_nal_usable"] is usable
    if reason is None:
        assert row["unmapped_reason"] is None
    else:
        assert row["unmapped_reason"].startswith(reason), row
