-- What happened in the last 30 days of data, by county.
select
    county,
    count(*) filter (where event_type = 'violation') as violations,
    count(*) filter (where event_type = 'enforcement action') as enforcement_actions,
    count(*) filter (where event_type = 'inspection') as inspections,
    count(*) filter (where is_last_7_days) as in_last_7_days
from marts.recent_activity
group by county
order by violations desc;
