-- Every dated event of a facility in one long table, oldest first per facility: coverage
-- start and end, sampling days, NAL exceedance years, ERA level changes, inspections,
-- violations, enforcement actions and payments (docs: facility_timeline). amount is the money
-- of an enforcement action (assessed) or payment (received), decimal dollars.
with

facilities as (

    select * from {{ ref('dim_facility') }}

),

samples as (

    select * from {{ ref('fct_monitoring_samples') }}

),

exceedances as (

    select * from {{ ref('fct_nal_exceedances') }}

),

era_status as (

    select * from {{ ref('facility_era_status') }}

),

inspections as (

    select * from {{ ref('fct_inspections') }}

),

violations as (

    select * from {{ ref('fct_violations') }}

),

enforcement_actions as (

    select * from {{ ref('fct_enforcement_actions') }}

),

coverage_starts as (

    select
        facility_id,
        coverage_start_date as event_date,
        'coverage_start' as event_type,
        facility_id || ':coverage_start' as event_id,
        concat_ws(' ', permit_type, 'coverage starts', '(' || app_id || ')') as description
    from facilities
    where source_system = 'SMARTS' and coverage_start_date is not null

),

coverage_ends as (

    select
        facility_id,
        coverage_end_date as event_date,
        'coverage_end' as event_type,
        facility_id || ':coverage_end' as event_id,
        concat_ws(' ', permit_type, 'coverage ends, status', status) as description
    from facilities
    where source_system = 'SMARTS' and coverage_end_date is not null

),

-- results per sampling day and parameter first: counting the parameters of a day is then a
-- plain count, cheaper than count(distinct parameter) over every result
sample_day_parameters as (

    select
        facility_id,
        sample_date,
        source_dataset,
        parameter,
        count(*) as result_count
    from samples
    where sample_date is not null and facility_id is not null
    group by facility_id, sample_date, source_dataset, parameter

),

sample_days as (

    select
        facility_id,
        sample_date as event_date,
        'sample' as event_type,
        source_dataset || ':' || facility_id || ':' || strftime(sample_date, '%Y-%m-%d') as event_id,
        sum(result_count) || ' results of ' || count(parameter) || ' parameters (' || source_dataset || ')'
            as description
    from sample_day_parameters
    group by facility_id, sample_date, source_dataset

),

exceedance_years as (

    -- Dated at the end of the reporting year (or today while the year is running): an annual
    -- exceedance is only known once the year's results are in.
    select
        facility_id,
        least(make_date(reporting_year_start::integer + 1, 6, 30), current_date) as event_date,
        'nal_exceedance' as event_type,
        'nal:' || facility_id || ':' || parameter || ':' || reporting_year_start as event_id,
        parameter || ' exceeded its NAL in reporting year ' || reporting_year_start
        || case
            when is_annual_exceedance and is_instantaneous_exceedance then ' (annual and instantaneous)'
            when is_annual_exceedance then ' (annual average)'
            else ' (instantaneous)'
        end as description
    from exceedances
    where is_annual_exceedance or is_instantaneous_exceedance

),

era_levels as (

    select
        facility_id,
        parameter,
        reporting_year_start,
        era_level,
        lag(era_level) over (
            partition by facility_id, parameter order by reporting_year_start
        ) as previous_era_level
    from era_status

),

era_changes as (

    select
        facility_id,
        make_date(reporting_year_start::integer, 7, 1) as event_date,
        'era_level_change' as event_type,
        'era:' || facility_id || ':' || parameter || ':' || reporting_year_start as event_id,
        parameter || ': ' || previous_era_level || ' -> ' || era_level as description
    from era_levels
    where previous_era_level is not null and era_level <> previous_era_level

),

inspection_events as (

    select
        facility_id,
        inspection_date as event_date,
        'inspection' as event_type,
        inspection_id::varchar as event_id,
        concat_ws(', ', 'Inspection', inspection_purpose) as description
    from inspections
    where inspection_date is not null and facility_id is not null

),

violation_events as (

    select
        violations.facility_id,
        violations.occurrence_date as event_date,
        'violation' as event_type,
        violations.violation_id::varchar as event_id,
        concat_ws(', ', violations.violation_type, violations.violation_status)
        || case when violations.is_official then ' (official)' else ' (not official)' end
            as description
    from violations
    where violations.occurrence_date is not null and violations.facility_id is not null

),

enforcement_events as (

    select
        facility_id,
        issuance_date as event_date,
        'enforcement_action' as event_type,
        enforcement_id::varchar as event_id,
        concat_ws(', ', enforcement_type, enforcement_status)
        || case when total_assessment > 0 then ', assessed $' || total_assessment else '' end
            as description,
        case when total_assessment > 0 then total_assessment end as amount
    from enforcement_actions
    where issuance_date is not null and facility_id is not null

),

payment_events as (

    select
        facility_id,
        received_date as event_date,
        'payment' as event_type,
        'payment:' || enforcement_id as event_id,
        'Payment received: $' || received_amount || ' (' || enforcement_type || ')' as description,
        received_amount as amount
    from enforcement_actions
    where received_date is not null and facility_id is not null and received_amount > 0

),

unioned as (

    select * from coverage_starts
    union all by name
    select * from coverage_ends
    union all by name
    select * from sample_days
    union all by name
    select * from exceedance_years
    union all by name
    select * from era_changes
    union all by name
    select * from inspection_events
    union all by name
    select * from violation_events
    union all by name
    select * from enforcement_events
    union all by name
    select * from payment_events

),

final as (

    select
        facility_id,
        event_date::date as event_date,
        event_type,
        event_id,
        description,
        amount::decimal(18, 2) as amount,
        row_number() over (
            partition by facility_id order by event_date, event_type, event_id
        ) as event_sequence
    from unioned

)

select * from final
