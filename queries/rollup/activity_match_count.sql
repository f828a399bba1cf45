-- activity_match_count from activity_cube (queries/rollups/): the same count as
-- queries/activity_match_count.sql when no country is filtered and nothing is searched.
select coalesce(sum(activity_count), 0)::bigint as activity_count
from activity_cube
where passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                     $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
