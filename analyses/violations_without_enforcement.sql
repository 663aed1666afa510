-- Serious official violations in the last two years of data that no enforcement action answers.
select
    occurrence_date,
    facility_id,
    wdid,
    violation_type,
    violation_priority,
    description
from marts.fct_violations
where
    is_serious
    and is_official
    and linked_enforcement_count = 0
    and occurrence_date > (select max(all_violations.occurrence_date) from marts.fct_violations as all_violations)
    - to_years(2)
order by occurrence_date desc;
