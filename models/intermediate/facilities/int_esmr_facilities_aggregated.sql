-- One row per eSMR facility: its most used name and region (a tie goes to the greatest value),
-- and a location taken from its monitoring locations (the median of their valid coordinates).
with

results as (

    select * from {{ ref('stg_esmr__results') }}

),

locations as (

    select
        facility_place_id,
        location_place_id,
        -- a location published with differing coordinates (a typo in one result) gets the median
        -- of them: the same answer on every build (any_value picked whichever row came first)
        median(latitude) filter (where latitude is not null and longitude is not null) as latitude,
        median(longitude) filter (where latitude is not null and longitude is not null) as longitude
    from results
    group by facility_place_id, location_place_id

),

location_centres as (

    select
        facility_place_id,
        count(*) as location_count,
        median(latitude) as latitude,
        median(longitude) as longitude
    from locations
    group by facility_place_id

),

names as (

    {{ most_used(ref('stg_esmr__results'), 'facility_place_id', 'facility_name') }}

),

regions as (

    {{ most_used(ref('stg_esmr__results'), 'facility_place_id', 'region_code') }}

),

facilities as (

    select
        facility_id,
        facility_place_id,
        count(*) as result_count,
        min(sampling_date) as first_sampling_date,
        max(sampling_date) as last_sampling_date
    from results
    where facility_place_id is not null
    group by facility_id, facility_place_id

),

final as (

    select
        facilities.facility_id,
        facilities.facility_place_id,
        names.facility_name,
        regions.region_code,
        location_centres.latitude,
        location_centres.longitude,
        location_centres.location_count,
        facilities.result_count,
        facilities.first_sampling_date,
        facilities.last_sampling_date
    from facilities
    left join names
        on facilities.facility_place_id = names.facility_place_id
    left join regions
        on facilities.facility_place_id = regions.facility_place_id
    left join location_centres
        on facilities.facility_place_id = location_centres.facility_place_id

)

select * from final
