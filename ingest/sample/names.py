"""Facility names, and the many ways two registries spell the same facility.

A wastewater plant is an owner (a city, a sanitary district, a county sanitation district or
a company) plus a plant type; eSMR and SMARTS each render it their own way, and SMARTS
records add typing mistakes, capitals and legal suffixes on top.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ingest.sample.vocab import LEGAL_SUFFIXES, OWNER_FORMS, PLANT_QUALIFIERS, PLANT_TYPES


@dataclass(frozen=True)
class PlantIdentity:
    owner_kind: str  # city | sanitary | csd | county | company
    place: str
    plant_long: str
    plant_abbr: str
    qualifier: str
    county: str
    number: int
    company: str = ""

    @property
    def owner_name(self) -> str:
        """Who owns the plant, as it would name its other sites."""
        return {
            "city": f"City of {self.place}", "sanitary": f"{self.place} Sanitary District",
            "csd": f"{self.place} Community Services District",
            "county": f"{self.county} County Sanitation District No. {self.number}",
        }.get(self.owner_kind, self.company)

    def renderings(self) -> list[str]:
        """Ways a registry may write this plant's name; the first is the most formal."""
        q = f"{self.qualifier} " if self.qualifier else ""
        p, long_, abbr = self.place, self.plant_long, self.plant_abbr
        if self.owner_kind == "city":
            return [
                f"City of {p} {q}{long_}",
                f"{p} {q}{long_}",
                f"{p} {q}{abbr}",
                f"{p}, City of - {q}{long_}",
                f"City of {p} {q}{abbr}",
                f"{p} City {q}{abbr}",
                f"{p}, City of {q}{abbr}",
            ]
        if self.owner_kind == "sanitary":
            return [
                f"{p} Sanitary District {q}{long_}",
                f"{p} Sanitary District",
                f"{p} SD {q}{abbr}",
                f"{p} Sanitary Dist {q}{abbr}",
            ]
        if self.owner_kind == "csd":
            return [
                f"{p} Community Services District {q}{long_}",
                f"{p} Community Services District",
                f"{p} CSD {q}{abbr}",
                f"{p} Comm Svcs Dist {abbr}",
            ]
        if self.owner_kind == "county":
            n = self.number
            return [
                f"{self.county} County Sanitation District No. {n} {q}{long_}",
                f"County Sanitation District No. {n} of {self.county} County",
                f"{self.county} Co Sanitation Dist #{n} {abbr}",
                f"{self.county} County SD No {n} {q}{abbr}",
            ]
        company, site = self.company, self.place
        return [
            f"{company} {site} {long_}",
            f"{company} - {site} {long_}",
            f"{company} {site} {abbr}" if abbr else f"{company} {long_} {site}",
            f"{site} {long_} ({company})",
        ]


def new_plant(rng: random.Random, place: str, county: str) -> PlantIdentity:
    long_, abbr = rng.choice(PLANT_TYPES)
    return PlantIdentity(
        owner_kind=rng.choice(OWNER_FORMS),
        place=place,
        plant_long=long_,
        plant_abbr=abbr,
        qualifier=rng.choice(PLANT_QUALIFIERS),
        county=county,
        number=rng.randint(1, 30),
    )


def new_company_site(rng: random.Random, company: str, site: str, kind: str, county: str) -> PlantIdentity:
    abbr = "".join(w[0] for w in kind.split()).upper() if len(kind.split()) > 1 else ""
    return PlantIdentity("company", site, kind, abbr, "", county, 0, company=company)


def typo(rng: random.Random, name: str) -> str:
    """One keyboard slip in a word of four or more letters: a swap, a drop or a double."""
    words = name.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not idx:
        return name
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    elif kind == 1:
        w = w[:j] + w[j + 1 :]
    else:
        w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


def smarts_spelling(rng: random.Random, plant: PlantIdentity, avoid: str) -> str:
    """How a storm water permittee typed the same plant into SMARTS."""
    options = [r for r in plant.renderings() if r != avoid] or plant.renderings()
    name = rng.choice(options)
    if plant.owner_kind == "company" and rng.random() < 0.5:
        name = f"{name} {rng.choice(LEGAL_SUFFIXES)}"
    if rng.random() < 0.15:
        name = typo(rng, name)
    if rng.random() < 0.2:
        name = name.upper()
    return name
