-- Candidate pairs a person should look at, with the evidence (order by confidence desc when
-- reading: a table has no order).
with

decided as (

    select * from {{ ref('int_facility_matches_decided') }}
    where decision = 'review'

),

final as (

    select
        esmr_facility_place_id,
        wdid,
        app_id,
        match_method,
        confidence,
        name_score,
        distance_m,
        esmr_facility_name,
        smarts_facility_name,
        esmr_name_normalized,
        smarts_name_normalized,
        is_same_name,
        is_same_city,
        is_same_region,
        concat_ws(
            ', ',
            case when is_same_name then 'same normalised name' end,
            case when is_same_city then 'SMARTS city named in the eSMR name' end,
            case when is_same_region then 'same region' end,
            case
                when distance_m <= {{ var('exact_max_distance_m') }} then
                    'within '
                    || {{ var('exact_max_distance_m') }} || ' m'
            end,
            case when distance_m is null then 'no location on one side' end
        ) as agreeing_evidence
    from decided

)

select * from final
