"""Nothing in the pipeline crashes on a value: the full pipeline over ``stormwater sample --messy``.

A fraction of every column of every dataset is blanked, garbled or emptied (ingest/sample/messy.py);
the pipeline must still exit 0, account for every raw row, and report every invalid value.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from ingest.cli import main
from ingest.registry import DATASET_KEYS
from tests.conftest import AS_OF
from tests.helpers import change_one_percent, sql, tables_digest
from tools.codegen.staging_spec import MODELS


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """(sample, home, exit status of ``stormwater run``) for a small messy sample."""
    out = tmp_path_factory.mktemp("messy_sample")
    assert main(["sample", "--out", str(out), "--scale", "0.0005", "--seed", "11",
                 "--as-of", AS_OF.isoformat(), "--messy"]) == 0
    home = tmp_path_factory.mktemp("messy_home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STORMWATER_HOME", str(home))
        status = main(["run", "--source", str(out)])
    return out, home, status


def test_every_dataset_and_column_type_got_messy_values(messy: tuple[Path, Path, int]) -> None:
    out, _, _ = messy
    truth = json.loads((out / "truth" / "messy.json").read_text())
    assert truth["fraction"] == 0.02
    assert set(truth["injected"]) == set(DATASET_KEYS)
    for key, kinds in truth["injected"].items():
        for kind in ("text:missing", "text:quotes", "text:non_ascii", "text:long", "text:number",
                     "numeric:invalid"):
            assert kinds.get(kind, 0) > 0, (key, kind)
    assert all(k.get("timestamp:invalid", 0) > 0 for k in truth["injected"].values())


def test_the_pipeline_exits_0_on_messy_data(messy: tuple[Path, Path, int]) -> None:
    assert messy[2] == 0


def test_every_raw_row_is_accounted_for(messy: tuple[Path, Path, int]) -> None:
    _, home, _ = messy
    for m in MODELS:
        raw = sql(home, f"""select count(*) from read_parquet('{home}/landed/{m.key}/*.parquet',
                            union_by_name = true)""")[0][0]
        staged = sql(home, f"select count(*) from staging.{m.name}")[0][0]
        set_aside = sql(home, f"""select count(*) from marts.data_quality_issues
                                  where dataset_key = '{m.key}' and action in ('rejected', 'de-duplicated')""")[0][0]
        assert raw == staged + set_aside, (m.key, raw, staged, set_aside)
        assert raw > 0


def test_invalid_values_are_in_the_ledger(messy: tuple[Path, Path, int]) -> None:
    out, home, _ = messy
    ledger = {tuple(r) for r in sql(home, """
        select dataset_key, column_name, raw_value from marts.data_quality_issues where action = 'nulled'""")}
    with (out / "truth" / "messy_values.csv").open(newline="", encoding="utf-8") as fh:
        # Text in number, date and coordinate columns, impossible coordinates; a row whose key was
        # also blanked is rejected whole, so only rows with one messy cell are checked.
        injected = [r for r in csv.DictReader(fh) if r["only_messy_cell_of_row"] == "Y"]
    assert len(injected) > 500
    missing = [r for r in injected if (r["dataset_key"], r["column_name"], r["raw_value"]) not in ledger]
    assert missing == []


def test_rows_without_a_record_key_are_rejected_not_lost(messy: tuple[Path, Path, int]) -> None:
    _, home, _ = messy
    rejected = sql(home, """select count(*) from marts.data_quality_issues
                            where issue = 'rejected: no record key'""")[0][0]
    assert rejected > 0


FACTS_WITH_AN_APPLICATION = {"fct_violations": ("violations", "violation_id"),
                             "fct_inspections": ("inspections", "inspection_id"),
                             "fct_enforcement_actions": ("enforcement_actions", "enforcement_id")}


@pytest.mark.parametrize("fact", sorted(FACTS_WITH_AN_APPLICATION))
def test_facts_keep_rows_without_an_application_key_and_the_ledger_lists_them(
        messy: tuple[Path, Path, int], fact: str) -> None:
    """One row per published record: a record without its WDID or APP_ID stays in its fact with
    NULL keys, and exactly those records are in the ledger as 'no application key'."""
    _, home, _ = messy
    dataset_key, id_column = FACTS_WITH_AN_APPLICATION[fact]
    staged = sql(home, f"select count(*) from staging.stg_smarts__{dataset_key}")[0][0]
    assert sql(home, f"select count(*) from marts.{fact}")[0][0] == staged
    null_keys = {r[0] for r in sql(home, f"""
        select s.record_key from marts.{fact} f
        join staging.stg_smarts__{dataset_key} s on f.{id_column} = s.{id_column}
        where f.wdid is null or f.app_id is null""")}
    ledger = {r[0] for r in sql(home, f"""
        select record_key from marts.data_quality_issues
        where dataset_key = '{dataset_key}' and issue = 'no application key'""")}
    assert null_keys and null_keys == ledger


def test_results_without_a_key_or_parameter_are_excluded_from_the_nal_rule_with_a_reason(
        messy: tuple[Path, Path, int]) -> None:
    _, home, _ = messy
    excluded = dict(sql(home, """select reason, sum(result_count) from marts.nal_result_exclusions
                                 where evaluation = 'industrial_nal' group by 1"""))
    assert excluded.get("no application key", 0) > 0
    assert excluded.get("no parameter", 0) > 0
    assert sql(home, """select count(*) from intermediate.int_nal_results_prepared
                        where wdid is null or app_id is null or parameter is null""")[0][0] == 0


def test_validation_expectations_read_nan_and_none_as_null() -> None:
    import great_expectations as gx
    import pandas as pd

    from ingest.warehouse import validation as v

    frame = pd.DataFrame({"x": [1.0, float("nan"), None, 3.0], "s": ["a", None, float("nan"), "b"],
                          "empty": [None, None, None, None]})
    suite = v.Suite("nan", "", [v._between("x", 0, 5), v._in_set("s", ["a", "b"]), v._not_null("x", 0.5),
                                v._between("empty", 0, 1), v._not_null("empty")])
    context = gx.get_context(mode="ephemeral")
    outcomes = v.validate_frame(context, context.data_sources.add_pandas("t"), suite, frame)
    assert [o.success for o in outcomes] == [True, True, True, True, False]
    assert outcomes[-1].observed.startswith("4 unexpected")


def test_an_incremental_build_on_messy_data_equals_a_rebuild_from_scratch(
        messy: tuple[Path, Path, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """On copies of the messy sample and home: 1% of industrial monitoring changes and the build is
    incremental; a rebuild from scratch of the same landing agrees with it, also in the marts the
    incremental build left alone (ties in a most-used name, differing coordinates of one location:
    the same answer on every build)."""
    sample, home, _ = messy
    source, warm, fresh = tmp_path / "source", tmp_path / "warm", tmp_path / "fresh"
    shutil.copytree(sample, source)
    shutil.copytree(home, warm)  # copy2 keeps the times: the landing is unchanged
    assert change_one_percent(source / "industrial_monitoring.csv") > 0
    monkeypatch.setenv("STORMWATER_HOME", str(warm))
    assert main(["-q", "ingest", "--source", str(source), "--datasets", "industrial_monitoring"]) == 0
    capsys.readouterr()
    assert main(["-q", "build"]) == 0
    assert "the monitoring tables add the new rows and drop the vanished ones" in capsys.readouterr().out
    shutil.copytree(warm / "landed", fresh / "landed")
    shutil.copytree(warm / "manifest", fresh / "manifest")
    monkeypatch.setenv("STORMWATER_HOME", str(fresh))
    assert main(["-q", "build"]) == 0
    for schema, tables in (("marts", 20), ("staging", 9)):
        incremental, full = tables_digest(warm, schema), tables_digest(fresh, schema)
        assert len(full) >= tables, schema
        assert {t: d for t, d in incremental.items() if full.get(t) != d} == {}, schema
