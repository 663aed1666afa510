from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from ingest.sample import generate

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
