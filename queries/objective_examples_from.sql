-- objective_examples_from: the oldest year objective_examples reads (its first step: fitjp/db.py
-- YEAR_BOUNDED). An objective's newest $per_objective are dated no earlier than the year of its
-- $per_objective-th newest, so the oldest of those years bounds every objective's examples;
-- NULL (no bound) when an objective has fewer dated activities than that, as its undated ones
-- are examples too. Activities are stored newest first: DuckDB then reads those years' row
-- groups only (at 10M activities, 1.1 s -> 0.3 s). Parameters: the activity filters, $per_objective.
with counted as (
    select objective, year, count(*) as activity_count
    from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas,
                             $types, $funds, $include_unclear)
    group by objective, year
),
running as (  -- how many of its activities are dated this year or later
    select objective, year, sum(activity_count) over (partition by objective order by year desc nulls last) as dated_since
    from counted
),
cuts as (  -- the year of its $per_objective-th newest; NULL when it has fewer dated ones than that
    select objective, max(year) filter (where year is not null and dated_since >= $per_objective) as from_year
    from running
    group by objective
)
select case when count(*) = count(from_year) then min(from_year) end as newest_from
from cuts
