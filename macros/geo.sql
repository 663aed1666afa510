{#- Great-circle distance in metres between two points in decimal degrees (haversine, plain
    SQL: the spatial extension is not available offline). -#}
{% macro haversine_m(lat1, lon1, lat2, lon2) -%}
    (2 * 6371008.8 * asin(sqrt(
        pow(sin(radians({{ lat2 }} - {{ lat1 }}) / 2), 2)
        + cos(radians({{ lat1 }})) * cos(radians({{ lat2 }}))
        * pow(sin(radians({{ lon2 }} - {{ lon1 }}) / 2), 2)
    )))
{%- endmacro %}

{#- Degrees of latitude / longitude (at California's latitudes) that span at least `metres`,
    for a cheap bounding-box join before the exact distance. -#}
{% macro metres_to_lat_degrees(metres) -%}
    ({{ metres }} / 111000.0)
{%- endmacro %}

{% macro metres_to_lon_degrees(metres) -%}
    ({{ metres }} / 85000.0)
{%- endmacro %}
