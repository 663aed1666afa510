{#-
    Cleaning one raw text column into a typed staging column, and saying why a value that was
    present could not be kept. Kinds (tools/codegen/staging_spec.py): text, id, wdid, region, number,
    money, integer, date, flag, latitude, longitude.

    clean(kind, column)     the typed, trimmed value; NULL for published missing markers and
                            for invalid values
    dq_issue(kind, column)  NULL when the value is missing or valid, otherwise a struct
                            {column_name, raw_value, issue} for the data-quality ledger
-#}

{% macro missing_markers() -%}
    ['', 'NA', 'NaN', 'N/A', 'nan', 'NULL']
{%- endmacro %}

{#- list_contains, not `in (...)`: DuckDB plans an IN list over an expression as a join, dozens
    of them per staging model (the main cost of staging before; issue 12). -#}
{% macro is_missing(raw) -%}
    ({{ raw }} is null or list_contains({{ missing_markers() }}, trim({{ raw }})))
{%- endmacro %}

{% macro clean_text(raw) -%}
    case when not {{ is_missing(raw) }} then trim({{ raw }}) end
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

{#- Numbers, whole numbers, dates and coordinates are parsed once (parse()) and then judged: a
    staging model computes parse(kind, column) in a column named parsed_name(column) and passes
    parsed=true, so each value is cast once instead of once per check of it (which kinds the
    staging models parse: PARSED_KINDS in tools/codegen/staging_spec.py). -#}
{% macro parsed_name(column) -%}
    {{ adapter.quote(column ~ '__parsed') }}
{%- endmacro %}

{% macro parse(kind, column) -%}
    {%- set raw = adapter.quote(column) -%}
    {%- if kind == 'date' -%}
        {{ parse_date(raw) }}
    {%- else -%}
        try_cast(replace(trim({{ raw }}), ',', '') as double)
    {%- endif -%}
{%- endmacro %}

{#- The parsed value of a column: the staged parsed column, or the expression itself. -#}
{% macro parsed_value(kind, column, parsed) -%}
    {%- if parsed -%}{{ parsed_name(column) }}{%- else -%}({{ parse(kind, column) }}){%- endif -%}
{%- endmacro %}

{% macro clean(kind, column, parsed=false) -%}
    {%- set raw = adapter.quote(column) -%}
    {%- set p = parsed_value(kind, column, parsed) -%}
    {%- if kind in ('text', 'id') -%}
        {{ clean_text(raw) }}
    {%- elif kind == 'wdid' -%}
        upper(regexp_replace({{ clean_text(raw) }}, '\s+', ' ', 'g'))
    {%- elif kind == 'region' -%}
        {{ region_code(raw) }}
    {%- elif kind == 'number' -%}
        case when isfinite({{ p }}) then {{ p }} end
    {%- elif kind == 'money' -%}
        case when abs({{ p }}) <= {{ var('max_money_amount') }} then ({{ p }})::decimal(18, 2) end
    {%- elif kind == 'integer' -%}
        case when isfinite({{ p }}) and {{ p }} = round({{ p }}) then try_cast({{ p }} as integer) end
    {%- elif kind == 'date' -%}
        case when {{ plausible_date(p) }} then {{ p }} end
    {%- elif kind == 'flag' -%}
        {{ parse_flag(raw) }}
    {%- elif kind in ('latitude', 'longitude') -%}
        {%- set b = bounds(kind) -%}
        case when {{ p }} between {{ b[0] }} and {{ b[1] }} then {{ p }} end
    {%- else -%}
        {{ exceptions.raise_compiler_error("clean(): unknown kind " ~ kind ~ " for " ~ column) }}
    {%- endif -%}
{%- endmacro %}

{% macro issue_struct(column, raw, reason) -%}
    {'column_name': '{{ column }}', 'raw_value': {{ raw }}, 'issue': {{ reason }}}
{%- endmacro %}

{% macro dq_issue(kind, column, parsed=false) -%}
    {%- set raw = adapter.quote(column) -%}
    {%- set p = parsed_value(kind, column, parsed) -%}
    {%- if kind == 'wdid' -%}
        case when not {{ is_missing(raw) }}
            and {{ wdid_part(clean('wdid', column), 'serial') }} is null
            then {{ issue_struct(column, raw, "'WDID does not match <region> <county><type><serial>'") }} end
    {%- elif kind == 'region' -%}
        case when not {{ is_missing(raw) }} and {{ region_code(raw) }} is null
            then {{ issue_struct(column, raw, "'not a Regional Water Board'") }} end
    {%- elif kind == 'number' -%}
        case when not {{ is_missing(raw) }} and not coalesce(isfinite({{ p }}), false)
            then {{ issue_struct(column, raw, "'not a number'") }} end
    {%- elif kind == 'money' -%}
        case
            when not {{ is_missing(raw) }} and not coalesce(isfinite({{ p }}), false)
                then {{ issue_struct(column, raw, "'not a number'") }}
            when isfinite({{ p }}) and abs({{ p }}) > {{ var('max_money_amount') }}
                then {{ issue_struct(column, raw, "'amount out of range'") }}
        end
    {%- elif kind == 'integer' -%}
        case
            when not {{ is_missing(raw) }} and not coalesce(isfinite({{ p }}), false)
                then {{ issue_struct(column, raw, "'not a number'") }}
            when isfinite({{ p }}) and {{ p }} != round({{ p }})
                then {{ issue_struct(column, raw, "'not a whole number'") }}
            when isfinite({{ p }}) and try_cast({{ p }} as integer) is null
                then {{ issue_struct(column, raw, "'whole number out of range'") }}
        end
    {%- elif kind == 'date' -%}
        case
            when not {{ is_missing(raw) }} and {{ p }} is null
                then {{ issue_struct(column, raw, "'not a date'") }}
            when not {{ is_missing(raw) }} and not {{ plausible_date(p) }}
                then {{ issue_struct(column, raw, "'impossible date'") }}
        end
    {%- elif kind == 'flag' -%}
        case when not {{ is_missing(raw) }} and {{ parse_flag(raw) }} is null
            then {{ issue_struct(column, raw, "'not a Y/N flag'") }} end
    {%- elif kind in ('latitude', 'longitude') -%}
        {%- set b = bounds(kind) -%}
        case
            when not {{ is_missing(raw) }} and not coalesce(isfinite({{ p }}), false)
                then {{ issue_struct(column, raw, "'not a number'") }}
            when isfinite({{ p }}) and {{ p }} not between {{ b[0] }} and {{ b[1] }}
                then {{ issue_struct(column, raw, "'outside California'") }}
        end
    {%- else -%}
        null
    {%- endif -%}
{%- endmacro %}

{#- All of a row's issues as one list (empty when the row is clean). -#}
{% macro collect_issues(kinds_and_columns, parsed=false) -%}
    list_filter(
        [
            {%- for kind, column in kinds_and_columns %}
            {{ dq_issue(kind, column, parsed) }}{{ ',' if not loop.last }}
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
