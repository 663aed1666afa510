-- eSMR facilities linked to SMARTS industrial coverage, with their screening signals and
-- SMARTS violations side by side.
select
    links.esmr_facility_name,
    links.smarts_facility_name,
    links.match_method,
    links.confidence,
    esmr.screening_signal_count,
    smarts.official_violation_count,
    smarts.current_era_level
from marts.facility_links as links
inner join marts.facility_compliance_summary as esmr
    on links.esmr_facility_id = esmr.facility_id
inner join marts.facility_compliance_summary as smarts
    on links.smarts_facility_id = smarts.facility_id
order by esmr.screening_signal_count desc, smarts.official_violation_count desc
limit 25;
