-- Every candidate eSMR-to-SMARTS pair with its confidence and decision, in tiers:
--   manual   a person's decision in seeds/facility_match_overrides.csv; always wins
--   exact    same normalised name, and within exact_max_distance_m or in the same city
--   fuzzy    confidence at or above match_auto_accept, with a known distance
-- Pairs between match_review_floor and the auto-accept threshold (or without a distance) go
-- to review; the rest are dropped. An application is linked to one eSMR facility at most.
with

scored as (

    select * from {{ ref('int_facility_pairs_scored') }}

),

overrides as (

    select
        esmr_facility_place_id::varchar as esmr_facility_place_id,
        wdid::varchar as wdid,
        app_id::varchar as app_id,
        lower(trim(decision::varchar)) as decision,
        decided_by::varchar as decided_by,
        note::varchar as note
    from {{ ref('facility_match_overrides') }}

),

evidence as (

    select
        *,
        case
            when distance_m is null then null
            when distance_m <= {{ var('full_distance_credit_m') }} then 1.0
            else greatest(
                0.0, 1.0 - (distance_m - {{ var('full_distance_credit_m') }})
                / ({{ var('max_link_distance_m') }} - {{ var('full_distance_credit_m') }})
            )
        end as distance_score
    from scored

),

confidence as (

    select
        *,
        round(
            case
                when distance_score is null then {{ var('name_weight') }} * name_score
                else {{ var('name_weight') }} * name_score + (1 - {{ var('name_weight') }}) * distance_score
            end, 4
        ) as confidence,
        is_same_name and (
            distance_m <= {{ var('exact_max_distance_m') }}
            or (is_same_city and coalesce(distance_m, 0) <= {{ var('exact_same_city_max_distance_m') }})
        ) as is_exact
    from evidence

),

with_overrides as (

    select
        coalesce(confidence.esmr_facility_place_id, overrides.esmr_facility_place_id) as esmr_facility_place_id,
        coalesce(confidence.wdid, overrides.wdid) as wdid,
        coalesce(confidence.app_id, overrides.app_id) as app_id,
        confidence.* exclude (esmr_facility_place_id, wdid, app_id),
        overrides.decision as manual_decision,
        overrides.decided_by,
        overrides.note as manual_note
    from confidence
    full outer join overrides
        on
            confidence.esmr_facility_place_id = overrides.esmr_facility_place_id
            and confidence.wdid = overrides.wdid
            and confidence.app_id = overrides.app_id

),

tiered as (

    select
        *,
        case
            when manual_decision is not null then 'manual'
            when is_exact then 'exact'
            else 'fuzzy'
        end as match_method,
        case
            when manual_decision = 'accept' then 'accepted'
            when manual_decision = 'reject' then 'rejected'
            when is_exact then 'accepted'
            when distance_m is not null and confidence >= {{ var('match_auto_accept') }} then 'accepted'
            when
                name_score >= {{ var('match_review_floor') }}
                and (confidence >= {{ var('match_review_floor') }} or distance_m is null) then 'review'
            else 'dropped'
        end as tier_decision,
        case
            when manual_decision = 'accept' then 1.0
            when is_exact then greatest(confidence, {{ var('exact_match_min_confidence') }})
            else confidence
        end as link_confidence
    from with_overrides

),

ranked as (

    select
        *,
        row_number() over (
            partition by wdid, app_id, tier_decision = 'accepted'
            order by match_method = 'manual' desc, confidence desc, esmr_facility_place_id asc
        ) as rank_for_application,
        max(case when tier_decision = 'accepted' then 1 else 0 end)
            over (partition by wdid, app_id) as application_is_linked
    from tiered

),

final as (

    select
        esmr_facility_place_id,
        wdid,
        app_id,
        match_method,
        case
            when tier_decision = 'accepted' and rank_for_application > 1 then 'review'
            when tier_decision = 'review' and application_is_linked = 1 then 'dropped'
            else tier_decision
        end as decision,
        link_confidence as confidence,
        name_score,
        distance_m,
        distance_score,
        esmr_facility_name,
        smarts_facility_name,
        esmr_name_normalized,
        smarts_name_normalized,
        is_same_name,
        is_same_city,
        is_same_region,
        manual_decision,
        decided_by,
        manual_note
    from ranked

)

select * from final
