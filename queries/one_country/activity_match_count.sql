-- activity_match_count for one country, without a search (fitjp/db.py best_query): the same
-- count as queries/activity_match_count.sql, from country_activities. Parameters: $country,
-- the other activity filters.
select count(*) as activity_count
from one_country_activities($country, $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
