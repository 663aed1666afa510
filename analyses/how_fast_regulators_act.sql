-- How long does it take from a violation to an enforcement action, by Regional Board?
select
    violations.region_code,
    count(*) as linked_violations,
    median(links.enforcement_gap_days) as median_days_to_enforcement,
    quantile_cont(links.enforcement_gap_days, 0.9) as p90_days_to_enforcement
from marts.bridge_enforcement_violation as links
inner join marts.fct_violations as violations
    on links.violation_id = violations.violation_id
group by violations.region_code
order by median_days_to_enforcement desc;
