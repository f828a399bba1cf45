-- activity_page: one page of the filtered activities matching $search, newest first, with
-- their countries and source: at most $limit rows after skipping $offset. The columns of
-- activity_list. Used by: Activities. Parameters: the activity filters, $search, $limit, $offset.
select *
from listed_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types,
                       $funds, $include_unclear, $search, $limit, $offset)
