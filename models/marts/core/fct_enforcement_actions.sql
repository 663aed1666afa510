-- Enforcement actions with their facility, the violations linked to them and their money.
-- Every published action is a row; is_effective is false for Draft, Withdrawn and Rescinded
-- actions, which count nowhere (no penalty assessed, no links). Money is decimal(18,2) dollars,
-- as staging types it.
with

enforcement_actions as (

    select * from {{ ref('stg_smarts__enforcement_actions') }}

),

links as (

    select * from {{ ref('bridge_enforcement_violation') }}

),

regional_boards as (

    select * from {{ ref('regional_boards') }}

),

violations_per_action as (

    select
        enforcement_id,
        count(*) as linked_violation_count,
        min(violation_date) as earliest_linked_violation_date,
        max(enforcement_gap_days) as max_enforcement_gap_days
    from links
    group by enforcement_id

),

final as (

    select
        enforcement_actions.enforcement_id,
        enforcement_actions.facility_id,
        enforcement_actions.wdid,
        enforcement_actions.app_id,
        enforcement_actions.region_code,
        regional_boards.region_name,
        enforcement_actions.place_county as county,
        enforcement_actions.permit_type,
        enforcement_actions.enforcement_type,
        enforcement_actions.enforcement_status,
        -- shared rule (docs: status_rules): NULL status counts as effective
        coalesce(
            lower(trim(enforcement_actions.enforcement_status)) not in ('draft', 'withdrawn', 'rescinded'), true
        ) as is_effective,
        coalesce(lower(trim(enforcement_actions.enforcement_status)) = 'active', false) as is_active,
        enforcement_actions.issuance_date,
        enforcement_actions.due_date,
        enforcement_actions.compliance_date,
        enforcement_actions.order_number,
        enforcement_actions.description,
        enforcement_actions.corrective_action,
        enforcement_actions.count_of_violations as published_violation_count,
        coalesce(violations_per_action.linked_violation_count, 0) as linked_violation_count,
        violations_per_action.earliest_linked_violation_date,
        violations_per_action.max_enforcement_gap_days,
        enforcement_actions.initial_assessment,
        enforcement_actions.total_assessment,
        enforcement_actions.received_amount,
        coalesce(
            enforcement_actions.balance_due,
            enforcement_actions.total_assessment - coalesce(enforcement_actions.received_amount, 0)
        )::decimal(18, 2) as balance_due,
        enforcement_actions.economic_benefits,
        enforcement_actions.staff_costs,
        enforcement_actions.total_max_liability,
        enforcement_actions.received_date,
        coalesce(enforcement_actions.total_assessment, 0) > 0 as has_penalty
    from enforcement_actions
    left join violations_per_action
        on enforcement_actions.enforcement_id = violations_per_action.enforcement_id
    left join regional_boards
        on enforcement_actions.region_code = regional_boards.region_code

)

select * from final
