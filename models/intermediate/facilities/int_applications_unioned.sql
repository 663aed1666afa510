-- SMARTS industrial and construction applications in one shape, with a location: the
-- application's own coordinates, else the median of the site coordinates its inspections,
-- violations and enforcement actions carry.
with

industrial as (

    select * from {{ ref('stg_smarts__industrial_applications') }}

),

construction as (

    select * from {{ ref('stg_smarts__construction_applications') }}

),

inspections as (

    select * from {{ ref('stg_smarts__inspections') }}

),

violations as (

    select * from {{ ref('stg_smarts__violations') }}

),

enforcement_actions as (

    select * from {{ ref('stg_smarts__enforcement_actions') }}

),

applications as (

    select
        'industrial' as program,
        facility_id,
        wdid,
        app_id,
        permit_type,
        status,
        facility_name,
        operator_name,
        facility_address as address,
        facility_city as city,
        facility_zip as zip,
        coalesce(facility_county, county) as county,
        coalesce(region_code, regional_board_code) as region_code,
        facility_latitude as latitude,
        facility_longitude as longitude,
        primary_sic,
        noi_processed_date,
        not_effective_date
    from industrial

    union all by name

    select
        'construction' as program,
        facility_id,
        wdid,
        app_id,
        permit_type,
        status,
        site_name as facility_name,
        owner_name as operator_name,
        site_address as address,
        site_city as city,
        site_zip as zip,
        coalesce(site_county, county) as county,
        coalesce(region_code, regional_board_code) as region_code,
        site_latitude as latitude,
        site_longitude as longitude,
        null as primary_sic,
        noi_processed_date,
        not_effective_date
    from construction

),

place_points as (

    select
        wdid,
        app_id,
        place_latitude as latitude,
        place_longitude as longitude
    from inspections
    union all by name
    select
        wdid,
        app_id,
        place_latitude as latitude,
        place_longitude as longitude
    from violations
    union all by name
    select
        wdid,
        app_id,
        place_latitude as latitude,
        place_longitude as longitude
    from enforcement_actions

),

place_coordinates as (

    select
        wdid,
        app_id,
        median(latitude) as latitude,
        median(longitude) as longitude
    from place_points
    where latitude is not null and longitude is not null
    group by wdid, app_id

),

final as (

    select
        applications.facility_id,
        applications.program,
        applications.wdid,
        applications.app_id,
        applications.permit_type,
        applications.status,
        applications.facility_name,
        applications.operator_name,
        applications.address,
        applications.city,
        applications.zip,
        applications.county,
        applications.region_code,
        case
            when applications.latitude is not null and applications.longitude is not null
                then applications.latitude
            else place_coordinates.latitude
        end as latitude,
        case
            when applications.latitude is not null and applications.longitude is not null
                then applications.longitude
            else place_coordinates.longitude
        end as longitude,
        case
            when applications.latitude is not null and applications.longitude is not null
                then 'application'
            when place_coordinates.latitude is not null then 'compliance records'
        end as coordinate_source,
        applications.primary_sic,
        applications.noi_processed_date,
        applications.not_effective_date
    from applications
    left join place_coordinates
        on
            applications.wdid = place_coordinates.wdid
            and applications.app_id = place_coordinates.app_id

)

select * from final
