-- countries_reached from country_cube (queries/rollups/): the same count as
-- queries/countries_reached.sql when no country is filtered.
select count(distinct iso3) as country_count
from country_cube
where passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                     $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
