-- multi_country_rows: the activities named in $ids, in that order, with the columns of
-- multi_country_table (the second step of a listing, fitjp/db.py LISTINGS). Parameters: $ids,
-- and their years: $first_year to $last_year, $undated when any has none (activities are
-- stored newest first: DuckDB reads those years' row groups only).
select a.activity_id, a.year, a.title, a.scope, a.beneficiaries_as_stated,
       source_name(s.title, s.publisher, s.url) as source_name, s.url as source_url
from activities as a
join sources as s using (source_id)
where a.activity_id in (select unnest($ids))
  and (a.year between $first_year and $last_year or ($undated and a.year is null))
order by list_position($ids, a.activity_id)
