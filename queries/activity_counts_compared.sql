-- activity_counts_compared: why the Sources page and the other pages count activities
-- differently. activity_count is every activity in the record (what Sources counts);
-- shown_count those the activity filters pass (with the default filters: what the other
-- pages count); unclear_count the activities whose source names only the JPO, not the fund,
-- which the filters leave out unless $include_unclear; undated_shown_count those passed but
-- with no known year, which the filters drop once the year range is narrowed.
-- Used by: Sources. Parameters: the activity filters.
with shown as (
    select * from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear)
)
select (select count(*) from activities) as activity_count,
       (select count(*) from shown) as shown_count,
       (select count(*) from activities where fund = 'unclear') as unclear_count,
       (select count(*) from shown where year is null) as undated_shown_count
