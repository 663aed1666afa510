-- One row per operator (company), across every SMARTS application whose operator name
-- normalises to the same operator_key (docs: operator_key): its sites, how many are active,
-- its official violations, the penalties of its effective enforcement actions and how many of
-- its sites stand at ERA Level 2 for some parameter in their latest reporting year.
with

facilities as (

    select * from {{ ref('dim_facility') }}

),

violations as (

    select * from {{ ref('fct_violations') }}

),

enforcement_actions as (

    select * from {{ ref('fct_enforcement_actions') }}

),

era_status as (

    select * from {{ ref('facility_era_status') }}

),

applications as (

    select
        facility_id,
        operator_key,
        operator_name,
        coalesce(wdid, facility_id) as site_key,
        status
    from facilities
    where source_system = 'SMARTS' and operator_key is not null

),

violations_per_facility as (

    select
        violations.facility_id,
        count(*) filter (where violations.is_official) as official_violation_count
    from violations
    group by violations.facility_id

),

penalties_per_facility as (

    select
        enforcement_actions.facility_id,
        count(*) filter (where enforcement_actions.is_effective) as effective_action_count,
        sum(enforcement_actions.total_assessment) filter (where enforcement_actions.is_effective)
            as penalties_assessed
    from enforcement_actions
    group by enforcement_actions.facility_id

),

latest_era_year as (

    select
        facility_id,
        max(reporting_year_start) as reporting_year_start
    from era_status
    group by facility_id

),

level_2_facilities as (

    select distinct era_status.facility_id
    from era_status
    inner join latest_era_year
        on
            era_status.facility_id = latest_era_year.facility_id
            and era_status.reporting_year_start = latest_era_year.reporting_year_start
    where era_status.era_level = 'Level 2'

),

spellings as (

    -- The readable name: the spelling most applications use (ties: the alphabetically first).
    select
        operator_key,
        operator_name,
        row_number() over (partition by operator_key order by count(*) desc, operator_name) as spelling_rank,
        count(*) over (partition by operator_key) as spelling_count
    from applications
    group by operator_key, operator_name

),

final as (

    select
        applications.operator_key,
        any_value(spellings.operator_name) as operator_name,
        any_value(spellings.spelling_count) as spelling_count,
        count(*) as application_count,
        count(distinct applications.site_key) as site_count,
        count(distinct applications.site_key) filter (where applications.status = 'Active') as active_site_count,
        coalesce(sum(violations_per_facility.official_violation_count), 0) as official_violation_count,
        coalesce(sum(penalties_per_facility.effective_action_count), 0) as effective_enforcement_action_count,
        coalesce(sum(penalties_per_facility.penalties_assessed), 0)::decimal(18, 2) as penalties_assessed,
        count(distinct applications.site_key) filter (where level_2_facilities.facility_id is not null)
            as level_2_site_count
    from applications
    inner join spellings
        on applications.operator_key = spellings.operator_key and spellings.spelling_rank = 1
    left join violations_per_facility
        on applications.facility_id = violations_per_facility.facility_id
    left join penalties_per_facility
        on applications.facility_id = penalties_per_facility.facility_id
    left join level_2_facilities
        on applications.facility_id = level_2_facilities.facility_id
    group by applications.operator_key

)

select * from final
