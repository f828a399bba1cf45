-- activities_by_objective_year from activity_cube (queries/rollups/): the same rows as
-- queries/activities_by_objective_year.sql when no country is filtered.
select year, objective, sum(activity_count)::bigint as activity_count
from activity_cube
where year is not null
  and passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                     $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
group by year, objective
order by year, objective
