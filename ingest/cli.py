"""The ``stormwater`` command line; its commands and options are part of the public contract.

Exit status 0 only when everything asked for succeeded; any failure prints one line per
failed dataset or model on stderr, naming it and the reason.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import textwrap
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path

import duckdb

from ingest import __version__, registry
from ingest.errors import StormwaterError, warehouse_locked
from ingest.home import Home
from ingest.landing.http import HttpSettings
from ingest.landing.sources import PORTAL, YearRange

DEFAULT_ESMR_FIRST_YEAR = 2020


def _esmr_years(spec: str | None) -> YearRange:
    if spec:
        return YearRange.parse(spec)
    first = os.environ.get("STORMWATER_ESMR_FIRST_YEAR") or str(DEFAULT_ESMR_FIRST_YEAR)
    if not first.strip().isdigit() or len(first.strip()) != 4:
        raise StormwaterError(f"environment variable STORMWATER_ESMR_FIRST_YEAR={first!r}: expected a year "
                              "such as 2020")
    return YearRange.parse(f"{first.strip()}-")


def _verbosity(args: argparse.Namespace) -> int:
    """-1 with -q (results and errors only), 1 with -v, else 0."""
    return -1 if getattr(args, "quiet", False) else (1 if getattr(args, "verbose", False) else 0)


def _keys(spec: str | None) -> list[str]:
    try:
        return registry.parse_keys(spec)
    except KeyError as exc:
        raise StormwaterError(f"--datasets: {exc.args[0]}") from None



def cmd_sample(args: argparse.Namespace) -> int:
    from ingest.sample import generate

    started = time.monotonic()
    as_of = date.fromisoformat(args.as_of) if args.as_of else None
    summary = generate(Path(args.out), scale=args.scale, seed=args.seed, as_of=as_of, messy=args.messy)
    datasets = summary["datasets"]
    assert isinstance(datasets, dict)
    total = sum(int(d["rows"]) for d in datasets.values())
    for key, d in datasets.items():
        print(f"{key:<26} {d['rows']:>10,} rows  {', '.join(d['files'])}")
    print(f"{'total':<26} {total:>10,} rows in {time.monotonic() - started:.1f}s; "
          f"ground truth in {Path(args.out) / 'truth'}")
    return 0


def _land(args: argparse.Namespace, home: Home) -> list:
    from ingest.landing.run import ingest

    keys = _keys(args.datasets)
    settings = dataclasses.replace(HttpSettings.from_env(), progress=_verbosity(args) >= 0)
    results = ingest(home, args.source, keys, _esmr_years(args.esmr_years), settings)
    for r in results:
        statuses = ", ".join(f"{a.resource_name or r.key}: {a.status}"
                             + (f" ({a.rows_landed:,} rows)" if a.rows_landed else "")
                             for a in r.attempts)
        print(f"{r.key:<26} {statuses}")
    return results


def cmd_ingest(args: argparse.Namespace) -> int:
    failed = 0
    for r in _land(args, Home.from_env()):
        if not r.ok:
            failed += 1
            print(f"stormwater ingest: {r.key}: {_strip_key(r.key, r.error or '')}", file=sys.stderr)
    return 1 if failed else 0


def _strip_key(key: str, reason: str) -> str:
    return reason[len(key) + 2:] if reason.startswith(f"{key}: ") else reason


def cmd_build(args: argparse.Namespace) -> int:
    from ingest.warehouse import dbt

    return dbt.build(Home.from_env(), args.dbt_args, _verbosity(args), full=args.full).status


def cmd_docs(args: argparse.Namespace) -> int:
    from ingest.warehouse import dbt
    from ingest.warehouse.dbt import target_path

    home = Home.from_env()
    status = dbt.docs(home, _verbosity(args))
    if status == 0:
        site = home.root / "docs"
        site.mkdir(parents=True, exist_ok=True)
        page = site / "index.html"
        page.write_bytes((target_path(home) / "static_index.html").read_bytes())
        print(f"docs site: {page} (one self-contained file; open it in a browser)")
        from ingest.warehouse import charts

        charts.render(home)  # the overview page shows the map and the trends beside it
    return status


def cmd_charts(args: argparse.Namespace) -> int:
    from ingest.warehouse import charts

    for path in charts.render(Home.from_env()).files:
        print(f"chart: {path}")
    return 0


@dataclasses.dataclass
class _AfterBuild:
    """What ``stormwater run`` started beside its build for the validation after it."""

    settle: Callable[[], None]
    """Waits until the build just published is recorded (:meth:`dbt.BuildOutcome.settle`)."""
    landed: Future[list] | None = None
    """The landed-data suites' outcomes: those suites read the landing, not the warehouse, so
    they ran while dbt built."""


def cmd_validate(args: argparse.Namespace, after_build: _AfterBuild | None = None) -> int:
    from ingest.warehouse import validation

    home = Home.from_env()
    if not home.warehouse.exists():
        raise StormwaterError(f"no warehouse at {home.warehouse}: run stormwater build first")
    from ingest.warehouse import charts

    with charts.rendering(home) as pictures:  # the report shows the map and the trends
        if after_build and after_build.landed:
            outcomes = [*after_build.landed.result(), *validation.run(home, validation.mart_suites())]
        else:
            outcomes = validation.run(home)
        pictures()
    report = validation.write_report(home, outcomes)
    failed = [o for o in outcomes if not o.success]
    suites = len({o.suite for o in outcomes})
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed: {len(outcomes)} expectations "
          f"in {suites} suites; report {report}")
    _print_failed_expectations((o.suite, o.expectation, o.column, o.observed) for o in failed)
    status = 1 if failed else 0
    if after_build:
        after_build.settle()
    _remember_validation(home, status)
    return status


def _remember_validation(home: Home, status: int) -> None:
    """Record the validation with the build state when that state describes the live warehouse,
    so a later ``stormwater run`` in which nothing changed repeats it instead of rerunning it."""
    from ingest.project import PROJECT_DIR
    from ingest.warehouse import build_state

    state = build_state.load(home)
    if state and state.warehouse.matches(home.warehouse):
        build_state.record_validation(home, state, build_state.validation_key(state, PROJECT_DIR), status)


def _print_failed_expectations(failed: Iterable[tuple[object, object, object, object]]) -> None:
    """One stderr line per failed expectation: (suite, expectation, column, observed)."""
    for suite, expectation, column, observed in failed:
        print(f"stormwater validate: {suite}: {expectation}({column}) failed: {observed}", file=sys.stderr)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from ingest.warehouse import evaluate

    home = Home.from_env()
    truth = Path(args.truth)
    if not (truth / "facility_links.csv").exists():
        raise StormwaterError(f"--truth {truth}: no facility_links.csv (the truth/ folder of a sample)")
    for line in evaluate.report_lines(home.warehouse, truth):
        print(line)
    from ingest.warehouse import evaluate_compliance

    # enforcement links per action type, and the generator's designed NAL and ERA cases
    for line in evaluate_compliance.report_lines(home.warehouse, truth, include_overall=False):
        print(line)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from ingest.matching import review

    if args.export:
        n = review.export(Home.from_env().warehouse, Path(args.export))
        print(f"wrote {n} candidate pairs to {args.export}: fill in decision (accept/reject), "
              f"decided_by and note, then run stormwater review --apply {args.export}")
    else:
        overrides = Path(args.overrides) if args.overrides else review.OVERRIDES
        accepted, rejected = review.apply(Path(args.apply), overrides)
        print(f"{accepted} accepted and {rejected} rejected pairs merged into {overrides}; "
              "they take effect on the next stormwater build")
    return 0


def check_freshness(warehouse: Path | None = None, verbosity: int = 0) -> int:
    """dbt source freshness: when each dataset was last landed or confirmed unchanged. Runs
    against ``warehouse`` (the run's staged build) or a copy of the live one, never writing it."""
    from ingest.warehouse import dbt

    home = Home.from_env()
    if warehouse is not None:
        return dbt.run_dbt_commands(home, [dbt.FRESHNESS], warehouse, verbosity)[0]
    with dbt.warehouse_copy(home, "freshness") as copy:
        return check_freshness(copy, verbosity)


def cmd_run(args: argparse.Namespace) -> int:
    """Ingest; then, even when some datasets failed, source freshness, build and validate from
    the last good landing of each failed one (when it has one). Exit 1 when anything failed."""
    from ingest.landing.run import has_landing, last_good_landing
    from ingest.warehouse import dbt

    home = Home.from_env()
    verbosity = _verbosity(args)
    failed = [r for r in _land(args, home) if not r.ok]
    unbuildable = [r.key for r in failed if not has_landing(home, r.key)]
    for r in failed:
        when = last_good_landing(home, r.key)
        if r.key in unbuildable:
            since = "no earlier landing, so nothing was built"
        elif unbuildable:
            since = f"nothing was built: {unbuildable[0]} has no earlier landing"
        elif when:
            since = f"built from the landing of {when[:16].replace('T', ' ')} UTC"
        else:
            since = "built from the previous landing"
        print(f"stormwater run: {r.key}: {_strip_key(r.key, r.error or '')} ({since})", file=sys.stderr)
    if unbuildable:
        return 1
    # When dbt runs (in its own process), the validation after it will too: meanwhile Great
    # Expectations is imported (seconds) and the suites over the landed files run.
    background = ThreadPoolExecutor(max_workers=1)
    landed: list[Future[list]] = []

    def before() -> None:
        from ingest.warehouse import validation

        landed.append(background.submit(
            lambda: validation.run(home, validation.landed_suites(home), warehouse=False)))

    try:
        built = dbt.build(home, [], verbosity, label="run: build", full=args.full, freshness=True, before=before,
                          remember_later=True)
        if built.status:
            return built.status
        stale = built.freshness
        if built.plan.mode == "nothing" and (failed or args.datasets):
            stale = check_freshness(None, verbosity)  # some datasets were not confirmed just now
        status = _validate(args, home, reuse=built.plan.mode == "nothing",
                           after_build=_AfterBuild(built.settle, landed[0] if landed else None))
        return 1 if failed or stale or status else 0
    finally:
        background.shutdown(wait=True)


def _validate(args: argparse.Namespace, home: Home, reuse: bool, after_build: _AfterBuild) -> int:
    """Validate the build just published; when nothing changed since the last validation of the
    same warehouse and landing (with the same suites), repeat its result instead of rerunning it."""
    from ingest.project import PROJECT_DIR
    from ingest.warehouse import build_state

    state = build_state.load(home)
    key = build_state.validation_key(state, PROJECT_DIR) if state else None
    report = home.reports / "validation.json"
    if reuse and state and key and state.validation.get("key") == key and report.exists():
        doc = json.loads(report.read_text(encoding="utf-8"))
        results = doc.get("results", [])
        failed = [r for r in results if not r.get("success")]
        print(f"validation: reused, nothing changed since it ran at {doc.get('validated_at')}: "
              f"{len(results) - len(failed)} passed, {len(failed)} failed; report {home.reports / 'validation.html'}")
        _print_failed_expectations((r.get("suite"), r.get("expectation"), r.get("column"), r.get("observed"))
                                   for r in failed)
        return int(state.validation.get("status", 1))
    return cmd_validate(args, after_build)


def _verbosity_options(p: argparse.ArgumentParser, default: object) -> None:
    quiet_or_loud = p.add_mutually_exclusive_group()
    quiet_or_loud.add_argument("-q", "--quiet", action="store_true", default=default,
                               help="only results and errors: no dbt output, no progress bars")
    quiet_or_loud.add_argument("-v", "--verbose", action="store_true", default=default,
                               help="more detail: dbt's debug log, a traceback on an internal error")


COMMANDS: dict[str, tuple[str, str, str]] = {
    # name: (one-line help, description, example)
    "sample": ("write realistic sample CSVs and their ground truth",
               "Write realistic CSVs for all eight datasets, with the official headers and the published "
               "quirks, plus the ground truth (truth/facility_links.csv, ...) to score matching against.",
               "stormwater sample --out sample --scale 0.01 --seed 42"),
    "ingest": ("land datasets as Parquet and record them in the manifest",
               "Download (or read) each dataset, check its header against the data dictionary and land it "
               "as Parquet under $STORMWATER_HOME/landed/; every attempt goes to the manifest. Unchanged "
               "sources are skipped; a failed dataset keeps its previous landing.",
               "stormwater ingest --source sample --datasets violations,inspections"),
    "build": ("dbt build (seeds, models, tests) against the warehouse",
              "Run dbt build into a copy of the warehouse and swap it in only when the build succeeded: "
              "a failed build leaves the previous warehouse whole. Only what changed since the last "
              "successful build is rebuilt (nothing at all when nothing changed); --full rebuilds "
              "everything. Arguments after -- go to dbt.",
              "stormwater build -- --select marts.core"),
    "validate": ("Great Expectations suites; HTML report under reports/",
                 "Run the Great Expectations suites over the landed data and the marts; the report is "
                 "$STORMWATER_HOME/reports/validation.html. Any failed expectation fails the command.",
                 "stormwater validate"),
    "run": ("ingest, build and validate in one go",
            "Ingest, check source freshness, build and validate. A dataset that fails to land is built "
            "from its last good landing; the run then exits 1 naming it. The build redoes only what "
            "depends on what changed (--full: everything); when nothing changed, dbt does not run and "
            "the last validation is reused.",
            "stormwater run --source data.ca.gov"),
    "evaluate": ("precision and recall against a sample's ground truth",
                 "Compare the warehouse's facility and enforcement links with the ground truth written by "
                 "stormwater sample.",
                 "stormwater evaluate --truth sample/truth"),
    "review": ("export the facility-match review queue, or apply decisions to it",
               "Export the facility-match candidates that need a person's decision, or merge the decided "
               "file (decision = accept or reject) into the overrides seed used by the next build.",
               "stormwater review --export review.csv\n  stormwater review --apply review.csv"),
    "docs": ("generate the dbt docs site (static index.html)",
             "Generate the dbt docs site as one self-contained file, $STORMWATER_HOME/docs/index.html.",
             "stormwater docs"),
    "charts": ("draw the warehouse's pictures (PNG) for the docs site and reports",
               "Draw a map of the facilities by ERA level and official violations, and the monthly trends of "
               "official violations, effective enforcement actions and exceedances, as PNGs in "
               "$STORMWATER_HOME/docs/ and $STORMWATER_HOME/reports/.",
               "stormwater charts"),
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="stormwater", description="California storm-water data as a DuckDB "
                                "warehouse: sample, ingest, build, validate, review, evaluate, docs.",
                                epilog="Example:\n  stormwater run --source data.ca.gov\n\n"
                                "State lives under $STORMWATER_HOME (default ./data).",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _verbosity_options(p, False)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str) -> argparse.ArgumentParser:
        short, description, example = COMMANDS[name]
        sp = sub.add_parser(name, help=short, description=textwrap.fill(description, 78),
                            epilog=f"Example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter)
        _verbosity_options(sp, argparse.SUPPRESS)  # -q/-v after the command too; never resets the global one
        return sp

    s = command("sample")
    s.add_argument("--out", required=True, help="directory to write into")
    s.add_argument("--scale", type=float, default=0.01, help="1.0 is statewide size (~8.5 M rows)")
    s.add_argument("--seed", type=int, default=42)
    s.add_argument("--as-of", help="last date in the data (default: today)")
    s.add_argument("--messy", type=float, nargs="?", const=0.02, default=0.0, metavar="FRACTION",
                   help="blank, garble or empty this fraction of every column's values (0.02 when bare)")
    s.set_defaults(func=cmd_sample)

    def source_args(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--source", default=PORTAL,
                        help=f"{PORTAL} (default), a CKAN base URL, or a directory of CSVs")
        sp.add_argument("--datasets", metavar="KEYS",
                        help="comma-separated dataset keys (default: all eight): " + ", ".join(registry.DATASET_KEYS))
        sp.add_argument("--esmr-years", help="e.g. 2023-2026 (default: 2020 on, or "
                                             "$STORMWATER_ESMR_FIRST_YEAR on)")

    i = command("ingest")
    source_args(i)
    i.set_defaults(func=cmd_ingest)

    b = command("build")
    b.add_argument("--full", action="store_true", help="rebuild everything, not only what changed since "
                   "the last build")
    b.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra dbt arguments after --")
    b.set_defaults(func=cmd_build)

    v = command("validate")
    v.set_defaults(func=cmd_validate)

    r = command("run")
    source_args(r)
    r.add_argument("--full", action="store_true", help="rebuild everything, not only what changed since "
                   "the last build")
    r.set_defaults(func=cmd_run)

    e = command("evaluate")
    e.add_argument("--truth", required=True, help="the truth/ folder written by stormwater sample")
    e.set_defaults(func=cmd_evaluate)

    rv = command("review")
    what = rv.add_mutually_exclusive_group(required=True)
    what.add_argument("--export", metavar="CSV", help="write the review queue with empty decision columns")
    what.add_argument("--apply", metavar="CSV", help="merge accept/reject decisions into the overrides seed")
    rv.add_argument("--overrides", help=argparse.SUPPRESS)  # default: the repository's overrides seed
    rv.set_defaults(func=cmd_review)

    d = command("docs")
    d.set_defaults(func=cmd_docs)

    command("charts").set_defaults(func=cmd_charts)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "dbt_args", None) and args.dbt_args[0] == "--":
        args.dbt_args = args.dbt_args[1:]
    try:
        return int(args.func(args))
    except (StormwaterError, KeyError, ValueError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"stormwater {args.command}: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"stormwater {args.command}: interrupted", file=sys.stderr)
        return 130
    except duckdb.IOException as exc:
        # Most often a lock: another process has the warehouse open for writing.
        print(f"stormwater {args.command}: {warehouse_locked(Home.from_env().warehouse, exc)}", file=sys.stderr)
        return 2
    except Exception as exc:  # the catch-all: one line, the traceback only with -v
        if _verbosity(args) > 0:
            traceback.print_exc()
        text = " ".join(str(exc).split())[:300]
        print(f"stormwater {args.command}: internal error: {type(exc).__name__}: {text} "
              "(run with -v for the traceback)", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
