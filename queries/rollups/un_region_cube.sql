-- un_region_cube: per UN M49 region of the countries involved (NULL: none named) and
-- combination of the filters' facets (activity_cube.sql), the activities; an activity in two
-- regions counts once in each. Written by the build.
with activity_un_regions as (
    select distinct ac.activity_id, c.un_region
    from activity_countries as ac
    join countries as c using (iso3)
),
country_regions as (
    select ac.activity_id, list_sort(list_distinct(list(c.wipo_region))) as country_regions
    from activity_countries as ac
    join countries as c using (iso3)
    where c.wipo_region is not null
    group by ac.activity_id
)
select u.un_region, a.year, a.region, coalesce(r.country_regions, []::varchar[]) as country_regions,
       p.objective, a.programme_area, a.activity_type, a.fund,
       count(*) as activity_count
from activities as a
join programme_areas as p using (programme_area)
left join activity_un_regions as u using (activity_id)
left join country_regions as r using (activity_id)
group by all
order by all
