-- eSMR screening signals: effluent results at or above a screening benchmark (a seed of
-- storm water action levels), or pH outside 6-9, per facility, parameter and sampling year.
-- A screening signal is not a violation: eSMR permits have their own effluent limits, which
-- are not published with the results.
with

results as (

    select * from {{ ref('stg_esmr__results') }}
    where
        location_place_type = 'Effluent Monitoring'
        and sampling_date is not null

),

benchmarks as (

    select * from {{ ref('esmr_screening_benchmarks') }}

),

compared as (

    select
        results.facility_id,
        results.facility_place_id,
        results.parameter_canonical as parameter,
        year(results.sampling_date) as sampling_year,
        results.sampling_date,
        case
            when results.parameter_canonical = 'pH' then null
            when results.is_non_detect then null
            else results.result_mg_l / benchmarks.benchmark_mg_l
        end as benchmark_ratio,
        benchmarks.benchmark_mg_l,
        case
            when results.parameter_canonical = 'pH' then {{ ph_out_of_range('results.result') }}
            when results.is_non_detect then false
            else results.result_mg_l / benchmarks.benchmark_mg_l >= 1
        end as is_signal
    from results
    left join benchmarks
        on results.parameter_canonical = benchmarks.parameter
    where benchmarks.parameter is not null or results.parameter_canonical = 'pH'

),

grouped as (

    select
        facility_id,
        facility_place_id,
        parameter,
        sampling_year,
        count(*) as result_count,
        count(*) filter (where is_signal) as signal_count,
        min(sampling_date) filter (where is_signal) as first_signal_date,
        max(sampling_date) filter (where is_signal) as last_signal_date,
        max(benchmark_ratio) as max_benchmark_ratio,
        any_value(benchmark_mg_l) as benchmark_mg_l
    from compared
    group by facility_id, facility_place_id, parameter, sampling_year

),

final as (

    select
        facility_id,
        facility_place_id,
        parameter,
        sampling_year,
        result_count,
        signal_count,
        first_signal_date,
        last_signal_date,
        round(max_benchmark_ratio, 4) as max_benchmark_ratio,
        benchmark_mg_l,
        'screening signal' as signal_kind
    from grouped
    where signal_count > 0

)

select * from final
