-- activity_match_count: how many filtered activities match $search (the total the
-- Activities page pages through). Used by: Activities. Parameters: the activity filters, $search.
select count(*) as activity_count
from matching_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types,
                         $funds, $include_unclear, $search)
