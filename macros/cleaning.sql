{#-
    Cleaning one raw text column into a typed staging column, and saying why a value that was
    present could not be kept. Kinds (tools/codegen/staging_spec.py): text, id, wdid, region, number,
    integer, date, flag, latitude, longitude.

    clean(kind, column)     the typed, trimmed value; NULL for published missing markers and
                            for invalid values
    dq_issue(kind, column)  NULL when the value is missing or valid, otherwise a struct
                            {column_name, raw_value, issue} for the data-quality ledger
-#}

{% macro missing_markers() -%}
    ('', 'NA', 'NaN', 'N/A', 'nan', 'NULL')
{%- endmacro %}

{% macro is_missing(raw) -%}
    ({{ raw }} is null or trim({{ raw }}) in {{ missing_markers() }})
{%- endmacro %}

{% macro clean_text(raw) -%}
    case when not {{ is_missing(raw) }} then trim({{ raw }}) end
{%- endmacro %}

{% macro parse_number(raw) -%}
    case
        when not {{ is_missing(raw) }}
            and isfinite(try_cast(replace(trim({{ raw }}), ',', '') as double))
            then try_cast(replace(trim({{ raw }}), ',', '') as double)
    end
{%- endmacro %}

{% macro parse_date(raw) -%}
    coalesce(
        try_cast(left(trim({{ raw }}), 10) as date),
        try_strptime(trim({{ raw }}), '%m/%d/%Y')::date
    )
{%- endmacro %}

{% macro plausible_date(expression) -%}
    ({{ expression }} between date '{{ var("earliest_plausible_date") }}'
        and current_date + interval ({{ var("max_future_days") }}) day)
{%- endmacro %}

{% macro parse_flag(raw) -%}
    case upper(trim({{ raw }}))
        when 'Y' then true
        when 'YES' then true
        when 'TRUE' then true
        when 'N' then false
        when 'NO' then false
        when 'FALSE' then false
    end
{%- endmacro %}

{% macro bounds(kind) -%}
    {%- if kind == 'latitude' -%}
        {{ return([var('california_bounds')['min_latitude'], var('california_bounds')['max_latitude']]) }}
    {%- else -%}
        {{ return([var('california_bounds')['min_longitude'], var('california_bounds')['max_longitude']]) }}
    {%- endif -%}
{%- endmacro %}

{% macro clean(kind, column) -%}
    {%- set raw = adapter.quote(column) -%}
    {%- if kind in ('text', 'id') -%}
        {{ clean_text(raw) }}
    {%- elif kind == 'wdid' -%}
        upper(regexp_replace({{ clean_text(raw) }}, '\s+', ' ', 'g'))
    {%- elif kind == 'region' -%}
        {{ region_code(raw) }}
    {%- elif kind == 'number' -%}
        {{ parse_number(raw) }}
    {%- elif kind == 'integer' -%}
        case
            when {{ parse_number(raw) }} = round({{ parse_number(raw) }})
                then ({{ parse_number(raw) }})::integer
        end
    {%- elif kind == 'date' -%}
        case
            when not {{ is_missing(raw) }} and {{ plausible_date(parse_date(raw)) }}
                then {{ parse_date(raw) }}
        end
    {%- elif kind == 'flag' -%}
        {{ parse_flag(raw) }}
    {%- elif kind in ('latitude', 'longitude') -%}
        {%- set b = bounds(kind) -%}
        case when {{ parse_number(raw) }} between {{ b[0] }} and {{ b[1] }} then {{ parse_number(raw) }} end
    {%- else -%}
        {{ exceptions.raise_compiler_error("clean(): unknown kind " ~ kind ~ " for " ~ column) }}
    {%- endif -%}
{%- endmacro %}

{% macro issue_struct(column, raw, reason) -%}
    {'column_name': '{{ column }}', 'raw_value': {{ raw }}, 'issue': {{ reason }}}
{%- endmacro %}

{% macro dq_issue(kind, column) -%}
    {%- set raw = adapter.quote(column) -%}
    {%- if kind == 'wdid' -%}
        case when not {{ is_missing(raw) }}
            and {{ wdid_part(clean('wdid', column), 'serial') }} is null
            then {{ issue_struct(column, raw, "'WDID does not match <region> <county><type><serial>'") }} end
    {%- elif kind == 'region' -%}
        case when not {{ is_missing(raw) }} and {{ region_code(raw) }} is null
            then {{ issue_struct(column, raw, "'not a Regional Water Board'") }} end
    {%- elif kind == 'number' -%}
        case when not {{ is_missing(raw) }} and {{ parse_number(raw) }} is null
            then {{ issue_struct(column, raw, "'not a number'") }} end
    {%- elif kind == 'integer' -%}
        case
            when not {{ is_missing(raw) }} and {{ parse_number(raw) }} is null
                then {{ issue_struct(column, raw, "'not a number'") }}
            when {{ parse_number(raw) }} != round({{ parse_number(raw) }})
                then {{ issue_struct(column, raw, "'not a whole number'") }}
        end
    {%- elif kind == 'date' -%}
        case
            when not {{ is_missing(raw) }} and {{ parse_date(raw) }} is null
                then {{ issue_struct(column, raw, "'not a date'") }}
            when not {{ is_missing(raw) }} and not {{ plausible_date(parse_date(raw)) }}
                then {{ issue_struct(column, raw, "'impossible date'") }}
        end
    {%- elif kind == 'flag' -%}
        case when not {{ is_missing(raw) }} and {{ parse_flag(raw) }} is null
            then {{ issue_struct(column, raw, "'not a Y/N flag'") }} end
    {%- elif kind in ('latitude', 'longitude') -%}
        {%- set b = bounds(kind) -%}
        case
            when not {{ is_missing(raw) }} and {{ parse_number(raw) }} is null
                then {{ issue_struct(column, raw, "'not a number'") }}
            when {{ parse_number(raw) }} not between {{ b[0] }} and {{ b[1] }}
                then {{ issue_struct(column, raw, "'outside California'") }}
        end
    {%- else -%}
        null
    {%- endif -%}
{%- endmacro %}

{#- All of a row's issues as one list (empty when the row is clean). -#}
{% macro collect_issues(kinds_and_columns) -%}
    list_filter(
        [
            {%- for kind, column in kinds_and_columns %}
            {{ dq_issue(kind, column) }}{{ ',' if not loop.last }}
            {%- endfor %}
        ],
        issue -> issue is not null
    )
{%- endmacro %}

{#- WDID: "<region> <county code><type letter><serial>", e.g. "1 08I004046". -#}
{% macro wdid_pattern() -%}
    '^([0-9][A-Z]?) +([0-9]{2})([A-Z])([0-9]+)$'
{%- endmacro %}

{% macro wdid_part(column, part) -%}
    {%- set group = {'region': 1, 'county': 2, 'type': 3, 'serial': 4}[part] -%}
    nullif(regexp_extract(upper({{ column }}), {{ wdid_pattern() }}, {{ group }}), '')
{%- endmacro %}

{#- A Regional Water Board code from "5S", "Region 5S" or "Region 5S - Central Valley". -#}
{% macro region_code(raw) -%}
    case
        when regexp_extract(upper(trim({{ raw }})), '^(?:REGION\s*)?([0-9][A-Z]?)\b', 1)
            in {{ region_code_list() }}
            then regexp_extract(upper(trim({{ raw }})), '^(?:REGION\s*)?([0-9][A-Z]?)\b', 1)
    end
{%- endmacro %}

{% macro region_code_list() -%}
    ({% for code in var('region_codes') %}'{{ code }}'{{ ', ' if not loop.last }}{% endfor %})
{%- endmacro %}
