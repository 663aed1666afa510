-- Every monitoring result in one shape: SMARTS industrial, SMARTS construction and eSMR. The
-- parameter, unit and result in mg/L come from the parameter grammar (int_parameters_mapped);
-- counts_toward_nal from the NAL counting rules (int_industrial_results_classified).
-- Incremental: only results not in the table yet are read (docs: incremental_monitoring).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{{ increment_prepare(monitoring_record_keys(), ['source_dataset', 'record_key']) }}",
        "{{ increment_delete(['source_dataset', 'record_key']) }}"
    ]
) }}
with

industrial as (

    select * from {{ ref('stg_smarts__industrial_samples') }}

),

industrial_classified as (

    select
        'industrial_monitoring' as source_dataset,
        record_key,
        counts_toward_nal,
        exclusion_reason
    from {{ ref('int_industrial_results_classified') }}

),

construction as (

    select * from {{ ref('stg_smarts__construction_samples') }}

),

esmr as (

    select * from {{ ref('stg_esmr__results') }}

),

mapped as (

    select * from {{ ref('int_parameters_mapped') }}

),

smarts_samples as (

    -- the two SMARTS monitoring files share their layout: one branch below serves both
    select
        'industrial_monitoring' as source_dataset,
        *
    from industrial

    union all by name

    select
        'construction_monitoring' as source_dataset,
        *
    from construction

),

unioned as (

    select
        source_dataset,
        record_key,
        facility_id,
        wdid,
        app_id,
        null as esmr_facility_place_id,
        report_id,
        sample_id,
        monitoring_location_name as location_name,
        monitoring_location_type as location_type,
        monitoring_latitude as latitude,
        monitoring_longitude as longitude,
        event_type,
        sample_date,
        parameter as parameter_published,
        result,
        result_qualifier,
        units,
        rl,
        is_non_detect
    from smarts_samples

    union all by name

    select
        'esmr' as source_dataset,
        record_key,
        facility_id,
        null as wdid,
        null as app_id,
        facility_place_id as esmr_facility_place_id,
        smr_document_id as report_id,
        null as sample_id,
        location as location_name,
        location_place_type as location_type,
        latitude,
        longitude,
        calculated_method as event_type,
        sampling_date as sample_date,
        parameter as parameter_published,
        result,
        qualifier as result_qualifier,
        units,
        rl,
        is_non_detect
    from esmr

),

new_rows as (

    select * from unioned
    where {{ increment_filter('unioned', ['source_dataset', 'record_key']) }}

),

final as (

    select
        new_rows.source_dataset,
        new_rows.record_key,
        new_rows.facility_id,
        new_rows.wdid,
        new_rows.app_id,
        new_rows.esmr_facility_place_id,
        new_rows.report_id,
        new_rows.sample_id,
        new_rows.location_name,
        new_rows.location_type,
        new_rows.latitude,
        new_rows.longitude,
        new_rows.event_type,
        new_rows.sample_date,
        coalesce(mapped.parameter_canonical, new_rows.parameter_published) as parameter,
        new_rows.parameter_published,
        mapped.parameter_canonical is not null as is_parameter_mapped,
        mapped.nal_parameter,
        new_rows.result,
        new_rows.result_qualifier,
        new_rows.units,
        mapped.units_canonical,
        new_rows.result * mapped.to_mg_l as result_mg_l,
        new_rows.rl * mapped.to_mg_l as reporting_limit_mg_l,
        new_rows.is_non_detect,
        coalesce(industrial_classified.counts_toward_nal, false) as counts_toward_nal,
        industrial_classified.exclusion_reason as nal_exclusion_reason
    from new_rows
    left join mapped
        on
            new_rows.source_dataset = mapped.source_dataset
            and coalesce(new_rows.parameter_published, chr(0)) = coalesce(mapped.parameter_raw, chr(0))
            and coalesce(new_rows.units, chr(0)) = coalesce(mapped.units_raw, chr(0))
    left join industrial_classified
        on
            new_rows.source_dataset = industrial_classified.source_dataset
            and new_rows.record_key = industrial_classified.record_key

)

select * from final
