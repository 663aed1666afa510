-- Industrial General Permit numeric action level evaluation: one row per industrial
-- application, parameter and reporting year (July 1 - June 30) with results.
with

results as (

    select * from {{ ref('int_nal_results_prepared') }}

),

yearly as (

    select
        facility_id,
        wdid,
        app_id,
        parameter,
        reporting_year_start,
        any_value(is_ph) as is_ph,
        count(value) as sample_count,
        count(*) filter (where value is null) as unusable_result_count,
        count(*) filter (where is_non_detect) as non_detect_count,
        -- exact decimal arithmetic: a double sum depends on row order, and the 6-decimal
        -- rounding below would then flip on ties from one build to the next
        avg(value::decimal(38, 12))::double as annual_average,
        max(value) as max_result,
        any_value(annual_nal) as annual_nal,
        any_value(instantaneous_max_nal) as instantaneous_max_nal,
        count(*) filter (where exceeds_instantaneous_max) as instantaneous_exceedance_count,
        min(sample_date) as first_sample_date,
        max(sample_date) as last_sample_date
    from results
    group by facility_id, wdid, app_id, parameter, reporting_year_start

),

final as (

    select
        facility_id,
        wdid,
        app_id,
        parameter,
        reporting_year_start,
        make_date(reporting_year_start::integer, 7, 1) as reporting_year_start_date,
        make_date(reporting_year_start::integer + 1, 6, 30) as reporting_year_end_date,
        -- the permit's NAL regime began on July 1 2015 (docs: era_rules): earlier years are shown,
        -- never counted
        reporting_year_start < {{ var('era_programme_start_year') }} as is_before_programme,
        sample_count,
        unusable_result_count,
        non_detect_count,
        case when not is_ph then round(annual_average, 6) end as annual_average,
        max_result,
        annual_nal,
        coalesce(annual_nal is not null and annual_average > annual_nal, false) as is_annual_exceedance,
        instantaneous_max_nal,
        instantaneous_exceedance_count,
        instantaneous_exceedance_count >= {{ var('instantaneous_exceedances_needed') }}
            as is_instantaneous_exceedance,
        coalesce(annual_nal is not null and annual_average > annual_nal, false)
        or instantaneous_exceedance_count >= {{ var('instantaneous_exceedances_needed') }} as is_exceedance,
        first_sample_date,
        last_sample_date
    from yearly

)

select * from final
