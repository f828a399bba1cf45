-- facts_list: dated statements about the fund (context_ rows, which are not about this
-- fund, only when $include_context). Used by: Sources, Overview. Parameters: $include_context.
select f.fact_id, f.statement_date, f.as_of, f.metric, f.value, f.unit, f.note,
       starts_with(f.metric, 'context_') as is_context,
       s.title as source_title, s.publisher as source_publisher, s.url as source_url, f.quote
from facts as f
join sources as s using (source_id)
where $include_context or not starts_with(f.metric, 'context_')
order by f.metric, f.as_of nulls last, f.fact_id
