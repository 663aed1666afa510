-- Raw rows that did not reach staging, with the reason: rejected (no record key) or
-- de-duplicated (an exact copy, or another row with the same key). Uses the same ranking as
-- the staging models (only the contested rows: shared keys, copies, missing keys), so the two
-- always add up to the raw row count.
{%- set datasets = staging_datasets() %}

with

{% for d in datasets %}
{{ d.key }}_ranked as (

    {{ ranked_raw_rows(source(d.source, d.table), d.key, contested_only=true) }}

),

{% endfor %}
unioned as (

    {%- for d in datasets %}
    select
        '{{ d.key }}' as dataset_key,
        record_key,
        _row_hash as row_hash,
        {{ raw_row_json(d.columns) }} as raw_row,
        _row_issue as issue
    from {{ d.key }}_ranked
    where _row_issue is not null
    {{ 'union all by name' if not loop.last }}
    {%- endfor %}

)

select * from unioned
