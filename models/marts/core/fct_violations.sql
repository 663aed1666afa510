-- SMARTS violations with their facility, the inspection that found them and the
-- enforcement that answered them. Every published violation is a row; is_official marks the
-- ones with status Violation (Potential and Dismissed stay visible but count nowhere).
with

violations as (

    select
        *,
        coalesce(occurrence_date, discovery_date) as violation_date,
        -- shared rule (docs: status_rules): official only when the status is Violation, any case
        coalesce(lower(trim(violation_status)) = 'violation', false) as is_official
    from {{ ref('stg_smarts__violations') }}

),

enforcement_actions as (

    select * from {{ ref('stg_smarts__enforcement_actions') }}
    where coalesce(lower(trim(enforcement_status)) not in ('draft', 'withdrawn', 'rescinded'), true)

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

-- the first effective action at the same application on or after an official violation,
-- linked or not and without the linkage window: how long until the regulator acted at all
next_action as (

    select
        violations.violation_id,
        min(date_diff('day', violations.violation_date, enforcement_actions.issuance_date))
            as gap_to_next_effective_action_days
    from violations
    inner join enforcement_actions
        on
            violations.wdid = enforcement_actions.wdid
            and violations.app_id = enforcement_actions.app_id
            and violations.violation_date <= enforcement_actions.issuance_date
    where violations.is_official
    group by violations.violation_id

),

regional_boards as (

    select * from {{ ref('regional_boards') }}

),

final as (

    select
        violations.violation_id,
        violations.facility_id,
        violations.wdid,
        violations.app_id,
        violations.region_code,
        regional_boards.region_name,
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
        violations.is_official,
        violations.determined_by,
        violations.is_exempt_from_mmp,
        violations.description,
        coalesce(violations.has_linked_enforcement, false) as has_linked_enforcement,
        violations.has_linked_enforcement is null as is_linked_enforcement_flag_missing,
        coalesce(enforcement_per_violation.linked_enforcement_count, 0) as linked_enforcement_count,
        enforcement_per_violation.first_enforcement_date,
        enforcement_per_violation.days_to_enforcement,
        next_action.gap_to_next_effective_action_days
    from violations
    left join inspection_links
        on violations.violation_id = inspection_links.violation_id
    left join enforcement_per_violation
        on violations.violation_id = enforcement_per_violation.violation_id
    left join next_action
        on violations.violation_id = next_action.violation_id
    left join regional_boards
        on violations.region_code = regional_boards.region_code

)

select * from final
