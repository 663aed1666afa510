-- The halves in which an application that had to sample (whole half covered, half over, not
-- under a No Exposure Certification or Notice of Non-Applicability) sampled fewer qualifying
-- storm events than the permit asks (docs: compliance_grid).
with

grid as (

    select * from {{ ref('facility_compliance_grid') }}

),

final as (

    select
        facility_id,
        wdid,
        app_id,
        reporting_year_start,
        half,
        half_start_date,
        half_end_date,
        permit_type,
        qse_sampled_count,
        qse_required,
        qse_required - qse_sampled_count as qse_missing_count,
        qse_sampled_count = 0 as is_no_sampling
    from grid
    where is_sampling_required and qse_sampled_count < qse_required

)

select * from final
