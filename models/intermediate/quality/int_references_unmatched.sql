-- References that point nowhere: inspection-sourced violations whose inspection is not
-- published, records (violations, inspections, enforcement actions, SMARTS samples) whose
-- application (WDID, APP_ID) is missing or in neither facility file, and eSMR results without
-- a facility_place_id. They stay in their models and are listed in marts.data_quality_issues.
with

violations as (

    select * from {{ ref('stg_smarts__violations') }}

),

inspections as (

    select * from {{ ref('stg_smarts__inspections') }}

),

enforcement_actions as (

    select * from {{ ref('stg_smarts__enforcement_actions') }}

),

industrial_samples as (

    select * from {{ ref('stg_smarts__industrial_samples') }}

),

construction_samples as (

    select * from {{ ref('stg_smarts__construction_samples') }}

),

esmr_results as (

    select * from {{ ref('stg_esmr__results') }}

),

applications as (

    select * from {{ ref('int_applications_unioned') }}

),

missing_inspections as (

    select
        'violations' as dataset_key,
        violations.record_key,
        'VIOLATION_SOURCE_ID' as column_name,
        coalesce(violations.violation_source_id, '') as raw_value,
        case
            when violations.violation_source_id is null then 'inspection-sourced violation without an inspection id'
            else 'points to no published inspection'
        end as issue
    from violations
    left join inspections
        on violations.violation_source_id = inspections.inspection_id
    where
        violations.violation_source = 'Inspection'
        and inspections.inspection_id is null

),

compliance_records as (

    select
        'violations' as dataset_key,
        record_key,
        wdid,
        app_id
    from violations
    union all by name
    select
        'inspections' as dataset_key,
        record_key,
        wdid,
        app_id
    from inspections
    union all by name
    select
        'enforcement_actions' as dataset_key,
        record_key,
        wdid,
        app_id
    from enforcement_actions
    union all by name
    select
        'industrial_monitoring' as dataset_key,
        record_key,
        wdid,
        app_id
    from industrial_samples
    union all by name
    select
        'construction_monitoring' as dataset_key,
        record_key,
        wdid,
        app_id
    from construction_samples

),

missing_applications as (

    select
        compliance_records.dataset_key,
        compliance_records.record_key,
        'WDID, APP_ID' as column_name,
        coalesce(compliance_records.wdid, '') || ' / ' || coalesce(compliance_records.app_id, '') as raw_value,
        case
            when compliance_records.wdid is null or compliance_records.app_id is null
                then 'no application key'
            else 'points to no published application'
        end as issue
    from compliance_records
    anti join applications
        on
            compliance_records.wdid = applications.wdid
            and compliance_records.app_id = applications.app_id

),

missing_esmr_facilities as (

    select
        'esmr' as dataset_key,
        record_key,
        'FACILITY_PLACE_ID' as column_name,
        '' as raw_value,
        'no facility key' as issue
    from esmr_results
    where facility_place_id is null

),

final as (

    select * from missing_inspections
    union all by name
    select * from missing_applications
    union all by name
    select * from missing_esmr_facilities

)

select * from final
