-- activities_by_type: activities per type. Used by: Country profile, Activities.
-- Parameters: the activity filters.
select activity_type, count(*) as activity_count
from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
group by activity_type
order by activity_count desc, activity_type
