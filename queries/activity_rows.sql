-- activity_rows: the activities named in $ids, in that order, with their countries and
-- source: the columns of activity_list. The second step of a listing (fitjp/db.py LISTINGS):
-- the page's ids are chosen first from the sort keys alone (activity_list_ids), then only
-- those rows are read whole; a list bound as a value lets DuckDB skip the Parquet rows it
-- does not name. Used by: every activity list. Parameters: $ids.
with chosen as (
    select * from activities where activity_id in (select unnest($ids))
)
select a.activity_id, a.year, a.start_date, a.end_date, a.title, a.activity_type,
       p.objective, a.programme_area, a.fund, a.mode, a.scope, a.region, a.participants,
       a.participants_as_stated, co.hosts, co.beneficiaries, co.host_iso3, co.beneficiary_iso3,
       a.beneficiaries_as_stated,
       co.iso3_codes, a.note, s.title as source_title, s.publisher as source_publisher,
       s.url as source_url, a.quote
from chosen as a
join programme_areas as p using (programme_area)
left join countries_of($ids) as co using (activity_id)
join sources as s using (source_id)
order by list_position($ids, a.activity_id)
