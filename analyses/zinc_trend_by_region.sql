-- Average annual zinc concentration in industrial storm water, by Regional Board and reporting year.
select
    facilities.region_code,
    nal.reporting_year_start,
    count(*) as applications,
    round(avg(nal.annual_average), 3) as mean_annual_average_mg_l,
    count(*) filter (where nal.is_annual_exceedance) as applications_above_nal
from marts.fct_nal_exceedances as nal
inner join marts.dim_facility as facilities
    on nal.facility_id = facilities.facility_id
where nal.parameter = 'Zinc Total'
group by all
order by facilities.region_code, nal.reporting_year_start;
