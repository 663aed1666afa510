{#-
    A staging column holds only what its cleaning allows: no published missing markers or
    untrimmed text, numbers that are finite, whole numbers, plausible dates, coordinates inside
    California, known Regional Water Board codes, WDIDs of the published shape.
-#}
{% test cleaned_value(model, column_name, kind) %}

select {{ column_name }} as failing_value
from {{ model }}
where
    {{ column_name }} is not null
    and not (
    {%- if kind in ('text', 'id') %}
        not list_contains({{ missing_markers() }}, {{ column_name }}) and {{ column_name }} = trim({{ column_name }})
    {%- elif kind == 'wdid' %}
        regexp_matches({{ column_name }}, '^\S+( \S+)*$')
    {%- elif kind == 'region' %}
        {{ column_name }} in {{ region_code_list() }}
    {%- elif kind == 'money' %}
        abs({{ column_name }}) <= {{ var('max_money_amount') }}
    {%- elif kind == 'number' %}
        isfinite({{ column_name }})
    {%- elif kind == 'integer' %}
        {{ column_name }} = round({{ column_name }})
    {%- elif kind == 'date' %}
        {{ plausible_date(column_name) }}
    {%- elif kind == 'flag' %}
        {{ column_name }} in (true, false)
    {%- elif kind in ('latitude', 'longitude') %}
        {%- set b = bounds(kind) %}
        {{ column_name }} between {{ b[0] }} and {{ b[1] }}
    {%- else %}
        {{ exceptions.raise_compiler_error("cleaned_value: unknown kind " ~ kind) }}
    {%- endif %}
    )

{% endtest %}
