"""The ``stormwater`` command line; its commands and options are part of the public contract.

Exit status 0 only when everything asked for succeeded; any failure prints one line per
failed dataset or model on stderr, naming it and the reason.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ingest import registry
from ingest.errors import StormwaterError
from ingest.home import Home
from ingest.landing.sources import PORTAL, YearRange

DEFAULT_ESMR_FIRST_YEAR = 2020


def _esmr_years(spec: str | None) -> YearRange:
    if spec:
        return YearRange.parse(spec)
    first = os.environ.get("STORMWATER_ESMR_FIRST_YEAR", str(DEFAULT_ESMR_FIRST_YEAR))
    return YearRange.parse(f"{first}-")


def cmd_sample(args: argparse.Namespace) -> int:
    from ingest.sample import generate

    started = time.monotonic()
    as_of = date.fromisoformat(args.as_of) if args.as_of else None
    summary = generate(Path(args.out), scale=args.scale, seed=args.seed, as_of=as_of)
    datasets = summary["datasets"]
    assert isinstance(datasets, dict)
    total = sum(int(d["rows"]) for d in datasets.values())
    for key, d in datasets.items():
        print(f"{key:<26} {d['rows']:>10,} rows  {', '.join(d['files'])}")
    print(f"{'total':<26} {total:>10,} rows in {time.monotonic() - started:.1f}s; "
          f"ground truth in {Path(args.out) / 'truth'}")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest.landing.run import ingest

    keys = registry.parse_keys(args.datasets)
    results = ingest(Home.from_env(), args.source, keys, _esmr_years(args.esmr_years))
    failed = 0
    for r in results:
        statuses = ", ".join(f"{a.resource_name or r.key}: {a.status}"
                             + (f" ({a.rows_landed:,} rows)" if a.rows_landed else "")
                             for a in r.attempts)
        print(f"{r.key:<26} {statuses}")
        if not r.ok:
            failed += 1
            print(f"stormwater ingest: {r.key}: {_strip_key(r.key, r.error or '')}", file=sys.stderr)
    return 1 if failed else 0


def _strip_key(key: str, reason: str) -> str:
    return reason[len(key) + 2:] if reason.startswith(f"{key}: ") else reason


def cmd_build(args: argparse.Namespace) -> int:
    from ingest.warehouse.dbt import run_dbt

    return run_dbt(Home.from_env(), ["build", *args.dbt_args])


def cmd_docs(args: argparse.Namespace) -> int:
    from ingest.warehouse.dbt import run_dbt, target_path

    home = Home.from_env()
    status = run_dbt(home, ["docs", "generate", "--static"])
    if status == 0:
        site = home.root / "docs"
        site.mkdir(parents=True, exist_ok=True)
        page = site / "index.html"
        page.write_bytes((target_path(home) / "static_index.html").read_bytes())
        print(f"docs site: {page} (one self-contained file; open it in a browser)")
    return status


def cmd_validate(args: argparse.Namespace) -> int:
    from ingest.warehouse import validation

    home = Home.from_env()
    if not home.warehouse.exists():
        raise StormwaterError(f"no warehouse at {home.warehouse}: run stormwater build first")
    outcomes = validation.run(home)
    report = validation.write_report(home, outcomes)
    failed = [o for o in outcomes if not o.success]
    suites = len({o.suite for o in outcomes})
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed: {len(outcomes)} expectations "
          f"in {suites} suites; report {report}")
    for o in failed:
        print(f"stormwater validate: {o.suite}: {o.expectation}({o.column}) failed: {o.observed}", file=sys.stderr)
    return 1 if failed else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from ingest.warehouse import evaluate

    home = Home.from_env()
    truth = Path(args.truth)
    if not (truth / "facility_links.csv").exists():
        raise StormwaterError(f"--truth {truth}: no facility_links.csv (the truth/ folder of a sample)")
    print(evaluate.facility_links(home.warehouse, truth).line())
    print(evaluate.enforcement_links(home.warehouse, truth).line())
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


def check_freshness() -> int:
    """dbt source freshness: when each dataset was last landed or confirmed unchanged."""
    from ingest.warehouse.dbt import run_dbt

    return run_dbt(Home.from_env(), ["source", "freshness"], label="run: source freshness")


def cmd_run(args: argparse.Namespace) -> int:
    status = cmd_ingest(args) or check_freshness()
    if status:
        return status
    status = cmd_build(argparse.Namespace(dbt_args=[]))
    if status:
        return status
    return cmd_validate(args)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="stormwater", description="California storm-water data as a DuckDB "
                                "warehouse: sample, ingest, build, validate, review, evaluate, docs.")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("sample", help="write realistic sample CSVs and their ground truth")
    s.add_argument("--out", required=True, help="directory to write into")
    s.add_argument("--scale", type=float, default=0.01, help="1.0 is statewide size (~8.5 M rows)")
    s.add_argument("--seed", type=int, default=42)
    s.add_argument("--as-of", help="last date in the data (default: today)")
    s.set_defaults(func=cmd_sample)

    def source_args(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--source", default=PORTAL,
                        help=f"{PORTAL} (default), a CKAN base URL, or a directory of CSVs")
        sp.add_argument("--datasets", help="comma-separated dataset keys (default: all eight)")
        sp.add_argument("--esmr-years", help="e.g. 2023-2026 (default: 2020 on, or "
                                             "$STORMWATER_ESMR_FIRST_YEAR on)")

    i = sub.add_parser("ingest", help="land datasets as Parquet and record them in the manifest")
    source_args(i)
    i.set_defaults(func=cmd_ingest)

    b = sub.add_parser("build", help="dbt build (seeds, models, tests) against the warehouse")
    b.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra dbt arguments after --")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", help="Great Expectations suites; HTML report under reports/")
    v.set_defaults(func=cmd_validate)

    r = sub.add_parser("run", help="ingest, build and validate in one go")
    source_args(r)
    r.set_defaults(func=cmd_run)

    e = sub.add_parser("evaluate", help="precision and recall against a sample's ground truth")
    e.add_argument("--truth", required=True, help="the truth/ folder written by stormwater sample")
    e.set_defaults(func=cmd_evaluate)

    rv = sub.add_parser("review", help="export the facility-match review queue, or apply decisions to it")
    what = rv.add_mutually_exclusive_group(required=True)
    what.add_argument("--export", metavar="CSV", help="write the review queue with empty decision columns")
    what.add_argument("--apply", metavar="CSV", help="merge accept/reject decisions into the overrides seed")
    rv.add_argument("--overrides", help=argparse.SUPPRESS)  # default: the repository's overrides seed
    rv.set_defaults(func=cmd_review)

    d = sub.add_parser("docs", help="generate the dbt docs site (static index.html)")
    d.set_defaults(func=cmd_docs)
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


if __name__ == "__main__":
    sys.exit(main())
