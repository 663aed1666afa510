"""The registry is the one source of column lists, and it matches the official reference."""

from __future__ import annotations

import csv
import filecmp
from pathlib import Path

import pytest

from ingest import registry
from ingest.landing.parquet import read_header
from ingest.project import dbt_var
from tests.conftest import SHARED

REFERENCE = SHARED / "reference"
VENDORED = Path(registry.__file__).parent / "reference"
needs_shared = pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference not beside the repo")


@needs_shared
def test_vendored_reference_is_identical_to_shared() -> None:
    names = ["ckan_resources.csv", "esmr_year_resources.csv"] + [
        f"data_dictionary/{k}.csv" for k in registry.DATASET_KEYS]
    for name in names:
        assert filecmp.cmp(VENDORED / name, REFERENCE / name, shallow=False), name


@needs_shared
@pytest.mark.parametrize("key", registry.DATASET_KEYS)
def test_registry_columns_are_the_data_dictionary(key: str) -> None:
    with (REFERENCE / "data_dictionary" / f"{key}.csv").open(newline="") as fh:
        expected = [r["column"] for r in csv.DictReader(fh)]
    assert list(registry.get(key).column_names) == expected


@needs_shared
@pytest.mark.parametrize("key", registry.DATASET_KEYS)
def test_generated_headers_equal_the_data_dictionary(key: str, sample_source: Path) -> None:
    with (REFERENCE / "data_dictionary" / f"{key}.csv").open(newline="") as fh:
        expected = [r["column"] for r in csv.DictReader(fh)]
    files = sorted(sample_source.glob("esmr_*.csv" if key == "esmr" else f"{key}.csv"))
    assert files
    for f in files:
        assert read_header(f) == expected, f.name


def test_registry_knows_the_portal_resources() -> None:
    reg = registry.registry()
    assert list(reg) == list(registry.DATASET_KEYS)
    assert reg["violations"].resource_ids == ("9b69a654-0c9a-4865-8d10-38c55b1b8c58",)
    esmr = reg["esmr"]
    assert esmr.yearly and dict(esmr.year_resource_ids)[2024] == "7adb8aea-62fb-412f-9e67-d13b0729222f"
    typos = set(reg["construction_facilities"].column_names)
    assert {"CONSTRUCTION_COMMERTIAL", "CONSTRUCTION_OTHER_DESRIPTION"} <= typos


def test_dataset_keys_are_the_dbt_var() -> None:
    assert tuple(dbt_var("dataset_keys")) == registry.DATASET_KEYS
    assert registry.ESMR_KEY in registry.DATASET_KEYS


def test_unknown_key_is_named() -> None:
    with pytest.raises(KeyError, match="unknown dataset key 'esmrr'"):
        registry.parse_keys("esmr,esmrr")
