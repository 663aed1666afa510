"""The sentences the generated docs repeat, with every constant read from the dbt vars."""

from __future__ import annotations

from typing import Any

from ingest.project import dbt_var


def freshness(source: str) -> dict[str, dict[str, Any]]:
    """A source's freshness thresholds: the vars ``<source>_freshness_{warn,error}_days``."""
    return {
        "warn_after": {"count": dbt_var(f"{source}_freshness_warn_days"), "period": "day"},
        "error_after": {"count": dbt_var(f"{source}_freshness_error_days"), "period": "day"},
    }


def kind_notes() -> dict[str, str]:
    """How each kind of staging column is cleaned, one sentence each."""
    bounds = dbt_var("california_bounds")
    regions = ", ".join(str(r) for r in dbt_var("region_codes"))
    return {
        "text": "Trimmed; published missing markers (empty, NA, NaN) are NULL.",
        "id": "Identifier, trimmed text.",
        "wdid": "Trimmed; a WDID that does not match `<region> <county><type><serial>` is kept and reported "
                "in the ledger.",
        "number": "Parsed as a number; text that is not a number is NULL and in the ledger.",
        "money": f"Dollars as decimal(18,2); text that is not a number, or an amount beyond "
                 f"{dbt_var('max_money_amount'):,} either way, is NULL and in the ledger.",
        "integer": "Parsed as a whole number; anything else is NULL and in the ledger.",
        "date": f"Parsed as a date; impossible dates (before {dbt_var('earliest_plausible_date')} or more than "
                f"{dbt_var('max_future_days')} days after the build) are NULL and in the ledger.",
        "flag": "Y/N as a boolean; any other value is NULL and in the ledger.",
        "latitude": f"Decimal degrees; values outside California ({bounds['min_latitude']} to "
                    f"{bounds['max_latitude']}) are NULL and in the ledger.",
        "longitude": f"Decimal degrees; values outside California ({bounds['min_longitude']} to "
                     f"{bounds['max_longitude']}) are NULL and in the ledger.",
        "region": f"Regional Water Board code ({regions}); unrecognised text is NULL and in the ledger.",
    }
