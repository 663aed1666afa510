-- Violations found by inspections, linked to the inspection that found them
-- (VIOLATION_SOURCE = Inspection, VIOLATION_SOURCE_ID = INSPECTION_ID). Ids that point to no
-- published inspection are not here: they are counted in marts.data_quality_issues.
with

violations as (

    select * from {{ ref('stg_smarts__violations') }}
    where violation_source = 'Inspection'

),

inspections as (

    select * from {{ ref('stg_smarts__inspections') }}

),

final as (

    select
        inspections.inspection_id,
        violations.violation_id,
        violations.wdid,
        violations.app_id,
        inspections.inspection_date,
        violations.occurrence_date,
        violations.violation_type,
        violations.wdid = inspections.wdid and violations.app_id = inspections.app_id
            as is_same_application
    from violations
    inner join inspections
        on violations.violation_source_id = inspections.inspection_id

)

select * from final
