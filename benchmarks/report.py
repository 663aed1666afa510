"""The machine a benchmark ran on, and docs/benchmarks.md written from its figures."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

from benchmarks.timed import Measured

# Issue 12's targets, on 2 cores with the statewide sample.
COLD_TOTAL_S = 180.0
PEAK_RSS_MB = 2048.0
WARM_NOTHING_S = 30.0
WARM_ONE_PERCENT_S = 90.0
QUERY_P95_MS = 100.0
BASELINE_RATIO = 5.0

COLD_STEPS = ("cold ingest", "cold build", "validate")
WALL_TARGETS = {"warm run, nothing changed": WARM_NOTHING_S, "warm run, 1% of one dataset changed": WARM_ONE_PERCENT_S}


def machine() -> dict[str, str]:
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    cpu = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {"cores": str(os.cpu_count()), "memory": memory, "CPU": cpu,
            "OS": f"{platform.system()} {platform.release()}", "Python": platform.python_version(),
            "DuckDB": version("duckdb"), "dbt-core": version("dbt-core"), "dbt-duckdb": version("dbt-duckdb"),
            "pandas": version("pandas")}


@dataclass
class Results:
    """Everything one benchmark run measured; missing parts are left empty when a step failed."""

    command: str
    scale: float
    seed: int
    repeat: int = 20
    sample_rows: int | None = None
    sample_note: str = ""
    steps: list[Measured] = field(default_factory=list)
    perturbed: str = ""
    staging_s: dict[str, float] = field(default_factory=dict)
    staging_span_s: float | None = None
    """Wall seconds from the first staging model's start to the last one's end (cold build)."""
    queries: list[dict[str, float | int | str]] = field(default_factory=list)
    baseline: Measured | None = None
    baseline_rows: int | None = None
    floor: Measured | None = None
    """DuckDB alone doing the baseline's work (benchmarks/duckdb_floor.py)."""
    slowest: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    failure: str = ""

    def step(self, name: str) -> Measured | None:
        return next((m for m in self.steps if m.step == name), None)

    def typing_s(self) -> float | None:
        """Staging's wall time in the cold build: its span, else (no timings) the sum of its models."""
        return self.staging_span_s if self.staging_span_s is not None else (
            sum(self.staging_s.values()) if self.staging_s else None)

    def landing_and_typing_s(self) -> float | None:
        ingest, typing = self.step("cold ingest"), self.typing_s()
        return ingest.wall_s + typing if ingest and typing is not None else None

    def ratio(self) -> float | None:
        ours = self.landing_and_typing_s()
        return self.baseline.wall_s / ours if ours and self.baseline and self.baseline.ok else None

    def floor_ratio(self) -> float | None:
        """pandas / DuckDB alone on the baseline's work: the highest ratio a DuckDB design reaches here."""
        ok = self.baseline and self.baseline.ok and self.floor and self.floor.ok and self.floor.wall_s > 0
        return self.baseline.wall_s / self.floor.wall_s if ok else None


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def _duration(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 120 else f"{int(seconds // 60)} min {seconds % 60:04.1f} s"


def _figures(r: Results) -> list[str]:
    lines = ["| step | wall | peak RSS | target | met? |", "|---|---:|---:|---|---|"]
    for m in r.steps:
        wall_target = WALL_TARGETS.get(m.step)
        target = (f"< {wall_target:.0f} s, " if wall_target else "") + f"RSS < {PEAK_RSS_MB / 1024:.0f} GB"
        ok = m.peak_rss_mb < PEAK_RSS_MB and (wall_target is None or m.wall_s < wall_target)
        met = _met(ok) if m.ok else f"**failed** (exit {m.exit_code}, log `{m.log}`)"
        lines.append(f"| {m.step} | {_duration(m.wall_s)} | {m.peak_rss_mb:,.0f} MB | {target} | {met} |")
        if m.step == "validate":
            cold = [r.step(s) for s in COLD_STEPS]
            if all(c is not None for c in cold):
                total = sum(c.wall_s for c in cold if c)
                peak = max(c.peak_rss_mb for c in cold if c)
                ok = total < COLD_TOTAL_S and peak < PEAK_RSS_MB and all(c.ok for c in cold if c)
                lines.append(f"| **cold ingest + build + validate** | **{_duration(total)}** | {peak:,.0f} MB | "
                             f"< {COLD_TOTAL_S / 60:.0f} min, RSS < {PEAK_RSS_MB / 1024:.0f} GB | {_met(ok)} |")
    if r.baseline:
        b = r.baseline
        state = "baseline, no target" if b.ok else f"**failed** (exit {b.exit_code}, log `{b.log}`)"
        lines.append(f"| pandas baseline (land + type) | {_duration(b.wall_s)} | {b.peak_rss_mb:,.0f} MB | "
                     f"{state} | |")
    if r.floor:
        f = r.floor
        state = "reference, no target" if f.ok else f"**failed** (exit {f.exit_code}, log `{f.log}`)"
        lines.append(f"| DuckDB floor (the baseline's work, DuckDB alone) | {_duration(f.wall_s)} | "
                     f"{f.peak_rss_mb:,.0f} MB | {state} | |")
    return lines


def _queries(r: Results) -> list[str]:
    if not r.queries:
        return ["Not measured (an earlier step failed)."]
    lines = ["| query | rows | p50 | p95 | target | met? |", "|---|---:|---:|---:|---|---|"]
    for q in r.queries:
        p95 = float(q["p95_ms"])
        lines.append(f"| `analyses/{q['query']}.sql` | {q['rows']} | {float(q['p50_ms']):.1f} ms | {p95:.1f} ms | "
                     f"p95 < {QUERY_P95_MS:.0f} ms | {_met(p95 < QUERY_P95_MS)} |")
    return lines


def _baseline(r: Results) -> list[str]:
    ours, ratio, ingest = r.landing_and_typing_s(), r.ratio(), r.step("cold ingest")
    if ours is None or ingest is None or r.baseline is None:
        return ["Not measured (an earlier step failed, or the build left no per-model timings)."]
    staging = sum(r.staging_s.values())
    typing = (f"{_duration(r.staging_span_s)} (wall time from the first staging model's start to the last "
              f"one's end in the cold build, from dbt's `target/run_results.json`; other models run beside "
              f"them, so it is an upper bound; the sum of their execution times, under that contention, is "
              f"{_duration(staging)})" if r.staging_span_s is not None else
              f"{_duration(staging)} (sum of dbt's per-model execution times from the cold build's "
              f"`target/run_results.json`)")
    lines = [
        f"- **ours**: cold ingest {_duration(ingest.wall_s)} + the {len(r.staging_s)} staging models "
        f"{typing} = **{_duration(ours)}**",
        f"- **pandas**: `read_csv` of the same CSVs (every column as text, in chunks of 500,000 rows), trimmed, "
        f"missing markers to NULL, cast to each staging column's type (dates in both published formats and "
        f"within the plausible range, numbers, whole numbers, Y/N flags, coordinates within California, "
        f"WDIDs upper-cased), written into a DuckDB file: **{_duration(r.baseline.wall_s)}**, peak RSS "
        f"{r.baseline.peak_rss_mb:,.0f} MB" + (f", {r.baseline_rows:,} rows" if r.baseline_rows else ""),
        f"- **ratio** pandas / ours = **{ratio:.1f}x** "
        f"(target >= {BASELINE_RATIO:.0f}x: {_met(ratio >= BASELINE_RATIO)})"
        if ratio is not None else "- **ratio**: n/a (the baseline failed)",
        *_floor(r),
        "",
        "Staging does more than the baseline (exact-duplicate removal, the data-quality ledger's inputs, "
        "region codes), so the ratio understates the difference. Slowest staging models in the cold build:",
        "",
        "| staging model | seconds |",
        "|---|---:|",
    ]
    for name, seconds in sorted(r.staging_s.items(), key=lambda kv: -kv[1])[:10]:
        lines.append(f"| `{name}` | {seconds:.1f} |")
    return lines


def _floor(r: Results) -> list[str]:
    """What the engine alone takes for the baseline's work, and the ratio that bounds."""
    bound, ours = r.floor_ratio(), r.landing_and_typing_s()
    if r.floor is None or bound is None or ours is None or r.baseline is None:
        return ["- **DuckDB floor**: not measured (it or the baseline failed)."]
    needed = r.baseline.wall_s / BASELINE_RATIO
    return [
        f"- **DuckDB floor**: DuckDB alone doing exactly the baseline's work (`benchmarks/duckdb_floor.py`: one "
        f"`create table ... as select` of the same casts per dataset from `read_csv`; a test proves its tables "
        f"equal the baseline's on the messy sample), with no download, checksum, Parquet landing, row hash, "
        f"ranking or ledger: **{_duration(r.floor.wall_s)}**, peak RSS {r.floor.peak_rss_mb:,.0f} MB. "
        f"pandas / floor = **{bound:.1f}x**: the highest ratio a DuckDB pipeline can reach on this machine. "
        f"{BASELINE_RATIO:.0f}x would need landing and typing in {_duration(needed)}"
        + (f", less than DuckDB alone takes for less work; ours takes {ours / r.floor.wall_s:.1f}x the floor."
           if needed < r.floor.wall_s else f"; ours takes {ours / r.floor.wall_s:.1f}x the floor."),
    ]


def _slowest(r: Results) -> list[str]:
    if not r.slowest:
        return ["Not measured."]
    lines = ["Execution seconds of the slowest dbt nodes in each build (from `target/run_results.json`; "
             "dbt runs two at a time, so they overlap). The rest of a build's wall time is dbt parsing the "
             "project and the many small models and tests. What the profile showed, what was removed and "
             "what remains: [performance.md](performance.md).", ""]
    for build, nodes in r.slowest.items():
        lines += [f"**{build}**", "", "| node | seconds |", "|---|---:|"]
        lines += [f"| `{name}` | {seconds:.1f} |" for name, seconds in nodes]
        lines.append("")
    return lines


def render(r: Results) -> str:
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    rows = f"{r.sample_rows:,} rows" if r.sample_rows is not None else "rows unknown"
    lines = [
        "# Benchmarks",
        "",
        f"Written by `{r.command}` on {when}. Every step is a separate child process measured with "
        "`/usr/bin/time -v`: wall time, and peak RSS of the largest process in the step (dbt runs as a child "
        "of `stormwater`, so its peak counts).",
        "",
    ]
    if r.scale != 1.0:
        lines += [f"> **Scale {r.scale}: not the statewide sample.** The targets are for `--scale 1.0`; "
                  "figures at this size only show that the harness works.", ""]
    if r.failure:
        lines += [f"> **Incomplete:** {r.failure}", ""]
    lines += ["## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in machine().items()]
    lines += [f"| sample | `stormwater sample --scale {r.scale} --seed {r.seed}`: {rows}{r.sample_note} |", ""]
    lines += [
        "## Targets (issue 12, 2 cores, statewide sample)",
        "",
        f"- cold ingest + build + validate under {COLD_TOTAL_S / 60:.0f} minutes;",
        f"- peak RSS under {PEAK_RSS_MB / 1024:.0f} GB in every step;",
        f"- warm run with nothing changed under {WARM_NOTHING_S:.0f} s;",
        f"- warm run with 1% of one dataset changed under {WARM_ONE_PERCENT_S:.0f} s;",
        f"- every example query's p95 under {QUERY_P95_MS:.0f} ms;",
        f"- landing and typing at least {BASELINE_RATIO:.0f}x faster than the pandas baseline.",
        "",
        "## Figures",
        "",
        "Steps in order, on one `$STORMWATER_HOME` that starts empty: `stormwater sample`, `stormwater ingest "
        "--source <sample>`, `stormwater build`, `stormwater validate`, `stormwater run --source <sample>` with "
        "nothing changed, then `stormwater run --source <sample>` again after rewriting "
        f"{r.perturbed or 'one dataset'}.",
        "",
        *_figures(r),
        "",
        "## Where the time goes",
        "",
        *_slowest(r),
        "## Example queries",
        "",
        f"Each `analyses/*.sql` run {r.repeat} times against the final warehouse, opened read-only "
        "(`python -m benchmarks.query_latency`).",
        "",
        *_queries(r),
        "",
        "## Landing and typing against a naive pandas baseline",
        "",
        *_baseline(r),
        "",
        "## How to rerun",
        "",
        "```bash",
        "make bench                                   # statewide: BENCH_SCALE=1.0, BENCH_HOME=/tmp/stormwater-bench",
        "python -m benchmarks.run --scale 1.0 --home /tmp/bench-home --report docs/benchmarks.md",
        "python -m benchmarks.run --sample DIR ...    # copy an existing sample instead of generating one",
        "```",
        "",
        "`--home` must be new, empty, or a previous benchmark home (it is emptied first). Each step's output "
        "and `/usr/bin/time -v` report stay in `<home>/benchmark/`. Needs `/usr/bin/time` (Debian package "
        "`time`); statewide, about 8 GB of free disk (2.3 GB of CSVs, their landing, the warehouse and its build "
        "copy, the baseline's DuckDB file, deleted at the end). "
        "Run it on a quiet machine: the figures are wall times.",
        "",
    ]
    return "\n".join(lines)
