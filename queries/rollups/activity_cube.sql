-- activity_cube: activities counted per combination of what the filters ask about (year,
-- region, the WIPO regions of its countries, programme area, type, fund), with the national
-- ones and stated participants. Written by the build (fitjp/record/build.py); the rollup/ queries
-- read it instead of every activity. The country filter cannot be answered from it.
with country_regions as (
    select ac.activity_id, list_sort(list_distinct(list(c.wipo_region))) as country_regions
    from activity_countries as ac
    join countries as c using (iso3)
    where c.wipo_region is not null
    group by ac.activity_id
)
select a.year, a.region, coalesce(r.country_regions, []::varchar[]) as country_regions,
       p.objective, a.programme_area, p.sort_order as area_order, a.activity_type, a.fund,
       count(*) as activity_count,
       count(*) filter (where a.scope = 'national') as national_count,
       sum(a.participants)::bigint as participants
from activities as a
join programme_areas as p using (programme_area)
left join country_regions as r using (activity_id)
group by all
order by all
