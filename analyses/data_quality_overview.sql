-- What the warehouse set aside or nulled, and why.
select
    dataset_key,
    action,
    issue,
    count(*) as values_or_rows
from marts.data_quality_issues
group by all
order by dataset_key asc, values_or_rows desc;
