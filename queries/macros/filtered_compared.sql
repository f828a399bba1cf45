-- filtered_compared(compared, ...): for each compared country (a list of ISO-3 codes), the
-- activities under the filters that involve it as host or beneficiary, exactly those its
-- country profile counts; one row per country and activity, with the country's position in
-- the list. The other parameters are filtered_activities' (countries: [] when comparing).
-- Used by: the compare_* queries (Compare page).
create or replace macro filtered_compared(compared, year_from, year_to, include_undated, regions, countries,
                                          objectives, areas, types, funds, include_unclear) as table
with chosen as (
    select compared[i] as iso3, i as position
    from range(1, len(compared) + 1) as r(i)
)
select distinct ch.iso3, ch.position, a.activity_id, a.year, a.scope, a.objective, a.activity_type
from filtered_activities(year_from, year_to, include_undated, regions, countries, objectives, areas, types, funds,
                         include_unclear) as a
join activity_countries as ac using (activity_id)
join chosen as ch on ch.iso3 = ac.iso3
