"""Markdown summary of one nightly run, for ``$GITHUB_STEP_SUMMARY``.

Reads the state under ``$STORMWATER_HOME`` and prints what this run landed, skipped and failed
(from ``manifest/import_log.jsonl``, attempts started at or after ``--since`` only), source
freshness (dbt's ``target/sources.json`` when this run left one, else the last landing per
dataset from the manifest), the dbt build (``target/run_results.json`` of a ``dbt build``) and
validation (``reports/validation.json``, written next to ``validation.html``).

Standard library only: it runs even when the project's install failed. It never fails the job
over a missing or unreadable file; it says so in the summary instead.

    python .github/scripts/job_summary.py "$STORMWATER_HOME" --since 2025-01-01T09:30:00Z
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

MAX_ERROR_CHARS = 300
MAX_TABLE_ROWS = 50


def parse_time(value: object) -> datetime | None:
    """An ISO-8601 timestamp as an aware UTC datetime; None when missing or unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace(" ", "T", 1)
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        return None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def cell(value: object, limit: int = MAX_ERROR_CHARS) -> str:
    """A value made safe for one Markdown table cell: one line, pipes escaped, cut to ``limit``."""
    text = " ".join(str("" if value is None else value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("|", "\\|")


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows[:MAX_TABLE_ROWS]]
    if len(rows) > MAX_TABLE_ROWS:
        lines.append(f"\n…and {len(rows) - MAX_TABLE_ROWS} more.")
    return lines


def read_json(path: Path) -> tuple[object | None, str | None]:
    """The parsed file, or (None, reason) when it is missing or not JSON."""
    if not path.exists():
        return None, f"{path.name} not found"
    try:
        return json.loads(path.read_text(encoding="utf-8")), None
    except (OSError, ValueError) as exc:
        return None, f"{path.name} could not be read: {exc}"


def read_manifest(path: Path) -> tuple[list[dict], list[str]]:
    """The manifest's attempts and a note for every line that is not a JSON object."""
    if not path.exists():
        return [], []
    rows, problems = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            problems.append(f"{path.name} line {n} is not JSON")
            continue
        if isinstance(row, dict):
            rows.append(row)
        else:
            problems.append(f"{path.name} line {n} is not a JSON object")
    return rows, problems


def since_filter(rows: list[dict], since: datetime | None) -> list[dict]:
    """Attempts started at or after ``since`` (all of them when ``since`` is None)."""
    if since is None:
        return rows
    out = []
    for row in rows:
        started = parse_time(row.get("started_at"))
        if started is not None and started >= since:
            out.append(row)
    return out


def landing_section(attempts: list[dict], problems: list[str]) -> list[str]:
    by_status: dict[str, list[dict]] = {"landed": [], "skipped": [], "failed": []}
    for row in attempts:
        by_status.setdefault(str(row.get("status")), []).append(row)
    landed, skipped, failed = by_status["landed"], by_status["skipped"], by_status["failed"]
    other = [r for status, rs in by_status.items() if status not in ("landed", "skipped", "failed") for r in rs]
    lines = ["### Landing", ""]
    if not attempts:
        lines.append("No landing attempts in this run (it stopped before ingest, or the manifest is missing).")
    else:
        lines.append(f"{len(landed)} landed, {len(skipped)} skipped (unchanged), {len(failed)} failed"
                     + (f", {len(other)} with an unknown status" if other else "") + ".")
    for note in problems:
        lines.append(f"\n> [!WARNING]\n> {cell(note)}")

    def resource(row: dict) -> str:
        return str(row.get("resource_name") or row.get("resource_id") or "")

    if failed or other:
        lines += ["", "**Failed**", ""]
        lines += table(["dataset", "resource", "error"],
                       [(r.get("dataset_key"), resource(r), r.get("error") or f"status {r.get('status')!r}")
                        for r in failed + other])
    if landed:
        lines += ["", "**Landed**", ""]
        lines += table(["dataset", "resource", "rows"],
                       [(r.get("dataset_key"), resource(r), r.get("rows_landed")) for r in landed])
    if skipped:
        lines += ["", "**Skipped (unchanged since the last landing)**", ""]
        lines += table(["dataset", "resource"], [(r.get("dataset_key"), resource(r)) for r in skipped])
    return lines


def _age(seconds: object) -> str:
    if not isinstance(seconds, int | float):
        return ""
    hours = seconds / 3600
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} days"


def _generated_at(doc: object) -> datetime | None:
    meta = doc.get("metadata") if isinstance(doc, dict) else None
    return parse_time(meta.get("generated_at")) if isinstance(meta, dict) else None


def _is_current(stamp: datetime | None, since: datetime | None) -> bool:
    return since is None or (stamp is not None and stamp >= since)


