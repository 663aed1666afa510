-- Every version of a violation's, enforcement action's or application's status the warehouse
-- has seen over successive runs, from the snapshot status_snapshot (kept in the warehouse's
-- snapshots schema, so it survives `stormwater run`): a changed status closes the current
-- version and opens a new one; the past is never rewritten (docs: status_history).
with

snapshot as (

    select * from {{ ref('status_snapshot') }}

),

final as (

    select
        entity,
        entity_id,
        status,
        dataset_key,
        dbt_valid_from as valid_from,
        dbt_valid_to as valid_to,
        dbt_valid_to is null as is_current,
        dbt_scd_id as version_id
    from snapshot

)

select * from final
