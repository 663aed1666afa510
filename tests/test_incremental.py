"""Incremental runs: nothing changed is no dbt work at all; a changed dataset or model rebuilds
only what depends on it, and the result equals a full rebuild from the same landing."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ingest.cli import main
from ingest.home import Home
from ingest.project import PROJECT_DIR
from ingest.warehouse import build_state, validation
from ingest.warehouse.build_state import Fingerprint, WarehouseSignature
from tests.helpers import change_one_percent, tables_digest

PROJECT_PARTS = ("models", "macros", "seeds", "snapshots", "tests/dbt", "analyses", "dbt_project.yml", "profiles.yml")


@dataclass
class Built:
    home: Path
    source: Path
    project: Path


def _use(home: Path) -> None:
    os.environ["STORMWATER_HOME"] = str(home)


@pytest.fixture(scope="module")
def built(sample_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The small sample ingested and built once, against a private copy of the dbt project (so
    a test may change a model without touching the repository)."""
    root = tmp_path_factory.mktemp("incremental")
    project = root / "project"
    for part in PROJECT_PARTS:
        src = PROJECT_DIR / part
        if src.is_dir():
            shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, project / part)
    source = root / "source"
    shutil.copytree(sample_source, source, ignore=shutil.ignore_patterns("truth"))
    home = root / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("ingest.warehouse.dbt.PROJECT_DIR", project)
        mp.setenv("STORMWATER_HOME", str(home))
        assert main(["-q", "run", "--source", str(source)]) == 0
        yield Built(home, source, project)


