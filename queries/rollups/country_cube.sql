-- country_cube: per country and combination of the filters' facets (activity_cube.sql), the
-- activities it took part in as the map counts them (as host or beneficiary; Japan and
-- Switzerland only as beneficiaries), the national ones and their participants, and the
-- activities it was a beneficiary of (activity_totals counts those countries). Written by the build.
with links as (
    select activity_id, iso3,
           bool_or(role = 'beneficiary') as is_beneficiary,
           bool_or(role = 'beneficiary' or iso3 not in ('JPN', 'CHE')) as is_on_map
    from activity_countries
    group by activity_id, iso3
),
country_regions as (
    select ac.activity_id, list_sort(list_distinct(list(c.wipo_region))) as country_regions
    from activity_countries as ac
    join countries as c using (iso3)
    where c.wipo_region is not null
    group by ac.activity_id
)
select l.iso3, a.year, a.region, coalesce(r.country_regions, []::varchar[]) as country_regions,
       p.objective, a.programme_area, a.activity_type, a.fund,
       count(*) filter (where l.is_on_map) as activity_count,
       count(*) filter (where l.is_on_map and a.scope = 'national') as national_count,
       sum(a.participants) filter (where l.is_on_map and a.scope = 'national')::bigint as national_participants,
       count(*) filter (where l.is_beneficiary) as beneficiary_count
from links as l
join activities as a using (activity_id)
join programme_areas as p using (programme_area)
left join country_regions as r using (activity_id)
group by all
order by all
