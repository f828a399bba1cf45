-- activity_totals from activity_cube (queries/rollups/): the same row as
-- queries/activity_totals.sql when no country is filtered.
select coalesce(sum(activity_count), 0)::bigint as activity_count,
       coalesce(sum(national_count), 0)::bigint as national_count,
       min(year) as first_year, max(year) as last_year,
       sum(participants) as participants
from activity_cube
where passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                     $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
