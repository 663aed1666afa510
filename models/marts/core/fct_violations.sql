-- SMARTS violations with their facility, the inspection that found them and the
-- enforcement that answered them.
with

violations as (

    select * from {{ ref('stg_smarts__violations') }}

),

inspection_links as (

    select * from {{ ref('bridge_inspection_violation') }}

),

enforcement_links as (

    select * from {{ ref('bridge_enforcement_violation') }}

),

enforcement_per_violation as (

    select
        violation_id,
        count(*) as linked_enforcement_count,
        min(issuance_date) as first_enforcement_date,
        min(enforcement_gap_days) as days_to_enforcement
    from enforcement_links
    group by violation_id

),

final as (

    select
        violations.violation_id,
        violations.facility_id,
        violations.wdid,
        violations.app_id,
        violations.region_code,
        violations.place_county as county,
        violations.permit_type,
        violations.violation_source,
        violations.violation_source_id,
        inspection_links.inspection_id,
        violations.violation_type,
        violations.violation_priority,
        violations.occurrence_date,
        violations.discovery_date,
        violations.is_serious,
        violations.violation_status,
        violations.determined_by,
        violations.is_exempt_from_mmp,
        violations.description,
        coalesce(violations.has_linked_enforcement, false) as has_linked_enforcement,
        violations.has_linked_enforcement is null as is_linked_enforcement_flag_missing,
        coalesce(enforcement_per_violation.linked_enforcement_count, 0) as linked_enforcement_count,
        enforcement_per_violation.first_enforcement_date,
        enforcement_per_violation.days_to_enforcement
    from violations
    left join inspection_links
        on violations.violation_id = inspection_links.violation_id
    left join enforcement_per_violation
        on violations.violation_id = enforcement_per_violation.violation_id

)

select * from final
