"""Where datasets come from: ``--source`` turned into resources and local CSV files.

A source is the real portal (``data.ca.gov``, the default), any CKAN base URL with the same
API (:class:`CkanSource`), or a directory of CSVs named ``<key>.csv`` or
``<key>_<anything>.csv`` (:class:`DirectorySource`). :func:`source_for` picks the kind once;
everything after that talks to the :class:`Source` interface.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ingest import registry
from ingest.errors import DatasetError, StormwaterError
from ingest.landing.http import DownloadFailed, HttpSettings, fetch, get_json, session, sha256_file

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
    last_modified: str | None = None
    ckan_hash: str | None = None
    """The sha256 the portal publishes for it, when it does; the landed bytes must match it."""


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


@dataclass(frozen=True)
class LocalCsv:
    """A resource made available as a CSV on this machine, or found unchanged at the source."""

    path: Path | None
    """The CSV to land; None when the source answered that nothing changed since ``previous``."""
    sha256: str | None
    bytes: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    temporary: bool = False
    """True when the file is a download the caller deletes once it is landed."""

    @property
    def not_modified(self) -> bool:
        return self.path is None


class Source(ABC):
    """One kind of ``--source``: finds a dataset's resources and makes each one a local CSV."""

    def __init__(self, spec: str) -> None:
        self.spec = spec
        """What ``--source`` said; recorded in the manifest when a dataset cannot be resolved."""

    @abstractmethod
    def resolve(self, key: str, years: YearRange) -> list[Resource]:
        """The resources of dataset ``key`` (eSMR: those of the ``years``); DatasetError if none."""

    @abstractmethod
    def open(self, res: Resource, work: Path, previous: Mapping[str, str | None] | None) -> LocalCsv:
        """``res`` as a local CSV. ``work`` is scratch space for downloads; ``previous`` is the
        manifest row of its last landing (for conditional requests), if any."""


class DirectorySource(Source):
    """A directory of CSVs named ``<key>.csv`` or ``<key>_<anything>.csv``; files are read in place."""

    def __init__(self, spec: str) -> None:
        super().__init__(spec)
        self.directory = Path(spec)
        if not self.directory.is_dir():
            raise StormwaterError(f"--source {self.directory}: not a directory, a CKAN URL or {PORTAL}")

    def resolve(self, key: str, years: YearRange) -> list[Resource]:
        files = sorted(p for p in self.directory.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
        matches = [p for p in files if p.stem == key or p.stem.startswith(f"{key}_")]
        if not matches:
            raise DatasetError(key, f"no {key}.csv or {key}_*.csv in {self.directory}")
        ds = registry.get(key)
        if not ds.yearly and len(matches) > 1:
            names = ", ".join(p.name for p in matches)
            raise DatasetError(key, f"several files in {self.directory} could be this dataset: {names}")
        resources = []
        for p in matches:
            year = registry.year_in(p.stem[len(key):]) if ds.yearly else None
            name = f"{key}_{year}" if year else (key if not ds.yearly else p.stem)
            resources.append(Resource(key, p.name, name, str(p.resolve())))
        return resources

    def open(self, res: Resource, work: Path, previous: Mapping[str, str | None] | None) -> LocalCsv:
        path = Path(res.location)
        sha256, size = sha256_file(path)
        return LocalCsv(path, sha256, size)


class CkanSource(Source):
    """A CKAN portal: ``package_show`` finds resources by their published ids (eSMR years also by
    name); each is downloaded with a conditional request."""

    def __init__(self, spec: str, settings: HttpSettings) -> None:
        super().__init__(spec)
        self.base = PORTAL_URL if spec == PORTAL else spec.rstrip("/")
        self.settings = settings
        self.http = session(settings)

    def resolve(self, key: str, years: YearRange) -> list[Resource]:
        ds = registry.get(key)
        url = f"{self.base}/api/3/action/package_show?id={ds.ckan_dataset}"
        try:
            body = get_json(self.http, url, self.settings)
        except DownloadFailed as exc:
            raise DatasetError(key, str(exc)) from exc
        if not isinstance(body, dict) or not body.get("success") or "result" not in body:
            raise DatasetError(key, f"CKAN package_show for {ds.ckan_dataset} did not succeed")
        return _pick(ds, list(body["result"].get("resources", [])), years)

    def open(self, res: Resource, work: Path, previous: Mapping[str, str | None] | None) -> LocalCsv:
        path = work / f"{res.name}.csv"
        dl = fetch(self.http, res.location, path, self.settings, conditional=previous, label=res.name)
        if dl.not_modified:
            if not previous:
                raise DatasetError(res.dataset_key, f"{res.name}: the portal answered 304 Not Modified "
                                                    "to a request that was not conditional")
            return LocalCsv(None, previous.get("sha256"), None, previous.get("etag"), previous.get("last_modified"))
        return LocalCsv(path, dl.sha256, dl.bytes, dl.etag, dl.last_modified or res.last_modified, temporary=True)


def source_for(spec: str, settings: HttpSettings | None = None) -> Source:
    """The source ``--source`` names: the portal or an http(s) URL is CKAN, anything else a directory."""
    if spec == PORTAL or spec.startswith(("http://", "https://")):
        return CkanSource(spec, settings or HttpSettings.from_env())
    return DirectorySource(spec)


def _pick(ds: registry.Dataset, listed: list[dict], years: YearRange) -> list[Resource]:
    def make(r: dict, name: str) -> Resource:
        return Resource(ds.key, r["id"], name, r["url"], r.get("last_modified"), r.get("hash") or None)

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
