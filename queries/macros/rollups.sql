-- passes_filters(...): whether a rollup row (activity_cube.sql and its siblings in
-- queries/rollups/) passes the activity filters, as filtered_activities does for an
-- activity. Every filter but the country filter, which a rollup cannot answer (queries
-- with a country filter read the activities themselves: fitjp/db.py chooses).
create or replace macro passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                                       year_from, year_to, include_undated, regions, objectives, areas, types, funds,
                                       include_unclear) as
(year between year_from and year_to or (year is null and include_undated))
and (len(regions) = 0 or list_contains(regions, region) or list_has_any(regions::varchar[], country_regions))
and (len(objectives) = 0 or list_contains(objectives, objective))
and (len(areas) = 0 or list_contains(areas, programme_area))
and (len(types) = 0 or list_contains(types, activity_type))
and ((len(funds) = 0 and fund <> 'unclear') or list_contains(funds, fund) or (fund = 'unclear' and include_unclear));

-- one_country_activities(country, ...the filters but countries): the activities linked to one
-- country that pass the other filters, from country_activities (queries/rollups/): the same
-- activities as filtered_activities with that country alone, read from that country's rows.
-- Used by: queries/one_country/.
create or replace macro one_country_activities(country, year_from, year_to, include_undated, regions, objectives, areas,
                                               types, funds, include_unclear) as table
select *
from country_activities
where iso3 = country
  and passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                     year_from, year_to, include_undated, regions, objectives, areas, types, funds, include_unclear);
