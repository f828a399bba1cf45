-- compare_by_objective: activities per compared country and objective, countries in the
-- order compared. Used by: Compare.
-- Parameters: the activity filters, whose $countries (ISO-3 codes, in order) are the countries
-- compared, each counted on its own (none: every country).
select iso3, objective, count(*) as activity_count
from filtered_compared($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
group by iso3, position, objective
order by position, objective
