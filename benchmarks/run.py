"""Benchmark the whole pipeline on a generated sample and write docs/benchmarks.md.

    python -m benchmarks.run --scale 1.0 --home /tmp/bench-home --report docs/benchmarks.md

Steps, each a child process under /usr/bin/time -v, on a $STORMWATER_HOME that starts empty: sample
generation, cold ingest, cold build, validate, a warm `stormwater run` with nothing changed, a warm run after
about 1% of industrial_monitoring's RESULT values changed; then the example queries' p50/p95, the naive
pandas baseline for landing and typing, and DuckDB alone doing the baseline's work (the floor).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from benchmarks.pandas_baseline import dataset_files
from benchmarks.perturb import perturb_column
from benchmarks.report import Results, render
from benchmarks.timed import Measured, check_time_available, run_timed

REPO = Path(__file__).resolve().parents[1]
MARKER = ".stormwater-benchmark"
PERTURBED_DATASET, PERTURBED_COLUMN, PERTURBED_FRACTION = "industrial_monitoring", "RESULT", 0.01


def prepare_home(home: Path) -> None:
    """Empty ``home`` when it is a previous benchmark home; refuse any other non-empty directory."""
    if home.exists() and any(home.iterdir()):
        if not (home / MARKER).exists():
            raise SystemExit(f"benchmark: --home {home}: not empty and not made by the benchmark; "
                             "give a new or empty directory")
        shutil.rmtree(home)
    home.mkdir(parents=True, exist_ok=True)
    (home / MARKER).write_text("made by python -m benchmarks.run; emptied by the next run\n")


def count_rows(sample: Path) -> int:
    """Data lines of every CSV in the sample (records with embedded newlines count once per line)."""
    total = 0
    for path in sample.glob("*.csv"):
        with path.open("rb") as fh:
            total += sum(chunk.count(b"\n") for chunk in iter(lambda fh=fh: fh.read(1 << 20), b"")) - 1
    return total


def node_results(target: Path) -> list[tuple[dict, dict]]:
    """Each node of the last dbt command (its manifest entry) with its result (execution seconds,
    timings), from dbt's run_results.json and manifest.json under ``target``."""
    run_results, manifest = target / "run_results.json", target / "manifest.json"
    if not run_results.exists() or not manifest.exists():
        return []
    nodes = json.loads(manifest.read_text()).get("nodes", {})
    return [(nodes.get(r.get("unique_id"), {"name": r.get("unique_id")}), r)
            for r in json.loads(run_results.read_text()).get("results", [])]


def _seconds(result: dict) -> float:
    return float(result.get("execution_time") or 0.0)


def _staging_results(target: Path) -> dict[str, dict]:
    """The results of the models in schema ``staging``, by model name."""
    return {node["name"]: result for node, result in node_results(target)
            if node.get("resource_type") == "model" and node.get("schema") == "staging"}


def staging_times(target: Path) -> dict[str, float]:
    """Execution seconds per model in schema ``staging``."""
    return {name: _seconds(result) for name, result in _staging_results(target).items()}


def staging_span(target: Path) -> float | None:
    """Wall seconds from the first staging model's start to the last one's end in the last dbt
    command (``run_results.json`` timings): how long typing took, whatever ran beside it."""
    timings = [t for result in _staging_results(target).values() for t in result.get("timing", [])
               if t.get("started_at") and t.get("completed_at")]
    if not timings:
        return None
    start = min(datetime.fromisoformat(t["started_at"]) for t in timings)
    return (max(datetime.fromisoformat(t["completed_at"]) for t in timings) - start).total_seconds()


def slowest_nodes(target: Path, limit: int = 12) -> list[tuple[str, float]]:
    """The slowest dbt nodes (models, snapshots, tests) of the last build, ``schema.name`` or
    ``test name``, with execution seconds."""
    def label(node: dict) -> str:
        kind = node.get("resource_type", "?")
        return f"{node.get('schema')}.{node.get('name')}" if kind in ("model", "snapshot") else f"{kind} {node['name']}"

    return sorted(((label(node), _seconds(result)) for node, result in node_results(target)),
                  key=lambda t: -t[1])[:limit]


class Bench:
    """The run's state: where things are, how to start a step, what was measured."""

    def __init__(self, args: argparse.Namespace, results: Results) -> None:
        self.home: Path = args.home.resolve()
        self.sample = self.home / "sample"
        self.work = self.home / "benchmark"
        self.env = {**os.environ, "STORMWATER_HOME": str(self.home)}
        local = Path(sys.executable).with_name("stormwater")
        self.stormwater = str(local) if local.exists() else "stormwater"
        self.results = results

    def step(self, name: str, cmd: list[str]) -> Measured:
        print(f"{name} ...", flush=True)
        m = run_timed(name, cmd, self.env, self.work, REPO)
        print(f"{name:<38} {m.wall_s:>8.1f} s {m.peak_rss_mb:>8,.0f} MB"
              + ("" if m.ok else f"  FAILED (exit {m.exit_code}): see {m.log}"), flush=True)
        return m

    def pipeline_step(self, name: str, *cli: str) -> bool:
        m = self.step(name, [self.stormwater, *cli])
        self.results.steps.append(m)
        if not m.ok:
            self.results.failure = f"{name} failed (exit {m.exit_code}); its output is in `{m.log}`."
        return m.ok


