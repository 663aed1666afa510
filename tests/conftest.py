from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from ingest.cli import main
from ingest.sample import generate
from tests.helpers import build, rewrite_csv

AS_OF = date(2026, 10, 31)
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def sample_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated sample (the generator's floors), made once per test session."""
    out = tmp_path_factory.mktemp("sample")
    generate(out, scale=0.0005, seed=7, as_of=AS_OF)
    return out


@pytest.fixture
def source_dir(sample_source: Path, tmp_path: Path) -> Path:
    """A private copy of the sample that a test may change."""
    dst = tmp_path / "source"
    shutil.copytree(sample_source, dst, ignore=shutil.ignore_patterns("truth"))
    return dst


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("STORMWATER_HOME", str(h))
    monkeypatch.setenv("STORMWATER_HTTP_BACKOFF", "0.01")
    monkeypatch.setenv("STORMWATER_HTTP_RETRIES", "3")
    return h


@pytest.fixture(scope="session")
def garbage_warehouse(sample_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with hand-made garbage in four datasets, ingested and built."""
    src = tmp_path_factory.mktemp("garbage_source")
    for f in sample_source.glob("*.csv"):
        shutil.copy(f, src / f.name)

    def enforcement(rows: list[dict]) -> None:
        rows[0]["TOTAL_ASSESSMENT"] = "twelve thousand"
        rows[1]["RECEIVED_AMOUNT"] = "1e20"  # a number, but no payment is that big
        rows[0]["ISSUANCE_DATE"] = "2109-13-45"

    def facilities(rows: list[dict]) -> None:
        rows[0]["FACILITY_LATITUDE"] = "340.5"
        rows[1]["INDIRECTLY"] = "Q"

    def violations(rows: list[dict]) -> None:
        rows[0]["VIOLATION_ID"] = "NA"  # no record key: rejected
        rows[2]["OCCURRENCE_DATE"] = "0019-05-02"
        rows.append(dict(rows[3]))  # same key, different content: de-duplicated
        rows[-1]["DESCRIPTION"] = "a second version of the same violation"

    rewrite_csv(src / "enforcement_actions.csv", enforcement)
    rewrite_csv(src / "industrial_facilities.csv", facilities)
    rewrite_csv(src / "violations.csv", violations)
    home = tmp_path_factory.mktemp("garbage_home")
    os.environ["STORMWATER_HOME"] = str(home)
    assert main(["ingest", "--source", str(src)]) == 0
    assert build(home) == 0
    return home
