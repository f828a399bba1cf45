-- objective_examples: the newest activities of each objective, at most $per_objective each, in
-- the activity list's order, with their source: the examples under the Objectives page's
-- tabs. Ranked in SQL, so an objective's examples never depend on how many newer activities
-- other objectives have. Used by: Objectives. Parameters: the activity filters, $per_objective,
-- $newest_from: the oldest year to read (objective_examples_from.sql), or NULL for every year.
with shown as (
    select activity_id, objective, year, start_date, source_id
    from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas,
                             $types, $funds, $include_unclear)
    where year >= $newest_from or $newest_from is null
),
cut as (
    -- An objective's newest are dated no earlier than its $per_objective-th newest year (max(year, n):
    -- its n largest years), so only those are ranked: at a million activities, ranking every one
    -- cost half a second. With fewer dated ones than that, every one is ranked, undated included.
    select objective,
           case when count(year) >= $per_objective then list_min(max(year, $per_objective)) end as from_year
    from shown
    group by objective
),
ranked as (
    select s.activity_id, s.objective, s.source_id,
           row_number() over (partition by s.objective
                              order by s.year desc nulls last, s.start_date desc nulls last, s.activity_id) as position
    from shown as s
    join cut as c using (objective)
    where c.from_year is null or s.year >= c.from_year
)
select r.objective, r.activity_id, a.title, a.year, a.programme_area, s.publisher as source_publisher,
       s.url as source_url
from ranked as r
join activities as a using (activity_id)  -- the title, for these few only
join sources as s on s.source_id = r.source_id
where r.position <= $per_objective
order by r.objective, r.position
