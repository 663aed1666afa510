-- Every monitoring result in one shape: SMARTS industrial, SMARTS construction and eSMR. The
-- parameter, unit and result in mg/L come from the parameter grammar (int_parameters_mapped);
-- counts_toward_nal from the NAL counting rules (int_industrial_results_classified).
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

final as (

    select
        unioned.source_dataset,
        unioned.record_key,
        unioned.facility_id,
        unioned.wdid,
        unioned.app_id,
        unioned.esmr_facility_place_id,
        unioned.report_id,
        unioned.sample_id,
        unioned.location_name,
        unioned.location_type,
        unioned.latitude,
        unioned.longitude,
        unioned.event_type,
        unioned.sample_date,
        coalesce(mapped.parameter_canonical, unioned.parameter_published) as parameter,
        unioned.parameter_published,
        mapped.parameter_canonical is not null as is_parameter_mapped,
        mapped.nal_parameter,
        unioned.result,
        unioned.result_qualifier,
        unioned.units,
        mapped.units_canonical,
        unioned.result * mapped.to_mg_l as result_mg_l,
        unioned.rl * mapped.to_mg_l as reporting_limit_mg_l,
        unioned.is_non_detect,
        coalesce(industrial_classified.counts_toward_nal, false) as counts_toward_nal,
        industrial_classified.exclusion_reason as nal_exclusion_reason
    from unioned
    left join mapped
        on
            unioned.source_dataset = mapped.source_dataset
            and coalesce(unioned.parameter_published, chr(0)) = coalesce(mapped.parameter_raw, chr(0))
            and coalesce(unioned.units, chr(0)) = coalesce(mapped.units_raw, chr(0))
    left join industrial_classified
        on
            unioned.source_dataset = industrial_classified.source_dataset
            and unioned.record_key = industrial_classified.record_key

)

select * from final
