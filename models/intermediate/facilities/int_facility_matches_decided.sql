-- Every candidate eSMR-to-SMARTS pair with its confidence and decision, in tiers:
--   manual   a person's decision in seeds/facility_match_overrides.csv; always wins
--   exact    same normalised name, and within exact_max_distance_m or in the same city
--   fuzzy    confidence at or above match_auto_accept, with a known distance; or, where one
--            side has no coordinates, an identical or near-identical name (the same but for one
--            typing slip) whose city or county agrees and that is the only such candidate of
--            both the eSMR facility (one WDID) and the application (one eSMR facility)
-- Pairs between match_review_floor and the auto-accept threshold go to review, and so do
-- pairs without a distance whose name score is at least unlocated_min_name_score; the rest
-- are dropped. An application is linked to one eSMR facility at most (a manual, then an exact,
-- then a (near-)identical name wins over a higher fuzzy confidence), and
-- an eSMR facility whose automatic links point at two WDIDs keeps only a clear winner (a lead
-- of match_clear_margin in confidence); the rest go to review.
{%- set unlocated_min = var('unlocated_min_name_score') %}
{%- set clear_margin = var('match_clear_margin') %}
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
        coalesce(is_same_name and (
            distance_m <= {{ var('exact_max_distance_m') }}
            or (is_same_city and distance_m <= {{ var('exact_same_city_max_distance_m') }})
        ), false) as is_exact,
        distance_m is null
        and is_near_identical_name
        and (is_same_city or is_same_county) as is_unlocated_candidate
    from evidence

),

unlocated_per_facility as (

    select
        esmr_facility_place_id,
        count(distinct wdid) as unlocated_wdid_count
    from confidence
    where is_unlocated_candidate
    group by esmr_facility_place_id

),

unlocated_per_application as (

    select
        wdid,
        app_id,
        count(distinct esmr_facility_place_id) as unlocated_facility_count
    from confidence
    where is_unlocated_candidate
    group by wdid, app_id

),

with_uniqueness as (

    select
        pairs.*,
        pairs.is_unlocated_candidate
        and unlocated_per_facility.unlocated_wdid_count = 1
        and unlocated_per_application.unlocated_facility_count = 1 as is_unique_unlocated
    from confidence as pairs
    left join unlocated_per_facility
        on pairs.esmr_facility_place_id = unlocated_per_facility.esmr_facility_place_id
    left join unlocated_per_application
        on
            pairs.wdid = unlocated_per_application.wdid
            and pairs.app_id = unlocated_per_application.app_id

),

with_overrides as (

    select
        coalesce(with_uniqueness.esmr_facility_place_id, overrides.esmr_facility_place_id) as esmr_facility_place_id,
        coalesce(with_uniqueness.wdid, overrides.wdid) as wdid,
        coalesce(with_uniqueness.app_id, overrides.app_id) as app_id,
        with_uniqueness.* exclude (esmr_facility_place_id, wdid, app_id),
        overrides.decision as manual_decision,
        overrides.decided_by,
        overrides.note as manual_note
    from with_uniqueness
    full outer join overrides
        on
            with_uniqueness.esmr_facility_place_id = overrides.esmr_facility_place_id
            and with_uniqueness.wdid = overrides.wdid
            and with_uniqueness.app_id = overrides.app_id

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
            when is_unique_unlocated then 'accepted'
            when distance_m is null and name_score >= {{ unlocated_min }} then 'review'
            when
                distance_m is not null
                and name_score >= {{ var('match_review_floor') }}
                and confidence >= {{ var('match_review_floor') }} then 'review'
            else 'dropped'
        end as tier_decision,
        case
            when manual_decision = 'accept' then 1.0
            when is_exact then greatest(confidence, {{ var('exact_match_min_confidence') }})
            else confidence
        end as link_confidence
    from with_overrides

),

automatic_wdids as (

    select
        esmr_facility_place_id,
        wdid,
        max(confidence) as best_confidence,
        row_number() over (
            partition by esmr_facility_place_id order by max(confidence) desc, wdid asc
        ) as wdid_rank
    from tiered
    where tier_decision = 'accepted' and match_method != 'manual'
    group by esmr_facility_place_id, wdid

),

clear_winners as (

    select
        esmr_facility_place_id,
        max(case when wdid_rank = 1 then wdid end) as winning_wdid,
        max(case when wdid_rank = 1 then best_confidence end)
        - coalesce(max(case when wdid_rank = 2 then best_confidence end), -1) as lead
    from automatic_wdids
    group by esmr_facility_place_id

),

contested as (

    select
        tiered.* replace (
            case
                when
                    tiered.tier_decision = 'accepted'
                    and tiered.match_method != 'manual'
                    and (
                        clear_winners.lead < {{ clear_margin }}
                        or tiered.wdid != clear_winners.winning_wdid
                    )
                    then 'review'
                else tiered.tier_decision
            end as tier_decision
        )
    from tiered
    left join clear_winners
        on tiered.esmr_facility_place_id = clear_winners.esmr_facility_place_id

),

ranked as (

    select
        *,
        row_number() over (
            partition by wdid, app_id, tier_decision = 'accepted'
            order by
                match_method = 'manual' desc, match_method = 'exact' desc, is_near_identical_name desc,
                confidence desc, esmr_facility_place_id asc
        ) as rank_for_application,
        max(case when tier_decision = 'accepted' then 1 else 0 end)
            over (partition by wdid, app_id) as application_is_linked
    from contested

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
        facility_name_score,
        operator_name_score,
        name_basis,
        distance_m,
        distance_score,
        esmr_facility_name,
        smarts_facility_name,
        esmr_name_normalized,
        smarts_name_normalized,
        operator_name_normalized,
        is_same_name,
        is_near_identical_name,
        is_same_city,
        is_same_county,
        is_same_region,
        is_unique_unlocated,
        manual_decision,
        decided_by,
        manual_note
    from ranked

)

select * from final
