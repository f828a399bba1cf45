-- activity_list_ids without a search (fitjp/db.py best_query): the same ids, without the
-- search's matching of country names, whose planning cost more than the listing itself.
-- Parameters: the activity filters, $limit.
select activity_id, year  -- the year bounds the second step's read
from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds,
                             $include_unclear)
order by year desc nulls last, start_date desc nulls last, activity_id
limit $limit
