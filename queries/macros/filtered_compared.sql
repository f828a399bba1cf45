-- compared_countries(countries): the compared countries with their position, in the order
-- given; every country (in ISO-3 order) when the list is empty.
create or replace macro compared_countries(countries) as table
select countries[i] as iso3, i as position
from range(1, len(countries) + 1) as r(i)
union all
select iso3, row_number() over (order by iso3) as position
from countries
where len(countries) = 0;

-- filtered_compared(...): for each compared country, the activities under the other filters
-- that involve it as host or beneficiary, exactly those its country profile counts; one row
-- per country and activity, with the country's position in the list. It takes
-- filtered_activities' parameters, but `countries` (ISO-3 codes, in order) names the countries
-- compared instead of filtering: each is counted on its own. An empty list compares every
-- country, as an empty filter means every country elsewhere.
-- Used by: the compare_* queries (Compare page).
create or replace macro filtered_compared(year_from, year_to, include_undated, regions, countries,
                                          objectives, areas, types, funds, include_unclear) as table
with chosen as (
    select * from compared_countries(countries)
)
select ch.iso3, ch.position, a.activity_id, a.year, a.scope, a.objective, a.activity_type
from country_activities as a  -- each activity once per linked country, sorted by country (queries/rollups/)
join chosen as ch using (iso3)
where passes_filters(a.year, a.region, a.country_regions, a.objective, a.programme_area, a.activity_type, a.fund,
                     year_from, year_to, include_undated, regions, objectives, areas, types, funds, include_unclear);
