-- activity_totals: headline counts for the filtered activities: how many, how many of them
-- national, in which years, with how many stated participants (the countries they reached:
-- as many as activities_by_country has rows).
-- Used by: Overview, Country profile, Brief, Map. Parameters: the activity filters.
select count(*) as activity_count,
       count(*) filter (where scope = 'national') as national_count,
       min(year) as first_year, max(year) as last_year,
       sum(participants) as participants
from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
