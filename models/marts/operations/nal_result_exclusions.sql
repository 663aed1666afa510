-- Results left out of a compliance comparison, per reason: industrial SMARTS results not counted
-- toward a numeric action level (no application key, no parameter, run-on, non-storm water
-- discharge, not a NAL parameter, refused fraction, unmapped parameter, unusable unit) and eSMR effluent results of a screened parameter
-- not screened (calculated averages, unusable units, no facility key).
with

industrial as (

    select * from {{ ref('int_industrial_results_classified') }}

),

esmr as (

    select * from {{ ref('int_esmr_results_classified') }}

),

industrial_counts as (

    select
        'industrial_nal' as evaluation,
        'industrial_monitoring' as source_dataset,
        nal_parameter as parameter,
        exclusion_reason as reason,
        count(*) as result_count
    from industrial
    where exclusion_reason is not null
    group by nal_parameter, exclusion_reason

),

esmr_counts as (

    select
        'esmr_screening' as evaluation,
        'esmr' as source_dataset,
        parameter,
        coalesce(exclusion_reason, 'no facility key') as reason,
        count(*) as result_count
    from esmr
    where exclusion_reason is not null or facility_place_id is null
    group by parameter, coalesce(exclusion_reason, 'no facility key')

),

final as (

    select * from industrial_counts
    union all
    select * from esmr_counts

)

select * from final
