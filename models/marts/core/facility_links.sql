-- Accepted eSMR-to-SMARTS links: one row per eSMR facility and SMARTS application.
with

decided as (

    select * from {{ ref('int_facility_matches_decided') }}
    where decision = 'accepted'

),

final as (

    select
        {{ esmr_facility_id('esmr_facility_place_id') }} as esmr_facility_id,
        {{ smarts_facility_id('wdid', 'app_id') }} as smarts_facility_id,
        esmr_facility_place_id,
        wdid,
        app_id,
        match_method,
        confidence,
        name_score,
        distance_m,
        esmr_facility_name,
        smarts_facility_name
    from decided

)

select * from final
