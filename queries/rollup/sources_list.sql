-- sources_list with the activities' citations counted by the build (rollups/source_citations.sql):
-- the same rows as queries/sources_list.sql.
with citations as (
    select source_id, 'contributions' as cited_by from contributions
    union all select source_id, 'facts' from facts
    union all select source_id, 'reference' from countries
    union all select source_id, 'reference' from ldc_membership
    union all select source_id, 'reference' from fx_rates
),
counted as (
    select source_id,
           count(*) filter (where cited_by = 'contributions') as contribution_rows,
           count(*) filter (where cited_by = 'facts') as fact_rows,
           count(*) as other_rows
    from citations
    group by source_id
)
select s.source_id, s.title, source_name(s.title, s.publisher, s.url) as source_name, s.publisher, s.kind,
       s.language, s.published, s.url as source_url,
       coalesce(c.contribution_rows, 0) as contribution_rows,
       coalesce(c.fact_rows, 0) as fact_rows,
       coalesce(a.activity_rows, 0) as activity_rows,
       coalesce(c.other_rows, 0) + coalesce(a.activity_rows, 0) as rows_citing
from sources as s
left join counted as c using (source_id)
left join source_citations as a using (source_id)
order by s.kind, s.publisher, s.title, s.source_id
