"""Rows of the two facility-information files, one per application."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ingest.sample.facilities import Application
from ingest.sample.writer import QuirkWriter

FIRST_NAMES = ("Maria", "James", "Linh", "Robert", "Ana", "David", "Priya", "Jose", "Susan",
               "Michael", "Wei", "Carlos", "Jennifer", "Daniel", "Fatima", "Kevin", "Laura")
LAST_NAMES = ("Garcia", "Nguyen", "Smith", "Johnson", "Martinez", "Lee", "Patel", "Hernandez",
              "Kim", "Lopez", "Chen", "Anderson", "Ramirez", "Wong", "Miller", "Davis")
TITLES = ("Environmental Manager", "Plant Manager", "Owner", "EHS Coordinator",
          "Operations Manager", "Project Manager", "Superintendent")


def person(rng: random.Random) -> tuple[str, str, str, str]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    phone = f"({rng.randint(209, 951)}) {rng.randint(200, 999)}-{rng.randint(0, 9999):04d}"
    email = f"{first[0].lower()}{last.lower()}@example.com"
    return first, last, phone, email


def _flag(rng: random.Random, p_yes: float) -> bool | str | None:
    r = rng.random()
    if r < 0.04:
        return "NA"
    return r < p_yes


def _size(rng: random.Random) -> tuple[float, str]:
    if rng.random() < 0.8:
        return round(rng.lognormvariate(1.5, 1.0), 2), "Acres"
    return float(rng.randint(2000, 400000)), "SqFt"


def write_industrial(w: QuirkWriter, apps: list[Application], rng: random.Random) -> None:
    for a in apps:
        first, last, phone, email = person(rng)
        lat, lon = w.coordinates(a.lat, a.lon) if rng.random() > 0.02 else (None, None)
        size, unit = _size(rng)
        certified = a.start - timedelta(days=rng.randint(1, 30))
        w.write({
            "PERMIT_TYPE": a.permit_type, "APP_ID": a.app_id, "WDID": a.wdid, "STATUS": a.status,
            "NOI_PROCESSED_DATE": a.start, "NOT_EFFECTIVE_DATE": a.end,
            "REGION_BOARD": a.region, "COUNTY": a.county.name, "OPERATOR_NAME": a.operator,
            "FACILITY_NAME": a.name, "FACILITY_ADDRESS": a.address,
            "FACILITY_ADDRESS_2": f"Suite {rng.randint(1, 300)}" if rng.random() < 0.05 else None,
            "FACILITY_CITY": a.city.name, "FACILITY_STATE": "CA", "FACILITY_ZIP": a.zip_code,
            "FACILITY_LATITUDE": lat, "FACILITY_LONGITUDE": lon,
            "FACILITY_COUNTY": a.county.name, "FACILITY_CONTACT_FIRST_NAME": first,
            "FACILITY_CONTACT_LAST_NAME": last, "FACILITY_TITLE": rng.choice(TITLES),
            "FACILITY_PHONE": phone, "FACILITY_EMAIL": email,
            "FACILITY_TOTAL_SIZE": size, "FACILITY_TOTAL_SIZE_UNIT": unit,
            "FACILITY_AREA_ACTIVITY": round(size * rng.uniform(0.2, 1.0), 2),
            "FACILITY_AREA_ACTIVITY_UNIT": unit,
            "PERCENT_OF_SITE_IMPERVIOUSNESS": float(rng.randint(20, 100)),
            "PRIMARY_SIC": a.sic, "SECONDARY_SIC": "4225" if rng.random() < 0.1 else None,
            "TERTIARY_SIC": None, "RECEIVING_WATER_NAME": None,
            "INDIRECTLY": _flag(rng, 0.7), "DIRECTLY": _flag(rng, 0.3),
            "CERTIFIER_BY": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "CERTIFIER_TITLE": rng.choice(TITLES), "CERTIFICATION_DATE": certified,
            "QUESTION_TMDL_ANSWER": _flag(rng, 0.3),
        })


def write_construction(w: QuirkWriter, apps: list[Application], rng: random.Random) -> None:
    for a in apps:
        dev = person(rng)
        site = person(rng)
        lat, lon = w.coordinates(a.lat, a.lon) if rng.random() > 0.03 else (None, None)
        acres = round(rng.lognormvariate(1.6, 1.1), 2)
        disturbed = round(acres * rng.uniform(0.3, 1.0), 2)
        linear = rng.random() < 0.12
        r, k, ls = round(rng.uniform(10, 300), 1), round(rng.uniform(0.1, 0.5), 2), round(rng.uniform(0.2, 8), 2)
        # Planned dates may lie ahead, but not beyond what the warehouse accepts (a year).
        horizon = date.today() + timedelta(days=300)
        grading = min(a.start + timedelta(days=rng.randint(30, 400)), horizon)
        w.write({
            "PERMIT_TYPE": a.permit_type, "APP_ID": a.app_id, "WDID": a.wdid, "STATUS": a.status,
            "NOI_PROCESSED_DATE": a.start, "NOT_EFFECTIVE_DATE": a.end, "REGION": a.region,
            "COUNTY": a.county.name, "OWNER_NAME": a.operator, "DEVELOPER_NAME": a.operator,
            "DEVELOPER_ADDRESS": f"{rng.randint(100, 9999)} Corporate Dr", "DEVELOPER_ADDRESS_2": None,
            "DEVELOPER_CITY": a.city.name, "DEVELOPER_STATE": "CA", "DEVELOPER_ZIP": a.zip_code,
            "DEVELOPER_CONTACT_FIRST_NAME": dev[0], "DEVELOPER_CONTACT_LAST_NAME": dev[1],
            "DEVELOPER_TITLE": rng.choice(TITLES), "DEVELOPER_PHONE": dev[2], "DEVELOPER_EMAIL": dev[3],
            "SITE_NAME": a.name, "SITE_ADDRESS": a.address, "SITE_ADDRESS_2": None,
            "SITE_CITY": a.city.name, "SITE_STATE": "CA", "SITE_ZIP": a.zip_code,
            "SITE_LATITUDE": lat, "SITE_LONGITUDE": lon, "SITE_COUNTY": a.county.name,
            "SITE_CONTACT_FIRST_NAME": site[0], "SITE_CONTACT_LAST_NAME": site[1],
            "SITE_TITLE": rng.choice(TITLES), "SITE_PHONE": site[2], "SITE_EMAIL": site[3],
            "SITE_TOTAL_SIZE": acres, "SITE_TOTAL_SIZE_UNIT": "Acres",
            "SITE_TOTAL_DISTURBED_ACREAGE": disturbed, "TOTAL_DISTURBED_ACREAGE_UNIT": "Acres",
            "PERCENT_TOTAL_DISTURBED": round(100 * disturbed / acres, 1),
            "IMPERVIOUSNESS_BEFORE": float(rng.randint(0, 30)),
            "IMPERVIOUSNESS_AFTER": float(rng.randint(20, 90)),
            "TRACT_NUMBERS": f"TR {rng.randint(10000, 99999)}" if rng.random() < 0.4 else None,
            "MILE_POST_MARKER": f"PM {rng.uniform(0, 120):.1f}" if linear else None,
            "PART_OF_A_LARGER_COMMON_PLAN": _flag(rng, 0.35),
            "NAME_OF_PLAN_OR_DEVELOPMENT": None,
            "CONSTRUCTION_COMMENCEMENT_DATE": a.start + timedelta(days=rng.randint(0, 60)),
            "COMPLETE_GRADING_DATE": grading,
            "COMPLETE_PROJECT_DATE": min(grading + timedelta(days=rng.randint(60, 900)), horizon),
            "TYPE_OF_CONSTRUCTION": "Linear Underground/Overhead" if linear else "Traditional",
            "CONSTRUCTION_RESIDENTIAL": _flag(rng, 0.55), "CONSTRUCTION_COMMERTIAL": _flag(rng, 0.25),
            "CONSTRUCTION_INDUSTRIAL": _flag(rng, 0.08), "CONSTRUCTION_RECONSTRUCTION": _flag(rng, 0.1),
            "CONSTRUCTION_TRANSPORTATION": _flag(rng, 0.1 if not linear else 0.5),
            "TYPE_OF_CONSTRUCTION_UTILITY": _flag(rng, 0.05), "CONSTRUCTION_OTHER": _flag(rng, 0.05),
            "CONSTRUCTION_OTHER_DESRIPTION": None,
            "CONSTRUCTION_ABOVE_GROUND": _flag(rng, 0.3) if linear else None,
            "CONSTRUCTION_BELOW_GROUND": _flag(rng, 0.7) if linear else None,
            "CONSTRUCTION_GAS_LINE": _flag(rng, 0.2) if linear else None,
            "CONSTRUCTION_WATER_SEWER_LINE": _flag(rng, 0.4) if linear else None,
            "CONS_COMMUNICATION_LINE": _flag(rng, 0.2) if linear else None,
            "CONS_CABLE_LINE": _flag(rng, 0.1) if linear else None,
            "CONS_ELECTRICAL_LINE": _flag(rng, 0.2) if linear else None,
            "R_FACTOR": r, "K_FACTOR": k, "LS_FACTOR": ls,
            "WATERSHED_EROSION_ESTIMATE": round(r * k * ls, 2),
            "SITE_SEDIMENT_RISK_FACTOR": ("Low", "Medium", "High")[a.risk_level - 1],
            "RECEIVING_WATER_RISK": rng.choice(("Low", "High")),
            "PROJECT_COMBINED_RISK": f"Level {a.risk_level}",
            "RECEIVING_WATER_NAME": None, "INDIRECTLY": _flag(rng, 0.75), "DIRECTLY": _flag(rng, 0.25),
            "QSD_FIRST_NAME": site[0], "QSD_LAST_NAME": site[1],
            "QSD_CERTIFICATION_NUMBER": str(rng.randint(10000, 29999)),
            "CERTIFIER_BY": f"{dev[0]} {dev[1]}", "CERTIFIER_TITLE": rng.choice(TITLES),
            "CERTIFICATION_DATE": a.start - timedelta(days=rng.randint(1, 20)),
        })


