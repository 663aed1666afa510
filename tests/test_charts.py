"""stormwater charts draws the pictures, and the docs site's overview shows them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from matplotlib.image import imread

from ingest.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PICTURES = ("facility_map.png", "monthly_trends.png")


def _is_a_picture(path: Path) -> bool:
    pixels = imread(path)
    return pixels.shape[0] > 300 and pixels.shape[1] > 300 and float(pixels[..., :3].std()) > 0.02


@pytest.fixture(scope="module")
def charted(garbage_warehouse: Path) -> Path:
    import os

    os.environ["STORMWATER_HOME"] = str(garbage_warehouse)
    assert main(["charts"]) == 0
    return garbage_warehouse


def test_charts_are_drawn_into_docs_and_reports(charted: Path) -> None:
    for name in PICTURES:
        for folder in ("docs", "reports"):
            assert _is_a_picture(charted / folder / name), f"{folder}/{name} is blank or missing"


def test_charts_fail_in_one_line_without_a_warehouse(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("STORMWATER_HOME", str(tmp_path))
    assert main(["charts"]) != 0
    assert "charts: no warehouse" in capsys.readouterr().err


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_docs_overview_shows_the_charts(charted: Path, tmp_path: Path) -> None:
    assert main(["docs"]) == 0
    site = charted / "docs"

    def chromium(*args: str) -> str:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
             "--virtual-time-budget=20000", *args],
            capture_output=True, text=True, timeout=180, check=False).stdout

    dom = chromium("--dump-dom", f"file://{site / 'index.html'}#!/overview")
    for name in PICTURES:
        assert f'<img src="{name}"' in dom, f"the overview page does not show {name}"
    # The browser decodes the files beside index.html: a probe page records each one's naturalWidth.
    probe = site / "_probe.html"
    probe.write_text("<body>" + "".join(
        f'<img src="{n}" onload="document.body.dataset.w{i} = this.naturalWidth">' for i, n in enumerate(PICTURES)
    ) + "</body>")
    try:
        probed = chromium("--dump-dom", f"file://{probe}")
    finally:
        probe.unlink()
    for i in range(len(PICTURES)):
        assert f'data-w{i}="' in probed and f'data-w{i}="0"' not in probed
    shot = tmp_path / "overview.png"
    chromium(f"--screenshot={shot}", "--window-size=1400,2000", f"file://{site / 'index.html'}#!/overview")
    assert _is_a_picture(shot)
