-- activities_by_wipo_region_year for one country (fitjp/db.py best_query): the same rows as
-- queries/activities_by_wipo_region_year.sql with that country filtered, from country_activities.
-- Parameters: $country, the other activity filters.
select year, region, count(*) as activity_count
from one_country_activities($country, $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
where year is not null
group by year, region
order by year, region
