{#-
    Deciding which raw rows reach staging. Every raw row gets a record_key (its natural key,
    or a hash of the whole row where the dataset has none) and a row_issue:
      NULL                                    the row is staged
      'rejected: no record key'               its key columns are missing
      'de-duplicated: exact duplicate row'    a byte-identical copy of a staged row
      'de-duplicated: same record key'        another row with the same key was kept (the
                                              first by row hash, so the choice is stable)
    Staging keeps the rows whose row_issue is NULL; int_raw_rows_set_aside keeps the rest, so
    raw rows = staging rows + rows set aside, always.
-#}
{% macro record_key_expression(key_columns, relation_alias) -%}
    {%- if key_columns | length == 0 -%}
        md5(to_json({{ relation_alias }}))
    {%- else -%}
        case
            when {% for c in key_columns %}not {{ is_missing(adapter.quote(c)) }}{{ ' and ' if not loop.last }}{% endfor %}
                then {% for c in key_columns %}trim({{ adapter.quote(c) }}){{ " || ' | ' || " if not loop.last }}{% endfor %}
        end
    {%- endif -%}
{%- endmacro %}

{% macro ranked_raw_rows(relation, key_columns) -%}
    with hashed as (
        select
            *,
            to_json(raw_row)::varchar as _raw_json,
            md5(to_json(raw_row)::varchar) as _row_hash,
            {{ record_key_expression(key_columns, 'raw_row') }} as record_key
        from {{ relation }} as raw_row
    ),

    copies as (
        select
            *,
            row_number() over (partition by _row_hash) as _copy_number
        from hashed
    ),

    ranked as (
        select
            *,
            row_number() over (partition by record_key order by _row_hash, _copy_number) as _key_rank
        from copies
    )

    select
        * exclude (_copy_number, _key_rank, _raw_json),
        _raw_json,
        case
            when record_key is null then 'rejected: no record key'
            when _copy_number > 1 then 'de-duplicated: exact duplicate row'
            when _key_rank > 1 then 'de-duplicated: same record key'
        end as _row_issue
    from ranked
{%- endmacro %}
