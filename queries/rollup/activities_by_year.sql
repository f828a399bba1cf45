-- activities_by_year from activity_cube (queries/rollups/): the same rows as
-- queries/activities_by_year.sql when no country is filtered. Parameters: the activity filters
-- but $countries.
select year, sum(activity_count)::bigint as activity_count, sum(participants) as participants
from activity_cube
where year is not null
  and passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                     $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
group by year
order by year
