-- Construction General Permit numeric action levels (Order 2009-0009-DWQ as amended): a day's
-- samples of pH and turbidity are averaged, and the daily average is compared with the NAL:
-- pH outside cgp_ph_min-cgp_ph_max (6.5-8.5), turbidity above cgp_turbidity_max_ntu (250 NTU).
-- Only storm-water discharge results in the parameter's own unit (SU or none for pH, NTU for
-- turbidity) are averaged: run-on and non-storm water discharge samples are left out by the same
-- keyword vars as the industrial NAL rules.
{%- set run_on = var('nal_run_on_location_keywords') %}
{%- set non_storm = var('nal_non_storm_water_keywords') %}
with

samples as (

    select * from {{ ref('stg_smarts__construction_samples') }}

),

mapped as (

    select * from {{ ref('int_parameters_mapped') }}
    where source_dataset = 'construction_monitoring'

),

usable as (

    select
        samples.facility_id,
        samples.wdid,
        samples.app_id,
        case
            when mapped.nal_parameter = 'pH' then 'pH'
            when mapped.parameter_canonical = 'Turbidity' then 'Turbidity'
        end as parameter,
        samples.sample_date,
        samples.result
    from samples
    inner join mapped
        on
            samples.parameter is not distinct from mapped.parameter_raw
            and samples.units is not distinct from mapped.units_raw
    where
        -- a result without its application cannot be attributed; it is in the ledger
        -- ('no application key', int_references_unmatched)
        samples.wdid is not null
        and samples.app_id is not null
        and samples.sample_date is not null
        and samples.result is not null
        {%- for keyword in run_on %}
            and not contains(lower(coalesce(samples.monitoring_location_type, '')), '{{ keyword | lower }}')
        {%- endfor %}
        {%- for keyword in non_storm %}
            and not contains(lower(coalesce(samples.event_type, '')), '{{ keyword | lower }}')
            and not contains(lower(coalesce(samples.monitoring_location_type, '')), '{{ keyword | lower }}')
        {%- endfor %}
        and (
            (mapped.nal_parameter = 'pH' and mapped.is_nal_usable)
            or (mapped.parameter_canonical = 'Turbidity' and mapped.unit_kind = 'turbidity')
        )

),

daily as (

    select
        facility_id,
        wdid,
        app_id,
        parameter,
        sample_date,
        count(*) as sample_count,
        avg(result::decimal(38, 12))::double as daily_value
    from usable
    group by facility_id, wdid, app_id, parameter, sample_date

),

final as (

    select
        facility_id,
        wdid,
        app_id,
        parameter,
        sample_date,
        round(daily_value, 6) as daily_value,
        sample_count,
        case
            when parameter = 'pH'
                then daily_value < {{ var('cgp_ph_min') }} or daily_value > {{ var('cgp_ph_max') }}
            else daily_value > {{ var('cgp_turbidity_max_ntu') }}
        end as is_exceedance
    from daily

)

select * from final
