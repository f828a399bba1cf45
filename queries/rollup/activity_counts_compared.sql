-- activity_counts_compared from activity_cube (queries/rollups/): the same row as
-- queries/activity_counts_compared.sql when no country is filtered.
with shown as (
    select * from activity_cube
    where passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                     $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
)
select (select coalesce(sum(activity_count), 0) from activity_cube)::bigint as activity_count,
       (select coalesce(sum(activity_count), 0) from shown)::bigint as shown_count,
       (select coalesce(sum(activity_count), 0) from activity_cube where fund = 'unclear')::bigint as unclear_count,
       (select coalesce(sum(activity_count), 0) from shown where year is null)::bigint as undated_shown_count
