-- Every facility in either system: one row per SMARTS application and per eSMR facility,
-- with a facility_id that is stable across runs (a hash of the system's own identifier) and
-- the other system's identity where the two are linked.
with

applications as (

    select * from {{ ref('int_applications_unioned') }}

),

esmr_facilities as (

    select * from {{ ref('int_esmr_facilities_aggregated') }}

),

links as (

    select * from {{ ref('facility_links') }}

),

regional_boards as (

    select * from {{ ref('regional_boards') }}

),

sic_codes as (

    select * from {{ ref('sic_codes') }}

),

link_per_application as (

    select
        smarts_facility_id,
        any_value(esmr_facility_id) as linked_esmr_facility_id,
        any_value(esmr_facility_place_id) as linked_esmr_facility_place_id,
        max(confidence) as link_confidence
    from links
    group by smarts_facility_id

),

links_per_esmr_facility as (

    select
        esmr_facility_id,
        count(*) as linked_application_count,
        max(confidence) as link_confidence,
        min(smarts_facility_id) as first_linked_smarts_facility_id
    from links
    group by esmr_facility_id

),

smarts as (

    select
        applications.facility_id,
        'SMARTS' as source_system,
        applications.program,
        applications.wdid,
        applications.app_id,
        link_per_application.linked_esmr_facility_place_id as esmr_facility_place_id,
        applications.facility_name,
        applications.operator_name,
        applications.address,
        applications.city,
        applications.zip,
        applications.county,
        applications.region_code,
        applications.latitude,
        applications.longitude,
        applications.coordinate_source,
        applications.permit_type,
        applications.status,
        applications.primary_sic,
        applications.noi_processed_date as coverage_start_date,
        applications.not_effective_date as coverage_end_date,
        link_per_application.linked_esmr_facility_id as linked_facility_id,
        link_per_application.link_confidence,
        coalesce(link_per_application.linked_esmr_facility_id is not null, false) as is_linked_across_systems
    from applications
    left join link_per_application
        on applications.facility_id = link_per_application.smarts_facility_id

),

esmr as (

    select
        esmr_facilities.facility_id,
        'ESMR' as source_system,
        'npdes' as program,
        null as wdid,
        null as app_id,
        esmr_facilities.facility_place_id as esmr_facility_place_id,
        esmr_facilities.facility_name,
        null as operator_name,
        null as address,
        null as city,
        null as zip,
        null as county,
        esmr_facilities.region_code,
        esmr_facilities.latitude,
        esmr_facilities.longitude,
        case when esmr_facilities.latitude is not null then 'monitoring locations' end as coordinate_source,
        'NPDES' as permit_type,
        null as status,
        null as primary_sic,
        esmr_facilities.first_sampling_date as coverage_start_date,
        null::date as coverage_end_date,
        links_per_esmr_facility.first_linked_smarts_facility_id as linked_facility_id,
        links_per_esmr_facility.link_confidence,
        coalesce(links_per_esmr_facility.linked_application_count > 0, false) as is_linked_across_systems
    from esmr_facilities
    left join links_per_esmr_facility
        on esmr_facilities.facility_id = links_per_esmr_facility.esmr_facility_id

),

unioned as (

    select * from smarts
    union all by name
    select * from esmr

),

final as (

    select
        unioned.facility_id,
        unioned.source_system,
        unioned.program,
        unioned.wdid,
        unioned.app_id,
        unioned.esmr_facility_place_id,
        unioned.facility_name,
        unioned.operator_name,
        {{ operator_key('unioned.operator_name') }} as operator_key,
        unioned.address,
        unioned.city,
        unioned.zip,
        unioned.county,
        unioned.region_code,
        regional_boards.region_name,
        unioned.latitude,
        unioned.longitude,
        unioned.coordinate_source,
        unioned.permit_type,
        unioned.status,
        unioned.primary_sic,
        sic_codes.sic_description as primary_sic_description,
        unioned.coverage_start_date,
        unioned.coverage_end_date,
        unioned.linked_facility_id,
        unioned.link_confidence,
        unioned.is_linked_across_systems
    from unioned
    left join regional_boards
        on unioned.region_code = regional_boards.region_code
    -- the 4-digit code at the start of the published value ('4952', '4952 - Sewerage Systems');
    -- a 3-digit code is an agricultural one whose leading zero was lost ('111' is 0111)
    left join sic_codes
        on lpad(nullif(regexp_extract(unioned.primary_sic, '^\s*(\d{3,4})\b', 1), ''), 4, '0') = sic_codes.sic_code

)

select * from final
