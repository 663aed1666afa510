"""Monitoring results: SMARTS industrial and construction samples, and eSMR effluent results.

One row per sample x parameter, grouped into storm events (REPORT_ID) at the application's
monitoring locations. Values are log-normal around typical concentrations, scaled by each
facility's ``dirtiness`` so that some facilities exceed the permit's action levels year after
year. These are the largest files: rows are produced and written one at a time.

Industrial results exercise the numeric action level (NAL) rules: every NAL parameter of the
permit's Table 2 under many spellings, look-alikes that must never count (dissolved metals,
un-ionized ammonia, nitrate alone), results in ug/L, µg/L and ppb, run-on and non-storm water
discharge samples, samples from reporting years 2013-2014 (before the programme), and a few
designed applications whose NAL and ERA outcome is known (``truth/nal_designed_cases.csv``). What
was written per NAL parameter, counting or not, goes to ``truth/nal_results_by_parameter.csv``;
the eSMR calculated averages written per year to ``truth/esmr_calculated_averages_<year>.csv``.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ingest.sample import vocab
from ingest.sample.facilities import Application, EsmrFacility, offset
from ingest.sample.facility_files import FIRST_NAMES, LAST_NAMES
from ingest.sample.geography import REGION_NAMES
from ingest.sample.writer import QuirkWriter


def measure(
    rng: random.Random, canonical: str, dirtiness: float
) -> tuple[str, str, float | None, str, float | None, float | None]:
    """(published parameter name, qualifier, result, units, MDL, RL) for one analysis."""
    p = vocab.PARAMETERS[canonical]
    name = rng.choice(p.variants)
    if p.base_unit == "SU":
        value = rng.gauss(7.3, 0.45)
        if rng.random() < 0.02 * dirtiness:
            value = rng.choice((rng.uniform(4.0, 5.9), rng.uniform(9.1, 11.0)))
        return name, "=", round(value, 2), rng.choice(vocab.UNIT_VARIANTS["SU"]), None, None
    value = p.median * dirtiness * rng.lognormvariate(0, p.sigma)
    rl = float(f"{p.median * 0.05:.2g}")
    mdl = float(f"{rl * 0.4:.2g}")
    factor, unit_key = 1.0, p.base_unit
    if p.micro_share and rng.random() < p.micro_share:
        factor, unit_key = 1000.0, "ug/L"
    units = rng.choice(vocab.UNIT_VARIANTS.get(unit_key, (unit_key,)))
    if value < rl:
        r = rng.random()
        if r < 0.7:
            return name, "ND", None, units, mdl * factor, rl * factor
        if r < 0.85:
            return name, "DNQ", round(value * factor, 4), units, mdl * factor, rl * factor
        return name, "<", rl * factor, units, mdl * factor, rl * factor
    qualifier = ">" if rng.random() < 0.002 else "="
    return name, qualifier, float(f"{value * factor:.4g}"), units, mdl * factor, rl * factor


def _result_row(rng: random.Random, canonical: str, dirtiness: float, method: str | None) -> dict[str, object]:
    name, qual, result, units, mdl, rl = measure(rng, canonical, dirtiness)
    return {"PARAMETER": name, "RESULT_QUALIFIER": qual, "RESULT": result, "UNITS": units,
            "ANALYTICAL_METHOD": method, "MDL": mdl, "RL": rl}


# --- Numeric action levels: spellings, look-alikes, units -------------------------------------

METALS = ("Aluminum", "Iron", "Lead", "Zinc", "Copper", "Cadmium", "Nickel", "Silver", "Arsenic",
          "Mercury", "Selenium", "Magnesium", "Antimony")


def _metal_spellings(metal: str) -> tuple[str, ...]:
    return (f"{metal} Total", f"{metal}, Total", f"Total {metal}", f"{metal} Total Recoverable",
            f"{metal}, Total Recoverable", metal, f"{metal}, Total (EPA 200.8)", f"{metal.upper()},TOTAL")


NAL_SPELLINGS: dict[str, tuple[str, ...]] = {
    "pH": ("pH", "pH, Field", "Field pH", "PH (SU)", "pH (Lab)"),
    "Total Suspended Solids (TSS)": (
        "Total Suspended Solids (TSS)", "Total Suspended Solids", "Suspended Solids, Total", "TSS",
        "Solids, Total Suspended", "TSS (SM 2540 D)"),
    "Oil and Grease": ("Oil and Grease", "Oil & Grease", "O&G", "Oil and Grease (HEM)", "HEM",
                       "Oil and Grease, Total Recoverable", "n-Hexane Extractable Material (EPA 1664A)"),
    "Chemical Oxygen Demand (COD)": ("Chemical Oxygen Demand (COD)", "Chemical Oxygen Demand", "COD",
                                     "Oxygen Demand, Chemical (COD)"),
    "Biochemical Oxygen Demand (BOD)": (
        "Biochemical Oxygen Demand (BOD) (5-day @ 20 Deg. C)", "BOD", "BOD5", "BOD, 5-day, 20 Deg. C",
        "Biochemical Oxygen Demand (BOD)", "Biological Oxygen Demand", "BOD (5 day, 20C)"),
    "Cyanide Total": ("Cyanide Total (as CN)", "Cyanide, Total", "Total Cyanide", "Cyanide (CN)"),
    "Nitrate plus Nitrite (as N)": (
        "Nitrate plus Nitrite (as N)", "Nitrite Plus Nitrate (as N)", "Nitrate + Nitrite as N", "N+N",
        "NO3+NO2-N", "Nitrate/Nitrite (as N)", "Nitrate-Nitrite Nitrogen", "Nitrogen, Nitrate + Nitrite"),
    "Ammonia (as N)": (
        "Ammonia (as N)", "Ammonia Total (as N)", "Ammonia, Total (as N)", "Ammonia as N", "Ammonia-Nitrogen",
        "NH3-N", "Nitrogen, Ammonia (as N)", "Ammonia", "Ammonia (SM 4500-NH3 D)"),
    "Phosphorus Total (as P)": ("Phosphorus Total (as P)", "Total Phosphorus", "Phosphorus, Total",
                                "Phosphorus as P", "Phosphorus, Total (as P)"),
    **{f"{m} Total": _metal_spellings(m) for m in METALS},
}
"""Every NAL parameter of Table 2 under the spellings SMARTS and eSMR publish."""

NAL_MEDIANS: dict[str, float] = {
    "Cadmium Total": 0.001, "Nickel Total": 0.01, "Silver Total": 0.002, "Arsenic Total": 0.005,
    "Mercury Total": 0.0002, "Selenium Total": 0.001, "Magnesium Total": 0.03, "Antimony Total": 0.01,
    "Cyanide Total": 0.005, "Phosphorus Total (as P)": 0.4,
}
"""Typical values (mg/L) of the NAL parameters the base vocabulary does not hold."""

LOOK_ALIKES = (
    "Zinc, Dissolved", "Dissolved Zinc", "Copper, Dissolved (EPA 200.8)", "Arsenic (III), Dissolved",
    "Arsenic (III)", "Mercury, Methyl", "Ammonia, Un-ionized", "Un-ionized Ammonia (as N)", "Ammonia as NH3",
    "Nitrate Total (as N)", "Nitrate (as N)", "Nitrate-Nitrogen", "Nitrite (as N)", "Total Kjeldahl Nitrogen",
    "TKN", "Nitrogen, Total", "Total Nitrogen (as N)", "Organic Nitrogen", "Volatile Suspended Solids",
    "Total Dissolved Solids", "Settleable Solids", "Orthophosphate (as P)", "Phosphate",
    "Phosphorus, Dissolved", "Cyanide, Free", "Cyanide, Weak Acid Dissociable", "Chromium (VI)",
    "Zinc, Total, Dissolved",
)
"""Names that look like a NAL parameter and must never count toward one."""

MICRO_UNITS = ("ug/L", "ug/L", "µg/L", "μg/L", "ug/l", "ppb", "PPB")
MILLI_UNITS = ("mg/L", "mg/L", "mg/L", "mg/l", "MG/L", "ppm")
UNUSABLE_UNITS = ("mg/kg", "NTU")
RUN_ON_TYPES = ("Run-on", "Run-On", "Run On", "RUN-ON")
NON_STORM_EVENTS = ("Non-Storm Water Discharge", "Non-Stormwater Discharge", "Non Storm Water Discharge")


@dataclass
class NalTally:
    """Industrial NAL results written, per NAL parameter and what should happen to them."""

    rows: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, parameter: str, outcome: str) -> None:
        self.rows[(parameter, outcome)] += 1


OUTCOMES = ("counting", "run-on", "non-storm water discharge", "unusable unit")


def _nal_row(
    rng: random.Random, parameter: str, dirtiness: float, method: str | None
) -> tuple[dict[str, object], bool]:
    """One result of a NAL parameter under a random published spelling and unit; True when the
    unit is usable (a concentration, or a pH unit)."""
    if parameter in vocab.PARAMETERS:
        row = _result_row(rng, parameter, dirtiness, method)
    else:
        median = NAL_MEDIANS[parameter]
        value = median * dirtiness * rng.lognormvariate(0, 0.9)
        rl = float(f"{median * 0.05:.2g}")
        row = {"PARAMETER": parameter, "RESULT_QUALIFIER": "=", "RESULT": float(f"{value:.4g}"),
               "UNITS": "mg/L", "ANALYTICAL_METHOD": method, "MDL": rl * 0.4, "RL": rl}
        if value < rl:
            row.update(RESULT_QUALIFIER="ND", RESULT=None)
    if rng.random() < 0.5:
        row["PARAMETER"] = rng.choice(NAL_SPELLINGS[parameter])
    if parameter == "pH":
        return row, True
    if row["UNITS"] in ("ug/L", "µg/L", "ug/l") or rng.random() < 0.05:
        factor = 1.0 if row["UNITS"] in ("ug/L", "µg/L", "ug/l") else 1000.0
        row["UNITS"] = rng.choice(MICRO_UNITS)
        for key in ("RESULT", "MDL", "RL"):
            if row[key] is not None:
                row[key] = float(f"{row[key] * factor:.4g}")
    elif rng.random() < 0.2:
        row["UNITS"] = rng.choice(MILLI_UNITS)
    if rng.random() < 0.004:
        row["UNITS"] = rng.choice(UNUSABLE_UNITS)
        return row, False
    return row, True


def _look_alike_row(rng: random.Random, dirtiness: float) -> tuple[str, dict[str, object]]:
    name = rng.choice(LOOK_ALIKES)
    value = float(f"{rng.lognormvariate(0, 1.2) * dirtiness * 5:.4g}")  # high: must still never count
    return name, {"PARAMETER": name, "RESULT_QUALIFIER": "=", "RESULT": value, "UNITS": rng.choice(MILLI_UNITS),
                  "ANALYTICAL_METHOD": None, "MDL": None, "RL": None}


def write_nal_truth(truth: Path, tally: NalTally, look_alikes: Counter[str]) -> None:
    """``nal_results_by_parameter.csv``: per NAL parameter, the results written that count and
    those that must be excluded, by reason (exact duplicates the writer adds are not counted:
    staging removes them); ``nal_look_alike_rows.csv``: look-alike results written, none counts."""
    with (truth / "nal_results_by_parameter.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["parameter", "counting_rows", "run_on_rows", "non_storm_water_rows", "unusable_unit_rows"])
        for parameter in NAL_SPELLINGS:
            out.writerow([parameter, *(tally.rows[(parameter, o)] for o in OUTCOMES)])
    with (truth / "nal_look_alike_rows.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["parameter_published", "rows"])
        for name, n in sorted(look_alikes.items()):
            out.writerow([name, n])


def _storm_days(rng: random.Random, start: date, end: date, per_year: float) -> Iterator[date]:
    """Storm days between ``start`` and ``end``: mostly October to April."""
    year = start.year - 1
    while date(year, 7, 1) <= end:
        season = [date(year, 10, 1) + timedelta(days=rng.randint(0, 211)) for _ in range(rng.randint(
            max(0, int(per_year) - 2), int(per_year) + 1))]
        if rng.random() < 0.15:  # a dry-season non-storm water discharge, near the year's edges
            season.append(date(year + 1, 6, 20) + timedelta(days=rng.randint(0, 20)))
        for d in sorted(set(season)):
            if start <= d <= end:
                yield d
        year += 1


def reporting_year(d: date) -> int:
    return d.year if d.month >= 7 else d.year - 1


Location = tuple[str, str, str, float | None, float | None]
_SPOTS = ("gate", "loading dock", "drain inlet", "northwest corner")


def _locations(rng: random.Random, a: Application, max_n: int) -> list[Location]:
    n = rng.choices(range(1, max_n + 1), weights=[0.15, 0.3, 0.35, 0.2][:max_n])[0]
    out = []
    for i in range(n):
        name = rng.choice((f"Discharge Point {i + 1}", f"DP-{i + 1}", f"Outfall {'ABCD'[i]}"))
        lat, lon = offset(a.lat, a.lon, rng.uniform(10, 250), rng)
        if rng.random() < 0.1:
            lat = lon = None
        out.append((name, rng.choice(vocab.LOCATION_TYPES), f"{name} near {rng.choice(_SPOTS)}", lat, lon))
    return out


# --- Designed NAL / ERA cases ------------------------------------------------------------------

@dataclass(frozen=True)
class DesignedCase:
    """One application x parameter whose results are written so the outcome is known.

    ``years`` maps a reporting year to its QSE values (mg/L), one result per QSE; ``units`` is
    the published unit (values are scaled into it); the ERA levels follow the shared rules.
    """

    name: str
    parameter: str
    spelling: str
    units: str
    years: dict[int, tuple[float, ...]]
    needs_start_before: date
    terminated: bool = False


_Z_HI, _Z_LO = 0.6, 0.05  # zinc: above / well below the annual NAL 0.26
DESIGNED_CASES = (
    # exceedances in 2013-14 only: before the programme, the series starts at Baseline in 2015
    DesignedCase("before_programme", "Zinc Total", "Zinc, Total", "mg/L",
                 {2013: (_Z_HI,) * 4, 2014: (_Z_HI,) * 4, 2015: (_Z_LO,) * 4, 2016: (_Z_LO,) * 4},
                 date(2013, 7, 1)),
    # exceed in 2015 -> Level 1 in 2016; exceed again -> Level 2 in 2017; Level 2 stays
    DesignedCase("level_1_then_level_2", "Zinc Total", "Total Zinc", "ug/L",
                 {2015: (_Z_HI,) * 4, 2016: (_Z_HI,) * 4, 2017: (_Z_LO,) * 4, 2018: (_Z_LO,) * 4},
                 date(2015, 7, 1)),
    # exceed in 2016 -> Level 1 in 2017; 4 clean QSEs in 2017 -> Baseline in 2018
    DesignedCase("level_1_back_to_baseline", "Zinc Total", "ZINC TOTAL RECOVERABLE", "ppb",
                 {2015: (_Z_LO,) * 4, 2016: (_Z_HI,) * 4, 2017: (_Z_LO,) * 4, 2018: (_Z_LO,) * 4},
                 date(2015, 7, 1)),
    # Level 1 in 2016; 2 clean QSEs in 2016 and 2 in 2017: the 4 are counted across years
    DesignedCase("clean_qses_across_years", "Zinc Total", "Zinc", "mg/L",
                 {2015: (_Z_HI,) * 4, 2016: (_Z_LO,) * 2, 2017: (_Z_LO,) * 2, 2018: (_Z_LO,) * 4},
                 date(2015, 7, 1)),
    # two results above the instantaneous maximum (400), annual average below 100 -> Level 1
    DesignedCase("instantaneous_only", "Total Suspended Solids (TSS)", "TSS", "mg/L",
                 {2015: (410.0, 420.0) + (5.0,) * 8, 2016: (5.0,) * 4, 2017: (5.0,) * 4},
                 date(2015, 7, 1)),
    # a terminated application: the series ends with the reporting year coverage ended
    DesignedCase("terminated", "Zinc Total", "Zinc, Total", "mg/L", {}, date(2015, 7, 1), terminated=True),
)


def era_levels(years: dict[int, tuple[float, ...]], annual_nal: float, inst_nal: float | None,
               first: int = 2015) -> dict[int, tuple[bool, bool, str | None]]:
    """Per reporting year: (annual exceedance, instantaneous exceedance, ERA level) by the shared
    rules (IGP Section XII as the project reads it); years before ``first`` have no level."""
    out: dict[int, tuple[bool, bool, str | None]] = {}
    level, clean_qses = "Baseline", 0
    for year in sorted(years):
        values = years[year]
        annual = sum(values) / len(values) > annual_nal
        inst = inst_nal is not None and sum(v > inst_nal for v in values) >= 2
        if year < first:
            out[year] = (annual, inst, None)
            continue
        out[year] = (annual, inst, level)
        exceeded = annual or inst
        if level == "Level 1":
            for v in values:  # consecutive QSEs with no result above the NAL, since Level 1 began
                clean_qses = 0 if v > annual_nal or (inst_nal is not None and v > inst_nal) else clean_qses + 1
        if level == "Baseline" and exceeded:
            level, clean_qses = "Level 1", 0
        elif level == "Level 1" and exceeded:
            level = "Level 2"
        elif level == "Level 1" and clean_qses >= 4:
            level = "Baseline"
    return out


_NALS = {"Zinc Total": (0.26, None), "Total Suspended Solids (TSS)": (100.0, 400.0)}
_UNIT_FACTOR = {"mg/L": 1.0, "ug/L": 1000.0, "ppb": 1000.0}


def _qse_days(year: int, n: int) -> list[date]:
    """``n`` storm days in reporting year ``year``, spread over both halves."""
    first = date(year, 10, 15)
    step = max(1, 200 // max(n, 1))
    return [first + timedelta(days=i * step) for i in range(n)]


def _pick_designed(apps: list[Application], as_of: date) -> list[tuple[DesignedCase, Application, dict]]:
    picked: list[tuple[DesignedCase, Application, dict]] = []
    used: set[str] = set()
    for case in DESIGNED_CASES:
        for a in sorted(apps, key=lambda x: (x.wdid, x.app_id)):
            lo, hi = a.covered(as_of)
            if a.wdid in used or lo > case.needs_start_before or a.permit_type != "Industrial":
                continue
            years = dict(case.years)
            if case.terminated:
                end_year = reporting_year(hi)
                if a.status != "Terminated" or not 2017 <= end_year <= reporting_year(as_of) - 1 \
                        or hi < date(end_year, 10, 20):
                    continue
                years = {y: (_Z_LO,) * 4 for y in range(2015, end_year - 1)}
                years[end_year - 1] = (_Z_HI,) * 4
                years[end_year] = (_Z_LO,)
            elif hi < date(max(years) + 1, 6, 30) or a.status != "Active":
                continue
            used.add(a.wdid)
            picked.append((case, a, years))
            break
    return picked


def write_designed(w: QuirkWriter, apps: list[Application], as_of: date, truth: Path | None,
                   tally: NalTally) -> set[str]:
    """Write the designed cases; return the WDIDs used (the random loop leaves them alone)."""
    rows = []
    report_id, sample_id = 4_000_000, 19_000_000
    for case, a, years in _pick_designed(apps, as_of):
        annual_nal, inst_nal = _NALS[case.parameter]
        factor = _UNIT_FACTOR[case.units]
        for year, values in sorted(years.items()):
            for day, value in zip(_qse_days(year, len(values)), values, strict=True):
                report_id += 1
                sample_id += 1
                w.write({
                    "PERMIT_TYPE": a.permit_type, "WDID": a.wdid, "APP_ID": a.app_id,
                    "REPORTING_YEAR": reporting_year(day), "REPORT_ID": str(report_id), "EVENT_TYPE": "QSE",
                    "MONITORING_LOCATION_NAME": "Discharge Point 1", "MONITORING_LOCATION_TYPE": "Discharge Point",
                    "MONITOR_LOCATION_DESCRIPTION": "Discharge Point 1 near gate",
                    "MONITORING_LATITUDE": a.lat, "MONITORING_LONGITUDE": a.lon,
                    "SAMPLE_ID": str(sample_id), "SAMPLE_DATE": day.isoformat(), "SAMPLE_TIME": "09:00",
                    "DISCHARGE_START_DATE": day.isoformat(), "DISCHARGE_START_TIME": "08:00",
                    "DISCHARGE_END_DATE": day.isoformat(), "DISCHARGE_END_TIME": "12:00",
                    "CERTIFIER_NAME": "Designed Case", "CERTIFIED_DATE": day.isoformat(),
                    "PARAMETER": case.spelling, "RESULT_QUALIFIER": "=",
                    "RESULT": float(f"{value * factor:.6g}"), "UNITS": case.units,
                    "ANALYTICAL_METHOD": None, "MDL": None, "RL": None,
                })
                tally.add(case.parameter, "counting")
        for year, (annual, inst, level) in era_levels(years, annual_nal, inst_nal).items():
            rows.append([a.wdid, a.app_id, case.parameter, year, annual, inst, level or "", case.name])
    if truth is not None:
        with (truth / "nal_designed_cases.csv").open("w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh, lineterminator="\n")
            out.writerow(["wdid", "app_id", "parameter", "reporting_year_start", "is_annual_exceedance",
                          "is_instantaneous_exceedance", "era_level", "case"])
            out.writerows(rows)
    return {r[0] for r in rows}


def write_industrial(w: QuirkWriter, apps: list[Application], rng: random.Random, target: int,
                     as_of: date, truth: Path | None = None) -> None:
    """Industrial results from July 2013 on (two reporting years before the programme), the
    designed cases first; ``truth``, when given, receives the NAL truth files."""
    monitored = [a for a in apps if a.permit_type == "Industrial" and a.status in ("Active", "Terminated")]
    tally, look_alikes = NalTally(), Counter[str]()
    designed = write_designed(w, monitored, as_of, truth, tally)
    monitored = [a for a in monitored if a.wdid not in designed]
    rng.shuffle(monitored)
    _write_random_industrial(w, monitored, rng, target, as_of, tally, look_alikes)
    if truth is not None:
        write_nal_truth(truth, tally, look_alikes)


def _extra_nals(rng: random.Random) -> list[str]:
    """NAL parameters some permits add (Table 2's rarer ones), 0-2 per application."""
    rare = [p for p in NAL_SPELLINGS if p in NAL_MEDIANS]
    return rng.sample(rare, rng.choices((0, 1, 2), weights=(0.6, 0.3, 0.1))[0])


def _write_random_industrial(w: QuirkWriter, monitored: list[Application], rng: random.Random, target: int,
                             as_of: date, tally: NalTally, look_alikes: Counter[str]) -> None:
    report_id, sample_id = 5_000_000, 20_000_000
    first = date(2013, 7, 1)
    for a in monitored:
        if w.counts.rows >= target:
            return
        params = list(vocab.INDUSTRIAL_BASE_PARAMETERS) + list(vocab.INDUSTRIAL_EXTRA_BY_SIC.get(a.sic, ()))
        params += [p for p in _extra_nals(rng) if p not in params]
        locations = [(n, rng.choice(RUN_ON_TYPES) if t == "Run-on" else t, d, la, lo)
                     for n, t, d, la, lo in _locations(rng, a, 4)]
        certifier = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        lo, hi = a.covered(as_of)
        for day in _storm_days(rng, max(lo, first), hi, 6):
            report_id += rng.randint(1, 5)
            event = rng.choice(NON_STORM_EVENTS) if day.month in (6, 7) else \
                rng.choices(("QSE", "Non-QSE"), weights=(0.9, 0.1))[0]
            certified = min(day + timedelta(days=rng.randint(3, 60)), as_of)
            for loc_name, loc_type, loc_desc, llat, llon in locations:
                sample_id += rng.randint(1, 3)
                llat, llon = w.coordinates(llat, llon)
                hour = rng.randint(6, 17)
                base = {
                    "PERMIT_TYPE": a.permit_type, "WDID": a.wdid, "APP_ID": a.app_id,
                    "REPORTING_YEAR": reporting_year(day), "REPORT_ID": str(report_id),
                    "EVENT_TYPE": event, "MONITORING_LOCATION_NAME": loc_name,
                    "MONITORING_LOCATION_TYPE": loc_type, "MONITOR_LOCATION_DESCRIPTION": loc_desc,
                    "MONITORING_LATITUDE": llat, "MONITORING_LONGITUDE": llon,
                    "SAMPLE_ID": str(sample_id), "SAMPLE_DATE": day,
                    "SAMPLE_TIME": f"{hour:02d}:{rng.randint(0, 59):02d}",
                    "DISCHARGE_START_DATE": day, "DISCHARGE_START_TIME": f"{max(hour - 1, 0):02d}:00",
                    "DISCHARGE_END_DATE": day, "DISCHARGE_END_TIME": f"{min(hour + 3, 23):02d}:00",
                    "CERTIFIER_NAME": certifier, "CERTIFIED_DATE": w.date(certified),
                }
                outcome = "run-on" if loc_type in RUN_ON_TYPES else \
                    "non-storm water discharge" if event in NON_STORM_EVENTS else "counting"
                rows = []
                for c in params:
                    if c in NAL_SPELLINGS:
                        row, usable = _nal_row(rng, c, a.dirtiness, vocab.ANALYTICAL_METHODS.get(c))
                        tally.add(c, outcome if outcome != "counting" or usable else "unusable unit")
                    else:
                        row = _result_row(rng, c, a.dirtiness, vocab.ANALYTICAL_METHODS.get(c))
                    rows.append(row)
                if rng.random() < 0.15:
                    name, row = _look_alike_row(rng, a.dirtiness)
                    look_alikes[name] += 1
                    rows.append(row)
                w.write_group(base, rows)


def write_construction(w: QuirkWriter, apps: list[Application], rng: random.Random, target: int,
                       as_of: date) -> None:
    monitored = [a for a in apps if a.risk_level >= 2 and a.status in ("Active", "Terminated")]
    rng.shuffle(monitored)
    report_id, sample_id = 7_000_000, 40_000_000
    for a in monitored:
        if w.counts.rows >= target:
            return
        locations = _locations(rng, a, 3)
        qsp = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        lo, hi = a.covered(as_of)
        for day in _storm_days(rng, lo, hi, 9):
            report_id += rng.randint(1, 5)
            days = rng.choices((1, 2, 3), weights=(0.5, 0.35, 0.15))[0]
            rain = round(rng.lognormvariate(-0.3, 0.8), 2)
            for k in range(days):
                sday = day + timedelta(days=k)
                for loc_name, loc_type, loc_desc, llat, llon in locations:
                    sample_id += rng.randint(1, 3)
                    llat, llon = w.coordinates(llat, llon)
                    base = {
                        "PERMIT_TYPE": a.permit_type, "WDID": a.wdid, "APP_ID": a.app_id,
                        "REPORT_YEAR": reporting_year(sday), "REPORT_ID": str(report_id),
                        "EVENT_TYPE": rng.choices(("Storm Event", "Non-Storm Water Discharge"),
                                                  weights=(0.92, 0.08))[0],
                        "EVENT_START_DATE": day, "EVENT_END_DATE": day + timedelta(days=days - 1),
                        "RAINFALL_AMOUNT": rain, "BUSINESS_DAYS": float(days),
                        "MONITORING_LOCATION_NAME": loc_name, "MONITORING_LOCATION_TYPE": loc_type,
                        "MONITOR_LOCATION_DESCRIPTION": loc_desc,
                        "MONITORING_LATITUDE": llat, "MONITORING_LONGITUDE": llon,
                        "SAMPLE_ID": str(sample_id), "SAMPLE_DATE": sday,
                        "SAMPLE_TIME": f"{rng.randint(6, 17):02d}:{rng.randint(0, 59):02d}",
                        "PERCENT_OF_TOTAL_DISCHARGE": None, "QSP": qsp,
                        "ANALYZED_BY": qsp, "CERTIFIER_NAME": qsp,
                        "CERTIFIED_DATE": w.date(min(sday + timedelta(days=rng.randint(1, 30)), as_of)),
                    }
                    w.write_group(base, [_result_row(rng, c, a.dirtiness, "Field Meter")
                                         for c in vocab.CONSTRUCTION_PARAMETERS])


_ESMR_PARAMS_BY_LOCATION = {
    "Effluent Monitoring": vocab.ESMR_PARAMETERS,
    "Influent Monitoring": ("Flow", "Biochemical Oxygen Demand (BOD)", "Total Suspended Solids (TSS)"),
    "Receiving Water Monitoring": ("pH", "Temperature", "Ammonia (as N)", "Specific Conductance"),
}
_COMMENTS = ("", "", "", "", "Sample re-analyzed, result confirmed", "Composite, 24-hr",
             "Lab QC failed, resampled", "Flow meter out of service, estimated")


def esmr_region(rng: random.Random, code: str) -> str:
    return f"Region {code} - {REGION_NAMES[code]}" if rng.random() < 0.6 else f"Region {code}"


def write_esmr_year(w: QuirkWriter, facilities: list[EsmrFacility], rng: random.Random, year: int,
                    target: int, as_of: date, truth: Path | None = None) -> None:
    """One sampling year's results for every reporting facility, about ``target`` rows; the
    calculated averages written (rows per location type, parameter and method) go to
    ``truth/esmr_calculated_averages_<year>.csv`` when ``truth`` is given."""
    calculated: Counter[tuple[str, str, str]] = Counter()
    plans: list[tuple[EsmrFacility, tuple[str, str, str, float, float], str]] = [
        (f, loc, p)
        for f in facilities
        for loc in f.locations
        for p in _ESMR_PARAMS_BY_LOCATION[loc[2]][: 3 + int(f.place_id) % 6]
    ]
    per_plan = max(1, round(target / max(len(plans), 1)))
    last_day = min(date(year, 12, 31), as_of)
    doc_id = 3_000_000 + year * 1000
    for f, (code, lpid, ltype, llat, llon), param in plans:
        if int(f.place_id) % 23 == year % 23:  # a facility that did not report this year
            continue
        region = esmr_region(rng, f.county.region)
        for _ in range(per_plan):
            lat, lon = w.coordinates(llat, llon)
            day = date(year, 1, 1) + timedelta(days=rng.randint(0, (last_day - date(year, 1, 1)).days))
            name, qual, result, units, mdl, rl = measure(rng, param, 1.0)
            if qual == "DNQ" and rng.random() < 0.2:
                qual = "<"
            doc_id += 1
            method = rng.choices(("Single", "Daily Average", "Monthly Average"), weights=(0.85, 0.1, 0.05))[0]
            if method != "Single":
                calculated[(ltype, param, method)] += 1
            w.write({
                "region": region, "location": code, "location_place_id": lpid,
                "location_place_type": ltype, "parameter": name,
                "analytical_method_code": "DU" if param in ("Flow", "Temperature") else "E" + str(200 + len(name)),
                "analytical_method": vocab.ANALYTICAL_METHODS.get(param, "Data Unavailable [DU]"),
                "calculated_method": method,
                "qualifier": qual, "result": result, "units": units, "mdl": mdl,
                "ml": None, "rl": rl, "sampling_date": day,
                "sampling_time": f"{rng.randint(6, 16):02d}:{rng.choice((0, 15, 30, 45)):02d}",
                "analysis_date": day + timedelta(days=rng.randint(0, 10)),
                "analysis_time": f"{rng.randint(8, 17):02d}:00",
                "review_priority_indicator": "Y" if rng.random() < 0.03 else "N",
                "qa_codes": rng.choice(vocab.ESMR_QA_CODES), "comments": rng.choice(_COMMENTS),
                "facility_name": f.name, "facility_place_id": f.place_id,
                "report_name": f"{year}-{day.month:02d} Monthly SMR",
                "latitude": lat, "longitude": lon,
                "receiving_water_body": rng.choice(vocab.RECEIVING_WATERS)
                if ltype == "Receiving Water Monitoring" else None,
                "smr_document_id": str(doc_id // 40),
                "location_desc": f"{code} sampling station, {f.city.name}",
            })
    if truth is not None:
        with (truth / f"esmr_calculated_averages_{year}.csv").open("w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh, lineterminator="\n")
            out.writerow(["sampling_year", "location_place_type", "parameter", "calculated_method", "rows"])
            for (ltype, param, method), n in sorted(calculated.items()):
                out.writerow([year, ltype, param, method, n])
