"""Every example query in analyses/ runs on the sample warehouse and answers something."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import sql

ANALYSES = sorted((Path(__file__).resolve().parents[1] / "analyses").glob("*.sql"))


def test_there_are_analyses() -> None:
    assert len(ANALYSES) >= 5


@pytest.mark.parametrize("query", ANALYSES, ids=lambda p: p.stem)
def test_analysis_returns_rows(query: Path, garbage_warehouse: Path) -> None:
    text = query.read_text(encoding="utf-8")
    assert "{{" not in text, f"{query.name}: analyses are plain SQL an analyst can .read"
    assert sql(garbage_warehouse, text), f"{query.name} returned no rows on the sample warehouse"
