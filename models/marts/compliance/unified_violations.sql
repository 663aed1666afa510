-- Official SMARTS violations, computed NAL exceedances and eSMR screening signals in one
-- shape. Only SMARTS_REGULATORY rows are violations in law; the other two are computed here
-- (an NAL exceedance triggers response actions, a screening signal is a flag for a closer
-- look). Likely duplicates across and within sources are flagged, not removed.
with

violations as (

    select * from {{ ref('stg_smarts__violations') }}

),

nal_exceedances as (

    select * from {{ ref('fct_nal_exceedances') }}
    where is_exceedance

),

screening_signals as (

    select * from {{ ref('fct_esmr_screening_signals') }}

),

links as (

    select * from {{ ref('facility_links') }}

),

regulatory as (

    select
        'SMARTS_REGULATORY' as source,
        'violation:' || violation_id as unified_violation_id,
        facility_id,
        coalesce(occurrence_date, discovery_date) as occurrence_date,
        violation_type,
        null::varchar as parameter,
        case
            when is_serious or violation_priority = '1' then 'high'
            when violation_priority = '2' then 'medium'
            else 'low'
        end as severity,
        true as is_official_violation,
        violation_status as status,
        description as detail
    from violations

),

nal as (

    select
        'NAL_EXCEEDANCE' as source,
        'nal:' || wdid || '|' || app_id || '|' || parameter || '|' || reporting_year_start as unified_violation_id,
        facility_id,
        last_sample_date as occurrence_date,
        case
            when is_annual_exceedance and is_instantaneous_exceedance then 'NAL exceedance (annual and instantaneous)'
            when is_annual_exceedance then 'NAL exceedance (annual)'
            else 'NAL exceedance (instantaneous)'
        end as violation_type,
        parameter,
        case when is_annual_exceedance and is_instantaneous_exceedance then 'high' else 'medium' end as severity,
        false as is_official_violation,
        null::varchar as status,
        'reporting year ' || reporting_year_start || '-' || (reporting_year_start + 1)
        || ': average ' || coalesce(annual_average::varchar, 'n/a')
        || ', annual NAL ' || coalesce(annual_nal::varchar, 'n/a')
        || ', ' || instantaneous_exceedance_count || ' instantaneous exceedance(s)' as detail
    from nal_exceedances

),

screening as (

    select
        'ESMR_COMPUTED' as source,
        'screening:' || facility_place_id || '|' || parameter || '|' || sampling_year as unified_violation_id,
        facility_id,
        first_signal_date as occurrence_date,
        'eSMR screening signal' as violation_type,
        parameter,
        case
            when max_benchmark_ratio >= {{ var('screening_medium_severity_ratio') }} then 'medium' else 'low'
        end as severity,
        false as is_official_violation,
        null::varchar as status,
        signal_count || ' of ' || result_count || ' results in ' || sampling_year
        || ' at or above the screening benchmark (max ratio '
        || coalesce(max_benchmark_ratio::varchar, 'pH out of range') || ')' as detail
    from screening_signals

),

unioned as (

    select * from regulatory
    union all by name
    select * from nal
    union all by name
    select * from screening

),

site_of_esmr_facility as (

    select
        esmr_facility_id,
        min(smarts_facility_id) as site_facility_id
    from links
    group by esmr_facility_id

),

with_site as (

    select
        unioned.*,
        coalesce(site_of_esmr_facility.site_facility_id, unioned.facility_id) as site_facility_id,
        case unioned.source when 'SMARTS_REGULATORY' then 1 when 'NAL_EXCEEDANCE' then 2 else 3 end as precedence
    from unioned
    left join site_of_esmr_facility
        on unioned.facility_id = site_of_esmr_facility.esmr_facility_id

),

duplicate_pairs as (

    select
        later.unified_violation_id,
        min(earlier.unified_violation_id) as duplicate_of_id
    from with_site as later
    inner join with_site as earlier
        on
            later.site_facility_id = earlier.site_facility_id
            and later.unified_violation_id != earlier.unified_violation_id
            and abs(date_diff('day', later.occurrence_date, earlier.occurrence_date))
            <= {{ var('duplicate_window_days') }}
            -- the same parameter, or (for regulatory violations, which name none) the same type
            and coalesce(
                later.parameter = earlier.parameter,
                later.parameter is null and earlier.parameter is null and later.violation_type = earlier.violation_type
            )
            and (
                later.precedence > earlier.precedence
                or (later.precedence = earlier.precedence and later.unified_violation_id > earlier.unified_violation_id)
            )
    group by later.unified_violation_id

),

final as (

    select
        with_site.unified_violation_id,
        with_site.source,
        with_site.facility_id,
        with_site.site_facility_id,
        with_site.occurrence_date,
        with_site.violation_type,
        with_site.parameter,
        with_site.severity,
        with_site.is_official_violation,
        with_site.status,
        with_site.detail,
        duplicate_pairs.duplicate_of_id is not null as is_likely_duplicate,
        duplicate_pairs.duplicate_of_id
    from with_site
    left join duplicate_pairs
        on with_site.unified_violation_id = duplicate_pairs.unified_violation_id

)

select * from final
