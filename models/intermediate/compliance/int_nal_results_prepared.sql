-- Industrial monitoring results that count toward a numeric action level (storm-water discharge
-- results of a NAL parameter in a usable unit; docs: nal_counting_rules), in the NAL's units
-- (mg/L, or SU for pH), assigned to their reporting year. Non-detects count as the var
-- non_detect_substitution says (zero by default).
-- Incremental: only results not prepared yet are read (docs: incremental_monitoring).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ increment_prepare(counting_record_keys()) }}", "{{ increment_delete() }}"]
) }}
with

results as (

    select classified.* from {{ ref('int_industrial_results_classified') }} as classified
    where classified.counts_toward_nal and {{ increment_filter('classified') }}

),

final as (

    select
        record_key,
        facility_id,
        wdid,
        app_id,
        nal_parameter as parameter,
        sample_date,
        report_id,
        {{ reporting_year_start('sample_date') }} as reporting_year_start,
        result_qualifier,
        is_non_detect,
        units_raw as units,
        parameter_raw,
        is_ph,
        value,
        annual_nal,
        instantaneous_max_nal,
        coalesce(
            case
                when is_ph then {{ ph_out_of_range('value') }}
                else value > instantaneous_max_nal
            end, false
        ) as exceeds_instantaneous_max
    from results

)

select * from final
