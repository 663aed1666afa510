-- Facilities with official violations and enforcement still active, with their last
-- inspection: where to look next.
with

summary as (

    select * from {{ ref('facility_compliance_summary') }}
    where official_violation_count > 0 and active_enforcement_count > 0

),

final as (

    select
        facility_id,
        wdid,
        app_id,
        facility_name,
        county,
        region_code,
        region_name,
        official_violation_count,
        violations_last_3_years,
        active_enforcement_count,
        latest_violation_date,
        latest_enforcement_date,
        latest_inspection_date,
        date_diff('day', latest_inspection_date, latest_violation_date) as days_since_inspection_at_last_violation,
        latest_inspection_date is null or latest_inspection_date < latest_violation_date
            as is_uninspected_since_last_violation,
        penalty_balance_due,
        current_era_level,
        is_repeat_offender
    from summary

)

select * from final
