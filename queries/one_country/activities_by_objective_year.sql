-- activities_by_objective_year for one country (fitjp/db.py best_query): the same rows as
-- queries/activities_by_objective_year.sql with that country filtered, from country_activities.
-- Parameters: $country, the other activity filters.
select year, objective, count(*) as activity_count
from one_country_activities($country, $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
where year is not null
group by year, objective
order by year, objective
