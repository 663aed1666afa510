-- Inspections with their facility and the violations they found.
with

inspections as (

    select * from {{ ref('stg_smarts__inspections') }}

),

links as (

    select * from {{ ref('bridge_inspection_violation') }}

),

violations_per_inspection as (

    select
        inspection_id,
        count(*) as linked_violation_count
    from links
    group by inspection_id

),

regional_boards as (

    select * from {{ ref('regional_boards') }}

),

final as (

    select
        inspections.inspection_id,
        inspections.facility_id,
        inspections.wdid,
        inspections.app_id,
        inspections.region_code,
        regional_boards.region_name,
        inspections.place_county as county,
        inspections.permit_type,
        inspections.inspection_date,
        inspections.inspection_purpose,
        inspections.inspection_classification,
        inspections.inspection_status,
        inspections.inspector_type,
        inspections.agency_name,
        inspections.follow_up_action,
        inspections.is_virtual_inspection,
        inspections.general_notes,
        inspections.count_of_violations,
        coalesce(violations_per_inspection.linked_violation_count, 0) as linked_violation_count
    from inspections
    left join violations_per_inspection
        on inspections.inspection_id = violations_per_inspection.inspection_id
    left join regional_boards
        on inspections.region_code = regional_boards.region_code

)

select * from final
