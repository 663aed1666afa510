"""Hard cases of facility matching, with their truth: how real registries name the same plant
differently (initialisms, agency prefixes, district names, missing coordinates) and the
near-misses that must not be linked (an owner's yard, a second plant, the same name elsewhere).

Each function returns the eSMR name and the SMARTS spelling (facility name and operator) of a
linked plant; hard negatives are added by ``generate_universe``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ingest.sample.names import PlantIdentity, smarts_spelling, typo
from ingest.sample.vocab import PLANT_TYPES

# Phenomena of linked plants, with their shares among linked treatment plants.
PHENOMENA: tuple[tuple[str, float], ...] = (
    ("spelling", 0.52),
    ("initialism", 0.1),
    ("agency_prefix", 0.1),
    ("district_named", 0.12),
    ("no_coordinates", 0.16),
)
_AGENCY_FORMS = ("Valley Water District", "Municipal Utilities Agency", "Regional Sanitation Authority",
                 "Wastewater Authority", "Water Reclamation District", "Public Utilities Agency")
_SITE_WORDS = ("Harbor", "Canyon", "Mesa", "Ranch", "Creek", "Bayside", "Oak Grove", "Riverside", "Airport",
               "Hill", "Pioneer", "Lakeview")
_NEGATIVE_KINDS = ("Corporation Yard", "Household Hazardous Waste Facility", "Maintenance Yard")


@dataclass(frozen=True)
class Spelling:
    esmr_name: str
    smarts_name: str
    operator: str
    agency: str = ""
    """The owning agency, for the agency's other sites (hard negatives)."""
    acronym: str = ""
    number: int = 0


def initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[0].isalpha()
                   and w.lower() not in {"of", "and", "the", "city"}).upper()


def initialism(rng: random.Random, plant: PlantIdentity) -> Spelling:
    """One side writes the plant out, the other its initials: "South Bay Water Reclamation
    Plant" and "SBWRP"."""
    q = f"{plant.qualifier} " if plant.qualifier else ""
    full = f"{plant.place} {q}{plant.plant_long}"
    short = initials(full)
    esmr, smarts = (full, short) if rng.random() < 0.5 else (short, full)
    return Spelling(esmr, smarts, smarts)


def agency(rng: random.Random, place: str) -> tuple[str, str]:
    name = f"{place} {rng.choice(_AGENCY_FORMS)}"
    return name, initials(name)


def agency_prefix(rng: random.Random, plant: PlantIdentity) -> Spelling:
    """An agency's acronym prefixed to a numbered plant on one side only: "IEUA Regional Plant
    No. 4" and "Regional Plant No. 4"."""
    name, acronym = agency(rng, plant.place)
    number = rng.randint(1, 9)
    base = f"{rng.choice(('Regional', plant.place, rng.choice(_SITE_WORDS)))} Plant No. {number}"
    prefixed = f"{acronym} {base}"
    esmr, smarts = (prefixed, base) if rng.random() < 0.5 else (base, prefixed)
    if rng.random() < 0.3:
        smarts = smarts.replace("No. ", rng.choice(("#", "No ", "Number ")))
    return Spelling(esmr, smarts, name, agency=name, acronym=acronym, number=number)


def district_named(rng: random.Random, plant: PlantIdentity) -> Spelling:
    """eSMR names the discharger (the district); SMARTS names the plant and gives the district
    as operator."""
    name, acronym = agency(rng, plant.place)
    long_, abbr = rng.choice(PLANT_TYPES)
    facility = f"{rng.choice(_SITE_WORDS)} {rng.choice((long_, abbr))}"
    operator = name.upper() if rng.random() < 0.2 else name
    return Spelling(name, facility, operator, agency=name, acronym=acronym)


def no_coordinates(rng: random.Random, plant: PlantIdentity, esmr_name: str) -> Spelling:
    """Identical or nearly identical names; the eSMR facility publishes no coordinates."""
    smarts = esmr_name if rng.random() < 0.5 else typo(rng, esmr_name)
    if rng.random() < 0.2:
        smarts = smarts.upper()
    return Spelling(esmr_name, smarts, smarts)


def spelling(rng: random.Random, plant: PlantIdentity, esmr_name: str) -> Spelling:
    smarts = smarts_spelling(rng, plant, avoid=esmr_name)
    return Spelling(esmr_name, smarts, smarts)


def ancillary_site(rng: random.Random, owner: str) -> str:
    """The owner's yard or household-hazardous-waste drop-off near the plant."""
    return f"{owner} {rng.choice(_NEGATIVE_KINDS)}"
