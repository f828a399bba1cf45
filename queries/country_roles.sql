-- country_roles: for one country, how the filtered activities involved it (host,
-- beneficiary) by scope. Used by: Country profile. Parameters: $iso3 and the activity filters.
select ac.role, a.scope, count(distinct a.activity_id) as activity_count
from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear) as a
join activity_countries as ac using (activity_id)
where ac.iso3 = $iso3
group by ac.role, a.scope
order by ac.role, a.scope
