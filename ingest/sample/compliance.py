"""Inspections, violations and enforcement actions, consistent with each other.

Inspection-sourced violations carry the inspection's id (a small share point to inspections
that were never published, as in the real files); enforcement actions follow groups of
violations at the same application and count them; the violations they follow are flagged
``LINKED_ENFORCEMENT_ACTION = Y``. Statuses are decided here: only official violations (status
``Violation``) are enforced, and some notices escalate to a penalty for the same violations
later. The true enforcement-violation pairs of effective actions (not Draft, Withdrawn or
Rescinded) go to the ground truth (``truth_links``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ingest.sample import vocab
from ingest.sample.facilities import Application, random_day, weighted
from ingest.sample.facility_files import FIRST_NAMES, LAST_NAMES
from ingest.sample.writer import QuirkWriter


@dataclass
class Inspection:
    inspection_id: str
    app: Application
    day: date
    violation_count: int = 0


@dataclass
class Violation:
    violation_id: str
    app: Application
    source: str
    source_id: str | None
    vtype: str
    occurred: date
    discovered: date
    linked: bool = False
    status: str = "Violation"


@dataclass
class Enforcement:
    enforcement_id: str
    app: Application
    etype: str
    issued: date
    violations: list[Violation]
    status: str = "Historical"

    @property
    def is_effective(self) -> bool:
        return self.status.lower() not in NON_EFFECTIVE_STATUSES


# Statuses of actions that never took effect (the warehouse's shared rule, docs: status_rules).
NON_EFFECTIVE_STATUSES = frozenset({"draft", "withdrawn", "rescinded"})
# Share of notices (and informal letters) answered later by a penalty for the same violations,
# and the days between them.
ESCALATION_SHARE = 0.25
ESCALATION_DAYS = (30, 150)
_NOTICE_TYPES = frozenset({"Notice of Violation", "Staff Enforcement Letter", "Notice to Comply",
                           "Notice of Non-Compliance", "13267 Letter", "Oral Communication"})


_VIOLATION_NOTES = ("see inspection report", "corrective action required", "discharger notified",
                    "report not received by due date")


def _place(a: Application, w: QuirkWriter, rng: random.Random) -> dict[str, object]:
    """The PLACE_* columns the three compliance files repeat from the application."""
    lat, lon = w.coordinates(a.lat, a.lon)
    return {
        "PERMIT_TYPE": a.permit_type, "REGIONAL_BOARD": a.region, "PLACE_NAME": a.name,
        "PLACE_ADDRESS": a.address, "PLACE_ADDRESS_2": None, "PLACE_CITY": a.city.name,
        "PLACE_STATE": "CA", "PLACE_ZIP": a.zip_code, "PLACE_LATITUDE": lat, "PLACE_LONGITUDE": lon,
        "PLACE_COUNTY": a.county.name, "PLACE_TOTAL_SIZE": None, "PLACE_TOTAL_SIZE_UNIT": None,
        "RECEIVING_WATER_NAME": rng.choice(vocab.RECEIVING_WATERS) if rng.random() < 0.3 else None,
        "INDIRECTLY": rng.random() < 0.7, "DIRECTLY": rng.random() < 0.3,
    }


class _Serial:
    def __init__(self, start: int) -> None:
        self.n = start

    def __call__(self, rng: random.Random) -> str:
        self.n += rng.randint(1, 9)
        return str(self.n)


def plan(
    rng: random.Random, apps: list[Application], counts: dict[str, int], as_of: date
) -> tuple[list[Inspection], list[Violation], list[Enforcement]]:
    """Decide every inspection, violation and enforcement action and how they relate."""
    insp_serial, viol_serial, enf_serial = _Serial(1_000_000), _Serial(800_000), _Serial(400_000)
    # Industrial applications are inspected more often per site than construction sites.
    weights = [3.0 if a.kind == "I" else 0.5 for a in apps]

    inspections: list[Inspection] = []
    for a in rng.choices(apps, weights=weights, k=counts["inspections"]):
        lo, hi = a.covered(as_of)
        inspections.append(Inspection(insp_serial(rng), a, random_day(rng, lo, hi)))
    inspections.sort(key=lambda i: i.day)

    violations: list[Violation] = []
    target = counts["violations"]
    n_from_insp = int(target * 0.4)
    for insp in rng.sample(inspections, k=min(len(inspections), int(n_from_insp / 1.4))):
        for _ in range(rng.choices((1, 2, 3), weights=(0.7, 0.2, 0.1))[0]):
            occurred = insp.day - timedelta(days=rng.choice((0, 0, 0, rng.randint(1, 60))))
            violations.append(Violation(viol_serial(rng), insp.app, "Inspection", insp.inspection_id,
                                        weighted(rng, vocab.VIOLATION_TYPES), occurred, insp.day))
            insp.violation_count += 1
    # A few violations cite inspections that were never published: references to nowhere.
    for v in rng.sample(violations, k=max(1, len(violations) // 60)):
        v.source_id = str(9_000_000 + rng.randint(0, 999_999))
    while len(violations) < target:
        a = rng.choices(apps, weights=weights)[0]
        lo, hi = a.covered(as_of)
        occurred = random_day(rng, lo, hi)
        source = rng.choices(("Annual Report", "Report"), weights=(0.58, 0.42))[0]
        source_id = str(rng.randint(3_000_000, 3_999_999)) if rng.random() < 0.6 else None
        violations.append(Violation(viol_serial(rng), a, source, source_id,
                                    weighted(rng, vocab.VIOLATION_TYPES), occurred,
                                    min(occurred + timedelta(days=rng.randint(0, 200)), as_of)))

    for v in violations:
        v.status = weighted(rng, vocab.VIOLATION_STATUSES)
    # Enforcement follows groups of official violations at one application.
    by_app: dict[str, list[Violation]] = {}
    for v in violations:
        if v.status == "Violation":
            by_app.setdefault(v.app.app_id, []).append(v)
    enforcement: list[Enforcement] = []
    for vs in by_app.values():
        vs.sort(key=lambda v: v.occurred)
        group: list[Violation] = []
        for v in [*vs, None]:
            if v is not None and (not group or (v.occurred - group[0].occurred).days <= 90):
                group.append(v)
                continue
            if group and rng.random() < 0.55:
                last = max(g.occurred for g in group)
                issued = min(last + timedelta(days=rng.choice((0, rng.randint(5, 45), rng.randint(30, 180)))), as_of)
                etype = weighted(rng, vocab.ENFORCEMENT_TYPES)
                enforcement.append(Enforcement(enf_serial(rng), group[0].app, etype, issued, list(group)))
                for g in group:
                    g.linked = True
                if etype in _NOTICE_TYPES and rng.random() < ESCALATION_SHARE:
                    # the notice did not work: a penalty for the same violations follows
                    penalty_day = min(issued + timedelta(days=rng.randint(*ESCALATION_DAYS)), as_of)
                    penalty_type = rng.choice(sorted(vocab.PENALTY_TYPES))
                    enforcement.append(Enforcement(enf_serial(rng), group[0].app, penalty_type, penalty_day,
                                                   list(group)))
            group = [v] if v is not None else []
    # Actions without violation records (non-filers, late fees, letters).
    while len(enforcement) < counts["enforcement_actions"]:
        a = rng.choices(apps, weights=weights)[0]
        lo, hi = a.covered(as_of)
        etype = rng.choice(("Notice of Non-Compliance", "Staff Enforcement Letter", "13267 Letter",
                            "Notice of Violation", "Expedited Payment Letter"))
        enforcement.append(Enforcement(enf_serial(rng), a, etype, random_day(rng, lo, hi), []))
    for e in enforcement:
        e.status = weighted(rng, vocab.ENFORCEMENT_STATUSES)
    enforcement.sort(key=lambda e: e.issued)
    return inspections, violations, enforcement


def truth_links(enforcement: list[Enforcement]) -> list[tuple[str, str]]:
    """Every true (enforcement_id, violation_id) pair: a notice and the penalty that followed it
    are both listed; actions that never took effect answer nothing."""
    return [(e.enforcement_id, v.violation_id) for e in enforcement if e.is_effective for v in e.violations]


def write_inspections(w: QuirkWriter, inspections: list[Inspection], rng: random.Random) -> None:
    for i in inspections:
        start_h = rng.randint(7, 14)
        inspector_type = weighted(rng, vocab.INSPECTOR_TYPES)
        row: dict[str, object] = {
            "WDID": i.app.wdid, "APP_ID": i.app.app_id, "INSPECTION_ID": i.inspection_id,
            "INSPECTION_CLASSIFICATION": weighted(rng, vocab.INSPECTION_CLASSIFICATIONS),
            "INSPECTION_START_TIME": f"{start_h:02d}:{rng.choice((0, 15, 30, 45)):02d}",
            "INSPECTION_END_TIME": f"{start_h + rng.randint(1, 3):02d}:{rng.choice((0, 15, 30, 45)):02d}",
            "INSPECTION_STATUS": rng.choice(("Completed", "Completed", "Completed", "In Progress")),
            "INSPECTION_PURPOSE": weighted(rng, vocab.INSPECTION_PURPOSES), "INSPECTION_DATE": i.day,
            "INSPECTION_CONTACT": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "INSPECTOR_TYPE": inspector_type,
            "INSPECTOR_NAME": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "AGENCY_NAME": "County Stormwater Program" if inspector_type == "Third Party" else None,
            "AGENCY_INSPECTOR_NAME": None,
            "FOLLOW_UP_ACTION": "Yes" if i.violation_count else weighted(rng, vocab.FOLLOW_UP),
            "GENERAL_NOTES": rng.choice((
                "BMPs in place, good housekeeping observed",
                "Observed uncovered scrap piles, tracking at driveway, no secondary containment",
                "SWPPP on site, map outdated; sampling records reviewed",
                "Site stabilized; inlet protection missing at two drains",
                None,
            )),
            "VIRTUAL_INSPECTION": rng.random() < 0.05,
            "COUNT_OF_VIOLATIONS": float(i.violation_count),
            "FINAL_INSP_RPT_UPLOAD_DATE": w.date(i.day + timedelta(days=rng.randint(1, 40)))
            if rng.random() < 0.7 else None,
        }
        row.update(_place(i.app, w, rng))
        w.write(row)


def write_violations(w: QuirkWriter, violations: list[Violation], rng: random.Random) -> None:
    for v in violations:
        flag: object = v.linked
        r = rng.random()
        if r < 0.02:
            flag = not v.linked  # the published flag is not always right
        elif r < 0.05:
            flag = "NA"
        row: dict[str, object] = {
            "WDID": v.app.wdid, "APP_ID": v.app.app_id, "VIOLATION_ID": v.violation_id,
            "VIOLATION_SOURCE": v.source, "VIOLATION_SOURCE_ID": v.source_id,
            "VIOLATION_TYPE": v.vtype, "SERIOUS_VIOLATION": rng.random() < 0.12,
            "VIOLATION_PRIORITY": weighted(rng, vocab.VIOLATION_PRIORITIES),
            "OCCURRENCE_DATE": v.occurred, "DISCOVERY_DATE": v.discovered,
            "DETERMINED_BY": weighted(rng, vocab.DETERMINED_BY),
            "EXEMPT_FROM_MMP": rng.random() < 0.9 if rng.random() > 0.1 else "NA",
            "MEMO": None,
            "DESCRIPTION": f"{v.vtype}: {rng.choice(_VIOLATION_NOTES)}",
            "VIOLATION_STATUS": v.status,
            "LINKED_ENFORCEMENT_ACTION": flag,
        }
        row.update(_place(v.app, w, rng))
        w.write(row)


def write_enforcement(w: QuirkWriter, actions: list[Enforcement], rng: random.Random, as_of: date) -> None:
    for e in actions:
        status = e.status
        due = e.issued + timedelta(days=rng.choice((30, 30, 60, 90))) if rng.random() < 0.75 else None
        money: dict[str, object] = {}
        if e.etype in vocab.PENALTY_TYPES:
            total = round(rng.lognormvariate(9.5, 1.1), -2) if e.etype != "Expedited Payment Letter" \
                else float(rng.choice((1500, 3000, 4500, 6000)))
            received = total if status == "Historical" else round(total * rng.choice((0, 0, 0.5, 1)), 2)
            money = {
                "INITIAL_ASSESSMENT": total, "TOTAL_ASSESSMENT": total, "RECEIVED_AMOUNT": received,
                "BALANCE_DUE": round(total - received, 2),
                "STAFF_COSTS": round(rng.uniform(500, 20000), 2),
                "ECONOMIC_BENEFITS": round(rng.uniform(0, total / 3), 2),
                "TOTAL_MAX_LIABILITY": round(total * rng.uniform(3, 20), -2),
                "RECEIVED_DATE": min(e.issued + timedelta(days=rng.randint(10, 120)), as_of)
                if received else None,
                "EPL_ISSUANCE_DATE": e.issued if e.etype == "Expedited Payment Letter" else None,
                "ACL_COMPLAINT_ISSUANCE_DATE": e.issued if e.etype == "Admin Civil Liability" else None,
                "ADOPTION_DATE": e.issued + timedelta(days=rng.randint(30, 200))
                if e.etype == "Admin Civil Liability" else None,
            }
        count: object = float(len(e.violations))
        if rng.random() < 0.15:
            count = None
        row: dict[str, object] = {
            "WDID": e.app.wdid, "APP_ID": e.app.app_id, "ENFORCEMENT_ID": e.enforcement_id,
            "ENFORCEMENT_TYPE": e.etype, "ENFORCEMENT_STATUS": status, "ISSUANCE_DATE": e.issued,
            "DUE_DATE": due,
            "DESCRIPTION": f"{e.etype} issued for {len(e.violations) or 'no'} violation(s), permit {e.app.permit_type}",
            "CORRECTIVE_ACTION": rng.choice(("Update SWPPP", "Implement BMPs, submit photos",
                                             "Submit annual report", None)),
            "ORDER_NUMBER": rng.choice(vocab.ORDER_NUMBERS),
            "COMPLIANCE_DATE": min(e.issued + timedelta(days=rng.randint(20, 200)), as_of)
            if status == "Historical" else None,
            "WAIVER_RECEIVED_DATE": None, "SPENT_AMOUNT": None,
            "COUNT_OF_VIOLATIONS": count,
            **money,
        }
        row.update(_place(e.app, w, rng))
        w.write(row)
