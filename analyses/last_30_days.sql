-- What happened in the last recent_days[1] days of data (30 by default), by county;
-- very_recent counts the first, shorter window (recent_days[0], 7 days by default).
select
    county,
    count(*) filter (where event_type = 'violation') as violations,
    count(*) filter (where event_type = 'enforcement action') as enforcement_actions,
    count(*) filter (where event_type = 'inspection') as inspections,
    count(*) filter (where is_very_recent) as very_recent
from marts.recent_activity
group by county
order by violations desc;
