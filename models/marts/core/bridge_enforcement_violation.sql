-- Enforcement actions and the violations they answer. The published files carry no
-- violation id on an action, so links are inferred as an assignment (docs: enforcement_linkage):
-- only official violations and effective actions; same application; the violation on or before
-- the issuance date and within enforcement_link_window_days of it. Actions are ranked by
-- escalation level (var enforcement_escalation_levels): a violation is linked to at most one
-- action per level, so a notice and the penalty that follows it can both answer it. Within an
-- application and level, actions take violations in issuance order (earliest first), each up
-- to its COUNT_OF_VIOLATIONS, preferring flagged violations, then the smallest gap, then the
-- id, among those no earlier action of that level took: a violation a nearer action had no
-- room for goes to the next one.
{%- set window = var('enforcement_link_window_days') %}
{%- set link_confidence = var('enforcement_link_confidence') %}
{%- set levels = var('enforcement_escalation_levels') %}
{%- set level_of_type = {} %}
{%- for level, types in levels.items() if level != 'default' %}
    {%- for enforcement_type in types %}
        {%- do level_of_type.update({enforcement_type | lower: level | replace('level_', '') | int}) %}
    {%- endfor %}
{%- endfor %}

with

enforcement_actions as (

    select
        *,
        case lower(trim(enforcement_type))
            {%- for enforcement_type, level in level_of_type.items() %}
                when '{{ enforcement_type }}' then {{ level }}
            {%- endfor %}
            else {{ levels['default'] }}
        end as escalation_level
    from {{ ref('stg_smarts__enforcement_actions') }}
    -- effective actions only (shared rule: not Draft, Withdrawn or Rescinded; NULL counts)
    where coalesce(lower(trim(enforcement_status)) not in ('draft', 'withdrawn', 'rescinded'), true)

),

violations as (

    select
        *,
        coalesce(occurrence_date, discovery_date) as violation_date
    from {{ ref('stg_smarts__violations') }}
    -- official violations only (shared rule: status Violation, any case)
    where coalesce(lower(trim(violation_status)) = 'violation', false)

),

candidates as (

    select
        enforcement_actions.enforcement_id,
        violations.violation_id,
        enforcement_actions.wdid,
        enforcement_actions.app_id,
        enforcement_actions.escalation_level,
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

-- one row per action with candidates: its place in its application's and level's queue and
-- its candidates in order of preference
actions as (

    select
        wdid,
        app_id,
        escalation_level,
        enforcement_id,
        any_value(count_of_violations) as count_of_violations,
        list(
            violation_id
            order by
                case has_linked_enforcement when true then 0 when false then 2 else 1 end,
                enforcement_gap_days,
                violation_id
        ) as candidate_ids,
        row_number() over (
            partition by wdid, app_id, escalation_level
            order by any_value(issuance_date), enforcement_id
        ) as queue_position
    from candidates
    group by wdid, app_id, escalation_level, enforcement_id

),

assigned as (

    {#- each step takes the next action of every queue: what it chooses, and what its queue has
        taken so far -#}
    with recursive steps (wdid, app_id, escalation_level, queue_position, enforcement_id, chosen_ids, taken_ids) as (

        select
            wdid,
            app_id,
            escalation_level,
            queue_position,
            enforcement_id,
            list_slice(candidate_ids, 1, coalesce(count_of_violations, len(candidate_ids))) as chosen_ids,
            list_slice(candidate_ids, 1, coalesce(count_of_violations, len(candidate_ids))) as taken_ids
        from actions
        where queue_position = 1

        union all

        select
            actions.wdid,
            actions.app_id,
            actions.escalation_level,
            actions.queue_position,
            actions.enforcement_id,
            list_slice(
                list_filter(actions.candidate_ids, candidate -> not list_contains(steps.taken_ids, candidate)),
                1, coalesce(actions.count_of_violations, len(actions.candidate_ids))
            ) as chosen_ids,
            list_concat(
                steps.taken_ids,
                list_slice(
                    list_filter(actions.candidate_ids, candidate -> not list_contains(steps.taken_ids, candidate)),
                    1, coalesce(actions.count_of_violations, len(actions.candidate_ids))
                )
            ) as taken_ids
        from steps
        inner join actions
            on
                steps.wdid = actions.wdid
                and steps.app_id = actions.app_id
                and steps.escalation_level = actions.escalation_level
                and actions.queue_position = steps.queue_position + 1

    )

    select
        enforcement_id,
        unnest(chosen_ids) as violation_id
    from steps

),

kept as (

    select candidates.*
    from candidates
    inner join assigned
        on
            candidates.enforcement_id = assigned.enforcement_id
            and candidates.violation_id = assigned.violation_id

),

final as (

    select
        enforcement_id,
        violation_id,
        wdid,
        app_id,
        escalation_level,
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
