"""The dbt project this package drives: where it is, and the constants it declares.

Every constant shared by SQL and Python (dataset keys, region codes, California's bounds, rule
thresholds) is a dbt var in ``dbt_project.yml``. Python reads it from there through
:func:`dbt_vars` and never keeps a copy of its own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[1]
"""The repository root: ``dbt_project.yml``, ``profiles.yml``, ``models/`` and ``seeds/``."""


@cache
def dbt_vars() -> dict[str, Any]:
    """The ``vars:`` block of ``dbt_project.yml``."""
    path = PROJECT_DIR / "dbt_project.yml"
    try:
        project = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuntimeError(f"cannot read the dbt project's vars from {path}: {exc}") from exc
    return dict(project.get("vars") or {})


def dbt_var(name: str) -> Any:
    """One dbt var; a missing one is a programming error, named."""
    try:
        return dbt_vars()[name]
    except KeyError:
        raise KeyError(f"dbt var {name!r} is not declared in dbt_project.yml") from None
