-- Every monitoring result in one shape: SMARTS industrial, SMARTS construction and eSMR.
with

industrial as (

    select * from {{ ref('stg_smarts__industrial_samples') }}

),

construction as (

    select * from {{ ref('stg_smarts__construction_samples') }}

),

esmr as (

    select * from {{ ref('stg_esmr__results') }}

),

unioned as (

    select
        'industrial_monitoring' as source_dataset,
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
        coalesce(parameter_canonical, parameter) as parameter,
        parameter as parameter_published,
        parameter_canonical is not null as is_parameter_mapped,
        result,
        result_qualifier,
        units,
        units_canonical,
        result_mg_l,
        reporting_limit_mg_l,
        is_non_detect
    from industrial

    union all by name

    select
        'construction_monitoring' as source_dataset,
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
        coalesce(parameter_canonical, parameter) as parameter,
        parameter as parameter_published,
        parameter_canonical is not null as is_parameter_mapped,
        result,
        result_qualifier,
        units,
        units_canonical,
        result_mg_l,
        reporting_limit_mg_l,
        is_non_detect
    from construction

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
        coalesce(parameter_canonical, parameter) as parameter,
        parameter as parameter_published,
        parameter_canonical is not null as is_parameter_mapped,
        result,
        qualifier as result_qualifier,
        units,
        units_canonical,
        result_mg_l,
        reporting_limit_mg_l,
        is_non_detect
    from esmr

)

select * from unioned
