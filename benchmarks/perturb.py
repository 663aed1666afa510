"""Change about 1% of one column's numeric values in a sample CSV, in place, keeping everything else byte for byte.

Only the changed records are re-serialised (with ``csv.writer``'s minimal quoting, as the sample generator
writes them); the header, the byte-order mark, quoting elsewhere and line endings stay as they were. The file
is written beside the original and renamed over it, so its sha256 changes and the ingest lands it again.
"""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path


def _changed(line: str, index: int, width: int) -> str | None:
    fields = next(csv.reader([line]))
    if len(fields) != width:
        return None
    try:
        value = float(fields[index])
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    new = repr(round(value * 1.1, 6)) if value else "0.001"
    if new == fields[index]:
        return None
    fields[index] = new
    ending = "\r\n" if line.endswith("\r\n") else ("\n" if line.endswith("\n") else "")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=ending).writerow(fields)
    return buffer.getvalue()


def perturb_column(path: Path, column: str = "RESULT", fraction: float = 0.01) -> tuple[int, int]:
    """Change every ``1/fraction``-th record's ``column`` when it is a number; (records, changed)."""
    every = max(1, round(1 / fraction))
    tmp = path.with_name(path.name + ".tmp")
    records = changed = 0
    with path.open(encoding="utf-8", newline="") as src, tmp.open("w", encoding="utf-8", newline="") as dst:
        header_line = src.readline()
        dst.write(header_line)
        header = next(csv.reader([header_line.lstrip("\ufeff")]))
        if column not in header:
            tmp.unlink()
            raise ValueError(f"{path.name}: no column {column!r} in the header")
        index, in_quotes = header.index(column), False
        for line in src:
            starts_record = not in_quotes
            if line.count('"') % 2:
                in_quotes = not in_quotes
            if starts_record:
                records += 1
                if not in_quotes and records % every == 0:
                    new = _changed(line, index, len(header))
                    if new is not None:
                        line, changed = new, changed + 1
            dst.write(line)
    if not changed:
        tmp.unlink()
        raise ValueError(f"{path.name}: no numeric {column} value to change")
    os.replace(tmp, path)
    return records, changed