def run_pipeline(bench: Bench, args: argparse.Namespace) -> bool:
    r = bench.results
    if args.sample:
        shutil.copytree(args.sample, bench.sample)
        r.sample_rows = count_rows(bench.sample)
        r.sample_note = f" (copied from `{args.sample}`, generation not timed)"
    else:
        if not bench.pipeline_step("sample generation", "sample", "--out", str(bench.sample),
                                   "--scale", str(args.scale), "--seed", str(args.seed)):
            return False
        r.sample_rows = count_rows(bench.sample)
    source = ("--source", str(bench.sample))
    if not bench.pipeline_step("cold ingest", "ingest", *source):
        return False
    if not bench.pipeline_step("cold build", "build"):
        return False
    r.staging_s = staging_times(bench.home / "target")
    r.staging_span_s = staging_span(bench.home / "target")
    r.slowest["cold build"] = slowest_nodes(bench.home / "target")
    for name in ("run_results.json", "manifest.json"):
        if (bench.home / "target" / name).exists():
            shutil.copy2(bench.home / "target" / name, bench.work / f"cold-build-{name}")
    if not bench.pipeline_step("validate", "validate"):
        return False
    if not bench.pipeline_step("warm run, nothing changed", "run", *source):
        return False
    files = dataset_files(bench.sample, PERTURBED_DATASET)
    if not files:
        r.failure = f"no {PERTURBED_DATASET} CSV in {bench.sample} to change"
        return False
    records, changed = perturb_column(files[0], PERTURBED_COLUMN, PERTURBED_FRACTION)
    r.perturbed = (f"`{files[0].name}` with {changed:,} of its {records:,} rows' {PERTURBED_COLUMN} values "
                   f"changed ({changed / records:.1%})")
    print(f"changed {changed:,} of {records:,} {PERTURBED_COLUMN} values in {files[0].name}", flush=True)
    ok = bench.pipeline_step("warm run, 1% of one dataset changed", "run", *source)
    r.slowest["warm run, 1% changed"] = slowest_nodes(bench.home / "target")
    return ok


def run_queries(bench: Bench, repeat: int) -> None:
    out = bench.work / "query_latency.json"
    m = bench.step("example queries", [sys.executable, "-m", "benchmarks.query_latency", "--repeat", str(repeat),
                                       "--warehouse", str(bench.home / "warehouse.duckdb"), "--json", str(out)])
    if m.ok:
        bench.results.queries = json.loads(out.read_text())
    else:
        bench.results.failure = f"the example queries failed; see `{m.log}`."


def run_baseline(bench: Bench) -> None:
    out = bench.work / "pandas_baseline.json"
    m = bench.step("pandas baseline", [sys.executable, "-m", "benchmarks.pandas_baseline", "--sample",
                                       str(bench.sample), "--out", str(bench.work / "pandas_baseline.duckdb"),
                                       "--json", str(out)])
    bench.results.baseline = m
    if m.ok:
        bench.results.baseline_rows = sum(int(d["rows"]) for d in json.loads(out.read_text()).values())
    (bench.work / "pandas_baseline.duckdb").unlink(missing_ok=True)


def run_floor(bench: Bench) -> None:
    """DuckDB alone doing the baseline's work: the bound on the ratio (benchmarks/duckdb_floor.py)."""
    out = bench.work / "duckdb_floor.duckdb"
    bench.results.floor = bench.step("DuckDB floor", [sys.executable, "-m", "benchmarks.duckdb_floor", "--sample",
                                                      str(bench.sample), "--out", str(out)])
    out.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scale", type=float, default=1.0, help="sample size; 1.0 is statewide (the targets' size)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--home", type=Path, required=True,
                   help="$STORMWATER_HOME for the run: new, empty, or a previous benchmark home (emptied first)")
    p.add_argument("--report", type=Path, default=REPO / "docs" / "benchmarks.md")
    p.add_argument("--sample", type=Path, help="copy this existing sample directory instead of generating one")
    p.add_argument("--repeat", type=int, default=20, help="runs of each example query")
    args = p.parse_args(argv)
    check_time_available()
    if args.sample and not args.sample.is_dir():
        raise SystemExit(f"benchmark: --sample {args.sample}: not a directory")
    command = "python -m benchmarks.run " + shlex.join(argv if argv is not None else sys.argv[1:])
    results = Results(command=command, scale=args.scale, seed=args.seed, repeat=args.repeat)
    prepare_home(args.home)
    bench = Bench(args, results)
    bench.work.mkdir()
    completed = run_pipeline(bench, args)
    if completed:
        run_queries(bench, args.repeat)
    if bench.sample.is_dir() and any(bench.sample.glob("*.csv")):
        run_baseline(bench)
        run_floor(bench)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(render(results))
    print(f"report: {args.report}")
    references_ok = all(m is not None and m.ok for m in (results.baseline, results.floor))
    return 0 if completed and not results.failure and references_ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.SubprocessError as exc:
        sys.exit(f"benchmark: {exc}")
