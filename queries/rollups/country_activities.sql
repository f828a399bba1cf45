-- country_activities: each activity once under each country it is linked to, as host or
-- beneficiary (the country filter's rule: macros/filtered_activities.sql), with what the
-- other filters ask about and the listings' sort keys. Sorted by country, so a question about
-- one country reads that country's row groups, not a million activities (queries/one_country/).
-- `reached`: whether the activity reached the country (reached_countries: the map's rule).
-- Written by the build.
with country_regions as (
    select ac.activity_id, list_sort(list_distinct(list(c.wipo_region))) as country_regions
    from activity_countries as ac
    join countries as c using (iso3)
    where c.wipo_region is not null
    group by ac.activity_id
),
links as (
    select distinct iso3, activity_id from activity_countries
)
select l.iso3, a.activity_id, r.activity_id is not null as reached, a.year, a.start_date, a.scope, a.participants, a.region,
       coalesce(cr.country_regions, []::varchar[]) as country_regions,
       p.objective, a.programme_area, p.sort_order as area_order, a.activity_type, a.fund
from links as l
join activities as a using (activity_id)
join programme_areas as p using (programme_area)
left join country_regions as cr using (activity_id)
left join reached_countries() as r on r.activity_id = l.activity_id and r.iso3 = l.iso3
order by l.iso3, a.year desc nulls last, a.start_date desc nulls last, a.activity_id
