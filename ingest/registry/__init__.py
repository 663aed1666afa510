"""The dataset registry: one place that knows every dataset, its CKAN resources and columns.

Built from the reference files vendored in ``ingest/registry/reference`` (copies of
``../shared/reference``; ``tests/test_registry.py`` proves they are identical). The sample
generator, the ingester and the dbt sources all read their column lists from here. The list
of dataset keys itself is the dbt var ``dataset_keys`` in ``dbt_project.yml``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ingest.project import dbt_var

ESMR_KEY = "esmr"
"""The one dataset published as a resource per sampling year."""
DATASET_KEYS: tuple[str, ...] = tuple(str(k) for k in dbt_var("dataset_keys"))
"""Every dataset, in the contract's order (the dbt var ``dataset_keys``)."""
if ESMR_KEY not in DATASET_KEYS:
    raise KeyError(f"dbt var 'dataset_keys' does not list {ESMR_KEY!r}")


@dataclass(frozen=True)
class Column:
    """One column of an official data dictionary."""

    position: int
    name: str
    type: str
    label: str
    description: str

    @property
    def is_money(self) -> bool:
        """A number the dictionary calls monetary (assessments, payments, costs), not any
        "amount" (rainfall)."""
        return self.type == "numeric" and re.search(r"\bmonetary\b", self.description, re.IGNORECASE) is not None


@dataclass(frozen=True)
class Dataset:
    """A published dataset: where it lives on the portal and what its header must be."""

    key: str
    ckan_dataset: str
    title: str
    resource_ids: tuple[str, ...]
    columns: tuple[Column, ...]
    approx_rows: int | None
    yearly: bool
    """True when the dataset is published as one resource per sampling year (eSMR)."""
    year_resource_ids: tuple[tuple[int, str], ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _reference_rows(name: str) -> list[dict[str, str]]:
    text = resources.files(__name__).joinpath("reference", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _columns(key: str) -> tuple[Column, ...]:
    rows = _reference_rows(f"data_dictionary/{key}.csv")
    cols = tuple(
        Column(int(r["position"]), r["column"], r["type"], r["label"], r["description"])
        for r in rows
    )
    positions = [c.position for c in cols]
    if positions != list(range(1, len(cols) + 1)):
        raise ValueError(f"data dictionary for {key}: positions are not 1..{len(cols)}")
    return cols


@cache
def registry() -> dict[str, Dataset]:
    """All datasets by key, in the contract's order."""
    resources_by_key = {r["dataset_key"]: r for r in _reference_rows("ckan_resources.csv")}
    years = tuple(
        sorted((int(r["year"]), r["resource_id"]) for r in _reference_rows("esmr_year_resources.csv"))
    )
    out: dict[str, Dataset] = {}
    for key in DATASET_KEYS:
        row = resources_by_key[key]
        yearly = key == ESMR_KEY
        approx = row.get("approx_rows", "").strip()
        out[key] = Dataset(
            key=key,
            ckan_dataset=row["ckan_dataset"],
            title=row["resource_title"],
            resource_ids=tuple(rid for _, rid in years) if yearly else (row["resource_id"],),
            columns=_columns(key),
            approx_rows=int(approx) if approx else None,
            yearly=yearly,
            year_resource_ids=years if yearly else (),
        )
    return out


def get(key: str) -> Dataset:
    try:
        return registry()[key]
    except KeyError:
        known = ", ".join(DATASET_KEYS)
        raise KeyError(f"unknown dataset key {key!r}; known keys: {known}") from None


def parse_keys(spec: str | None) -> list[str]:
    """Parse ``k1,k2`` into registry keys (all keys when empty), rejecting unknown ones."""
    if not spec:
        return list(DATASET_KEYS)
    keys = [k.strip() for k in spec.split(",") if k.strip()]
    for k in keys:
        get(k)
    return keys


_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")


def year_in(text: str) -> int | None:
    """The first plausible sampling year named in a resource title or file name."""
    m = _YEAR.search(text or "")
    return int(m.group(1)) if m else None
