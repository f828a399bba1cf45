-- activities_by_year: documented activities and their stated participants per year.
-- Used by: Overview, Map. Parameters: the activity filters (see macros/filtered_activities.sql).
select year, count(*) as activity_count, sum(participants) as participants
from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
where year is not null
group by year
order by year
