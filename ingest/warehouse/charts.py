"""Static pictures of the warehouse (PNG, matplotlib's Agg canvas: no display, no network): a map of the
facilities coloured by ERA level and sized by official violations, and the monthly trends of
official violations, effective enforcement actions and NAL exceedances.

Written to ``$STORMWATER_HOME/docs/`` (beside the docs site's ``index.html``, whose overview
page shows them by relative path) and ``$STORMWATER_HOME/reports/`` (for the validation report).
"""

from __future__ import annotations

import multiprocessing
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
from matplotlib.figure import Figure

from ingest.errors import StormwaterError
from ingest.home import Home

MAP_FILE = "facility_map.png"
TRENDS_FILE = "monthly_trends.png"

# A coarse outline of California (longitude, latitude), clockwise from the Oregon border at the
# coast: enough to place the facilities, not a survey-grade boundary.
CALIFORNIA_OUTLINE: tuple[tuple[float, float], ...] = (
    (-124.21, 42.00), (-120.00, 42.00), (-120.00, 39.00), (-114.63, 35.00), (-114.57, 34.80),
    (-114.13, 34.27), (-114.43, 34.08), (-114.52, 33.03), (-114.72, 32.72), (-117.12, 32.53),
    (-117.25, 32.70), (-117.40, 33.20), (-118.00, 33.65), (-118.40, 33.75), (-118.50, 34.03),
    (-119.20, 34.15), (-120.45, 34.45), (-120.65, 34.90), (-120.62, 35.20), (-121.00, 35.55),
    (-121.90, 36.30), (-121.95, 36.60), (-121.80, 36.85), (-122.40, 37.20), (-122.50, 37.80),
    (-123.00, 38.00), (-123.70, 38.90), (-123.80, 39.80), (-124.40, 40.40), (-124.10, 41.00),
    (-124.21, 42.00),
)
REGION_LABELS: tuple[tuple[str, float, float], ...] = (
    ("North Coast", -123.6, 40.9), ("San Francisco Bay", -122.3, 37.9), ("Central Coast", -121.0, 35.9),
    ("Los Angeles", -118.2, 34.3), ("Central Valley", -120.4, 37.6), ("Lahontan", -118.6, 37.9),
    ("Colorado River", -115.4, 33.5), ("Santa Ana", -117.4, 33.95), ("San Diego", -116.9, 32.9),
)
# Drawn in this order, so the rarer, worse levels sit on top.
ERA_COLOURS = {None: "#b5b5b5", "Baseline": "#4c9f70", "Level 1": "#f0a202", "Level 2": "#d1495b"}


@dataclass(frozen=True)
class Charts:
    """The files one rendering wrote."""

    files: list[Path]


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "select column_name from duckdb_columns() where schema_name = 'marts' and table_name = ?", [table]
    ).fetchall()
    return {r[0] for r in rows}


def _official(con: duckdb.DuckDBPyConnection) -> str:
    if "is_official" in _columns(con, "fct_violations"):
        return "is_official"
    return "coalesce(lower(trim(violation_status)) = 'violation', false)"


def _effective(con: duckdb.DuckDBPyConnection) -> str:
    if "is_effective" in _columns(con, "fct_enforcement_actions"):
        return "is_effective"
    return "coalesce(lower(trim(enforcement_status)) not in ('draft', 'withdrawn', 'rescinded'), true)"


def _facilities(con: duckdb.DuckDBPyConnection) -> list[tuple[float, float, str | None, int]]:
    return con.execute(f"""
        with latest_era as (
            select facility_id, reporting_year_start, era_level,
                   max(reporting_year_start) over (partition by facility_id) as latest_year
            from marts.facility_era_status
        ),
        era as (
            select facility_id,
                   max(case era_level when 'Level 2' then 2 when 'Level 1' then 1 else 0 end) as era_rank
            from latest_era where reporting_year_start = latest_year group by facility_id
        ),
        official as (
            select facility_id, count(*) filter (where {_official(con)}) as n
            from marts.fct_violations group by facility_id
        )
        select f.longitude, f.latitude,
               case era.era_rank when 2 then 'Level 2' when 1 then 'Level 1' when 0 then 'Baseline' end,
               coalesce(official.n, 0)
        from marts.dim_facility f
        left join era using (facility_id)
        left join official using (facility_id)
        where f.longitude is not null and f.latitude is not null
        order by coalesce(era.era_rank, -1), coalesce(official.n, 0)
    """).fetchall()


