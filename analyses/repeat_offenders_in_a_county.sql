-- Which facilities in Los Angeles County are repeat offenders, and what has been done?
select
    offender_rank,
    facility_name,
    wdid,
    violations_last_3_years,
    serious_violation_count,
    effective_enforcement_action_count,
    penalties_assessed,
    current_era_level
from marts.top_offenders
where county = 'Los Angeles' and is_repeat_offender
order by offender_rank
limit 20;
