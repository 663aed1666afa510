{#-
    Nothing is lost silently: every raw row of a dataset is either in its staging model or set
    aside (rejected or de-duplicated) in int_raw_rows_set_aside with the reason.
-#}
{% test row_conservation(model, raw, dataset_key) %}

with

raw_rows as (
    select count(*) as n from {{ raw }}
),

staged_rows as (
    select count(*) as n from {{ model }}
),

set_aside as (
    select count(*) as n
    from {{ ref('int_raw_rows_set_aside') }}
    where dataset_key = '{{ dataset_key }}'
)

select
    raw_rows.n as raw_row_count,
    staged_rows.n as staged_row_count,
    set_aside.n as set_aside_row_count
from raw_rows, staged_rows, set_aside
where raw_rows.n != staged_rows.n + set_aside.n

{% endtest %}
