-- objective_examples_from from activity_cube (queries/rollups/): the same year as
-- queries/objective_examples_from.sql when no country is filtered.
with counted as (
    select objective, year, sum(activity_count) as activity_count
    from activity_cube
    where passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                         $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds,
                         $include_unclear)
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
