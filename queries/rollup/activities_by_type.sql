-- activities_by_type from activity_cube (queries/rollups/): the same rows as
-- queries/activities_by_type.sql when no country is filtered.
select activity_type, sum(activity_count)::bigint as activity_count
from activity_cube
where passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                     $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
group by activity_type
order by activity_count desc, activity_type
