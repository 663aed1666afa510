-- Official violations and effective enforcement actions per county, Regional Board and month
-- (docs: status_rules).
with

violations as (

    select * from {{ ref('fct_violations') }}

),

enforcement_actions as (

    select * from {{ ref('fct_enforcement_actions') }}

),

regional_boards as (

    select * from {{ ref('regional_boards') }}

),

violation_months as (

    select
        coalesce(county, 'Unknown') as county,
        coalesce(region_code, 'Unknown') as region_code,
        date_trunc('month', occurrence_date)::date as month,
        count(*) as violation_count,
        count(*) filter (where is_serious) as serious_violation_count
    from violations
    where occurrence_date is not null and is_official
    group by all

),

enforcement_months as (

    select
        coalesce(county, 'Unknown') as county,
        coalesce(region_code, 'Unknown') as region_code,
        date_trunc('month', issuance_date)::date as month,
        count(*) as enforcement_action_count,
        count(*) filter (where has_penalty) as penalty_action_count,
        sum(total_assessment) as penalties_assessed
    from enforcement_actions
    where issuance_date is not null and is_effective
    group by all

),

months as (

    select
        coalesce(violation_months.county, enforcement_months.county) as county,
        coalesce(violation_months.region_code, enforcement_months.region_code) as region_code,
        coalesce(violation_months.month, enforcement_months.month) as month,
        coalesce(violation_months.violation_count, 0) as violation_count,
        coalesce(violation_months.serious_violation_count, 0) as serious_violation_count,
        coalesce(enforcement_months.enforcement_action_count, 0) as enforcement_action_count,
        coalesce(enforcement_months.penalty_action_count, 0) as penalty_action_count,
        coalesce(enforcement_months.penalties_assessed, 0)::decimal(18, 2) as penalties_assessed
    from violation_months
    full outer join enforcement_months
        on
            violation_months.county = enforcement_months.county
            and violation_months.region_code = enforcement_months.region_code
            and violation_months.month = enforcement_months.month

),

final as (

    select
        months.county,
        months.region_code,
        regional_boards.region_name,
        months.month,
        months.violation_count,
        months.serious_violation_count,
        months.enforcement_action_count,
        months.penalty_action_count,
        months.penalties_assessed
    from months
    left join regional_boards
        on months.region_code = regional_boards.region_code

)

select * from final
