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
        {{ smarts_facility_id('wdid', 'app_id') }} as facility_id,
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

    union all

    select
        'construction_monitoring',
        record_key,
        {{ smarts_facility_id('wdid', 'app_id') }},
        wdid,
        app_id,
        null,
        report_id,
        sample_id,
        monitoring_location_name,
        monitoring_location_type,
        monitoring_latitude,
        monitoring_longitude,
        event_type,
        sample_date,
        coalesce(parameter_canonical, parameter),
        parameter,
        parameter_canonical is not null,
        result,
        result_qualifier,
        units,
        units_canonical,
        result_mg_l,
        reporting_limit_mg_l,
        is_non_detect
    from construction

    union all

    select
        'esmr',
        record_key,
        {{ esmr_facility_id('facility_place_id') }},
        null,
        null,
        facility_place_id,
        smr_document_id,
        null,
        location,
        location_place_type,
        latitude,
        longitude,
        calculated_method,
        sampling_date,
        coalesce(parameter_canonical, parameter),
        parameter,
        parameter_canonical is not null,
        result,
        qualifier,
        units,
        units_canonical,
        result_mg_l,
        reporting_limit_mg_l,
        is_non_detect
    from esmr

)

select * from unioned
