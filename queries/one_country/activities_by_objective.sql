-- activities_by_objective for one country (fitjp/db.py best_query): the same rows as
-- queries/activities_by_objective.sql with that country filtered, from country_activities.
-- Parameters: $country, the other activity filters.
select objective, programme_area, min(area_order) as area_order, count(*) as activity_count
from one_country_activities($country, $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
group by objective, programme_area
order by area_order
