-- Industrial facilities at Exceedance Response Action Level 2, and for which parameters.
select
    facilities.facility_name,
    facilities.county,
    era.wdid,
    string_agg(era.parameter, ', ' order by era.parameter) as level_2_parameters,
    min(era.level_2_since) as level_2_since
from marts.facility_era_status as era
inner join marts.dim_facility as facilities
    on era.facility_id = facilities.facility_id
where era.is_latest_year and era.era_level = 'Level 2'
group by all
order by level_2_since;
