-- Violations, enforcement actions and inspections in the last recent_days[1] days of data
-- (30 by default: the days before the latest date any of them carries). is_very_recent marks
-- the first, shorter window, recent_days[0] (7 days by default). Order in analyses/.
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
    union all by name
    select
        'enforcement action' as event_type,
        enforcement_id as event_id,
        facility_id,
        issuance_date as event_date,
        enforcement_type as detail
    from enforcement_actions
    union all by name
    select
        'inspection' as event_type,
        inspection_id as event_id,
        facility_id,
        inspection_date as event_date,
        inspection_purpose as detail
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
        date_diff('day', events.event_date, data_end.last_date) < {{ var('recent_days')[0] }} as is_very_recent
    from events
    cross join data_end
    left join facilities
        on events.facility_id = facilities.facility_id
    where events.event_date > data_end.last_date - to_days({{ var('recent_days')[1] }})

)

select * from final
