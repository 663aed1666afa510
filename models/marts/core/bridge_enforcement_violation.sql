-- Enforcement actions and the violations they answer. The published files carry no
-- violation id on an enforcement action, so links are inferred (docs: enforcement_linkage):
-- same application, the violation on or before the issuance date and within
-- enforcement_link_window_days of it, each violation with its nearest following action,
-- flagged violations (LINKED_ENFORCEMENT_ACTION = Y) first, nearest first, at most
-- COUNT_OF_VIOLATIONS per action when the action states it.
{%- set window = var('enforcement_link_window_days') %}
{%- set link_confidence = var('enforcement_link_confidence') %}

with

enforcement_actions as (

    select * from {{ ref('stg_smarts__enforcement_actions') }}

),

violations as (

    select
        *,
        coalesce(occurrence_date, discovery_date) as violation_date
    from {{ ref('stg_smarts__violations') }}

),

candidates as (

    select
        enforcement_actions.enforcement_id,
        violations.violation_id,
        enforcement_actions.wdid,
        enforcement_actions.app_id,
        enforcement_actions.issuance_date,
        violations.violation_date,
        date_diff('day', violations.violation_date, enforcement_actions.issuance_date) as enforcement_gap_days,
        violations.has_linked_enforcement,
        enforcement_actions.count_of_violations
    from enforcement_actions
    inner join violations
        on
            enforcement_actions.wdid = violations.wdid
            and enforcement_actions.app_id = violations.app_id
            and enforcement_actions.issuance_date >= violations.violation_date
            and violations.violation_date >= enforcement_actions.issuance_date - to_days({{ window }})
    where
        -- an action that states how many violations it answers takes up to that many;
        -- one that does not, only violations not flagged as unlinked
        (enforcement_actions.count_of_violations > 0)
        or (
            enforcement_actions.count_of_violations is null
            and violations.has_linked_enforcement is distinct from false
        )

),

nearest_action as (

    select
        *,
        row_number() over (
            partition by violation_id
            order by enforcement_gap_days, enforcement_id
        ) as action_rank
    from candidates

),

ranked as (

    select
        *,
        row_number() over (
            partition by enforcement_id
            order by
                case has_linked_enforcement when true then 0 when false then 2 else 1 end,
                enforcement_gap_days,
                violation_id
        ) as violation_rank
    from nearest_action
    where action_rank = 1

),

kept as (

    select * from ranked
    where count_of_violations is null or violation_rank <= count_of_violations

),

final as (

    select
        enforcement_id,
        violation_id,
        wdid,
        app_id,
        case
            when has_linked_enforcement and count_of_violations is not null then 'flag_and_count'
            when has_linked_enforcement then 'flag_and_date'
            when count_of_violations is not null then 'count_and_date'
            else 'date_only'
        end as link_method,
        round(
            case
                when has_linked_enforcement and count_of_violations is not null
                    then {{ link_confidence.flag_and_count }}
                when has_linked_enforcement then {{ link_confidence.flag_and_date }}
                when count_of_violations is not null then {{ link_confidence.count_and_date }}
                else {{ link_confidence.date_only }}
            end - {{ var('enforcement_link_gap_penalty') }} * enforcement_gap_days / {{ window }},
            3
        ) as confidence,
        violation_date,
        issuance_date,
        enforcement_gap_days
    from kept

)

select * from final
