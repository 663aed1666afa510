-- eSMR screening signals: sampled effluent results above a screening benchmark (a seed of storm
-- water action levels), or pH outside 6-9, per facility, parameter and sampling year. Calculated
-- daily and monthly averages and results in units that do not convert are not screened (they
-- are counted in marts.nal_result_exclusions). A screening signal is not a violation: eSMR
-- permits have their own effluent limits, which are not published with the results.
with

results as (

    select * from {{ ref('int_esmr_results_classified') }}
    -- a result without its facility (facility_place_id) cannot be screened per facility: it is
    -- counted in marts.nal_result_exclusions ('no facility key') and in the ledger
    where exclusion_reason is null and facility_place_id is not null

),

compared as (

    select
        facility_id,
        facility_place_id,
        parameter,
        year(sampling_date) as sampling_year,
        sampling_date,
        case
            when parameter = 'pH' then null
            when is_non_detect then null
            else result_mg_l / benchmark_mg_l
        end as benchmark_ratio,
        benchmark_mg_l,
        coalesce(
            case
                when parameter = 'pH' then {{ ph_out_of_range('result') }}
                when is_non_detect then false
                else result_mg_l > benchmark_mg_l
            end, false
        ) as is_signal
    from results

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
