{#-
    Incremental monitoring tables (docs: incremental_monitoring). The monitoring datasets have no
    natural key: a row's record_key is the hash of the published row itself, so a row that
    changed is a new key and its old version a vanished one. A nightly build of such a table is
    then a set difference: delete the rows whose key is gone upstream (increment_delete, a
    pre-hook), insert the rows whose key is new (increment_filter). Such a model's config:
        materialized='incremental', incremental_strategy='append', on_schema_change='fail',
        pre_hook="{{ increment_delete('select record_key from ' ~ ref('upstream')) }}"
    and its rows: where {{ increment_filter('alias', 'select record_key from ' ~ ref('upstream')) }}
    Everything else in these models is computed from the row alone, the parameter grammar, seeds
    and vars: when a project file changes, the build planner adds --full-refresh
    (ingest/warehouse/build_state.py). tests/test_incremental.py compares an incremental build
    with a rebuild from scratch, and checks that only content-keyed sources feed these models.
-#}

{#- A predicate over `alias`: true for a row whose key the table does not hold yet (always
    true when the table is built from scratch). `upstream` is SQL selecting the key columns of
    every row the table should hold. The new keys are found on the keys alone (a narrow set
    difference), and only then matched with the wide rows: an anti-join that carried every
    column of millions of rows cost more than rebuilding the table. -#}
{% macro increment_filter(alias, upstream, keys=['record_key']) -%}
    {%- if is_incremental() -%}
        exists (
            select 1
            from (
                select {{ keys | join(', ') }} from ({{ upstream }}) as current_rows
                except
                select {{ keys | join(', ') }} from {{ this }}
            ) as new_keys
            where {{ keys_match('new_keys', alias, keys) }}
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- Delete the rows whose key no longer comes from `upstream` (as above). -#}
{% macro increment_delete(upstream, keys=['record_key']) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as existing
        where exists (
            select 1
            from (
                select {{ keys | join(', ') }} from {{ this }}
                except
                select {{ keys | join(', ') }} from ({{ upstream }}) as current_rows
            ) as vanished
            where {{ keys_match('vanished', 'existing', keys) }}
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{% macro keys_match(left, right, keys) -%}
    {% for k in keys %}{{ left }}.{{ k }} = {{ right }}.{{ k }}{{ ' and ' if not loop.last }}{% endfor %}
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

{#- The industrial results that count toward a NAL: what int_nal_results_prepared holds. -#}
{% macro counting_record_keys() -%}
    select record_key from {{ ref('int_industrial_results_classified') }} where counts_toward_nal
{%- endmacro %}
