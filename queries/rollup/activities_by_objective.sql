-- activities_by_objective from activity_cube (queries/rollups/): the same rows as
-- queries/activities_by_objective.sql when no country is filtered.
select objective, programme_area, min(area_order) as area_order, sum(activity_count)::bigint as activity_count
from activity_cube
where passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                     $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
group by objective, programme_area
order by area_order
