"""The SQL and markdown outputs, rendered from ``templates/``.

The templates use ``<< >>``, ``<% %>`` and ``<# #>`` so that dbt's own ``{{ }}`` and ``{% %}``
pass through as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import jinja2

from ingest import registry
from tools.codegen.derived import derived_columns
from tools.codegen.staging_spec import MODELS, PARSED_KINDS, StagedColumn, StagingModel
from tools.codegen.yaml_files import doc_name

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class ColumnRun:
    """Consecutive columns that are all personal (selected only on request) or all not."""

    personal: bool
    columns: list[StagedColumn]


def _runs(columns: list[StagedColumn]) -> list[ColumnRun]:
    return [ColumnRun(personal, list(run)) for personal, run in groupby(columns, key=lambda c: c.personal)]


@dataclass(frozen=True)
class DocBlock:
    name: str
    body: str


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        block_start_string="<%", block_end_string="%>",
        variable_start_string="<<", variable_end_string=">>",
        comment_start_string="<#", comment_end_string="#>",
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined, autoescape=False,
    )
    env.filters["quote"] = lambda value: f"'{value}'"
    return env


def _render(template: str, **context: object) -> str:
    return _environment().get_template(template).render(**context)


def staging_model(m: StagingModel, header: str) -> str:
    columns = m.columns
    checked = [c for c in columns if c.kind not in ("text", "id") and not c.personal]
    parsed = [c for c in checked if c.kind in PARSED_KINDS]
    return _render("staging_model.sql.j2", header=header, m=m, runs=_runs(columns), checked=checked,
                   parsed=parsed, derived=derived_columns(m))


def staging_datasets_macro(header: str) -> str:
    return _render("staging_datasets.sql.j2", header=header, models=MODELS)


def _doc_body(column: registry.Column) -> str:
    text = column.description.strip()
    label = column.label.strip()
    if text in ("", "-"):
        return "Not described in the official data dictionary."
    return text if label in ("", "-") else f"**{label}.** {text}"


def data_dictionary(source: str, header: str) -> str:
    """The docs blocks of every published column of the source's datasets."""
    blocks = [DocBlock(doc_name(m.key, c.name), _doc_body(c))
              for m in MODELS if m.source == source
              for c in registry.get(m.key).columns]
    return _render("data_dictionary.md.j2", header=header, blocks=blocks)
