-- countries_of(ids): for each activity named in the list `ids`, its countries: host and
-- beneficiary names (as the fund's documents write them) and ISO-3 codes, and every code in
-- one text. Only the named activities' links are read: a listing asks for one page of rows.
create or replace macro countries_of(ids) as table
select ac.activity_id,
       string_agg(distinct c.name_en, '; ' order by c.name_en) filter (where ac.role = 'host') as hosts,
       string_agg(distinct c.name_en, '; ' order by c.name_en) filter (where ac.role = 'beneficiary') as beneficiaries,
       list(distinct c.iso3 order by c.iso3) filter (where ac.role = 'host') as host_iso3,
       list(distinct c.iso3 order by c.iso3) filter (where ac.role = 'beneficiary') as beneficiary_iso3,
       string_agg(distinct c.iso3, ',' order by c.iso3) as iso3_codes
from activity_countries as ac join countries as c using (iso3)
where ac.activity_id in (select unnest(ids))
group by ac.activity_id;
