"""The ingester's manifest as a dbt source and its hand-written staging model's columns."""

from __future__ import annotations

from typing import Any

MANIFEST = "{{ env_var('STORMWATER_HOME', 'data') }}/manifest/import_log.jsonl"

COLUMNS = {
    "attempt_id": "md5 of dataset, resource and start time: one landing attempt.",
    "dataset_key": "Dataset key (industrial_facilities, ..., esmr).",
    "resource_id": "CKAN resource id, or the file name for a directory source; empty when the "
                   "dataset's resources could not be resolved.",
    "resource_name": "Stem of the landed file (industrial_facilities, esmr_2024).",
    "source_url": "Where the file came from: a download URL or a local path.",
    "started_at": "When the attempt started (UTC).",
    "finished_at": "When the attempt finished (UTC).",
    "status": "landed (new data landed), skipped (unchanged since the last landing) or failed.",
    "rows_landed": "Rows written to Parquet; NULL unless landed.",
    "bytes": "Size of the downloaded or read file.",
    "sha256": "sha256 of the file's bytes.",
    "etag": "ETag the server sent, used for the next conditional request.",
    "last_modified": "Last-Modified the server sent (or CKAN's last_modified).",
    "landed_path": "Landed Parquet file, relative to $STORMWATER_HOME.",
    "extra_columns": "Columns in the file that are not in the official data dictionary.",
    "error": "Why the attempt failed.",
}
TESTS = {
    "attempt_id": ["unique", "not_null"],
    "dataset_key": ["not_null"],
    "started_at": ["not_null"],
    "status": ["not_null"],
}


def source() -> dict[str, Any]:
    return {
        "name": "landing",
        "description": "The ingester's manifest, one JSON line per landing attempt of one resource.",
        "config": {"external_location": f"read_json_auto('{MANIFEST}', format = 'newline_delimited')"},
        "tables": [{"name": "import_log", "description": "Landing attempts as written by `stormwater ingest`."}],
    }


def model() -> dict[str, Any]:
    columns = []
    for name, text in COLUMNS.items():
        column: dict[str, Any] = {"name": name, "description": text}
        if name in TESTS:
            column["data_tests"] = TESTS[name]
        columns.append(column)
    return {
        "name": "stg_landing__import_log",
        "description": "Landing attempts from the ingester's manifest, typed. Grain: one row per attempt.",
        "columns": columns,
    }
