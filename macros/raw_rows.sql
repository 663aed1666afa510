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
{#- md5 of the published columns of a row, NULLs marked, fields separated: equal exactly for
    identical rows. (Columns landed beyond the data dictionary are not part of it.) -#}
{% macro raw_row_hash(columns) -%}
    md5(concat_ws(chr(31), {% for c in columns %}coalesce({{ adapter.quote(c) }}, chr(30)){{ ', ' if not loop.last }}{% endfor %}))
{%- endmacro %}

{#- The published columns of a row as one JSON object, for rows set aside. -#}
{% macro raw_row_json(columns) -%}
    to_json(struct_pack({% for c in columns %}{{ adapter.quote(c) }} := {{ adapter.quote(c) }}{{ ', ' if not loop.last }}{% endfor %}))::varchar
{%- endmacro %}

{% macro dataset_spec(dataset_key) -%}
    {%- for d in staging_datasets() if d.key == dataset_key -%}
        {{ return(d) }}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("unknown dataset " ~ dataset_key) }}
{%- endmacro %}

{% macro record_key_expression(key_columns, row_hash) -%}
    {%- if key_columns | length == 0 -%}
        {{ row_hash }}
    {%- else -%}
        case
            when {% for c in key_columns %}not {{ is_missing(adapter.quote(c)) }}{{ ' and ' if not loop.last }}{% endfor %}
                then {% for c in key_columns %}trim({{ adapter.quote(c) }}){{ " || ' | ' || " if not loop.last }}{% endfor %}
        end
    {%- endif -%}
{%- endmacro %}

{% macro ranked_raw_rows(relation, dataset_key) -%}
    {%- set spec = dataset_spec(dataset_key) -%}
    with hashed as (
        select
            *,
            {{ raw_row_hash(spec.columns) }} as _row_hash,
            {{ record_key_expression(spec.record_key, raw_row_hash(spec.columns)) }} as record_key
        from {{ relation }}
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
        * exclude (_copy_number, _key_rank),
        case
            when record_key is null then 'rejected: no record key'
            when _copy_number > 1 then 'de-duplicated: exact duplicate row'
            when _key_rank > 1 then 'de-duplicated: same record key'
        end as _row_issue
    from ranked
{%- endmacro %}
