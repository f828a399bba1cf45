-- compare_by_year: activities per compared country and year (undated ones left out).
-- Used by: Compare. Parameters: the activity filters, whose $countries (ISO-3 codes, in
-- order) are the countries compared, each counted on its own
-- (none: every country).
select iso3, year, count(*) as activity_count
from filtered_compared($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
where year is not null
group by iso3, position, year
order by year, position
