"""``stormwater sample --messy``: values no published file should hold, in every column.

A fraction of the cells of every column is replaced by something a pipeline must survive:
missing markers and blanks, whitespace, stray quotes, accents and emoji, 5,000-character
strings, numbers where text is expected, text in numeric, date and flag columns, impossible
coordinates, garbage ids and units. The CSV stays valid CSV (the writer quotes). What was
injected is counted per dataset, column type and kind of mess (``truth/messy.json``), and every
value that the warehouse must reject as invalid is listed (``truth/messy_values.csv``).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

# Kinds of mess per column type of the data dictionary. "missing" values are plain NULLs
# downstream; "invalid" ones must be nulled and reported in the ledger (where the column is
# typed); the rest are odd but valid text.
_MISSING = ("", "   ", "NA", "NaN", " NA ")
_TEXT_MESS = ("quotes", "non_ascii", "long", "number", "garbage")
_TYPED_MESS = ("invalid",)


@dataclass
class MessyLog:
    counts: Counter = field(default_factory=Counter)
    """(column type, kind of mess) -> values injected."""
    invalid: list[tuple[str, str, bool]] = field(default_factory=list)
    """(column, raw value, the only messy cell of its row) of values injected into typed columns."""


class Messer:
    """Replaces a fraction of cells with messy values; ``rng`` is its own, so the clean values
    of a sample do not change with the fraction."""

    def __init__(self, fraction: float, rng: random.Random) -> None:
        if not 0 <= fraction <= 1:
            raise ValueError(f"--messy must be a fraction between 0 and 1, not {fraction}")
        self.fraction = fraction
        self.rng = rng
        self.log = MessyLog()
        self._serial = 0

    def _unique(self) -> int:
        self._serial += 1
        return self._serial

    def _text(self, kind: str) -> str:
        n = self._unique()
        if kind == "quotes":
            return self.rng.choice(('O"Brien "Yard', '"', "''", f'say "{n}', 'a,"b",c'))
        if kind == "non_ascii":
            return self.rng.choice(("Peñasco Café", "Ñandú ÅÄÖ", "💧 Plant 🏭", "日本語", "Zürich—São Paulo"))
        if kind == "long":
            return ("x" * 4990) + f"{n:010d}"
        if kind == "number":
            return str(self.rng.choice((0, -1, 12345, 3.14159, 1e22)))
        return f"?#{n}&<>|;"

    def _typed(self, ctype: str, column: str, is_money: bool) -> str:
        n = self._unique()
        upper = column.upper()
        if is_money:  # a number, but no penalty is that big: a typo the ledger must show
            return self.rng.choice((f"twelve{n}", f"${n},00", f"{n + 1}e30"))
        if "LATITUDE" in upper or "LONGITUDE" in upper:
            return self.rng.choice((f"{900 + n}.5", f"-{400 + n}", f"north{n}"))
        if ctype == "timestamp":
            return self.rng.choice((f"2021-13-{n % 60 + 32}", f"not a date {n}", f"9{n:03d}-01-01"))
        return self.rng.choice((f"twelve{n}", f"{n} mg", f"1.2.{n}", f"--{n}"))

    def row(self, names: tuple[str, ...], types: tuple[str, ...], cells: list[str],
            money: frozenset[str] = frozenset()) -> list[str]:
        if not self.fraction:
            return cells
        chosen = [i for i in range(len(cells)) if self.rng.random() < self.fraction]
        if not chosen:
            return cells
        cells = cells.copy()
        alone = len(chosen) == 1
        for i in chosen:
            ctype, name = types[i], names[i]
            r = self.rng.random()
            if r < 0.4:
                cells[i] = self.rng.choice(_MISSING)
                self.log.counts[(ctype, "missing")] += 1
                continue
            if ctype == "text":
                kind = self.rng.choice(_TEXT_MESS)
                cells[i] = self._text(kind)
            else:
                kind = self.rng.choice(_TYPED_MESS)
                cells[i] = self._typed(ctype, name, name in money)
                self.log.invalid.append((name, cells[i], alone))
            self.log.counts[(ctype, kind)] += 1
        return cells
