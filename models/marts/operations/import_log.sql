-- Every landing attempt of every dataset resource (order by started_at desc for newest first).
with

attempts as (

    select * from {{ ref('stg_landing__import_log') }}

),

final as (

    select
        attempt_id,
        dataset_key,
        resource_id,
        resource_name,
        source_url,
        started_at,
        finished_at,
        date_diff('millisecond', started_at, finished_at) / 1000.0 as duration_seconds,
        status,
        rows_landed,
        bytes,
        sha256,
        etag,
        last_modified,
        landed_path,
        extra_columns,
        error
    from attempts

)

select * from final
