-- country_profile: one country's names and regions, with its LDC status on $today:
-- ldc_status is 'ldc_now', 'ldc_former' (on the list before, not today) or 'not_ldc'.
-- Used by: Country profile, Country brief, Story. Parameters: $iso3, $today.
with periods as (
    select count(*) filter (where ldc_until <= $today) as ended,
           count(*) filter (where ldc_from <= $today and (ldc_until is null or ldc_until > $today)) as now
    from ldc_membership
    where iso3 = $iso3
)
select c.iso3, c.name_en, c.wipo_region, c.un_region, c.un_subregion,
       p.now > 0 as is_ldc_now,
       case when p.now > 0 then 'ldc_now' when p.ended > 0 then 'ldc_former' else 'not_ldc' end as ldc_status
from countries as c, periods as p
where c.iso3 = $iso3
