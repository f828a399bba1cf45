-- activities_by_wipo_region_year: activities per year and the region the source gives them
-- (WIPO's development regions, or global). Used by: Map. Parameters: the activity filters.
select year, region, count(*) as activity_count
from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
where year is not null
group by year, region
order by year, region
