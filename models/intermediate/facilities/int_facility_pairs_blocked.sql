-- Candidate eSMR-to-SMARTS pairs, without comparing every pair: an eSMR facility is paired
-- only with industrial applications within max_link_distance_m (a bounding-box range join,
-- then the exact distance), or, where either side has no location, with applications in the
-- same Regional Board region. Names are scored in the next model.
{%- set max_m = var('max_link_distance_m') %}

with

esmr_facilities as (

    select * from {{ ref('int_esmr_facilities_aggregated') }}

),

applications as (

    select * from {{ ref('int_applications_unioned') }}
    where program = 'industrial'

),

nearby as (

    select
        esmr_facilities.facility_place_id as esmr_facility_place_id,
        applications.wdid,
        applications.app_id,
        {{ haversine_m('esmr_facilities.latitude', 'esmr_facilities.longitude',
                       'applications.latitude', 'applications.longitude') }} as distance_m
    from esmr_facilities
    inner join applications
        on
            applications.latitude
            between esmr_facilities.latitude - {{ metres_to_lat_degrees(max_m) }}
            and esmr_facilities.latitude + {{ metres_to_lat_degrees(max_m) }}
            and applications.longitude
            between esmr_facilities.longitude - {{ metres_to_lon_degrees(max_m) }}
            and esmr_facilities.longitude + {{ metres_to_lon_degrees(max_m) }}

),

within_reach as (

    select * from nearby
    where distance_m <= {{ max_m }}

),

unlocated as (

    select
        esmr_facilities.facility_place_id as esmr_facility_place_id,
        applications.wdid,
        applications.app_id,
        null::double as distance_m
    from esmr_facilities
    inner join applications
        on esmr_facilities.region_code = applications.region_code
    where esmr_facilities.latitude is null or applications.latitude is null

),

candidates as (

    select * from within_reach
    union all by name
    select * from unlocated

),

final as (

    select
        candidates.esmr_facility_place_id,
        candidates.wdid,
        candidates.app_id,
        candidates.distance_m,
        esmr_facilities.facility_name as esmr_facility_name,
        applications.facility_name as smarts_facility_name,
        applications.operator_name as smarts_operator_name,
        applications.city as smarts_city,
        applications.county as smarts_county,
        esmr_facilities.region_code = applications.region_code as same_region
    from candidates
    inner join esmr_facilities
        on candidates.esmr_facility_place_id = esmr_facilities.facility_place_id
    inner join applications
        on
            candidates.wdid = applications.wdid
            and candidates.app_id = applications.app_id

)

select * from final