def _monthly(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    queries = {
        "official violations": f"""
            select date_trunc('month', occurrence_date) as m, count(*) from marts.fct_violations
            where {_official(con)} and occurrence_date is not null group by m order by m""",
        "effective enforcement actions": f"""
            select date_trunc('month', issuance_date) as m, count(*) from marts.fct_enforcement_actions
            where {_effective(con)} and issuance_date is not null group by m order by m""",
        "NAL and eSMR exceedances": """
            select date_trunc('month', occurrence_date) as m, count(*) from marts.unified_violations
            where source <> 'SMARTS_REGULATORY' and occurrence_date is not null group by m order by m""",
    }
    return {label: con.execute(sql).fetchall() for label, sql in queries.items()}


def _draw_map(points: list[tuple[float, float, str | None, int]], out: Path) -> None:
    fig = Figure(figsize=(8, 9), dpi=110)
    ax = fig.subplots()
    xs, ys = zip(*CALIFORNIA_OUTLINE, strict=True)
    ax.fill(xs, ys, color="#eef3f7", edgecolor="#50606e", linewidth=1.2, zorder=0)
    for name, lon, lat in REGION_LABELS:
        ax.text(lon, lat, name, fontsize=7, color="#50606e", ha="center", alpha=0.8, zorder=1)
    for level, colour in ERA_COLOURS.items():
        chosen = [p for p in points if p[2] == level]
        if not chosen:
            continue
        ax.scatter([p[0] for p in chosen], [p[1] for p in chosen], s=[12 + 18 * min(p[3], 10) for p in chosen],
                   c=colour, alpha=0.75, edgecolors="white", linewidths=0.4, zorder=2,
                   label=f"{level or 'no ERA series'} ({len(chosen)})")
    ax.set_xlim(-124.8, -113.8)
    ax.set_ylim(32.2, 42.4)
    ax.set_aspect(1.2)
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title("Facilities by ERA level (latest year); size = official violations")
    ax.legend(loc="upper right", fontsize=8, title="ERA level", title_fontsize=8)
    fig.tight_layout()
    fig.savefig(out)


def _draw_trends(series: dict[str, list[tuple]], out: Path) -> None:
    fig = Figure(figsize=(10, 7), dpi=110)
    axes = fig.subplots(len(series), 1, sharex=True)
    for ax, (label, rows) in zip(axes, series.items(), strict=True):
        if rows:
            ax.bar([r[0] for r in rows], [r[1] for r in rows], width=25, color="#2e6f95")
        ax.set_ylabel("per month")
        ax.set_title(label[0].upper() + label[1:], fontsize=10, loc="left")
        ax.grid(axis="y", alpha=0.3)
    fig.suptitle("Monthly trends (official violations and effective actions only)")
    fig.tight_layout()
    fig.savefig(out)


def render(home: Home) -> Charts:
    """Draw the pictures from the warehouse into ``docs/`` and copy them to ``reports/``."""
    if not home.warehouse.exists():
        raise StormwaterError(f"charts: no warehouse at {home.warehouse}: run stormwater build first")
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        points = _facilities(con)
        series = _monthly(con)
    except duckdb.Error as exc:
        raise StormwaterError(f"charts: the warehouse lacks a mart the pictures need: {exc}") from exc
    finally:
        con.close()
    docs = home.root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    home.reports.mkdir(parents=True, exist_ok=True)
    _draw_map(points, docs / MAP_FILE)
    _draw_trends(series, docs / TRENDS_FILE)
    files = []
    for name in (MAP_FILE, TRENDS_FILE):
        files.append(docs / name)
        files.append(Path(shutil.copy2(docs / name, home.reports / name)))
    return Charts(files=files)


@contextmanager
def rendering(home: Home) -> Iterator[Callable[[], Charts]]:
    """:func:`render` in a child process while the caller works on (``stormwater validate``
    runs its suites meanwhile: on two cores the pictures then cost no wall time). Call the
    yielded function for the result; a failure in the child is raised there."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        future = pool.submit(render, home)
        yield future.result
