{#-
    Incremental monitoring tables (docs: incremental_monitoring). The monitoring datasets have no
    natural key: a row's record_key is the hash of the published row itself, so a row that
    changed is a new key and its old version a vanished one. A nightly build of such a table is
    then a set difference: delete the rows whose key is gone upstream (increment_delete, a
    pre-hook), insert the rows whose key is new (increment_filter). Such a model's config:
        materialized='incremental', incremental_strategy='append', on_schema_change='fail',
        pre_hook="{{ increment_delete('select record_key from ' ~ ref('upstream')) }}"
    Everything else in these models is computed from the row alone, the parameter grammar, seeds
    and vars: when a project file changes, the build planner adds --full-refresh
    (ingest/warehouse/build_state.py). tests/test_incremental.py compares an incremental build
    with a rebuild from scratch, and checks that only content-keyed sources feed these models.
-#}

{#- A predicate over `alias`: true for a row whose key the table does not hold yet (always
    true when the table is built from scratch). -#}
{% macro increment_filter(alias, keys=['record_key']) -%}
    {%- if is_incremental() -%}
        not exists (
            select 1 from {{ this }} as existing
            where {% for k in keys %}existing.{{ k }} = {{ alias }}.{{ k }}{{ ' and ' if not loop.last }}{% endfor %}
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- Delete the rows whose key no longer comes from upstream: `upstream` is SQL selecting the
    key columns of every row the table should hold. -#}
{% macro increment_delete(upstream, keys=['record_key']) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as existing
        where not exists (
            select 1 from ({{ upstream }}) as current_rows
            where {% for k in keys %}current_rows.{{ k }} = existing.{{ k }}{{ ' and ' if not loop.last }}{% endfor %}
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Every monitoring result's (source_dataset, record_key): what marts.fct_monitoring_samples
    holds. -#}
{% macro monitoring_record_keys() -%}
    select 'industrial_monitoring' as source_dataset, record_key
    from {{ ref('stg_smarts__industrial_samples') }}
    union all
    select 'construction_monitoring' as source_dataset, record_key
    from {{ ref('stg_smarts__construction_samples') }}
    union all
    select 'esmr' as source_dataset, record_key
    from {{ ref('stg_esmr__results') }}
{%- endmacro %}
