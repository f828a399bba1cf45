-- multi_country_ids for one country (fitjp/db.py best_query): the same ids as
-- queries/multi_country_ids.sql with that country filtered, from country_activities.
-- Parameters: $country, the other activity filters, $limit.
select activity_id, year  -- the year bounds the second step's read
from one_country_activities($country, $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
where scope <> 'national'
order by year desc nulls last, activity_id
limit $limit
