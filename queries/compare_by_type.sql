-- compare_by_type: activities per compared country and activity type, countries in the
-- order compared. Used by: Compare.
-- Parameters: the activity filters, whose $countries (ISO-3 codes, in order) are the countries
-- compared, each counted on its own (none: every country).
select iso3, activity_type, count(*) as activity_count
from filtered_compared($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
group by iso3, position, activity_type
order by position, activity_count desc, activity_type
