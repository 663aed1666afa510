"""Property-based tests (hypothesis): name matching and the cleaning rules never raise on any value.

The cleaning macros (macros/cleaning.sql) are compiled once by dbt itself (``dbt compile --inline``
of one query that applies ``clean(kind, col)`` and ``dq_issue(kind, col)`` for every kind), and
the compiled SQL is then run in DuckDB over arbitrary text.
"""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.home import Home
from ingest.matching.names import name_score, normalize
from ingest.project import PROJECT_DIR
from ingest.warehouse.dbt import dbt_command
from tools.codegen.staging_spec import PARSED_KINDS

ANY_VALUE = st.one_of(
    st.text(), st.none(), st.just(float("nan")), st.floats(), st.integers(),
    st.text(alphabet=" \t\"',#&.-()NAaSDWwtp0123456789éñ💧", max_size=30),
    st.sampled_from(["", "   ", "NA", "NaN", '"', "x" * 5000, "City of Fresno WWTP", "SBWRP", "No. 4"]),
)
NAME_LIKE = st.lists(st.sampled_from(
    ["City of ", "Fresno ", "South ", "Bay ", "Water ", "Reclamation ", "Plant ", "No. ", "4 ", "1 ", "#",
     "SD ", "WWTP ", "Yard ", "Regional ", "XYZ ", "Inc ", "é", "'", '"', ",", " "]), max_size=12).map("".join)


@given(ANY_VALUE)
def test_normalize_never_raises_and_gives_plain_tokens(value: object) -> None:
    out = normalize(value)
    assert isinstance(out, str)
    assert out == out.strip() and "  " not in out
    assert all(t.isascii() and t.isalnum() and t == t.lower() for t in out.split())


@given(ANY_VALUE, ANY_VALUE)
def test_name_score_is_a_symmetric_fraction(a: object, b: object) -> None:
    ab, ba = name_score(normalize(a), normalize(b)), name_score(normalize(b), normalize(a))
    assert 0.0 <= ab <= 1.0 and not math.isnan(ab)
    assert ab == pytest.approx(ba)
    assert 0.0 <= name_score(a, b) <= 1.0  # raw values too: never raises


@given(st.one_of(NAME_LIKE, ANY_VALUE))
def test_a_name_matches_itself(value: object) -> None:
    n = normalize(value)
    assert name_score(n, n) == (1.0 if n else 0.0)


@given(NAME_LIKE, st.integers(1, 30), st.integers(1, 30))
def test_plant_numbers_must_agree(base: str, x: int, y: int) -> None:
    a, b = normalize(f"{base} Plant No. {x}"), normalize(f"{base} Plant #{y}")
    if x != y:
        assert name_score(a, b) <= 0.3
    else:
        assert name_score(a, b) == 1.0


KINDS = ("text", "id", "wdid", "region", "number", "money", "integer", "date", "flag", "latitude", "longitude")
TYPED = ("region", "number", "money", "integer", "date", "flag", "latitude", "longitude")
MISSING = {"", "NA", "NaN", "N/A", "nan", "NULL"}


def compile_inline(home: Home, query: str) -> str:
    cmd, env = dbt_command(home, ["compile", "--inline", query, "--output", "json"],
                           home.root / "compile.duckdb", verbosity=-1)
    done = subprocess.run(cmd, env=env, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(done.stdout[done.stdout.index("{"):])["compiled"]


@pytest.fixture(scope="module")
def cleaning_sql(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One select over ``messy_input(raw)`` with every kind's cleaned value and ledger issue,
    each kind twice: parsing inline (``clean(kind, col)``) and from a column parsed beforehand
    (``parse()`` then ``clean(kind, col, parsed=true)``, as the staging models do)."""
    home = Home(tmp_path_factory.mktemp("compile_home"))
    home.root.mkdir(parents=True, exist_ok=True)
    columns = ", ".join(f"{{{{ clean('{k}', 'raw') }}}} as value_{k}, {{{{ dq_issue('{k}', 'raw') }}}} as issue_{k}"
                        for k in KINDS)
    parsed = ", ".join(
        f"(select {{{{ clean('{k}', 'raw', parsed=true) }}}} from (select raw, {{{{ parse('{k}', 'raw') }}}}"
        f" as {{{{ parsed_name('raw') }}}})) as parsed_value_{k}, "
        f"(select {{{{ dq_issue('{k}', 'raw', parsed=true) }}}} from (select raw, {{{{ parse('{k}', 'raw') }}}}"
        f" as {{{{ parsed_name('raw') }}}})) as parsed_issue_{k}"
        for k in PARSED_KINDS)
    return compile_inline(home, f"select raw, trim(raw) as trimmed, {columns}, {parsed} from messy_input")


RAW = st.one_of(
    st.text(), st.text(alphabet=" 0123456789.-+eE,/:NAYnyTtrufalsFSRgion", max_size=25),
    st.sampled_from(["", "  ", " NA ", "NaN", "Y", "n", "5S", "Region 4", "1 08I004046", "2024-02-30",
                     "0019-05-02", "12/31/2020", "34.05", "-118.2", "340.5", "1e400", "inf", "-nan",
                     "1,234.5", "1e20", "-12,345.678", "x" * 5000, '"', "'; drop table x; --", "💧"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(RAW, min_size=1, max_size=20))
def test_cleaning_never_raises_and_invalid_values_are_reported(cleaning_sql: str, raws: list[str]) -> None:
    raws = [r.replace("\x00", "") for r in raws]
    with duckdb.connect() as con:
        con.execute("create table messy_input (raw varchar)")
        con.executemany("insert into messy_input values (?)", [(r,) for r in raws])
        cur = con.execute(cleaning_sql)
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    assert len(rows) == len(raws)
    for row in rows:
        raw = row["raw"]
        missing = row["trimmed"] in MISSING  # DuckDB's trim, as the macros use it
        for kind in KINDS:
            value, issue = row[f"value_{kind}"], row[f"issue_{kind}"]
            if missing:
                assert value is None and issue is None, (kind, raw)
            if kind in TYPED and not missing:
                # Kept, or NULL and reported, never both and never neither.
                assert (value is None) == (issue is not None), (kind, raw, value, issue)
            if issue is not None:
                assert issue["raw_value"] == raw and issue["column_name"] == "raw"
        if not missing:
            assert row["value_text"] == row["trimmed"]
        for kind in PARSED_KINDS:  # parsing once gives what parsing inline gives
            assert row[f"parsed_value_{kind}"] == row[f"value_{kind}"], (kind, raw)
            assert row[f"parsed_issue_{kind}"] == row[f"issue_{kind}"], (kind, raw)


def test_messy_cli_flag_defaults_to_two_percent() -> None:
    from ingest.cli import parser

    assert parser().parse_args(["sample", "--out", "x", "--messy"]).messy == 0.02
    assert parser().parse_args(["sample", "--out", "x", "--messy", "0.1"]).messy == 0.1
    assert parser().parse_args(["sample", "--out", "x"]).messy == 0.0


def test_cleaning_sql_is_from_the_macros(cleaning_sql: str) -> None:
    assert "try_cast" in cleaning_sql and "messy_input" in cleaning_sql
    assert Path(PROJECT_DIR / "macros" / "cleaning.sql").exists()
