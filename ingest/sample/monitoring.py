"""Monitoring results: SMARTS industrial and construction samples, and eSMR effluent results.

One row per sample x parameter, grouped into storm events (REPORT_ID) at the application's
monitoring locations. Values are log-normal around typical concentrations, scaled by each
facility's ``dirtiness`` so that some facilities exceed the permit's action levels year after
year. These are the largest files: rows are produced and written one at a time.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

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


def write_industrial(w: QuirkWriter, apps: list[Application], rng: random.Random, target: int,
                     as_of: date) -> None:
    monitored = [a for a in apps if a.permit_type == "Industrial" and a.status in ("Active", "Terminated")]
    rng.shuffle(monitored)
    report_id, sample_id = 5_000_000, 20_000_000
    first = date(2015, 7, 1)
    for a in monitored:
        if w.counts.rows >= target:
            return
        params = list(vocab.INDUSTRIAL_BASE_PARAMETERS) + list(vocab.INDUSTRIAL_EXTRA_BY_SIC.get(a.sic, ()))
        locations = _locations(rng, a, 4)
        certifier = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        lo, hi = a.covered(as_of)
        for day in _storm_days(rng, max(lo, first), hi, 6):
            report_id += rng.randint(1, 5)
            event = "Non-Storm Water Discharge" if day.month in (6, 7) else \
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
                w.write_group(base, [_result_row(rng, c, a.dirtiness, vocab.ANALYTICAL_METHODS.get(c))
                                     for c in params])


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
                    target: int, as_of: date) -> None:
    """One sampling year's results for every reporting facility, about ``target`` rows."""
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
            w.write({
                "region": region, "location": code, "location_place_id": lpid,
                "location_place_type": ltype, "parameter": name,
                "analytical_method_code": "DU" if param in ("Flow", "Temperature") else "E" + str(200 + len(name)),
                "analytical_method": vocab.ANALYTICAL_METHODS.get(param, "Data Unavailable [DU]"),
                "calculated_method": rng.choices(("Single", "Daily Average", "Monthly Average"),
                                                 weights=(0.85, 0.1, 0.05))[0],
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
