-- activity_rows: the activities named in $ids, in that order, with their countries and
-- source: the columns of activity_list (macros/activity_rows_of.sql). The second step of a
-- listing (fitjp/db.py LISTINGS): the page's ids are chosen first from the sort keys alone
-- (activity_list_ids), then only those rows are read whole; a list bound as a value lets
-- DuckDB skip the Parquet rows it does not name. Used by: every activity list.
-- Parameters: $ids, and their years: $first_year to $last_year, $undated when any has none.
select * from activity_rows_of($ids, $first_year, $last_year, $undated)
order by list_position($ids, activity_id)
