-- SMARTS violations, computed NAL exceedances and eSMR screening signals in one shape. Only
-- SMARTS_REGULATORY rows with status Violation are violations in law (is_official_violation;
-- Potential and Dismissed rows stay visible, docs: status_rules); the other two are computed here
-- (an NAL exceedance triggers response actions, a screening signal is a flag for a closer
-- look). Likely duplicates across sources are flagged, not removed (docs: unified_duplicate_rule).
with

violations as (

    select * from {{ ref('stg_smarts__violations') }}

),

nal_exceedances as (

    select * from {{ ref('fct_nal_exceedances') }}
    -- exceedances before the permit's NAL regime began (docs: era_rules) are not NAL exceedances
    where is_exceedance and not coalesce(is_before_programme, false)

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
        coalesce(lower(trim(violation_status)) = 'violation', false) as is_official_violation,
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
        -- an official violation is the most authoritative record; a Potential or Dismissed one the least
        case
            when unioned.source = 'SMARTS_REGULATORY' and unioned.is_official_violation then 1
            when unioned.source = 'NAL_EXCEEDANCE' then 2
            when unioned.source = 'ESMR_COMPUTED' then 3
            else 4
        end as precedence
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
            -- like with like (docs: unified_duplicate_rule): rows of one source are distinct records;
            -- two computed rows describe one event when they name the same parameter; a regulatory
            -- row, which names none, and a computed row when the regulator's type is about an
            -- exceedance (var exceedance_violation_type_keywords)
            and later.source != earlier.source
            and (
                later.parameter = earlier.parameter
                or (
                    (later.parameter is null) != (earlier.parameter is null)
                    and regexp_matches(
                        lower(coalesce(
                            case
                                when later.parameter is null then later.violation_type
                                else earlier.violation_type
                            end,
                            ''
                        )),
                        '{{ var("exceedance_violation_type_keywords") | join("|") }}'
                    )
                )
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
