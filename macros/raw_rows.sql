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

{#- Incremental staging of a dataset without a natural key (macros/increments.sql), whose record
    key is the row hash. raw_row_keys: the record key of every raw row (what the staging table
    should hold) and its 64-bit group hash, kept beside the new keys. new_raw_rows: the raw rows
    to stage: in an incremental build only those whose key is new, found by the cheap group hash
    first, so the row hash is computed again only for those candidates. -#}
{% macro raw_row_keys(relation, dataset_key) -%}
    {%- set spec = dataset_spec(dataset_key) -%}
    select {{ raw_row_hash(spec.columns) }} as record_key, {{ raw_row_group(spec) }} as _row_group
    from {{ relation }}
{%- endmacro %}

{% macro new_raw_rows(relation, dataset_key) -%}
    {%- set spec = dataset_spec(dataset_key) -%}
    {%- if increment_active() -%}
        select candidates.*
        from (
            select raw_rows.* from {{ relation }} as raw_rows
            where {{ raw_row_group(spec) }} in (select _row_group from {{ increment_changes() }} where is_new)
        ) as candidates
        where {{ increment_filter('candidates', key_expressions=[raw_row_hash(spec.columns)]) }}
    {%- else -%}
        select * from {{ relation }}
    {%- endif -%}
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

{#- The natural key of a row of a dataset that has one; NULL when a key column is missing. -#}
{% macro record_key_expression(key_columns) -%}
    case
        when {% for c in key_columns %}not {{ is_missing(adapter.quote(c)) }}{{ ' and ' if not loop.last }}{% endfor %}
            then {% for c in key_columns %}trim({{ adapter.quote(c) }}){{ " || ' | ' || " if not loop.last }}{% endfor %}
    end
{%- endmacro %}

{#- What groups rows that may compete for one staged row: the record key where the dataset has
    one, else a 64-bit hash of the published columns. Only rows whose group has several members
    (or no key) are ranked; every other row is staged as it is. The 64-bit hash only finds the
    candidates: the ranking itself compares the exact row hash, so a hash collision costs a
    little ranking, never a wrong answer. -#}
{% macro raw_row_group(spec) -%}
    {%- if spec.record_key | length == 0 -%}
        hash({% for c in spec.columns %}{{ adapter.quote(c) }}{{ ', ' if not loop.last }}{% endfor %})
    {%- else -%}
        {{ record_key_expression(spec.record_key) }}
    {%- endif -%}
{%- endmacro %}

{#- The raw rows of a dataset with record_key, _row_hash and _row_issue (above). Ranking windows
    run over the contested rows only (shared keys, possible copies, missing keys): on the
    statewide sample a few thousand of millions, so staging costs one scan and no sort.
    contested_only: just those rows (what int_raw_rows_set_aside needs). -#}
{% macro ranked_raw_rows(relation, dataset_key, contested_only=false) -%}
    {%- set spec = dataset_spec(dataset_key) -%}
    {%- set keyless = spec.record_key | length == 0 -%}
    {#- the record key: the natural key (the group), or for keyless data the exact row hash -#}
    {%- set record_key = '_row_hash' if keyless else 'grouped._row_group' -%}
    with grouped as not materialized (
        select
            *,
            {{ raw_row_group(spec) }} as _row_group
        from {{ relation }}
    ),

    shared_groups as (
        select _row_group
        from grouped
        group by _row_group
        having count(*) > 1
    ),

    contested as (
        select
            grouped.* exclude (_row_group),
            {{ raw_row_hash(spec.columns) }} as _row_hash,
            {{ record_key }} as record_key
        from grouped
        where _row_group is null
            or _row_group in (select shared_groups._row_group from shared_groups)
    ),

    copies as (
        select
            *,
            row_number() over (partition by _row_hash) as _copy_number
        from contested
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
    {%- if not contested_only %}

    union all by name

    select
        grouped.* exclude (_row_group),
        {{ raw_row_hash(spec.columns) if keyless else 'null::varchar' }} as _row_hash,
        {{ record_key }} as record_key,
        null::varchar as _row_issue
    from grouped
    where _row_group is not null
        and _row_group not in (
            select shared_groups._row_group from shared_groups
            where shared_groups._row_group is not null
        )
    {%- endif %}
{%- endmacro %}
