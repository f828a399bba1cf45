-- compare_totals: one row per compared country ($countries, ISO-3 codes, in that order), with
-- the activities involving it under the other filters (as its country profile counts them),
-- the national ones, its first documented year and its LDC status on $today ('ldc_now',
-- 'ldc_former' or 'not_ldc', as country_profile says it). A country without activity has a row
-- with zero. Used by: Compare. Parameters: the activity filters ($countries: the countries
-- compared; none: every country), $today.
with chosen as (
    select * from compared_countries($countries)
),
involved as (
    select * from filtered_compared($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
),
ldc as (
    select iso3,
           count(*) filter (where ldc_from <= $today and (ldc_until is null or ldc_until > $today)) as now,
           count(*) filter (where ldc_until <= $today) as ended
    from ldc_membership
    group by iso3
)
select ch.iso3, c.name_en,
       count(i.activity_id) as activity_count,
       count(i.activity_id) filter (where i.scope = 'national') as national_count,
       min(i.year) as first_year,
       case when coalesce(l.now, 0) > 0 then 'ldc_now' when coalesce(l.ended, 0) > 0 then 'ldc_former'
            else 'not_ldc' end as ldc_status
from chosen as ch
join countries as c using (iso3)
left join involved as i using (iso3)
left join ldc as l using (iso3)
group by ch.iso3, ch.position, c.name_en, l.now, l.ended
order by ch.position