def _run(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, str]:
    _use(home)
    code = main(["-q", *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def _executed(home: Path) -> set[str]:
    """The models and snapshots the last dbt build ran."""
    results = json.loads((home / "target" / "run_results.json").read_text())["results"]
    return {r["unique_id"] for r in results if r["unique_id"].startswith(("model.", "snapshot."))}


def _descendants(home: Path, roots: list[str]) -> set[str]:
    """Every model and snapshot downstream of ``roots``, from dbt's own manifest."""
    children = json.loads((home / "target" / "manifest.json").read_text())["child_map"]
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return {n for n in seen if n.startswith(("model.", "snapshot."))}


def _all_models(home: Path) -> set[str]:
    nodes = json.loads((home / "target" / "manifest.json").read_text())["nodes"]
    return {n for n, v in nodes.items() if v["resource_type"] in ("model", "snapshot")}


def test_nothing_changed_is_no_dbt_work_and_a_changed_dataset_rebuilds_its_dependants(
        built: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ingest.warehouse.dbt.PROJECT_DIR", built.project)
    home = built.home
    watched = [home / "warehouse.duckdb", home / "target" / "run_results.json", home / "logs" / "dbt.log",
               home / "reports" / "validation.json"]
    before = [p.stat().st_mtime_ns for p in watched]

    code, out = _run(capsys, home, "run", "--source", str(built.source))
    assert code == 0, out
    assert "stormwater run: nothing changed since the last build" in out and "dbt did not run" in out
    assert "validation: reused, nothing changed since it ran at " in out
    assert [p.stat().st_mtime_ns for p in watched] == before, "dbt, the warehouse or validation was touched"

    # About 1% of industrial monitoring changes: values, deleted rows, new rows.
    rows = change_one_percent(built.source / "industrial_monitoring.csv")
    assert rows >= 100
    code, out = _run(capsys, home, "run", "--source", str(built.source))
    assert code == 0, out
    assert "incremental build (landing changed: industrial_monitoring; new import-log attempts)" in out
    assert "the monitoring tables add the new rows and drop the vanished ones" in out
    ran = _executed(home)
    expected = _descendants(home, ["source.stormwater.smarts.industrial_monitoring",
                                   "source.stormwater.landing.import_log"])
    assert ran == expected
    assert "snapshot.stormwater.status_snapshot" in ran and "model.stormwater.import_log" in ran
    assert "model.stormwater.stg_smarts__violations" not in ran and ran < _all_models(home)
    # The freshness check ran (in the build's dbt process) and the validation has every suite,
    # the landed-data ones included (they ran beside the build).
    freshness = json.loads((home / "target" / "sources.json").read_text())["results"]
    assert len(freshness) == 8 and {r["status"] for r in freshness} == {"pass"}
    validated = {r["suite"] for r in json.loads((home / "reports" / "validation.json").read_text())["results"]}
    assert validated == {suite.name for suite in validation.suites(Home(home))}
    assert any(name.startswith("landed.") for name in validated)

    # A full rebuild from scratch on the same landing, in another home, has the same marts.
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copytree(home / "landed", fresh / "landed")
    shutil.copytree(home / "manifest", fresh / "manifest")
    code, out = _run(capsys, fresh, "build")
    assert code == 0, out
    assert "full build: first build" in out
    for schema, tables in (("marts", 20), ("staging", 9)):
        incremental, full = tables_digest(home, schema), tables_digest(fresh, schema)
        assert incremental.keys() == full.keys() and len(full) >= tables, schema
        assert {t: d for t, d in incremental.items() if full[t] != d} == {}, schema


def test_a_changed_model_rebuilds_it_and_its_dependants_only(
        built: Built, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ingest.warehouse.dbt.PROJECT_DIR", built.project)
    model = next(built.project.glob("models/**/int_nal_results_prepared.sql"))
    model.write_text("/* changed by a test */\n" + model.read_text())

    code, out = _run(capsys, built.home, "build")
    assert code == 0, out
    assert "project files changed: " + str(model.relative_to(built.project)) in out
    ran = _executed(built.home)
    changed = "model.stormwater.int_nal_results_prepared"
    assert ran == {changed} | _descendants(built.home, [changed])
    assert "snapshot.stormwater.status_snapshot" not in ran and ran < _all_models(built.home)

    code, out = _run(capsys, built.home, "build")
    assert code == 0 and "nothing changed since the last build" in out, out


def _fingerprint(**changes: object) -> Fingerprint:
    base = Fingerprint(project={"models/a.sql": "1", "dbt_project.yml": "2"}, dbt_vars="v", profile="p",
                       tools={"dbt-core": "1.11"}, args=[], model_python="g",
                       datasets={"violations": "d1", "esmr": "d2"}, landing="l")
    return dataclasses.replace(base, **changes)


@pytest.fixture
def last_build(tmp_path: Path) -> Home:
    """A home whose last build was made from ``_fingerprint()``."""
    home = Home(tmp_path / "home")
    home.root.mkdir()
    home.warehouse.write_bytes(b"a warehouse")
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"sources": {
        "source.stormwater.smarts.violations": {"source_name": "smarts", "name": "violations"},
        "source.stormwater.esmr.esmr": {"source_name": "esmr", "name": "esmr"}}}))
    build_state.save(home, build_state.State("then", _fingerprint(), WarehouseSignature.of(home.warehouse)),
                     manifest)
    return home


@pytest.mark.parametrize(("current", "args", "full", "mode", "reason"), [
    ({}, [], False, "nothing", "nothing changed"),
    ({}, [], True, "full", "asked for (--full)"),
    ({}, ["--full-refresh"], False, "full", "asked for (--full-refresh)"),
    ({}, ["--select", "marts"], False, "as-asked", "the arguments select what to build"),
    ({}, ["--threads", "1"], False, "nothing", "nothing changed"),
    ({"args": ["--vars", "{x: 1}"]}, ["--vars", "{x: 1}"], False, "full", "the dbt arguments changed"),
    ({"dbt_vars": "w"}, [], False, "full", "the dbt vars in dbt_project.yml changed"),
    ({"profile": "q"}, [], False, "full", "profiles.yml changed"),
    ({"tools": {"dbt-core": "1.12"}}, [], False, "full", "the dbt versions changed"),
    ({"model_python": "h"}, [], False, "full",
     "the Python the dbt models import changed (ingest/compliance, ingest/matching)"),
    ({"datasets": {"violations": "d1", "esmr": "d3"}, "landing": "m"}, [], False, "incremental",
     "landing changed: esmr; new import-log attempts"),
    ({"project": {"models/a.sql": "9", "dbt_project.yml": "2"}}, [], False, "incremental",
     "project files changed: models/a.sql"),
    ({"datasets": {"violations": "d1", "esmr": "d2", "new_one": "x"}}, [], False, "full",
     "no dbt source for landed dataset new_one in the last build"),
])
def test_plan(last_build: Home, current: dict, args: list[str], full: bool, mode: str, reason: str) -> None:
    plan = build_state.plan(last_build, _fingerprint(**current), args, full=full)
    assert (plan.mode, plan.reason) == (mode, reason)


def test_plan_selects_what_changed(last_build: Home) -> None:
    plan = build_state.plan(last_build, _fingerprint(datasets={"violations": "x", "esmr": "d2"}, landing="m",
                                                     project={"models/a.sql": "9", "dbt_project.yml": "2"}), [])
    assert plan.dbt_args(last_build) == ["--select", "source:smarts.violations+", "source:landing.import_log+",
                                         "state:modified+", "--full-refresh",
                                         "--state", str(last_build.root / "build_state")]


def test_incremental_models_rebuild_from_scratch_unless_only_data_changed(last_build: Home) -> None:
    """New landings alone: the incremental monitoring tables add rows, and the unit tests (which
    do not read the data) are left out. A changed project file or a full build: they are rebuilt
    (--full-refresh) and the unit tests run."""
    data = build_state.plan(last_build, _fingerprint(datasets={"violations": "d1", "esmr": "d3"}), [])
    assert data.dbt_args(last_build) == ["--select", "source:esmr.esmr+", "--exclude-resource-type", "unit_test"]
    assert "the monitoring tables add the new rows and drop the vanished ones" in data.line(None)
    assert "no unit tests" in data.line(None)
    assert build_state.plan(last_build, _fingerprint(), [], full=True).dbt_args(last_build) == ["--full-refresh"]
    model = build_state.plan(last_build, _fingerprint(project={"models/a.sql": "9", "dbt_project.yml": "2"}), [])
    assert "--full-refresh" in model.dbt_args(last_build) and "--full-refresh" in model.line(None)
    assert "unit_test" not in model.dbt_args(last_build)
    assert build_state.plan(last_build, _fingerprint(), ["--select", "marts"]).dbt_args(last_build) == []


def test_incremental_models_read_only_content_keyed_datasets(built: Built) -> None:
    """The set difference of macros/increments.sql is exact only where a row's record_key is the
    hash of the row itself: every source upstream of an incremental model must be such a dataset."""
    from tools.codegen.staging_spec import MODELS

    keyless = {m.key for m in MODELS if not m.record_key}
    manifest = json.loads((built.home / "target" / "manifest.json").read_text())
    parents, nodes = manifest["parent_map"], manifest["nodes"]
    incremental = [n for n, v in nodes.items() if v["resource_type"] == "model"
                   and v["config"]["materialized"] == "incremental"]
    assert {n.split(".")[-1] for n in incremental} >= {"fct_monitoring_samples", "int_industrial_results_classified",
                                                      "int_nal_results_prepared", "stg_esmr__results",
                                                      "stg_smarts__industrial_samples",
                                                      "stg_smarts__construction_samples"}
    for model in incremental:
        seen, todo, sources = set(), [model], set()
        while todo:
            for parent in parents.get(todo.pop(), []):
                if parent.startswith("source."):
                    sources.add(parent.split(".")[-1])
                elif parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        assert sources and sources <= keyless, (model, sources - keyless)


def test_plan_is_full_without_state_or_with_another_warehouse(last_build: Home) -> None:
    last_build.warehouse.write_bytes(b"another warehouse")
    assert build_state.plan(last_build, _fingerprint(), []).reason == \
        "warehouse.duckdb is not the warehouse the last build published"
    build_state.forget(last_build)
    assert build_state.plan(last_build, _fingerprint(), []).reason.startswith("first build")


def test_a_warehouse_with_the_same_content_is_the_same_warehouse(last_build: Home) -> None:
    """A cache restore changes the file's time, not its content: still the warehouse last built."""
    os.utime(last_build.warehouse, ns=(1, 1))
    assert build_state.plan(last_build, _fingerprint(), []).mode == "nothing"


def test_only_skipped_attempts_leave_the_landing_unchanged(tmp_path: Path) -> None:
    home = Home(tmp_path)
    home.manifest.parent.mkdir(parents=True)
    home.manifest.write_text('{"dataset_key": "esmr", "status": "landed"}\n')
    first = build_state.landing_digest(home)
    with home.manifest.open("a") as fh:
        fh.write('{"dataset_key": "esmr", "status": "skipped"}\n')
    assert build_state.landing_digest(home) == first
    with home.manifest.open("a") as fh:
        fh.write('{"dataset_key": "esmr", "status": "failed"}\n')
    assert build_state.landing_digest(home) != first


def test_the_fingerprint_covers_the_python_the_models_import() -> None:
    """dbt cannot see a change in a package a Python model imports: every such package is in
    MODEL_PYTHON, whose digest makes the next build a full one."""
    imported = set()
    for model in (PROJECT_DIR / "models").rglob("*.py"):
        for line in model.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if len(words) > 1 and words[0] in ("from", "import") and words[1].startswith("ingest."):
                imported.add(words[1].replace(".", "/"))
    assert imported, "no Python model imports the ingest package any more: update this test"
    for module in imported:
        assert any(module.startswith(package) for package in build_state.MODEL_PYTHON), module


def test_a_changed_grammar_changes_the_fingerprint(tmp_path: Path) -> None:
    grammar = tmp_path / "ingest" / "compliance" / "units.py"
    grammar.parent.mkdir(parents=True)
    grammar.write_text("FACTOR = 1000\n")
    before = build_state._python_digest(tmp_path, build_state.MODEL_PYTHON)
    grammar.write_text("FACTOR = 0.001\n")
    assert build_state._python_digest(tmp_path, build_state.MODEL_PYTHON) != before
