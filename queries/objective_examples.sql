-- objective_examples: the newest activities of each objective, at most $per_objective each, in
-- the activity list's order, with their source: the examples under the Objectives page's
-- tabs. Ranked in SQL, so an objective's examples never depend on how many newer activities
-- other objectives have. Used by: Objectives. Parameters: the activity filters, $per_objective.
with ranked as (
    select activity_id, objective, title, year, programme_area, source_id,
           row_number() over (partition by objective
                              order by year desc nulls last, start_date desc nulls last, activity_id) as position
    from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas,
                             $types, $funds, $include_unclear)
)
select r.objective, r.activity_id, r.title, r.year, r.programme_area, s.publisher as source_publisher,
       s.url as source_url
from ranked as r
join sources as s using (source_id)
where r.position <= $per_objective
order by r.objective, r.position
