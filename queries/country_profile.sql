-- country_profile: one country's names and regions, with its LDC status today.
-- Used by: Country profile. Parameters: $iso3, $today.
select c.iso3, c.name_en, c.wipo_region, c.un_region, c.un_subregion,
       exists (select 1 from ldc_membership as l where l.iso3 = c.iso3
               and l.ldc_from <= $today and (l.ldc_until is null or l.ldc_until > $today)) as is_ldc_now
from countries as c
where c.iso3 = $iso3
