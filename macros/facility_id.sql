{#- The stable facility ids of dim_facility: a hash of each system's own identifier, so the
    same application or eSMR facility keeps its id from one run to the next. -#}
{% macro smarts_facility_id(wdid, app_id) -%}
    md5('SMARTS|' || {{ wdid }} || '|' || {{ app_id }})
{%- endmacro %}

{% macro esmr_facility_id(facility_place_id) -%}
    md5('ESMR|' || {{ facility_place_id }})
{%- endmacro %}
