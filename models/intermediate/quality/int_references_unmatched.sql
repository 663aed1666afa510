-- References that point nowhere: inspection-sourced violations whose inspection is not
-- published, and records whose application (WDID, APP_ID) is in neither facility file.
-- They stay in their models and are listed in marts.data_quality_issues.
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

),

missing_applications as (

    select
        compliance_records.dataset_key,
        compliance_records.record_key,
        'WDID, APP_ID' as column_name,
        coalesce(compliance_records.wdid, '') || ' / ' || coalesce(compliance_records.app_id, '') as raw_value,
        'points to no published application' as issue
    from compliance_records
    anti join applications
        on
            compliance_records.wdid = applications.wdid
            and compliance_records.app_id = applications.app_id

),

final as (

    select * from missing_inspections
    union all by name
    select * from missing_applications

)

select * from final
