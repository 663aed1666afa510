-- Exceedance Response Action level of each industrial application and parameter in each
-- reporting year, from its first monitored year to the latest reporting year in the data:
-- Baseline; Level 1 from the July 1 after a year with an exceedance; Level 2 from the July 1
-- after a later year with another exceedance of the same parameter.
with

exceedances as (

    select * from {{ ref('fct_nal_exceedances') }}

),

latest_year as (

    select max(reporting_year_start) as reporting_year_start from exceedances

),

series as (

    select
        facility_id,
        wdid,
        app_id,
        parameter,
        min(reporting_year_start) as first_year
    from exceedances
    group by facility_id, wdid, app_id, parameter

),

spine as (

    select
        series.facility_id,
        series.wdid,
        series.app_id,
        series.parameter,
        unnest(generate_series(series.first_year, latest_year.reporting_year_start)) as reporting_year_start
    from series
    cross join latest_year

),

years as (

    select
        spine.facility_id,
        spine.wdid,
        spine.app_id,
        spine.parameter,
        spine.reporting_year_start,
        coalesce(exceedances.sample_count, 0) as sample_count,
        coalesce(exceedances.is_exceedance, false) as is_exceedance
    from spine
    left join exceedances
        on
            spine.wdid = exceedances.wdid
            and spine.app_id = exceedances.app_id
            and spine.parameter = exceedances.parameter
            and spine.reporting_year_start = exceedances.reporting_year_start

),

counted as (

    select
        *,
        count(*) filter (where is_exceedance) over (
            partition by wdid, app_id, parameter order by reporting_year_start
            rows between unbounded preceding and 1 preceding
        ) as prior_exceedance_years,
        min(reporting_year_start) filter (where is_exceedance) over (
            partition by wdid, app_id, parameter order by reporting_year_start
            rows between unbounded preceding and 1 preceding
        ) as first_exceedance_year
    from years

),

second_exceedance as (

    select
        *,
        min(case when prior_exceedance_years = 1 and is_exceedance then reporting_year_start end) over (
            partition by wdid, app_id, parameter order by reporting_year_start
            rows between unbounded preceding and 1 preceding
        ) as second_exceedance_year
    from counted

),

final as (

    select
        facility_id,
        wdid,
        app_id,
        parameter,
        reporting_year_start,
        case
            when prior_exceedance_years >= {{ var('era_level_2_exceedance_years') }} then 'Level 2'
            when prior_exceedance_years = 1 then 'Level 1'
            else 'Baseline'
        end as era_level,
        prior_exceedance_years,
        case
            when first_exceedance_year is not null
                then make_date(first_exceedance_year::integer + 1, 7, 1)
        end as level_1_since,
        case
            when second_exceedance_year is not null
                then make_date(second_exceedance_year::integer + 1, 7, 1)
        end as level_2_since,
        sample_count,
        is_exceedance as is_exceedance_this_year,
        reporting_year_start = (select latest_year.reporting_year_start from latest_year) as is_latest_year
    from second_exceedance

)

select * from final
