"""Several dbt commands in one process, the project parsed once.

``python -m ingest.warehouse.dbt_session SPEC`` where SPEC is JSON: ``{"common": [...], "commands":
[[...], ...], "statuses": PATH}``. ``dbt parse`` runs first, then each command with the manifest it
produced (``dbtRunner(manifest=...)``), ``common`` appended to every command line; ``PATH``
receives the exit status of each command (0 or 1) as a JSON list. A dbt process of its own costs
a command about 2 s of start-up and 1.4 s of parsing on a 2-core runner (issue 12).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def run(common: list[str], commands: list[list[str]]) -> list[int]:
    from dbt.cli.main import dbtRunner

    parsed = dbtRunner().invoke(["parse", *common])
    if not parsed.success:
        return [1] * len(commands)
    runner = dbtRunner(manifest=parsed.result)
    return [0 if runner.invoke([*command, *common]).success else 1 for command in commands]


def main(argv: list[str]) -> int:
    spec = json.loads(argv[0])
    statuses = run(spec["common"], spec["commands"])
    Path(spec["statuses"]).write_text(json.dumps(statuses), encoding="utf-8")
    return max(statuses, default=0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
