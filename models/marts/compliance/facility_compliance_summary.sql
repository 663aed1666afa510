-- One row per facility in dim_facility: what happened there, in counts, dates and money,
-- its current ERA level and whether it is a repeat offender (docs: repeat_offender_rule).
-- Counts, rules and money use official violations and effective actions only (docs:
-- status_rules); violation_count and enforcement_action_count keep every published record.
with

facilities as (

    select * from {{ ref('dim_facility') }}

),

violations as (

    select * from {{ ref('fct_violations') }}

),

enforcement_actions as (

    select * from {{ ref('fct_enforcement_actions') }}

),

inspections as (

    select * from {{ ref('fct_inspections') }}

),

samples as (

    select * from {{ ref('fct_monitoring_samples') }}

),

era as (

    select * from {{ ref('facility_era_status') }}
    where is_latest_year

),

nal as (

    select * from {{ ref('fct_nal_exceedances') }}

),

screening as (

    select * from {{ ref('fct_esmr_screening_signals') }}

),

data_end as (

    select
        max(occurrence_date) as last_violation_date_in_data,
        max(occurrence_date) - to_years({{ var('repeat_offender_lookback_years') }}) as lookback_start
    from violations

),

violation_counts as (

    select
        facility_id,
        count(*) as violation_count,
        count(*) filter (where is_official) as official_violation_count,
        count(*) filter (where is_official and is_serious) as serious_violation_count,
        count(*) filter (
            where is_official and occurrence_date > (select data_end.lookback_start from data_end)
        ) as violations_last_3_years,
        max(occurrence_date) filter (where is_official) as latest_violation_date
    from violations
    group by facility_id

),

enforcement_counts as (

    select
        facility_id,
        count(*) as enforcement_action_count,
        count(*) filter (where is_effective) as effective_enforcement_action_count,
        count(*) filter (where is_effective and is_active) as active_enforcement_count,
        count(*) filter (where is_effective and has_penalty) as penalty_action_count,
        max(issuance_date) filter (where is_effective) as latest_enforcement_date,
        sum(total_assessment) filter (where is_effective) as penalties_assessed,
        -- money received is money received, whatever became of the action afterwards
        sum(received_amount) as penalties_received,
        sum(balance_due) filter (where is_effective) as penalty_balance_due
    from enforcement_actions
    group by facility_id

),

inspection_counts as (

    select
        facility_id,
        count(*) as inspection_count,
        max(inspection_date) as latest_inspection_date
    from inspections
    group by facility_id

),

sample_counts as (

    select
        facility_id,
        count(*) as sample_result_count,
        max(sample_date) as latest_sample_date
    from samples
    group by facility_id

),

era_levels as (

    select
        facility_id,
        max(case era_level when 'Level 2' then 2 when 'Level 1' then 1 else 0 end) as era_rank,
        count(*) filter (where era_level = 'Level 2') as level_2_parameter_count
    from era
    group by facility_id

),

nal_counts as (

    select
        facility_id,
        count(*) filter (where is_exceedance and not is_before_programme) as nal_exceedance_count
    from nal
    group by facility_id

),

screening_counts as (

    select
        facility_id,
        sum(signal_count) as screening_signal_count
    from screening
    group by facility_id

),

final as (

    select
        facilities.facility_id,
        facilities.source_system,
        facilities.program,
        facilities.wdid,
        facilities.app_id,
        facilities.esmr_facility_place_id,
        facilities.facility_name,
        facilities.county,
        facilities.region_code,
        facilities.region_name,
        facilities.status,
        facilities.linked_facility_id,
        coalesce(violation_counts.violation_count, 0) as violation_count,
        coalesce(violation_counts.official_violation_count, 0) as official_violation_count,
        coalesce(violation_counts.serious_violation_count, 0) as serious_violation_count,
        coalesce(violation_counts.violations_last_3_years, 0) as violations_last_3_years,
        coalesce(enforcement_counts.enforcement_action_count, 0) as enforcement_action_count,
        coalesce(enforcement_counts.effective_enforcement_action_count, 0) as effective_enforcement_action_count,
        coalesce(enforcement_counts.active_enforcement_count, 0) as active_enforcement_count,
        coalesce(inspection_counts.inspection_count, 0) as inspection_count,
        coalesce(sample_counts.sample_result_count, 0) as sample_result_count,
        coalesce(nal_counts.nal_exceedance_count, 0) as nal_exceedance_count,
        coalesce(screening_counts.screening_signal_count, 0) as screening_signal_count,
        violation_counts.latest_violation_date,
        enforcement_counts.latest_enforcement_date,
        inspection_counts.latest_inspection_date,
        sample_counts.latest_sample_date,
        coalesce(enforcement_counts.penalties_assessed, 0)::decimal(18, 2) as penalties_assessed,
        coalesce(enforcement_counts.penalties_received, 0)::decimal(18, 2) as penalties_received,
        coalesce(enforcement_counts.penalty_balance_due, 0)::decimal(18, 2) as penalty_balance_due,
        case era_levels.era_rank when 2 then 'Level 2' when 1 then 'Level 1' when 0 then 'Baseline' end
            as current_era_level,
        (
            coalesce(violation_counts.violations_last_3_years, 0) >= {{ var('repeat_offender_violations') }}
            or coalesce(era_levels.level_2_parameter_count, 0) > 0
            or coalesce(enforcement_counts.penalty_action_count, 0) >= {{ var('repeat_offender_penalty_actions') }}
        ) as is_repeat_offender
    from facilities
    left join violation_counts on facilities.facility_id = violation_counts.facility_id
    left join enforcement_counts on facilities.facility_id = enforcement_counts.facility_id
    left join inspection_counts on facilities.facility_id = inspection_counts.facility_id
    left join sample_counts on facilities.facility_id = sample_counts.facility_id
    left join era_levels on facilities.facility_id = era_levels.facility_id
    left join nal_counts on facilities.facility_id = nal_counts.facility_id
    left join screening_counts on facilities.facility_id = screening_counts.facility_id

)

select * from final
