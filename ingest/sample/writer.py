"""A CSV writer that speaks the published files' conventions and injects their quirks.

Rows are dicts keyed by the official column names; the writer puts them in the registry's
order, writes missing values the way the portal does (``NaN`` numbers, empty dates, empty or
``NA`` text), mangles a share of dates the way the portal's pipeline once did (``0019-05-02``,
``2109-01-01``) and repeats a share of rows exactly. Every injected quirk is counted so the
ground truth can say what the warehouse must find.
"""

from __future__ import annotations

import csv
import random
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from ingest.registry import Dataset
from ingest.sample.messy import Messer


@dataclass
class QuirkCounts:
    rows: int = 0
    """Data lines written, duplicates included."""
    exact_duplicates: int = 0
    impossible_dates: int = 0
    """Date values made impossible, counted once per distinct row that carries them."""
    bad_coordinates: int = 0
    """Coordinate values moved outside California, counted like impossible_dates."""
    files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def add(self, other: QuirkCounts) -> None:
        self.rows += other.rows
        self.exact_duplicates += other.exact_duplicates
        self.impossible_dates += other.impossible_dates
        self.bad_coordinates += other.bad_coordinates
        self.files.extend(other.files)


@dataclass(frozen=True)
class QuirkRates:
    duplicate: float = 0.002
    impossible_date: float = 0.0008
    bad_coordinate: float = 0.004
    na_text: float = 0.35
    """Share of missing text values written as ``NA`` rather than empty."""


class QuirkWriter:
    def __init__(
        self,
        path: Path,
        dataset: Dataset,
        rng: random.Random,
        rates: QuirkRates = QuirkRates(),
        bom: bool = False,
        messer: Messer | None = None,
    ) -> None:
        self.dataset = dataset
        self.messer = messer
        self.rng = rng
        self.rates = rates
        self.counts = QuirkCounts(files=[path.name])
        self._pending_dates = 0
        self._pending_coordinates = 0
        self._names = dataset.column_names
        self._types = tuple(c.type for c in dataset.columns)
        self._money = frozenset(c.name for c in dataset.columns if c.is_money)
        self._fh: IO[str] = path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="")
        self._csv = csv.writer(self._fh, lineterminator="\n")
        self._csv.writerow(self._names)

    def __enter__(self) -> QuirkWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()

    def date(self, d: date | None) -> str:
        """A date as the portal publishes it, sometimes with a zero-padded mistyped year."""
        if d is None:
            return ""
        if self.rng.random() < self.rates.impossible_date:
            self._pending_dates += 1
            wrong = "00" + f"{d.year % 100:02d}" if self.rng.random() < 0.6 else f"21{d.year % 100:02d}"
            return f"{wrong}-{d.month:02d}-{d.day:02d}"
        return d.isoformat()

    def coordinates(self, lat: float | None, lon: float | None) -> tuple[float | None, float | None]:
        """A location as published, sometimes broken the ways real records are broken: a lost
        decimal point (340.5), a lost minus sign, or zeros."""
        if lat is None or lon is None or self.rng.random() >= self.rates.bad_coordinate:
            return lat, lon
        kind = self.rng.randrange(3)
        if kind == 0:
            self._pending_coordinates += 1
            return round(lat * 10, 4), lon
        if kind == 1:
            self._pending_coordinates += 1
            return lat, -lon
        self._pending_coordinates += 2
        return 0.0, 0.0

    def _cell(self, value: object, ctype: str) -> str:
        if value is None:
            if ctype == "numeric":
                return "NaN"
            if ctype == "timestamp":
                return ""
            return "NA" if self.rng.random() < self.rates.na_text else ""
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "Y" if value else "N"
        if isinstance(value, date):
            return self.date(value)
        if isinstance(value, float):
            return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.2f}"
        return str(value)

    def _check(self, keys: set[str]) -> None:
        unknown = keys - set(self._names)
        if unknown:
            raise KeyError(f"{self.dataset.key}: generator wrote unknown columns {sorted(unknown)}")

    def _flush(self, rows: int) -> None:
        """Count the quirks rendered since the last row, once per row that carries them."""
        self.counts.impossible_dates += self._pending_dates * rows
        self.counts.bad_coordinates += self._pending_coordinates * rows
        self._pending_dates = self._pending_coordinates = 0

    def write(self, row: dict[str, object]) -> None:
        self._check(set(row))
        self._emit([self._cell(row.get(n), t) for n, t in zip(self._names, self._types, strict=True)])
        self._flush(1)

    def write_group(self, shared: dict[str, object], rows: list[dict[str, object]]) -> None:
        """Rows that share most of their values (one sample's parameters): the shared cells
        are rendered once, so a shared date carries the same quirk on every row."""
        self._check(set(shared) | {k for r in rows for k in r})
        base = [self._cell(shared[n], t) if n in shared else "" for n, t in zip(self._names, self._types, strict=True)]
        varying = [(i, n, t) for i, (n, t) in enumerate(zip(self._names, self._types, strict=True)) if n not in shared]
        self._flush(len(rows))
        for row in rows:
            cells = base.copy()
            for i, n, t in varying:
                cells[i] = self._cell(row.get(n), t)
            self._emit(cells)
            self._flush(1)

    def _emit(self, cells: list[str]) -> None:
        if self.messer is not None:
            cells = self.messer.row(self._names, self._types, cells, self._money)
        self._csv.writerow(cells)
        self.counts.rows += 1
        if self.rng.random() < self.rates.duplicate:
            self._csv.writerow(cells)
            self.counts.rows += 1
            self.counts.exact_duplicates += 1
