-- activities_by_objective: activities per objective and programme area, in the fund's own
-- order. Used by: Objectives. Parameters: the activity filters.
select objective, programme_area, min(area_order) as area_order, count(*) as activity_count
from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
group by objective, programme_area
order by area_order
