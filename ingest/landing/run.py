"""``stormwater ingest``: land every requested dataset as Parquet, all or nothing per dataset.

For each dataset: resolve its resources, fetch each one (conditionally) into a scratch area,
skip what is unchanged (same ETag/Last-Modified answer or same sha256), convert the rest to
Parquet, and only when every resource of the dataset succeeded swap the dataset's landing
directory for the new one. A failure leaves the previous landing untouched. Every attempt is
appended to the manifest.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from ingest import registry
from ingest.errors import DatasetError, StormwaterError
from ingest.home import Home
from ingest.landing.http import DownloadFailed, HttpSettings
from ingest.landing.manifest import Attempt, Manifest, now
from ingest.landing.parquet import csv_to_parquet
from ingest.landing.sources import Resource, Source, YearRange, source_for


@dataclass
class DatasetResult:
    key: str
    attempts: list[Attempt] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class _Staged:
    resource: Resource
    attempt: Attempt
    parquet: Path | None
    """New Parquet to move into place; None when the resource was skipped."""


@contextmanager
def _locked(home: Home) -> Iterator[None]:
    home.root.mkdir(parents=True, exist_ok=True)
    with (home.root / ".ingest.lock").open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StormwaterError(f"another ingest is running in {home.root}") from None
        yield


def ingest(home: Home, source: str, keys: list[str], years: YearRange,
           settings: HttpSettings | None = None) -> list[DatasetResult]:
    """Land ``keys`` from ``source`` (what ``--source`` said); one result per key, in order."""
    settings = settings or HttpSettings.from_env()
    src = source_for(source, settings)
    manifest = Manifest(home.manifest)
    with _locked(home):
        run_scratch = home.scratch / f"run-{os.getpid()}"
        run_scratch.mkdir(parents=True, exist_ok=True)
        try:
            return _ingest(home, src, keys, years, manifest, run_scratch, settings.progress)
        finally:
            shutil.rmtree(run_scratch, ignore_errors=True)


def _ingest(home: Home, source: Source, keys: list[str], years: YearRange, manifest: Manifest,
            scratch: Path, progress: bool) -> list[DatasetResult]:
    results: list[DatasetResult] = []
    resolved: dict[str, list[Resource]] = {}
    for key in keys:
        try:
            resolved[key] = source.resolve(key, years)
        except DatasetError as exc:
            results.append(_failed_resolution(manifest, key, source.spec, exc))
    state = manifest.last_landed()
    for key, resources in resolved.items():
        result = _land_dataset(home, registry.get(key), resources, state, source, scratch, progress)
        manifest.append(result.attempts)
        results.append(result)
    order = {k: i for i, k in enumerate(keys)}
    return sorted(results, key=lambda r: order[r.key])


def _failed_resolution(manifest: Manifest, key: str, source: str, exc: DatasetError) -> DatasetResult:
    attempt = Attempt(key, "", "", source, now()).finish("failed", exc.reason)
    manifest.append([attempt])
    return DatasetResult(key, [attempt], exc.reason)


def _land_dataset(home: Home, ds: registry.Dataset, resources: list[Resource], state: dict, source: Source,
                  scratch: Path, progress: bool = True) -> DatasetResult:
    live = home.dataset_dir(ds.key)
    work = scratch / ds.key
    work.mkdir(parents=True, exist_ok=True)
    staged: list[_Staged] = []
    failure: str | None = None
    bar = tqdm(resources, desc=f"land {ds.key}", unit="file", disable=not (progress and sys.stderr.isatty()),
               leave=False)
    for res in bar:
        attempt = Attempt(ds.key, res.resource_id, res.name, res.location, now(),
                          last_modified=res.last_modified)
        try:
            staged.append(_land_resource(ds, res, attempt, state, live, work, source))
        except (DatasetError, DownloadFailed, OSError) as exc:
            reason = exc.reason if isinstance(exc, DatasetError) else f"{res.name}: {exc}"
            attempt.finish("failed", reason)
            staged.append(_Staged(res, attempt, None))
            failure = reason
            break
    bar.close()
    attempts = [s.attempt for s in staged]
    if failure:
        for s in staged:
            if s.attempt.status == "landed":
                s.attempt.status = "failed"
                s.attempt.error = f"not landed: another resource of {ds.key} failed ({failure})"
                s.attempt.landed_path = None
        return DatasetResult(ds.key, attempts, failure)
    _commit(home, ds.key, staged)
    return DatasetResult(ds.key, attempts)


def _land_resource(ds: registry.Dataset, res: Resource, attempt: Attempt, state: dict, live: Path,
                   work: Path, source: Source) -> _Staged:
    target = live / f"{res.name}.parquet"
    previous = state.get((ds.key, res.resource_id)) if target.exists() else None
    local = source.open(res, work, previous)
    attempt.sha256, attempt.bytes, attempt.etag = local.sha256, local.bytes, local.etag
    attempt.last_modified = local.last_modified or res.last_modified
    if local.path is None:
        return _Staged(res, attempt.finish("skipped"), None)
    if res.ckan_hash and len(res.ckan_hash) == 64 and res.ckan_hash.lower() != local.sha256:
        raise DatasetError(ds.key, f"{res.name}: sha256 {(local.sha256 or '')[:12]}... does not match "
                                   f"the portal's hash {res.ckan_hash[:12]}...")
    if previous and previous.get("sha256") == attempt.sha256:
        return _Staged(res, attempt.finish("skipped"), None)
    parquet = work / f"{res.name}.parquet"
    landed = csv_to_parquet(ds, local.path, parquet, res.name, temp_dir=work)
    if local.temporary:
        local.path.unlink(missing_ok=True)
    attempt.rows_landed = landed.rows
    attempt.extra_columns = list(landed.extra_columns)
    attempt.landed_path = str(Path("landed") / ds.key / f"{res.name}.parquet")
    if landed.extra_columns:
        print(f"warning: {ds.key}: {res.name} has columns not in the data dictionary, landed as "
              f"text: {', '.join(landed.extra_columns)}", file=sys.stderr)
    return _Staged(res, attempt.finish("landed"), parquet)


def _commit(home: Home, key: str, staged: list[_Staged]) -> None:
    """Swap in the dataset's new landing directory: new files, unchanged files, nothing else."""
    live = home.dataset_dir(key)
    wanted = {f"{s.resource.name}.parquet" for s in staged}
    current = {p.name for p in live.glob("*.parquet")} if live.exists() else set()
    if all(s.parquet is None for s in staged) and current == wanted:
        return  # nothing changed: leave every file exactly as it is
    home.landed.mkdir(parents=True, exist_ok=True)
    fresh = home.landed / f".{key}.new-{os.getpid()}"
    stale = home.landed / f".{key}.old-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    for s in staged:
        name = f"{s.resource.name}.parquet"
        if s.parquet is not None:
            os.replace(s.parquet, fresh / name)
        else:
            os.link(live / name, fresh / name)
    if live.exists():
        os.rename(live, stale)
    os.rename(fresh, live)
    shutil.rmtree(stale, ignore_errors=True)


def last_good_landing(home: Home, key: str) -> str | None:
    """When ``key`` was last landed or found unchanged (what source freshness measures), or None."""
    times = [row.get("finished_at") or "" for row in Manifest(home.manifest).read()
             if row.get("dataset_key") == key and row.get("status") in ("landed", "skipped")]
    return max(times) if times else None


def has_landing(home: Home, key: str) -> bool:
    return any(home.dataset_dir(key).glob("*.parquet"))
