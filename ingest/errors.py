"""Errors that carry the dataset they concern, so every failure names it on one line."""

from __future__ import annotations

import os
import re


class StormwaterError(Exception):
    """A failure the command line reports as one line on stderr."""


class DatasetError(StormwaterError):
    """A failure of one dataset (or one of its resources)."""

    def __init__(self, dataset_key: str, reason: str) -> None:
        super().__init__(f"{dataset_key}: {reason}")
        self.dataset_key = dataset_key
        self.reason = reason


def warehouse_locked(path: object, exc: BaseException) -> StormwaterError:
    """A DuckDB lock conflict as one line: which file, and the process DuckDB says holds it."""
    text = str(exc)
    holder = re.search(r"held in (.+?) \(PID (\d+)\)", text)
    who = f" (PID {holder.group(2)}, {holder.group(1).rsplit('/', 1)[-1]})" if holder else ""
    if "lock" not in text.lower():
        return StormwaterError(f"cannot open the warehouse {path}: {' '.join(text.split())[:200]}")
    return StormwaterError(f"the warehouse {path} is locked by another process{who}: close that session "
                           "(open it read-only with `duckdb -readonly`) and try again")


def env_number(name: str, default: float, kind: type = float, minimum: float = 0) -> float:
    """A numeric ``STORMWATER_*`` setting; a bad value is one line naming the variable."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw.strip())
    except ValueError:
        expected = "an integer" if kind is int else "a number"
        raise StormwaterError(f"environment variable {name}={raw!r}: expected {expected}") from None
    if value < minimum:
        raise StormwaterError(f"environment variable {name}={raw!r}: must be at least {minimum:g}")
    return value
