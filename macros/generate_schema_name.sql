{#- Schemas are named exactly staging, intermediate and marts (CONTRACT.md), not
    <target>_<custom> as dbt does by default. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}
