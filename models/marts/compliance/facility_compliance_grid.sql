-- One row per industrial application x reporting year x half (H1 = July-December,
-- H2 = January-June), from its coverage start (or the permit's start, var
-- compliance_grid_start, whichever is later) to its coverage end or the latest data: the
-- qualifying storm events (QSEs) it sampled against the permit's two per half, and what the
-- regulators and the exceedance rules saw in the same half (docs: compliance_grid).
-- depends_on: {{ ref('fct_monitoring_samples') }}
with

facilities as (

    select * from {{ ref('dim_facility') }}

),

samples as (

    select * from {{ ref('fct_monitoring_samples') }}

),

nal_results as (

    select * from {{ ref('int_nal_results_prepared') }}

),

exceedances as (

    select * from {{ ref('fct_nal_exceedances') }}

),

era_status as (

    select * from {{ ref('facility_era_status') }}

),

violations as (

    select * from {{ ref('fct_violations') }}

),

inspections as (

    select * from {{ ref('fct_inspections') }}

),

enforcement_actions as (

    select * from {{ ref('fct_enforcement_actions') }}

),

counting_results as (

    -- A counting result: an industrial storm-water discharge result of a NAL parameter in a
    -- usable unit (fct_monitoring_samples.counts_toward_nal, docs: nal_counting_rules).
    select
        samples.facility_id,
        samples.sample_date
    from samples
    where samples.counts_toward_nal and samples.sample_date is not null

),

latest_data as (

    select least(max(latest_date), current_date) as latest_date
    from (
        select max(sample_date) as latest_date from samples
        where source_dataset = 'industrial_monitoring'
        union all
        select max(inspection_date) from inspections
        union all
        select max(occurrence_date) from violations
        union all
        select max(issuance_date) from enforcement_actions
    )

),

applications as (

    select
        facilities.facility_id,
        facilities.wdid,
        facilities.app_id,
        facilities.permit_type,
        facilities.status,
        facilities.coverage_start_date,
        facilities.coverage_end_date,
        coalesce(
            regexp_matches(lower(facilities.permit_type), '{{ var("no_sampling_permit_type_pattern") }}'),
            false
        ) as is_exempt_from_sampling,
        greatest(facilities.coverage_start_date, date '{{ var("compliance_grid_start") }}') as grid_start_date,
        least(coalesce(facilities.coverage_end_date, latest_data.latest_date), latest_data.latest_date)
            as grid_end_date,
        latest_data.latest_date
    from facilities
    cross join latest_data
    where
        facilities.source_system = 'SMARTS'
        and facilities.program = 'industrial'
        and facilities.coverage_start_date is not null

),

halves as (

    select
        half_start_date::date as half_start_date,
        (half_start_date + interval 6 month - interval 1 day)::date as half_end_date
    from (
        select unnest(generate_series(
            date '{{ var("compliance_grid_start") }}',
            (select latest_date from latest_data),
            interval 6 month
        )) as half_start_date
    )

),

spine as (

    select
        applications.*,
        halves.half_start_date,
        halves.half_end_date,
        {{ reporting_year_start('halves.half_start_date') }} as reporting_year_start,
        case when month(halves.half_start_date) = 7 then 'H1' else 'H2' end as half,
        applications.coverage_start_date <= halves.half_start_date
        and coalesce(applications.coverage_end_date, halves.half_end_date) >= halves.half_end_date
            as is_covered_whole_half,
        halves.half_end_date <= applications.latest_date as is_half_complete
    from applications
    inner join halves
        on
            applications.grid_end_date >= halves.half_start_date
            and applications.grid_start_date <= halves.half_end_date

),

qse_per_half as (

    select
        spine.facility_id,
        spine.half_start_date,
        count(distinct counting_results.sample_date) as qse_sampled_count,
        count(*) as counting_result_count
    from spine
    inner join counting_results
        on
            spine.facility_id = counting_results.facility_id
            and counting_results.sample_date between spine.half_start_date and spine.half_end_date
    group by spine.facility_id, spine.half_start_date

),

samples_per_half as (

    select
        spine.facility_id,
        spine.half_start_date,
        count(*) as sample_result_count,
        count(distinct samples.sample_date) as sample_day_count
    from spine
    inner join samples
        on
            spine.facility_id = samples.facility_id
            and samples.source_dataset = 'industrial_monitoring'
            and samples.sample_date between spine.half_start_date and spine.half_end_date
    group by spine.facility_id, spine.half_start_date

),

exceedance_years as (

    select
        facility_id,
        parameter,
        reporting_year_start
    from exceedances
    where is_annual_exceedance or is_instantaneous_exceedance

),

