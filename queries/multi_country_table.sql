-- multi_country_table: regional, interregional and global activities (those the map cannot
-- place on one country), newest first, as the Map's table lists them: with the source's
-- name beside its URL (macros/display_text.sql). At most $limit rows.
-- Used by: Map. Parameters: the activity filters, $limit.
select a.activity_id, a.year, a.title, a.scope, a.beneficiaries_as_stated,
       source_name(s.title, s.publisher, s.url) as source_name, s.url as source_url
from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear) as a
join sources as s using (source_id)
where a.scope <> 'national'
order by a.year desc nulls last, a.activity_id
limit $limit
