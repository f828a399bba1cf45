-- activity_page_ids: the ids activity_page lists, in its order (the first step of a
-- listing, fitjp/db.py LISTINGS). Parameters: the activity filters, $search, $limit, $offset.
select activity_id, year  -- the year bounds the second step's read
from matching_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types,
                         $funds, $include_unclear, $search)
order by year desc nulls last, start_date desc nulls last, activity_id
limit $limit offset $offset
