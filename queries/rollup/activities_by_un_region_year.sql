-- activities_by_un_region_year from un_region_cube (queries/rollups/): the same rows as
-- queries/activities_by_un_region_year.sql when no country is filtered.
select year, un_region as region, sum(activity_count)::bigint as activity_count
from un_region_cube
where year is not null
  and passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                     $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
group by year, un_region
order by year, region nulls last
