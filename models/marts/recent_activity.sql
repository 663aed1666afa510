-- Violations, enforcement actions and inspections in the last 30 days of data (the days
-- before the latest date any of them carries), newest first.
with

violations as (

    select * from {{ ref('fct_violations') }}

),

enforcement_actions as (

    select * from {{ ref('fct_enforcement_actions') }}

),

inspections as (

    select * from {{ ref('fct_inspections') }}

),

facilities as (

    select * from {{ ref('dim_facility') }}

),

events as (

    select
        'violation' as event_type,
        violation_id as event_id,
        facility_id,
        occurrence_date as event_date,
        violation_type as detail
    from violations
    union all
    select
        'enforcement action',
        enforcement_id,
        facility_id,
        issuance_date,
        enforcement_type
    from enforcement_actions
    union all
    select
        'inspection',
        inspection_id,
        facility_id,
        inspection_date,
        inspection_purpose
    from inspections

),

data_end as (

    select max(event_date) as last_date from events

),

final as (

    select
        events.event_type,
        events.event_id,
        events.facility_id,
        facilities.facility_name,
        facilities.county,
        events.event_date,
        events.detail,
        date_diff('day', events.event_date, data_end.last_date) as days_before_data_end,
        date_diff('day', events.event_date, data_end.last_date) < {{ var('recent_days')[0] }} as is_last_7_days
    from events
    cross join data_end
    left join facilities
        on events.facility_id = facilities.facility_id
    where events.event_date > data_end.last_date - interval ({{ var('recent_days')[1] }}) day

)

select * from final
order by event_date desc
