{#- Mapping seeds are joined case-insensitively, so a key must be unique ignoring case. -#}
{% test unique_ignoring_case(model, column_name) %}

select lower({{ column_name }}) as duplicated_key, count(*) as copies
from {{ model }}
group by 1
having count(*) > 1

{% endtest %}
