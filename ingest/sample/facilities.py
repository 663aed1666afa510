"""Permit applications (industrial and construction) and eSMR facilities, with their links.

The facility universe is generated first, in memory (about 100 k records at statewide scale),
so every other dataset can refer to real applications and facilities.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ingest.sample import phenomena, vocab
from ingest.sample.geography import COUNTIES, City, County
from ingest.sample.names import PlantIdentity, new_company_site, new_plant, smarts_spelling


def weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def offset(lat: float, lon: float, metres: float, rng: random.Random) -> tuple[float, float]:
    """A point ``metres`` away from (lat, lon) in a random direction."""
    bearing = rng.uniform(0, 2 * math.pi)
    dlat = metres * math.cos(bearing) / 111_320
    dlon = metres * math.sin(bearing) / (111_320 * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lon + dlon, 6)


def random_day(rng: random.Random, start: date, end: date) -> date:
    span = (end - start).days
    return start + timedelta(days=rng.randint(0, max(span, 0)))


@dataclass
class Application:
    """One SMARTS permit application (WDID, APP_ID)."""

    wdid: str
    app_id: str
    kind: str  # "I" industrial or "C" construction
    permit_type: str
    county: County
    city: City
    name: str
    operator: str
    address: str
    zip_code: str
    lat: float
    lon: float
    status: str
    start: date
    end: date | None
    sic: str = ""
    dirtiness: float = 1.0
    """Multiplier on typical concentrations: a few facilities are chronic exceeders."""
    risk_level: int = 1

    @property
    def region(self) -> str:
        return self.county.region

    def covered(self, as_of: date) -> tuple[date, date]:
        return self.start, min(self.end or as_of, as_of)


@dataclass
class EsmrFacility:
    place_id: str
    name: str
    county: County
    city: City
    lat: float
    lon: float
    kind: str  # "potw" or "other"
    locations: list[tuple[str, str, str, float, float]] = field(default_factory=list)
    """(location code, location place id, location type, lat, lon)."""


@dataclass
class Universe:
    industrial: list[Application]
    construction: list[Application]
    esmr: list[EsmrFacility]
    links: list[tuple[str, str, str]]
    """Ground truth: (esmr facility_place_id, wdid, app_id)."""
    phenomena: dict[str, str] = field(default_factory=dict)
    """eSMR facility_place_id -> how its SMARTS spelling differs (phenomena.PHENOMENA)."""
    hard_negatives: list[tuple[str, str, str, str]] = field(default_factory=list)
    """Pairs that must not link: (esmr facility_place_id, wdid, app_id, kind)."""

    @property
    def applications(self) -> list[Application]:
        return self.industrial + self.construction


class _Ids:
    """Unique identifiers: APP_IDs across both programs, WDID serials per county and type."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.app_ids: set[str] = set()
        self.serials: dict[tuple[int, str], int] = {}

    def app_id(self) -> str:
        while True:
            candidate = str(self.rng.randint(100_000, 999_999))
            if candidate not in self.app_ids:
                self.app_ids.add(candidate)
                return candidate

    def wdid(self, county: County, kind: str) -> str:
        key = (county.code, kind)
        self.serials[key] = self.serials.get(key, 0) + self.rng.randint(1, 40)
        return f"{county.region} {county.code:02d}{kind}{self.serials[key]:06d}"


def _pick_place(rng: random.Random) -> tuple[County, City]:
    county = rng.choices(COUNTIES, weights=[c.weight for c in COUNTIES])[0]
    return county, rng.choice(county.cities)


def _near_city(rng: random.Random, city: City, max_km: float) -> tuple[float, float]:
    return offset(city.lat, city.lon, rng.uniform(200, max_km * 1000), rng)


def _address(rng: random.Random) -> str:
    return f"{rng.randint(100, 29999)} {rng.choice(vocab.STREET_NAMES)}"


def _zip(rng: random.Random) -> str:
    return str(rng.randint(90001, 96162))


