-- eSMR effluent results of a screened parameter (a benchmark in seeds/esmr_screening_benchmarks.csv,
-- or pH), read by the parameter grammar, with whether they are screened and, when not, why
-- (docs: esmr_screening_rules): calculated daily/monthly averages are the portal's arithmetic
-- over results already published, and a unit that does not convert cannot be compared.
{%- set calculated = var('esmr_calculated_method_keywords') %}
with

results as (

    select * from {{ ref('stg_esmr__results') }}
    where location_place_type = 'Effluent Monitoring'

),

mapped as (

    select * from {{ ref('int_parameters_mapped') }}
    where source_dataset = 'esmr'

),

benchmarks as (

    select * from {{ ref('esmr_screening_benchmarks') }}

),

joined as (

    select
        results.record_key,
        results.facility_id,
        results.facility_place_id,
        results.sampling_date,
        results.calculated_method,
        results.parameter as parameter_raw,
        results.units as units_raw,
        results.result,
        results.is_non_detect,
        mapped.nal_parameter as parameter,
        coalesce(mapped.is_nal_usable, false) as is_unit_usable,
        results.result * mapped.to_mg_l as result_mg_l,
        benchmarks.benchmark_mg_l,
        (
            {%- for keyword in calculated %}
                contains(lower(coalesce(results.calculated_method, '')), '{{ keyword | lower }}'){% if not loop.last %}
                    or
                {% endif %}
            {%- endfor %}
        ) as is_calculated
    from results
    inner join mapped
        on
            results.parameter is not distinct from mapped.parameter_raw
            and results.units is not distinct from mapped.units_raw
    left join benchmarks
        on mapped.nal_parameter = benchmarks.parameter
    where benchmarks.parameter is not null or mapped.nal_parameter = 'pH'

),

final as (

    select
        *,
        case
            when is_calculated then 'calculated average'
            when not is_unit_usable then 'unusable unit'
            when sampling_date is null then 'no sample date'
        end as exclusion_reason
    from joined

)

select * from final
