"""The sources' and staging models' YAML, built as plain dicts and dumped with ``yaml.safe_dump``."""

from __future__ import annotations

from typing import Any

import yaml

from ingest import registry
from tools.codegen.derived import derived_columns
from tools.codegen.landing import MANIFEST
from tools.codegen.prose import freshness, kind_notes
from tools.codegen.staging_spec import MODELS, StagedColumn, StagingModel

SOURCE_DESCRIPTIONS = {"smarts": "source_smarts", "esmr": "source_esmr"}
RULES_DOC = "{{ doc('staging_rules') }}"
LANDED = "{{ env_var('STORMWATER_HOME', 'data') }}/landed/{name}/*.parquet"
# The public files are known to be incomplete: report how many APP_IDs point nowhere, do not fail.
APP_ID_REFERENCED_BY = ("violations", "inspections", "enforcement_actions")


def doc_name(key: str, raw: str) -> str:
    """The docs block of one published column (see the data-dictionary markdown)."""
    return f"dd__{key}__{raw.lower()}"


def _doc_ref(name: str) -> str:
    return "{{ doc('" + name + "') }}"


def _source_table(m: StagingModel) -> dict[str, Any]:
    ds = registry.get(m.key)
    query = (f"select max(finished_at)::timestamp from read_json_auto('{MANIFEST}') "
             f"where dataset_key = '{m.key}' and status in ('landed', 'skipped')")
    return {
        "name": m.key,
        "description": f"{ds.title}: the landed CSV resource(s), every column as text.",
        "config": {"loaded_at_query": query},
        "columns": [{"name": c.name, "description": _doc_ref(doc_name(m.key, c.name))} for c in ds.columns],
    }


def source(name: str) -> dict[str, Any]:
    """One landed source (smarts, esmr): its location, freshness and tables."""
    return {
        "name": name,
        "description": '{{ doc("' + SOURCE_DESCRIPTIONS[name] + '") }}',
        "config": {
            "external_location": f"read_parquet('{LANDED}', union_by_name = true)",
            "freshness": freshness(name),
        },
        "tables": [_source_table(m) for m in MODELS if m.source == name],
    }


def _column(m: StagingModel, c: StagedColumn, notes: dict[str, str]) -> dict[str, Any]:
    desc = f"{_doc_ref(doc_name(m.key, c.raw))} {notes[c.kind]}"
    if c.personal:
        desc += " Personal data: present only when the dbt var include_personal_fields is true."
    if c.name != c.raw.lower():
        desc += f" Published as {c.raw}."
    column: dict[str, Any] = {"name": c.name, "description": desc}
    if c.personal:
        return column
    tests: list[Any] = [{"cleaned_value": {"arguments": {"kind": c.kind}}}]
    if c.raw in m.record_key:
        tests.append("not_null")
    if c.raw == "APP_ID" and m.key in APP_ID_REFERENCED_BY:
        tests.append({"relationships": {
            "arguments": {"to": "ref('int_applications_unioned')", "field": "app_id"},
            "config": {"severity": "warn"},
        }})
    column["data_tests"] = tests
    return column


def model(m: StagingModel) -> dict[str, Any]:
    """One generated staging model's YAML: description, row-conservation test, every column."""
    notes = kind_notes()
    identifies = " | ".join(m.record_key) if m.record_key else "md5 of the whole raw row"
    columns: list[dict[str, Any]] = [{
        "name": "record_key",
        "description": f"Identifies the record: {identifies}. Used as record_key in marts.data_quality_issues.",
        "data_tests": ["unique", "not_null"],
    }]
    columns += [_column(m, c, notes) for c in m.columns]
    columns.append({
        "name": "dq_issues",
        "description": "Values of this row that were present but invalid and were set to NULL: list of "
                       "{column_name, raw_value, issue}. Empty for a clean row. Unnested into "
                       "marts.data_quality_issues.",
        "data_tests": ["not_null"],
    })
    columns += [{"name": d.name, "description": d.doc,
                 "data_tests": [{"cleaned_value": {"arguments": {"kind": d.kind}}}]}
                for d in derived_columns(m)]
    return {
        "name": m.name,
        "description": f"{m.description} Grain: {m.grain}. {RULES_DOC}",
        "data_tests": [{"row_conservation": {"arguments": {
            "raw": f"source('{m.source}', '{m.key}')", "dataset_key": m.key}}}],
        "columns": columns,
    }


class _Dumper(yaml.SafeDumper):
    """Indents block sequences under their key, as dbt's own examples do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if "'" in value and '"' not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(header: str, document: dict[str, Any]) -> str:
    """``document`` as YAML with ``# header`` on top."""
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, width=10_000, allow_unicode=True, indent=2,
                     default_flow_style=False)
    return f"# {header}\nversion: 2\n\n{body}"

