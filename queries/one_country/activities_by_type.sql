-- activities_by_type for one country (fitjp/db.py best_query): the same rows as
-- queries/activities_by_type.sql with that country filtered, from country_activities.
-- Parameters: $country, the other activity filters.
select activity_type, count(*) as activity_count
from one_country_activities($country, $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
group by activity_type
order by activity_count desc, activity_type
