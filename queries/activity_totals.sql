-- activity_totals: headline counts for the filtered activities: how many, how many of them
-- national, in how many countries (reached_countries: the ones the map colours), in which years, with how many stated
-- participants.
-- Used by: Overview, Country profile. Parameters: the activity filters.
with shown as (
    -- named once: the filter runs once, for the counts and for the countries
    select activity_id, scope, year, participants
    from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
)
select count(*) as activity_count,
       count(*) filter (where scope = 'national') as national_count,
       (select count(distinct r.iso3) from reached_countries() as r
        join shown as f using (activity_id)) as country_count,
       min(year) as first_year, max(year) as last_year,
       sum(participants) as participants
from shown
