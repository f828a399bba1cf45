-- country_cube: per country and combination of the filters' facets (activity_cube.sql), the
-- activities that reached it (reached_countries), the national ones and their participants.
-- Written by the build.
with country_regions as (
    select ac.activity_id, list_sort(list_distinct(list(c.wipo_region))) as country_regions
    from activity_countries as ac
    join countries as c using (iso3)
    where c.wipo_region is not null
    group by ac.activity_id
)
select l.iso3, a.year, a.region, coalesce(r.country_regions, []::varchar[]) as country_regions,
       p.objective, a.programme_area, a.activity_type, a.fund,
       count(*) as activity_count,
       count(*) filter (where a.scope = 'national') as national_count,
       sum(a.participants) filter (where a.scope = 'national')::bigint as national_participants
from reached_countries() as l
join activities as a using (activity_id)
join programme_areas as p using (programme_area)
left join country_regions as r using (activity_id)
group by all
order by all
