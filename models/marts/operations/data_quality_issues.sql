-- The data-quality ledger: every value that was present but invalid and set to NULL, and
-- every raw row rejected or de-duplicated, and every reference that points nowhere, with the
-- reason. Nothing is lost silently.
{%- set datasets = staging_datasets() %}

with

{% for d in datasets %}
    {{ d.key }}_issues as (

        select
            '{{ d.key }}' as dataset_key,
            record_key,
            unnest(dq_issues, recursive := true)
        from {{ ref(d.model) }}
        where len(dq_issues) > 0

    ),

{% endfor %}
set_aside as (

    select * from {{ ref('int_raw_rows_set_aside') }}

),

unmatched as (

    select * from {{ ref('int_references_unmatched') }}

),

nulled as (

    {%- for d in datasets %}
        select
            dataset_key,
            record_key,
            column_name,
            raw_value,
            issue,
            'nulled' as action
        from {{ d.key }}_issues
                {{ 'union all by name' if not loop.last }}
    {%- endfor %}

),

rows_set_aside as (

    select
        dataset_key,
        record_key,
        '*' as column_name,
        raw_row as raw_value,
        issue,
        split_part(issue, ':', 1) as action
    from set_aside

),

unmatched_references as (

    select
        dataset_key,
        record_key,
        column_name,
        raw_value,
        issue,
        'unmatched reference' as action
    from unmatched

),

final as (

    select * from nulled
    union all by name
    select * from rows_set_aside
    union all by name
    select * from unmatched_references

)

select * from final