def _company(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return f"{rng.choice(vocab.COMPANY_SURNAMES)} & Sons"
    return rng.choice(vocab.COMPANY_WORDS)


def _coverage(rng: random.Random, as_of: date, status: str) -> tuple[date, date | None]:
    start = random_day(rng, date(2012, 1, 1), as_of - timedelta(days=120))
    if status == "Terminated":
        end = random_day(rng, start + timedelta(days=300), as_of)
        return start, min(end, as_of)
    return start, None


def _industrial_app(
    rng: random.Random, ids: _Ids, as_of: date, county: County, city: City, name: str, sic: str,
    lat: float, lon: float, wdid: str | None = None, status: str | None = None,
) -> Application:
    permit_type = weighted(rng, vocab.INDUSTRIAL_PERMIT_TYPES) if sic != "4952" else "Industrial"
    status = status or weighted(rng, vocab.APP_STATUSES)
    start, end = _coverage(rng, as_of, status)
    # Most facilities sit well below the action levels; a few are chronic exceeders.
    dirty = rng.lognormvariate(-0.2, 0.45) * (4.0 if rng.random() < 0.06 else 1.0)
    return Application(
        wdid=wdid or ids.wdid(county, "I"), app_id=ids.app_id(), kind="I", permit_type=permit_type,
        county=county, city=city, name=name, operator=name, address=_address(rng),
        zip_code=_zip(rng), lat=lat, lon=lon, status=status, start=start, end=end, sic=sic,
        dirtiness=dirty,
    )


def _industrial_name(rng: random.Random, sic: str) -> str:
    industry = rng.choice(vocab.INDUSTRY_BY_SIC[sic])
    name = f"{_company(rng)} {industry}"
    if rng.random() < 0.55:
        name = f"{name} {rng.choice(vocab.LEGAL_SUFFIXES)}"
    return name


def generate_universe(rng: random.Random, counts: dict[str, int], as_of: date) -> Universe:
    ids = _Ids(rng)
    industrial: list[Application] = []
    esmr: list[EsmrFacility] = []
    links: list[tuple[str, str, str]] = []
    fac_phenomena: dict[str, str] = {}
    hard_negatives: list[tuple[str, str, str, str]] = []
    place_ids: set[str] = set()

    def place_id() -> str:
        while True:
            pid = str(rng.randint(200_000, 899_999))
            if pid not in place_ids:
                place_ids.add(pid)
                return pid

    # eSMR facilities first; a share of them also hold industrial storm water coverage.
    for _ in range(counts["esmr_facilities"]):
        county, city = _pick_place(rng)
        lat, lon = _near_city(rng, city, 6)
        if rng.random() < 0.62:
            plant: PlantIdentity = new_plant(rng, city.name, county.name)
            kind, sic, link_share = "potw", "4952", 0.42
        else:
            other, sic = rng.choice(vocab.OTHER_NPDES)
            plant = new_company_site(rng, _company(rng), city.name, other, county.name)
            kind, link_share = "other", 0.12
        esmr_name = rng.choice(plant.renderings()[:3])
        linked = rng.random() < link_share
        phenomenon = weighted(rng, phenomena.PHENOMENA) if linked and kind == "potw" else "spelling"
        if phenomenon == "initialism":
            spelt = phenomena.initialism(rng, plant)
        elif phenomenon == "agency_prefix":
            spelt = phenomena.agency_prefix(rng, plant)
        elif phenomenon == "district_named":
            spelt = phenomena.district_named(rng, plant)
        elif phenomenon == "no_coordinates":
            spelt = phenomena.no_coordinates(rng, plant, esmr_name)
        else:
            spelt = phenomena.spelling(rng, plant, esmr_name)
        fac = EsmrFacility(place_id(), spelt.esmr_name, county, city, lat, lon, kind)
        for code, ltype in vocab.ESMR_LOCATION_TYPES[: rng.randint(2, len(vocab.ESMR_LOCATION_TYPES))]:
            llat, llon = offset(lat, lon, rng.uniform(10, 300), rng)
            if phenomenon == "no_coordinates":
                fac.locations.append((code, place_id(), ltype, None, None))  # type: ignore[arg-type]
            else:
                fac.locations.append((code, place_id(), ltype, llat, llon))
        esmr.append(fac)

        def negative(app: Application, why: str, place: str = fac.place_id) -> None:
            industrial.append(app)
            hard_negatives.append((place, app.wdid, app.app_id, why))

        if linked:
            # The same site in SMARTS: another spelling, an address point near the outfalls.
            slat, slon = offset(lat, lon, rng.choice((rng.uniform(5, 90), rng.uniform(90, 900))), rng)
            app = _industrial_app(rng, ids, as_of, county, city, spelt.smarts_name, sic, slat, slon)
            app.operator = spelt.operator
            industrial.append(app)
            links.append((fac.place_id, app.wdid, app.app_id))
            fac_phenomena[fac.place_id] = phenomenon
            if rng.random() < 0.12:  # re-application: same WDID, a new APP_ID
                again = _industrial_app(rng, ids, as_of, county, city, spelt.smarts_name, sic, slat, slon,
                                        wdid=app.wdid, status="Active")
                again.operator = spelt.operator
                app.status = "Terminated"
                app.end = again.start
                industrial.append(again)
                links.append((fac.place_id, again.wdid, again.app_id))
            owner = spelt.agency or plant.owner_name
            if owner and rng.random() < 0.5:
                # Hard negative: the owner's yard or hazardous-waste drop-off near the plant.
                ylat, ylon = offset(lat, lon, rng.uniform(150, 1200), rng)
                yard = _industrial_app(rng, ids, as_of, county, city, phenomena.ancillary_site(rng, owner),
                                       "4953", ylat, ylon)
                yard.operator = spelt.agency or owner
                negative(yard, "owner_yard")
            if spelt.number and rng.random() < 0.7:
                # Hard negative: the agency's other numbered plant a few kilometres away.
                other = spelt.number % 9 + 1
                plat, plon = offset(lat, lon, rng.uniform(1500, 2800), rng)
                name = spelt.smarts_name.replace(f"{spelt.number}", f"{other}")
                second = _industrial_app(rng, ids, as_of, county, city, name, sic, plat, plon)
                second.operator = spelt.operator
                negative(second, "second_plant")
        if kind == "potw" and (not linked or phenomenon == "no_coordinates") and rng.random() < 0.3:
            # Hard negative: a plant spelled the same way, but in another county.
            other_county, other_city = _pick_place(rng)
            if other_county.name != county.name and other_city.name != city.name:
                dlat, dlon = _near_city(rng, other_city, 6)
                negative(_industrial_app(rng, ids, as_of, other_county, other_city,
                                         smarts_spelling(rng, plant, avoid=""), sic, dlat, dlon),
                         "same_name_elsewhere")
        if rng.random() < 0.15:
            # Decoy: an unrelated industrial neighbour a few hundred metres away.
            nsic = rng.choices(list(vocab.SIC_WEIGHTS), weights=list(vocab.SIC_WEIGHTS.values()))[0]
            nlat, nlon = offset(lat, lon, rng.uniform(150, 1500), rng)
            negative(_industrial_app(rng, ids, as_of, county, city,
                                     _industrial_name(rng, nsic if nsic != "4952" else "5093"),
                                     nsic if nsic != "4952" else "5093", nlat, nlon), "neighbour")

    # The rest of the industrial universe.
    sics, sic_w = list(vocab.SIC_WEIGHTS), list(vocab.SIC_WEIGHTS.values())
    while len(industrial) < counts["industrial_facilities"]:
        county, city = _pick_place(rng)
        sic = rng.choices(sics, weights=sic_w)[0]
        if sic == "4952":  # private treatment works not in eSMR: package plants, industrial WWTPs
            name = f"{_company(rng)} {city.name} Wastewater Treatment Facility"
        else:
            name = _industrial_name(rng, sic)
        lat, lon = _near_city(rng, city, 12)
        app = _industrial_app(rng, ids, as_of, county, city, name, sic, lat, lon)
        industrial.append(app)
        if rng.random() < 0.05:
            again = _industrial_app(rng, ids, as_of, county, city, name, sic, lat, lon,
                                    wdid=app.wdid, status="Active")
            app.status, app.end = "Terminated", again.start
            industrial.append(again)

    construction = [_construction_app(rng, ids, as_of) for _ in range(counts["construction_facilities"])]
    return Universe(industrial, construction, esmr, links, fac_phenomena, hard_negatives)


_PROJECT_WORDS = ("Estates", "Ranch", "Village", "Commons", "Business Park", "Plaza", "Heights",
                  "Crossing", "Tract", "Apartments", "Logistics Center", "Medical Center",
                  "Solar Farm", "Pipeline Replacement", "Road Widening", "School Modernization")


def _construction_app(rng: random.Random, ids: _Ids, as_of: date) -> Application:
    county, city = _pick_place(rng)
    status = weighted(rng, (("Active", 0.3), ("Terminated", 0.65), ("Submitted", 0.05)))
    start = random_day(rng, date(2010, 7, 1), as_of - timedelta(days=30))
    end = None
    if status == "Terminated":
        end = min(start + timedelta(days=rng.randint(120, 1400)), as_of)
    name = f"{rng.choice(vocab.COMPANY_WORDS)} {rng.choice(_PROJECT_WORDS)}"
    if rng.random() < 0.3:
        name = f"{name} Phase {rng.randint(1, 6)}"
    lat, lon = _near_city(rng, city, 15)
    return Application(
        wdid=ids.wdid(county, "C"), app_id=ids.app_id(), kind="C", permit_type="Construction",
        county=county, city=city, name=name, operator=f"{_company(rng)} Homes",
        address=_address(rng), zip_code=_zip(rng), lat=lat, lon=lon, status=status,
        start=start, end=end, risk_level=rng.choices((1, 2, 3), weights=(0.45, 0.45, 0.10))[0],
        dirtiness=rng.lognormvariate(0, 0.6),
    )
