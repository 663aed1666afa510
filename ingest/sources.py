"""Turning ``--source`` into the list of resources to land.

A source is the real portal (``data.ca.gov``, the default), any CKAN base URL with the same
API, or a directory of CSVs named ``<key>.csv`` or ``<key>_<anything>.csv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import requests

from ingest import registry
from ingest.errors import DatasetError, StormwaterError
from ingest.http import DownloadFailed, HttpSettings, get_json

PORTAL = "data.ca.gov"
PORTAL_URL = "https://data.ca.gov"


@dataclass(frozen=True)
class Resource:
    """One file to land: a CKAN resource or a CSV in a directory."""

    dataset_key: str
    resource_id: str
    name: str
    """Stem of the landed Parquet file (``industrial_facilities``, ``esmr_2024``)."""
    location: str
    """Download URL, or a local path for directory sources."""
    is_local: bool
    last_modified: str | None = None
    ckan_hash: str | None = None


@dataclass(frozen=True)
class YearRange:
    first: int
    last: int | None = None

    @classmethod
    def parse(cls, spec: str) -> YearRange:
        m = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})?)?\s*", spec)
        if not m:
            raise StormwaterError(f"--esmr-years: expected YEAR or FIRST-LAST, got {spec!r}")
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else (None if "-" in spec else first)
        if last is not None and last < first:
            raise StormwaterError(f"--esmr-years: {spec!r} ends before it starts")
        return cls(first, last)

    def __contains__(self, year: int) -> bool:
        return year >= self.first and (self.last is None or year <= self.last)


def is_directory_source(source: str) -> bool:
    return not source.startswith(("http://", "https://")) and source != PORTAL


def ckan_base(source: str) -> str:
    return PORTAL_URL if source == PORTAL else source.rstrip("/")


def resolve_directory(directory: Path, keys: list[str]) -> dict[str, list[Resource]]:
    if not directory.is_dir():
        raise StormwaterError(f"--source {directory}: not a directory, a CKAN URL or {PORTAL}")
    files = sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    out: dict[str, list[Resource]] = {}
    for key in keys:
        matches = [p for p in files if p.stem == key or p.stem.startswith(f"{key}_")]
        if not matches:
            raise DatasetError(key, f"no {key}.csv or {key}_*.csv in {directory}")
        ds = registry.get(key)
        if not ds.yearly and len(matches) > 1:
            names = ", ".join(p.name for p in matches)
            raise DatasetError(key, f"several files in {directory} could be this dataset: {names}")
        resources = []
        for p in matches:
            year = registry.year_in(p.stem[len(key):]) if ds.yearly else None
            name = f"{key}_{year}" if year else (key if not ds.yearly else p.stem)
            resources.append(Resource(key, p.name, name, str(p.resolve()), True))
        out[key] = resources
    return out


def resolve_ckan(
    s: requests.Session, base: str, keys: list[str], settings: HttpSettings, years: YearRange
) -> dict[str, list[Resource]]:
    """Ask CKAN's ``package_show`` for each dataset and pick our resources by id."""
    packages: dict[str, list[dict]] = {}
    out: dict[str, list[Resource]] = {}
    for key in keys:
        ds = registry.get(key)
        if ds.ckan_dataset not in packages:
            url = f"{base}/api/3/action/package_show?id={ds.ckan_dataset}"
            try:
                body = get_json(s, url, settings)
            except DownloadFailed as exc:
                raise DatasetError(key, str(exc)) from exc
            if not isinstance(body, dict) or not body.get("success") or "result" not in body:
                raise DatasetError(key, f"CKAN package_show for {ds.ckan_dataset} did not succeed")
            packages[ds.ckan_dataset] = list(body["result"].get("resources", []))
        listed = packages[ds.ckan_dataset]
        out[key] = _pick(ds, listed, years)
    return out


def _pick(ds: registry.Dataset, listed: list[dict], years: YearRange) -> list[Resource]:
    def make(r: dict, name: str) -> Resource:
        return Resource(ds.key, r["id"], name, r["url"], False, r.get("last_modified"), r.get("hash") or None)

    if not ds.yearly:
        for r in listed:
            if r.get("id") == ds.resource_ids[0]:
                return [make(r, ds.key)]
        raise DatasetError(ds.key, f"resource {ds.resource_ids[0]} is not in CKAN dataset {ds.ckan_dataset}")
    known_years = {rid: year for year, rid in ds.year_resource_ids}
    picked: dict[int, Resource] = {}
    for r in listed:
        if str(r.get("format", "")).upper() != "CSV":
            continue  # the all-years zip and Parquet bundles
        year = known_years.get(r.get("id", "")) or registry.year_in(r.get("name", "")) \
            or registry.year_in(r.get("url", "").rsplit("/", 1)[-1])
        if year is None or year not in years:
            continue
        # A year resource we know by id wins over one recognised only by its name.
        if year not in picked or r.get("id") in known_years:
            picked[year] = make(r, f"{ds.key}_{year}")
    if not picked:
        raise DatasetError(ds.key, f"no CSV resource for years {years.first}-{years.last or ''} "
                                   f"in CKAN dataset {ds.ckan_dataset}")
    return [picked[y] for y in sorted(picked)]
