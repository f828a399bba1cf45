-- compare_by_objective: activities per compared country and objective, countries in the
-- order compared. Used by: Compare. Parameters: $compared (ISO-3 codes), the activity filters.
select iso3, objective, count(*) as activity_count
from filtered_compared($compared, $year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
group by iso3, position, objective
order by position, objective
