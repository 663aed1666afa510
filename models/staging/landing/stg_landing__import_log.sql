with

source as (

    select * from {{ source('landing', 'import_log') }}

),

typed as (

    select
        md5(concat_ws('|', dataset_key, resource_id, started_at)) as attempt_id,
        dataset_key::varchar as dataset_key,
        nullif(resource_id::varchar, '') as resource_id,
        nullif(resource_name::varchar, '') as resource_name,
        source_url::varchar as source_url,
        started_at::timestamptz as started_at,
        nullif(finished_at::varchar, '')::timestamptz as finished_at,
        status::varchar as status,
        rows_landed::bigint as rows_landed,
        bytes::bigint as bytes,
        sha256::varchar as sha256,
        etag::varchar as etag,
        last_modified::varchar as last_modified,
        landed_path::varchar as landed_path,
        extra_columns::varchar[] as extra_columns,  -- noqa: LT01
        error::varchar as error
    from source

)

select * from typed
