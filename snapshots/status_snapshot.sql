{#- The status of every violation, enforcement action and application as each build saw it
    (docs: status_history). Check strategy on status; a version is valid from the landing
    time of the dataset the status came from (the latest landed import of that dataset in the
    manifest), so a status that changed in the portal between two landings is dated by the
    landing that first saw it, not by when dbt happened to run. -#}
{% snapshot status_snapshot %}

{{
    config(
        schema='snapshots',
        unique_key='status_key',
        strategy='check',
        check_cols=['status'],
        updated_at='landed_at',
    )
}}

with

violations as (

    select * from {{ ref('fct_violations') }}

),

enforcement_actions as (

    select * from {{ ref('fct_enforcement_actions') }}

),

facilities as (

    select * from {{ ref('dim_facility') }}

),

import_log as (

    select * from {{ ref('stg_landing__import_log') }}

),

landings as (

    select
        dataset_key,
        (max(finished_at) at time zone 'UTC')::timestamp as landed_at
    from import_log
    where status = 'landed'
    group by dataset_key

),

statuses as (

    select
        'violation' as entity,
        violation_id::varchar as entity_id,
        violation_status as status,
        'violations' as dataset_key
    from violations

    union all

    select
        'enforcement_action' as entity,
        enforcement_id::varchar as entity_id,
        enforcement_status as status,
        'enforcement_actions' as dataset_key
    from enforcement_actions

    union all

    select
        'application' as entity,
        facility_id as entity_id,
        status,
        program || '_facilities' as dataset_key
    from facilities
    where source_system = 'SMARTS'

)

select
    statuses.entity || ':' || statuses.entity_id as status_key,
    statuses.entity,
    statuses.entity_id,
    statuses.status,
    statuses.dataset_key,
    coalesce(landings.landed_at, (current_timestamp at time zone 'UTC')::timestamp) as landed_at
from statuses
left join landings
    on statuses.dataset_key = landings.dataset_key

{% endsnapshot %}
