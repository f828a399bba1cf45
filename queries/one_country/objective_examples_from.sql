-- objective_examples_from for one country, from its rows of country_activities: the same year
-- as queries/objective_examples_from.sql with that country alone filtered.
with counted as (
    select objective, year, count(*) as activity_count
    from one_country_activities($country, $year_from, $year_to, $include_undated, $regions, $objectives, $areas,
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
