-- Every industrial SMARTS result, classified for the numeric action level evaluation: whether it
-- counts toward a NAL and, when not, the one reason why (docs: nal_counting_rules). The
-- parameter and unit are read by the grammar (int_parameters_mapped), joined on the raw text.
-- Results without a parameter, or otherwise counting but without an application key, are
-- excluded with that reason.
{%- set run_on = var('nal_run_on_location_keywords') %}
{%- set non_storm = var('nal_non_storm_water_keywords') %}
-- Incremental: only results not classified yet are read (docs: incremental_monitoring).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{{ increment_prepare('select record_key from ' ~ ref('stg_smarts__industrial_samples')) }}",
        "{{ increment_delete() }}"
    ]
) }}
with

samples as (

    select staged.* from {{ ref('stg_smarts__industrial_samples') }} as staged
    where {{ increment_filter('staged') }}

),

mapped as (

    select * from {{ ref('int_parameters_mapped') }}
    where source_dataset = 'industrial_monitoring'

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
        samples.report_id,
        samples.event_type,
        samples.monitoring_location_type,
        samples.sample_date,
        samples.parameter as parameter_raw,
        samples.units as units_raw,
        samples.result_qualifier,
        samples.is_non_detect,
        samples.result,
        samples.rl,
        mapped.nal_parameter,
        mapped.parameter_canonical,
        mapped.parameter_reason,
        mapped.units_canonical,
        mapped.to_mg_l,
        mapped.unit_reason,
        coalesce(mapped.is_nal_parameter, false) as is_nal_parameter,
        coalesce(mapped.is_nal_usable, false) as is_nal_usable,
        (
            {%- for keyword in run_on %}
                contains(
                    lower(coalesce(samples.monitoring_location_type, '')), '{{ keyword | lower }}'
                ){% if not loop.last %}
                    or
                {% endif %}
            {%- endfor %}
        ) as is_run_on,
        (
            {%- for keyword in non_storm %}
                contains(lower(coalesce(samples.event_type, '')), '{{ keyword | lower }}')
                or contains(
                    lower(coalesce(samples.monitoring_location_type, '')), '{{ keyword | lower }}'
                ){% if not loop.last %}
                    or
                {% endif %}
            {%- endfor %}
        ) as is_non_storm_water
    from samples
    left join mapped
        on
            samples.parameter is not distinct from mapped.parameter_raw
            and samples.units is not distinct from mapped.units_raw

),

classified as (

    select
        *,
        case
            when is_run_on then 'run-on'
            when is_non_storm_water then 'non-storm water discharge'
            when parameter_raw is null then 'no parameter'
            when not is_nal_parameter and starts_with(coalesce(parameter_reason, ''), 'not a NAL parameter')
                then 'not a NAL parameter'
            when
                not is_nal_parameter
                and regexp_matches(coalesce(parameter_reason, ''), '^(fraction|species|basis) not regulated')
                then 'refused fraction, species or basis'
            when not is_nal_parameter then 'unmapped parameter'
            when not is_nal_usable then 'unusable unit'
            when sample_date is null then 'no sample date'
            -- a result without its application (WDID, APP_ID) cannot enter the rule; the missing
            -- key is also in marts.data_quality_issues ('no application key')
            when wdid is null or app_id is null then 'no application key'
        end as exclusion_reason
    from joined

),

final as (

    select
        classified.*,
        classified.exclusion_reason is null as counts_toward_nal,
        action_levels.units = 'SU' as is_ph,
        case
            when classified.nal_parameter is null then null
            when action_levels.units = 'SU' then classified.result
            when classified.is_non_detect then {{ non_detect_value('classified.rl * classified.to_mg_l') }}
            else classified.result * classified.to_mg_l
        end as value,
        action_levels.annual_nal,
        try_cast(action_levels.instantaneous_max_nal as double) as instantaneous_max_nal
    from classified
    left join action_levels
        on classified.nal_parameter = action_levels.parameter

)

select * from final
