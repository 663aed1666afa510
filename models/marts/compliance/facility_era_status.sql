-- Exceedance Response Action level of each industrial application and NAL parameter in each
-- reporting year (docs: era_rules; IGP Order 2014-0057-DWQ Section XII). A series starts at
-- Baseline in the permit's first reporting year (July 1 2015) or the parameter's first sampled
-- year if later, and ends with the reporting year in which coverage ended (NOT_EFFECTIVE_DATE),
-- else the latest reporting year in the data. From year Y to Y+1: Baseline with an exceedance
-- in Y becomes Level 1; Level 1 with an exceedance in Y becomes Level 2; Level 1 without one,
-- once era_return_clean_qse_count consecutive qualifying storm events since Level 1 began had
-- no result above the parameter's NAL, returns to Baseline; Level 2 stays Level 2.
{%- set programme_start = var('era_programme_start_year') %}
{%- set clean_qses = var('era_return_clean_qse_count') %}

with

exceedances as (

    select * from {{ ref('fct_nal_exceedances') }}

),

results as (

    select * from {{ ref('int_nal_results_prepared') }}

),

facilities as (

    select * from {{ ref('dim_facility') }}

),

latest_year as (

    select max(reporting_year_start) as reporting_year_start from exceedances

),

series as (

    select
        exceedances.wdid,
        exceedances.app_id,
        exceedances.parameter,
        any_value(exceedances.facility_id) as facility_id,
        greatest(min(exceedances.reporting_year_start), {{ programme_start }}) as first_year,
        least(
            coalesce(
                {{ reporting_year_start('any_value(facilities.coverage_end_date)') }},
                any_value(latest_year.reporting_year_start)
            ),
            any_value(latest_year.reporting_year_start)
        ) as last_year,
        any_value(facilities.coverage_end_date) as coverage_end_date
    from exceedances
    cross join latest_year
    left join facilities
        on exceedances.facility_id = facilities.facility_id
    group by exceedances.wdid, exceedances.app_id, exceedances.parameter

),

spine as (

    select
        series.*,
        unnest(generate_series(series.first_year, series.last_year)) as reporting_year_start
    from series
    where series.first_year <= series.last_year

),

-- materialized: years and return_years feed the recursive walk below, which would otherwise
-- recompute them (and rescan every NAL result) in each of its iterations
years as materialized (

    select
        spine.facility_id,
        spine.wdid,
        spine.app_id,
        spine.parameter,
        spine.reporting_year_start,
        spine.first_year,
        spine.last_year,
        spine.coverage_end_date,
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

-- one row per qualifying storm event sampled for the parameter (the sample date is the event
-- key): clean when no usable result of the event is above the parameter's NAL
storm_events as (

    select
        wdid,
        app_id,
        parameter,
        sample_date,
        not coalesce(
            bool_or(coalesce(value > annual_nal, false) or coalesce(exceeds_instantaneous_max, false)), false
        ) as is_clean
    from results
    where value is not null and sample_date is not null
    group by wdid, app_id, parameter, sample_date

),

clean_runs as (

    select
        *,
        lag(sample_date, {{ clean_qses - 1 }}) over event_order as run_start_date,
        count(*) over last_events as events_in_run,
        count(*) filter (where not is_clean) over last_events as unclean_events_in_run
    from storm_events
    window
        event_order as (partition by wdid, app_id, parameter order by sample_date),
        last_events as (
            partition by wdid, app_id, parameter order by sample_date
            rows between {{ clean_qses - 1 }} preceding and current row
        )

),

-- for each year in which a series could have entered Level 1, the first reporting year whose
-- storm events complete a clean run that began on or after that July 1
return_years as materialized (

    select
        years.wdid,
        years.app_id,
        years.parameter,
        years.reporting_year_start as level_1_start_year,
        min({{ reporting_year_start('clean_runs.sample_date') }}) as first_return_year
    from years
    inner join clean_runs
        on
            years.wdid = clean_runs.wdid
            and years.app_id = clean_runs.app_id
            and years.parameter = clean_runs.parameter
            and clean_runs.run_start_date >= make_date(years.reporting_year_start::integer, 7, 1)
    where clean_runs.events_in_run = {{ clean_qses }} and clean_runs.unclean_events_in_run = 0
    group by years.wdid, years.app_id, years.parameter, years.reporting_year_start

),

-- the level is a state carried from year to year
levels as (

    with recursive walk (
        wdid, app_id, parameter, reporting_year_start, era_level, level_1_start_year, level_2_start_year
    ) as (

        select
            wdid,
            app_id,
            parameter,
            reporting_year_start,
            'Baseline' as era_level,
            null::bigint as level_1_start_year,
            null::bigint as level_2_start_year
        from years
        where reporting_year_start = first_year

        union all

        select
            next_year.wdid,
            next_year.app_id,
            next_year.parameter,
            next_year.reporting_year_start,
            case
                when walk.era_level = 'Baseline' and this_year.is_exceedance then 'Level 1'
                when walk.era_level = 'Level 1' and this_year.is_exceedance then 'Level 2'
                when
                    walk.era_level = 'Level 1'
                    and return_years.first_return_year <= this_year.reporting_year_start
                    then 'Baseline'
                else walk.era_level
            end as era_level,
            case
                when walk.era_level = 'Baseline' and this_year.is_exceedance then next_year.reporting_year_start
                when
                    walk.era_level = 'Level 1'
                    and not this_year.is_exceedance
                    and return_years.first_return_year <= this_year.reporting_year_start
                    then null
                else walk.level_1_start_year
            end as level_1_start_year,
            case
                when walk.era_level = 'Level 1' and this_year.is_exceedance then next_year.reporting_year_start
                else walk.level_2_start_year
            end as level_2_start_year
        from walk
        inner join years as this_year
            on
                walk.wdid = this_year.wdid
                and walk.app_id = this_year.app_id
                and walk.parameter = this_year.parameter
                and walk.reporting_year_start = this_year.reporting_year_start
        inner join years as next_year
            on
                walk.wdid = next_year.wdid
                and walk.app_id = next_year.app_id
                and walk.parameter = next_year.parameter
                and next_year.reporting_year_start = walk.reporting_year_start + 1
        left join return_years
            on
                walk.wdid = return_years.wdid
                and walk.app_id = return_years.app_id
                and walk.parameter = return_years.parameter
                and walk.level_1_start_year = return_years.level_1_start_year

    )

    select * from walk

),

final as (

    select
        years.facility_id,
        years.wdid,
        years.app_id,
        years.parameter,
        years.reporting_year_start,
        levels.era_level,
        count(*) filter (where years.is_exceedance) over (
            partition by years.wdid, years.app_id, years.parameter order by years.reporting_year_start
            rows between unbounded preceding and 1 preceding
        ) as prior_exceedance_years,
        case
            when levels.level_1_start_year is not null
                then make_date(levels.level_1_start_year::integer, 7, 1)
        end as level_1_since,
        case
            when levels.level_2_start_year is not null
                then make_date(levels.level_2_start_year::integer, 7, 1)
        end as level_2_since,
        years.sample_count,
        years.is_exceedance as is_exceedance_this_year,
        years.first_year as series_first_year,
        years.last_year as series_last_year,
        years.coverage_end_date,
        years.reporting_year_start = years.last_year as is_series_end,
        years.reporting_year_start = (select latest_year.reporting_year_start from latest_year) as is_latest_year
    from years
    inner join levels
        on
            years.wdid = levels.wdid
            and years.app_id = levels.app_id
            and years.parameter = levels.parameter
            and years.reporting_year_start = levels.reporting_year_start

)

select * from final
