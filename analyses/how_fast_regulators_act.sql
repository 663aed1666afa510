-- How long does it take from an official violation to the regulator's next effective
-- enforcement action at the same application, by Regional Board? The gap is measured without
-- the linkage window (fct_violations.gap_to_next_effective_action_days), so slow answers are
-- not cut off at enforcement_link_window_days; violations never followed by an action are
-- counted apart.
select
    region_code,
    count(*) as official_violations,
    count(gap_to_next_effective_action_days) as followed_by_an_action,
    count(*) - count(gap_to_next_effective_action_days) as never_followed,
    median(gap_to_next_effective_action_days) as median_days_to_enforcement,
    quantile_cont(gap_to_next_effective_action_days, 0.9) as p90_days_to_enforcement
from marts.fct_violations
where is_official
group by region_code
order by median_days_to_enforcement desc;