def freshness_section(home: Path, since: datetime | None, all_rows: list[dict], now: datetime) -> list[str]:
    lines = ["### Source freshness", ""]
    doc, _ = read_json(home / "target" / "sources.json")
    if isinstance(doc, dict) and _is_current(_generated_at(doc), since):
        results = [r for r in doc.get("results", []) if isinstance(r, dict)]
        counts: dict[str, int] = {}
        for r in results:
            counts[str(r.get("status"))] = counts.get(str(r.get("status")), 0) + 1
        lines.append("`dbt source freshness`: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) + ".")
        lines.append("")
        lines += table(["source", "status", "last loaded", "age", "error"],
                       [(str(r.get("unique_id", "")).split(".", 2)[-1], r.get("status"), r.get("max_loaded_at", ""),
                         _age(r.get("max_loaded_at_time_ago_in_s")), r.get("error") or "")
                        for r in sorted(results, key=lambda r: (r.get("status") == "pass", str(r.get("unique_id"))))])
        return lines
    latest: dict[str, datetime] = {}
    for row in all_rows:
        finished = parse_time(row.get("finished_at"))
        key = str(row.get("dataset_key"))
        if row.get("status") in ("landed", "skipped") and finished and (key not in latest or finished > latest[key]):
            latest[key] = finished
    if not latest:
        lines.append("No freshness information: this run left no `target/sources.json` and nothing was ever landed.")
        return lines
    lines += ["This run left no `target/sources.json`; last successful landing or unchanged-check per dataset, "
              "from the manifest:", ""]
    lines += table(["dataset", "last landed or confirmed", "age"],
                   [(key, stamp.isoformat(timespec="seconds"), _age((now - stamp).total_seconds()))
                    for key, stamp in sorted(latest.items(), key=lambda kv: kv[1])])
    return lines


def _unchanged_build(home: Path, since: datetime | None) -> bool:
    """This run found nothing to build: the last build (``build_state/state.json``, written by
    ``stormwater build``) is older than the run, and the run wrote no dbt results."""
    state, _ = read_json(home / "build_state" / "state.json")
    built = parse_time(state.get("built_at")) if isinstance(state, dict) else None
    return built is not None and since is not None and not _is_current(built, since)


def build_section(home: Path, since: datetime | None) -> list[str]:
    doc, _ = read_json(home / "target" / "run_results.json")
    args = doc.get("args") if isinstance(doc, dict) else None
    if not (isinstance(args, dict) and args.get("which") == "build" and _is_current(_generated_at(doc), since)):
        if _unchanged_build(home, since):
            return ["### dbt build", "", "Unchanged: nothing landed and no project file changed since the last "
                    "build, so dbt did no work; the warehouse is that build's."]
        return ["### dbt build", "", "No `dbt build` results from this run."]
    results = [r for r in doc.get("results", []) if isinstance(r, dict)]
    counts: dict[str, int] = {}
    for r in results:
        counts[str(r.get("status"))] = counts.get(str(r.get("status")), 0) + 1
    lines = ["### dbt build", "", ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) + "."]
    bad = [r for r in results if r.get("status") in ("error", "fail", "runtime error", "warn")]
    if bad:
        lines += ["", *table(["node", "status", "message"],
                             [(r.get("unique_id"), r.get("status"), r.get("message")) for r in bad])]
    return lines


def validation_section(home: Path, since: datetime | None) -> list[str]:
    lines = ["### Validation", ""]
    doc, reason = read_json(home / "reports" / "validation.json")
    if not isinstance(doc, dict):
        lines.append(f"No validation results ({reason or 'validation.json is not an object'}).")
        return lines
    stamp = parse_time(doc.get("validated_at"))
    if not _is_current(stamp, since):
        if _unchanged_build(home, since):
            lines.append(f"Not rerun: nothing was rebuilt, so the validation of {doc.get('validated_at')} "
                         "still holds.")
        else:
            lines.append(f"Validation did not run in this run (the last report is from {doc.get('validated_at')}).")
        return lines
    results = [r for r in doc.get("results", []) if isinstance(r, dict)]
    failed = [r for r in results if not r.get("success")]
    suites = len({r.get("suite") for r in results})
    lines.append(f"{len(results) - len(failed)} passed, {len(failed)} failed: {len(results)} expectations "
                 f"in {suites} suites (full report: `reports/validation.html`).")
    if failed:
        lines += ["", *table(["suite", "expectation", "column", "observed"],
                             [(r.get("suite"), r.get("expectation"), r.get("column"), r.get("observed"))
                              for r in failed])]
    return lines


def render(home: Path, since: datetime | None, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    all_rows, problems = read_manifest(home / "manifest" / "import_log.jsonl")
    attempts = since_filter(all_rows, since)
    scope = f"attempts since {since.isoformat(timespec='seconds')}" if since else "all recorded attempts"
    sections = [
        ["## Nightly warehouse run", "", f"State: `{home}`; landing: {scope}."],
        landing_section(attempts, problems),
        freshness_section(home, since, all_rows, now),
        build_section(home, since),
        validation_section(home, since),
    ]
    return "\n\n".join("\n".join(s) for s in sections) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("home", type=Path, help="the run's STORMWATER_HOME")
    p.add_argument("since", nargs="?", default=None,
                   help="ISO timestamp the run started at; only attempts from then on count (default: all)")
    p.add_argument("--since", dest="since_opt", default=None, help="same as the positional SINCE")
    args = p.parse_args(argv)
    raw = args.since_opt or args.since
    since = parse_time(raw) if raw else None
    if raw and since is None:
        p.error(f"since: {raw!r} is not an ISO-8601 timestamp")
    sys.stdout.write(render(args.home, since))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
