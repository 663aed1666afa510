"""``stormwater sample``: realistic CSVs for all eight datasets, plus their ground truth.

Files: ``<key>.csv`` for the seven SMARTS datasets and ``esmr_<year>.csv`` for eSMR, with the
exact official headers; ``truth/`` holds what the warehouse should find (facility links,
enforcement-violation pairs, counts of injected quirks). The facility universe is planned in
memory; the large monitoring files stream to disk in two worker processes.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from ingest import registry
from ingest.sample import compliance, facility_files, monitoring
from ingest.sample.facilities import Universe, generate_universe
from ingest.sample.messy import Messer, MessyLog
from ingest.sample.writer import QuirkCounts, QuirkRates, QuirkWriter

FIRST_ESMR_YEAR = 2020

# Statewide sizes (scale 1.0), from ../shared/reference/ckan_resources.csv where published.
_STATEWIDE = {
    "industrial_facilities": 15_000,
    "construction_facilities": 78_000,
    "industrial_monitoring": 5_500_000,
    "construction_monitoring": 2_800_000,
    "inspections": 45_000,
    "violations": 31_000,
    "enforcement_actions": 29_000,
    "esmr_facilities": 1_600,
    "esmr_rows_per_year": 60_000,
}
# Floors keep small samples varied enough to exercise every rule.
_FLOOR = {
    "industrial_facilities": 300,
    "construction_facilities": 400,
    "industrial_monitoring": 30_000,
    "construction_monitoring": 15_000,
    "inspections": 400,
    "violations": 300,
    "enforcement_actions": 250,
    "esmr_facilities": 120,
    "esmr_rows_per_year": 2_500,
}


def counts_for(scale: float) -> dict[str, int]:
    if scale <= 0:
        raise ValueError("--scale must be positive")
    return {k: max(_FLOOR[k], round(v * scale)) for k, v in _STATEWIDE.items()}


@dataclass(frozen=True)
class Job:
    """One output file (or group of small files), written in a worker process."""

    key: str
    seed: int
    out: Path
    as_of: date
    counts: dict[str, int]
    year: int = 0
    messy: float = 0.0


def _rng(seed: int, label: str) -> random.Random:
    return random.Random(f"{seed}:{label}")


def _write(job: Job, universe: Universe, plan: tuple) -> tuple[str, QuirkCounts, MessyLog | None]:
    rng = _rng(job.seed, f"{job.key}:{job.year}")
    ds = registry.get(job.key)
    inspections, violations, enforcement = plan
    writers: dict[str, Callable[[QuirkWriter], None]] = {
        "industrial_facilities": lambda w: facility_files.write_industrial(w, universe.industrial, rng),
        "construction_facilities": lambda w: facility_files.write_construction(w, universe.construction, rng),
        "inspections": lambda w: compliance.write_inspections(w, inspections, rng),
        "violations": lambda w: compliance.write_violations(w, violations, rng),
        "enforcement_actions": lambda w: compliance.write_enforcement(w, enforcement, rng, job.as_of),
        "industrial_monitoring": lambda w: monitoring.write_industrial(  # H9: NAL truth files
            w, universe.industrial, rng, job.counts["industrial_monitoring"], job.as_of, job.out / "truth"),
        "construction_monitoring": lambda w: monitoring.write_construction(
            w, universe.construction, rng, job.counts["construction_monitoring"], job.as_of),
        "esmr": lambda w: monitoring.write_esmr_year(  # H9: calculated-average truth
            w, universe.esmr, rng, job.year, job.counts["esmr_rows_per_year"], job.as_of, job.out / "truth"),
    }
    name = f"esmr_{job.year}.csv" if job.key == "esmr" else f"{job.key}.csv"
    rates = QuirkRates(duplicate=0.002 if "monitoring" in job.key or job.key == "esmr" else 0.001,
                       # Facility files are small: enough broken locations to show in any sample.
                       bad_coordinate=0.012 if job.key.endswith("_facilities") else 0.004)
    messer = Messer(job.messy, _rng(job.seed, f"messy:{job.key}:{job.year}")) if job.messy else None
    with QuirkWriter(job.out / name, ds, rng, rates=rates, bom=job.key == "esmr", messer=messer) as w:
        writers[job.key](w)
    return job.key, w.counts, messer.log if messer else None


def generate(out: Path, scale: float = 0.01, seed: int = 42, as_of: date | None = None,
             workers: int = 2, messy: float = 0.0) -> dict[str, object]:
    """Write the sample into ``out`` and return the summary also written to ``truth/summary.json``.

    ``messy`` > 0 replaces that fraction of every column's values with messy ones
    (ingest/sample/messy.py) and writes what was injected to ``truth/messy.json`` and
    ``truth/messy_values.csv``."""
    if not 0 <= messy <= 1:
        raise ValueError(f"--messy must be a fraction between 0 and 1, not {messy}")
    as_of = as_of or date.today()
    counts = counts_for(scale)
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)

    universe = generate_universe(_rng(seed, "universe"), counts, as_of)
    plan = compliance.plan(_rng(seed, "compliance"), universe.applications, counts, as_of)

    jobs = [Job(k, seed, out, as_of, counts, messy=messy) for k in registry.DATASET_KEYS if k != registry.ESMR_KEY]
    jobs += [Job("esmr", seed, out, as_of, counts, year=y, messy=messy)
             for y in range(FIRST_ESMR_YEAR, as_of.year + 1)]
    # Largest first, so the two big monitoring files run side by side.
    jobs.sort(key=lambda j: -counts.get(j.key, 0))
    totals: dict[str, QuirkCounts] = {}
    messes: dict[str, MessyLog] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        for key, c, log in pool.map(_write, jobs, [universe] * len(jobs), [plan] * len(jobs)):
            totals.setdefault(key, QuirkCounts()).add(c)
            if log is not None:
                mine = messes.setdefault(key, MessyLog())
                mine.counts.update(log.counts)
                mine.invalid.extend(log.invalid)
    if messy:
        _write_messy_truth(out / "truth", messy, messes)

    _write_truth(out / "truth", universe, plan)
    inspections, violations, _ = plan
    known = {i.inspection_id for i in inspections}
    summary: dict[str, object] = {
        "seed": seed, "scale": scale, "as_of": as_of.isoformat(),
        "datasets": {k: totals[k].as_dict() for k in registry.DATASET_KEYS},
        "facility_links": len(universe.links),
        "esmr_facilities": len(universe.esmr),
        "inspection_violations_pointing_nowhere": sum(
            1 for v in violations if v.source == "Inspection" and v.source_id not in known),
    }
    (out / "truth" / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def _write_messy_truth(truth: Path, fraction: float, messes: dict[str, MessyLog]) -> None:
    injected = {key: {f"{ctype}:{kind}": n for (ctype, kind), n in sorted(log.counts.items())}
                for key, log in sorted(messes.items())}
    (truth / "messy.json").write_text(json.dumps({"fraction": fraction, "injected": injected}, indent=2) + "\n")
    with (truth / "messy_values.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("dataset_key", "column_name", "raw_value", "only_messy_cell_of_row"))
        for key, log in sorted(messes.items()):
            w.writerows((key, column, raw, "Y" if alone else "N") for column, raw, alone in log.invalid)


def _write_truth(truth: Path, universe: Universe, plan: tuple) -> None:
    _, _, enforcement = plan
    with (truth / "facility_links.csv").open("w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("esmr_facility_place_id", "wdid", "app_id", "phenomenon"))
        w.writerows(sorted((*link, universe.phenomena.get(link[0], "spelling")) for link in universe.links))
    with (truth / "facility_hard_negatives.csv").open("w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("esmr_facility_place_id", "wdid", "app_id", "kind"))
        w.writerows(sorted(universe.hard_negatives))
    with (truth / "enforcement_violation_links.csv").open("w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("enforcement_id", "violation_id"))
        w.writerows(compliance.truth_links(enforcement))