exceedances_per_half as (

    -- A parameter counts in a half when its reporting year is an exceedance year and a result
    -- in this half was above its annual NAL or outside its instantaneous limit, so each
    -- exceedance year's parameter shows in the half (or halves) that caused it.
    select
        spine.facility_id,
        spine.half_start_date,
        count(distinct nal_results.parameter) as nal_exceedance_parameter_count
    from spine
    inner join nal_results
        on
            spine.facility_id = nal_results.facility_id
            and nal_results.sample_date between spine.half_start_date and spine.half_end_date
    inner join exceedance_years
        on
            nal_results.facility_id = exceedance_years.facility_id
            and nal_results.parameter = exceedance_years.parameter
            and nal_results.reporting_year_start = exceedance_years.reporting_year_start
    where nal_results.exceeds_instantaneous_max or nal_results.value > nal_results.annual_nal
    group by spine.facility_id, spine.half_start_date

),

records as (

    -- violations, inspections and enforcement actions as dated records of one shape
    select
        facility_id,
        occurrence_date as record_date,
        'violation' as kind,
        is_official as is_counted
    from violations
    union all by name
    select
        facility_id,
        inspection_date as record_date,
        'inspection' as kind,
        true as is_counted
    from inspections
    union all by name
    select
        facility_id,
        issuance_date as record_date,
        'enforcement_action' as kind,
        is_effective as is_counted
    from enforcement_actions

),

records_per_half as (

    select
        spine.facility_id,
        spine.half_start_date,
        count(*) filter (where records.kind = 'violation' and records.is_counted) as official_violation_count,
        count(*) filter (where records.kind = 'inspection') as inspection_count,
        count(*) filter (where records.kind = 'enforcement_action' and records.is_counted)
            as enforcement_action_count
    from spine
    inner join records
        on
            spine.facility_id = records.facility_id
            and records.record_date between spine.half_start_date and spine.half_end_date
    group by spine.facility_id, spine.half_start_date

),

era_per_year as (

    select
        facility_id,
        reporting_year_start,
        max(case era_level when 'Level 2' then 2 when 'Level 1' then 1 else 0 end) as era_rank
    from era_status
    group by facility_id, reporting_year_start

),

final as (

    select
        spine.facility_id,
        spine.wdid,
        spine.app_id,
        spine.reporting_year_start,
        spine.half,
        spine.half_start_date,
        spine.half_end_date,
        spine.permit_type,
        spine.status,
        spine.is_exempt_from_sampling,
        spine.is_covered_whole_half,
        spine.is_half_complete,
        not spine.is_exempt_from_sampling
        and spine.is_covered_whole_half
        and spine.is_half_complete as is_sampling_required,
        case
            when not spine.is_exempt_from_sampling and spine.is_covered_whole_half and spine.is_half_complete
                then {{ var('qse_required_per_half') }}
            else 0
        end as qse_required,
        coalesce(qse_per_half.qse_sampled_count, 0) as qse_sampled_count,
        coalesce(qse_per_half.counting_result_count, 0) as counting_result_count,
        coalesce(samples_per_half.sample_result_count, 0) as sample_result_count,
        coalesce(samples_per_half.sample_day_count, 0) as sample_day_count,
        coalesce(exceedances_per_half.nal_exceedance_parameter_count, 0) as nal_exceedance_parameter_count,
        coalesce(records_per_half.official_violation_count, 0) as official_violation_count,
        coalesce(records_per_half.inspection_count, 0) as inspection_count,
        coalesce(records_per_half.enforcement_action_count, 0) as enforcement_action_count,
        case era_per_year.era_rank when 2 then 'Level 2' when 1 then 'Level 1' when 0 then 'Baseline' end
            as era_level
    from spine
    left join qse_per_half
        on spine.facility_id = qse_per_half.facility_id and spine.half_start_date = qse_per_half.half_start_date
    left join samples_per_half
        on
            spine.facility_id = samples_per_half.facility_id
            and spine.half_start_date = samples_per_half.half_start_date
    left join exceedances_per_half
        on
            spine.facility_id = exceedances_per_half.facility_id
            and spine.half_start_date = exceedances_per_half.half_start_date
    left join records_per_half
        on
            spine.facility_id = records_per_half.facility_id
            and spine.half_start_date = records_per_half.half_start_date
    left join era_per_year
        on
            spine.facility_id = era_per_year.facility_id
            and spine.reporting_year_start = era_per_year.reporting_year_start

)

select
    *,
    qse_sampled_count >= qse_required as is_sampling_requirement_met
from final
