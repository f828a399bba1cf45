-- activities_by_objective_year: activities per year and objective. Used by: Objectives.
-- Parameters: the activity filters.
select year, objective, count(*) as activity_count
from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
where year is not null
group by year, objective
order by year, objective
