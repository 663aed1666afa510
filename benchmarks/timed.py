"""Run one benchmark step as a child process under ``/usr/bin/time -v`` and read its wall time and peak RSS."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

TIME = "/usr/bin/time"
_WALL = re.compile(r"Elapsed \(wall clock\) time \([^)]*\):\s*([\d:.]+)")
_RSS = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")


@dataclass(frozen=True)
class Measured:
    """One step: its wall time, the peak RSS of its largest process, its exit status and log."""

    step: str
    wall_s: float
    peak_rss_mb: float
    exit_code: int
    log: Path

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


def parse_elapsed(text: str) -> float:
    """``h:mm:ss`` or ``m:ss.ss`` as written by GNU time, in seconds."""
    seconds = 0.0
    for part in text.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def parse_time_v(report: str) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) from the output of ``/usr/bin/time -v``."""
    wall, rss = _WALL.search(report), _RSS.search(report)
    if not wall or not rss:
        raise ValueError(f"not the output of {TIME} -v: {report[:200]!r}")
    return parse_elapsed(wall.group(1)), int(rss.group(1)) / 1024


def check_time_available() -> None:
    if not Path(TIME).is_file() and not shutil.which("time"):
        raise SystemExit(f"benchmark: {TIME} is missing (Debian package 'time'): it measures wall time and peak RSS")


def run_timed(step: str, cmd: Sequence[str], env: Mapping[str, str], log_dir: Path, cwd: Path) -> Measured:
    """Run ``cmd`` under ``/usr/bin/time -v``; its output goes to ``log_dir/<slug>.log``."""
    slug = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")
    log, time_file = log_dir / f"{slug}.log", log_dir / f"{slug}.time"
    with log.open("w") as out:
        out.write("$ " + " ".join(cmd) + "\n")
        out.flush()
        proc = subprocess.run([TIME, "-v", "-o", str(time_file), *cmd], stdout=out, stderr=subprocess.STDOUT,
                              env=dict(env), cwd=cwd, check=False)
    report = time_file.read_text() if time_file.exists() else ""
    if not report.strip():  # time itself was killed (a signal to the whole process group, say)
        with log.open("a") as out:
            out.write(f"\nbenchmark: {TIME} wrote no report (exit {proc.returncode}): the step was killed\n")
        return Measured(step, float("nan"), float("nan"), proc.returncode or -1, log)
    wall, rss = parse_time_v(report)
    return Measured(step, wall, rss, proc.returncode, log)
