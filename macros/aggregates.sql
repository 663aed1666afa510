{#- The most used non-NULL value of `column` per `key` in `relation`, as rows (key, column). A
    tie goes to the greatest value, so every build picks the same one (DuckDB's mode() leaves ties
    to whichever row its hash table met first, which differed between builds of the same
    landing). -#}
{% macro most_used(relation, key, column) -%}
    select
        {{ key }},
        arg_max({{ column }}, (uses, {{ column }})) as {{ column }}
    from (
        select
            {{ key }},
            {{ column }},
            count(*) as uses
        from {{ relation }}
        where {{ key }} is not null and {{ column }} is not null
        group by {{ key }}, {{ column }}
    ) as value_counts
    group by {{ key }}
{%- endmacro %}
