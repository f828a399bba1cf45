-- activity_totals for one country (fitjp/db.py best_query): the same row as
-- queries/activity_totals.sql with that country filtered, from country_activities.
-- Parameters: $country, the other activity filters.
select count(*) as activity_count,
       count(*) filter (where scope = 'national') as national_count,
       min(year) as first_year, max(year) as last_year,
       sum(participants) as participants
from one_country_activities($country, $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
