-- activity_list: the filtered activities matching $search, newest first, with their
-- countries and source. At most $limit rows. Used by: Country profile, Overview, Objectives,
-- Country brief, the Activities downloads. Parameters: the activity filters, $search, $limit.
-- How a search matches: macros/listed_activities.sql (matching_activities).
select *
from listed_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types,
                       $funds, $include_unclear, $search, $limit, 0)
