-- multi_country_ids: the ids multi_country_table lists, in its order (the first step of a
-- listing, fitjp/db.py LISTINGS). Parameters: the activity filters, $limit.
select activity_id, year  -- the year bounds the second step's read
from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
where scope <> 'national'
order by year desc nulls last, activity_id
limit $limit
