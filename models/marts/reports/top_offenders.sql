-- SMARTS facilities with official violations, ranked: most violations in the last three years
-- of data first, then serious violations, then penalties (official violations and effective
-- actions only; docs: status_rules).
with

summary as (

    select * from {{ ref('facility_compliance_summary') }}
    where source_system = 'SMARTS' and official_violation_count > 0

),

final as (

    select
        rank() over (
            order by violations_last_3_years desc, serious_violation_count desc, penalties_assessed desc
        ) as offender_rank,
        facility_id,
        wdid,
        app_id,
        facility_name,
        county,
        region_code,
        region_name,
        violation_count,
        official_violation_count,
        violations_last_3_years,
        serious_violation_count,
        effective_enforcement_action_count,
        active_enforcement_count,
        penalties_assessed,
        penalties_received,
        current_era_level,
        nal_exceedance_count,
        is_repeat_offender,
        latest_violation_date
    from summary

)

select * from final
