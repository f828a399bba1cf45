-- activity_page_ids for one country, without a search (fitjp/db.py best_query): the same ids
-- as queries/activity_page_ids.sql, from country_activities. Parameters: $country, the other
-- activity filters, $limit, $offset.
select activity_id, year  -- the year bounds the second step's read
from one_country_activities($country, $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
order by year desc nulls last, start_date desc nulls last, activity_id
limit $limit offset $offset
