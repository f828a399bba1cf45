-- sources_list: every source with how many rows of each table cite it, and the name a table
-- shows for it (source_name: its title, or its publisher when it has no real title).
-- Used by: Sources. No parameters.
with citations as (
    select source_id, 'contributions' as cited_by from contributions
    union all select source_id, 'facts' from facts
    union all select source_id, 'activities' from activities
    union all select source_id, 'reference' from countries
    union all select source_id, 'reference' from ldc_membership
    union all select source_id, 'reference' from fx_rates
)
select s.source_id, s.title, source_name(s.title, s.publisher, s.url) as source_name, s.publisher, s.kind,
       s.language, s.published, s.url as source_url,
       count(*) filter (where c.cited_by = 'contributions') as contribution_rows,
       count(*) filter (where c.cited_by = 'facts') as fact_rows,
       count(*) filter (where c.cited_by = 'activities') as activity_rows,
       count(c.cited_by) as rows_citing
from sources as s
left join citations as c using (source_id)
group by all
order by s.kind, s.publisher, s.title, s.source_id
