-- countries_reached: in how many countries the filtered activities reached (reached_countries:
-- the ones the map colours). Used by: Overview. Parameters: the activity filters.
select count(distinct r.iso3) as country_count
from reached_countries() as r
join filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds,
                         $include_unclear) as f using (activity_id)
