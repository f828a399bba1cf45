-- activity_country_lists: each activity's countries as its list entry and its files write
-- them: host and beneficiary names as the fund's documents write them (UN English names),
-- their ISO-3 codes, and every code in one text. One row per activity with a country. Derived
-- once by the build: ordered aggregations per listed activity cost every listing 15 ms.
-- Read by activity_rows_of (macros/activity_rows_of.sql).
select ac.activity_id,
       string_agg(distinct c.name_en, '; ' order by c.name_en) filter (where ac.role = 'host') as hosts,
       string_agg(distinct c.name_en, '; ' order by c.name_en) filter (where ac.role = 'beneficiary') as beneficiaries,
       list(distinct c.iso3 order by c.iso3) filter (where ac.role = 'host') as host_iso3,
       list(distinct c.iso3 order by c.iso3) filter (where ac.role = 'beneficiary') as beneficiary_iso3,
       string_agg(distinct c.iso3, ',' order by c.iso3) as iso3_codes
from activity_countries as ac
join countries as c using (iso3)
group by ac.activity_id
order by ac.activity_id
