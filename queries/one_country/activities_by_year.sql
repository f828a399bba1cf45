-- activities_by_year for one country (fitjp/db.py best_query): the same rows as
-- queries/activities_by_year.sql with that country filtered, from country_activities.
-- Parameters: $country, the other activity filters.
select year, count(*) as activity_count, sum(participants) as participants
from one_country_activities($country, $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
where year is not null
group by year
order by year
