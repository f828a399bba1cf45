-- activity_country_lists: each activity's countries as its list entry and its files write
-- them: host and beneficiary names as the fund's documents write them (UN English names),
-- their ISO-3 codes, and every code in one text. One row per activity with a country. Derived
-- once by the build: ordered aggregations per listed activity cost every listing 15 ms.
-- Lists sorted after they are gathered: DuckDB's ordered string_agg(distinct ...) took 2.4x as
-- long at 1M activities.
-- Read by activity_rows_of (macros/activity_rows_of.sql), which reads a page of them by id and
-- year: stored in the activities' order (newest first), so those are a few row groups.
select ac.activity_id, any_value(a.year) as year,
       array_to_string(list_sort(list_distinct(list(c.name_en) filter (where ac.role = 'host'))), '; ') as hosts,
       array_to_string(list_sort(list_distinct(list(c.name_en) filter (where ac.role = 'beneficiary'))), '; ') as beneficiaries,
       list_sort(list_distinct(list(c.iso3) filter (where ac.role = 'host'))) as host_iso3,
       list_sort(list_distinct(list(c.iso3) filter (where ac.role = 'beneficiary'))) as beneficiary_iso3,
       array_to_string(list_sort(list_distinct(list(c.iso3))), ',') as iso3_codes
from activity_countries as ac
join countries as c using (iso3)
join activities as a using (activity_id)
group by ac.activity_id
order by any_value(a.year) desc nulls last, any_value(a.start_date) desc nulls last, ac.activity_id
