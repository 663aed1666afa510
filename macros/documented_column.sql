{#- Whether a model documents a column in its YAML (read from the project graph, so the answer
    does not depend on what the warehouse holds yet). Used to read a column another model is
    adding (e.g. fct_violations.is_official) and fall back to the shared rule until it is there. -#}
{% macro model_documents_column(model_name, column_name) -%}
    {%- if not execute -%}{{ return(false) }}{%- endif -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.name == model_name and column_name in node.columns -%}
            {{ return(true) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(false) }}
{%- endmacro %}

{#- The shared rules (issue 10): an official violation has status 'Violation' (any case); an
    effective action is any action not Draft, Withdrawn or Rescinded (NULL status counts). -#}
{% macro is_official_violation(alias) -%}
    {%- if model_documents_column('fct_violations', 'is_official') -%}
        {{ alias }}.is_official
    {%- else -%}
        coalesce(lower(trim({{ alias }}.violation_status)) = 'violation', false)
    {%- endif -%}
{%- endmacro %}

{% macro is_effective_action(alias) -%}
    {%- if model_documents_column('fct_enforcement_actions', 'is_effective') -%}
        {{ alias }}.is_effective
    {%- else -%}
        coalesce(lower(trim({{ alias }}.enforcement_status)) not in ('draft', 'withdrawn', 'rescinded'), true)
    {%- endif -%}
{%- endmacro %}
