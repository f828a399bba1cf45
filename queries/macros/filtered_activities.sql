-- filtered_activities(...): the activities that match the sidebar filters, with their
-- objective. Every activity query selects from it, so all pages filter the same way.
-- An empty list means "no filter". Activities whose year is unknown pass only when
-- include_undated is true (the full year range is selected).
-- Region: the activity's own region, or the WIPO region of any country it involved.
create or replace macro filtered_activities(year_from, year_to, include_undated, regions, countries,
                                            objectives, areas, types, funds, include_unclear) as table
select a.*, p.objective, p.sort_order as area_order
from activities as a
join programme_areas as p using (programme_area)
where (a.year between year_from and year_to or (a.year is null and include_undated))
  -- the links are narrowed to the countries asked for first, then matched to activities (an
  -- uncorrelated IN): a correlated EXISTS matched every link of every activity first
  and (len(regions) = 0 or list_contains(regions, a.region) or a.activity_id in (
        select ac.activity_id from activity_countries as ac join countries as c using (iso3)
        where list_contains(regions, c.wipo_region)))
  and (len(countries) = 0 or a.activity_id in (
        select ac.activity_id from activity_countries as ac where list_contains(countries, ac.iso3)))
  and (len(objectives) = 0 or list_contains(objectives, p.objective))
  and (len(areas) = 0 or list_contains(areas, a.programme_area))
  and (len(types) = 0 or list_contains(types, a.activity_type))
  and ((len(funds) = 0 and a.fund <> 'unclear') or list_contains(funds, a.fund)
       or (a.fund = 'unclear' and include_unclear))
