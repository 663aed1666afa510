{#- The Industrial General Permit's reporting year runs July 1 to June 30; it is named by the
    calendar year in which its July 1 falls. -#}
{% macro reporting_year_start(date_expression) -%}
    (year({{ date_expression }}) - case when month({{ date_expression }}) < 7 then 1 else 0 end)
{%- endmacro %}

{#- The value a non-detect counts as in an annual average (var non_detect_substitution):
    zero (default, as the permit's fact sheet treats results below detection),
    half_reporting_limit, or reporting_limit. -#}
{% macro non_detect_value(reporting_limit_expression) -%}
    {%- set rule = var('non_detect_substitution') -%}
    {%- if rule == 'zero' -%}
        0.0
    {%- elif rule == 'half_reporting_limit' -%}
        (0.5 * {{ reporting_limit_expression }})
    {%- elif rule == 'reporting_limit' -%}
        ({{ reporting_limit_expression }})
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "var non_detect_substitution must be zero, half_reporting_limit or reporting_limit, not " ~ rule
        ) }}
    {%- endif -%}
{%- endmacro %}

{% macro ph_out_of_range(value_expression) -%}
    ({{ value_expression }} < {{ var('ph_min') }} or {{ value_expression }} > {{ var('ph_max') }})
{%- endmacro %}
