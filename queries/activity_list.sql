-- activity_list: the filtered activities matching $search (title, beneficiaries as stated,
-- country names; case-insensitive, empty for all), newest first, with their countries and
-- source. At most $limit rows. Used by: Activities, Country profile, Overview, Objectives.
-- Parameters: the activity filters, $search, $limit.
with countries_of as (
    select ac.activity_id,
           string_agg(distinct c.name_en, '; ' order by c.name_en) filter (where ac.role = 'host') as hosts,
           string_agg(distinct c.name_en, '; ' order by c.name_en) filter (where ac.role = 'beneficiary') as beneficiaries,
           list(distinct c.iso3 order by c.iso3) filter (where ac.role = 'host') as host_iso3,
           list(distinct c.iso3 order by c.iso3) filter (where ac.role = 'beneficiary') as beneficiary_iso3,
           string_agg(distinct c.iso3, ',' order by c.iso3) as iso3_codes
    from activity_countries as ac join countries as c using (iso3)
    group by ac.activity_id
)
select a.activity_id, a.year, a.start_date, a.end_date, a.title, a.activity_type,
       a.objective, a.programme_area, a.fund, a.mode, a.scope, a.region, a.participants,
       a.participants_as_stated, co.hosts, co.beneficiaries, co.host_iso3, co.beneficiary_iso3,
       a.beneficiaries_as_stated,
       co.iso3_codes, a.note, s.title as source_title, s.publisher as source_publisher,
       s.url as source_url, a.quote
from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear) as a
left join countries_of as co using (activity_id)
join sources as s using (source_id)
where $search = ''
   or contains(lower(a.title), lower($search))
   or contains(lower(coalesce(a.beneficiaries_as_stated, '')), lower($search))
   or contains(lower(coalesce(co.hosts, '') || ' ' || coalesce(co.beneficiaries, '')), lower($search))
order by a.year desc nulls last, a.start_date desc nulls last, a.activity_id
limit $limit
