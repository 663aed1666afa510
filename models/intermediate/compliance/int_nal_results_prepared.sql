-- Industrial monitoring results for the parameters that have a numeric action level, in the
-- NAL's units (mg/L, or SU for pH), assigned to their reporting year. Non-detects count as
-- the var non_detect_substitution says (zero by default).
with

samples as (

    select * from {{ ref('stg_smarts__industrial_samples') }}

),

action_levels as (

    select * from {{ ref('igp_numeric_action_levels') }}

),

joined as (

    select
        samples.record_key,
        samples.facility_id,
        samples.wdid,
        samples.app_id,
        action_levels.parameter,
        samples.sample_date,
        {{ reporting_year_start('samples.sample_date') }} as reporting_year_start,
        samples.result_qualifier,
        samples.is_non_detect,
        samples.units,
        action_levels.units = 'SU' as is_ph,
        case
            when action_levels.units = 'SU' then samples.result
            when samples.is_non_detect then {{ non_detect_value('samples.reporting_limit_mg_l') }}
            else samples.result_mg_l
        end as value,
        action_levels.annual_nal,
        try_cast(action_levels.instantaneous_max_nal as double) as instantaneous_max_nal
    from samples
    inner join action_levels
        on samples.parameter_canonical = action_levels.parameter
    where samples.sample_date is not null

),

final as (

    select
        *,
        coalesce(
            case
                when is_ph then {{ ph_out_of_range('value') }}
                else value > instantaneous_max_nal
            end, false
        ) as exceeds_instantaneous_max
    from joined

)

select * from final
