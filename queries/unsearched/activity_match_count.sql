-- activity_match_count without a search (fitjp/db.py best_query), for a country filter, which
-- the rollups cannot answer: the same count, without the search's matching of country names.
-- Parameters: the activity filters.
select count(*) as activity_count
from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds,
                             $include_unclear)
