-- facts_list: dated statements about the fund (context_ rows, which are not about this
-- fund, only when $include_context), with the source's name and the quote read as text
-- (macros/display_text.sql). Used by: Sources. Parameters: $include_context.
select f.fact_id, f.statement_date, f.as_of, f.metric, f.value, f.unit, f.note,
       starts_with(f.metric, 'context_') as is_context,
       s.title as source_title, source_name(s.title, s.publisher, s.url) as source_name,
       s.publisher as source_publisher, s.url as source_url, f.quote, readable_quote(f.quote) as quote_text
from facts as f
join sources as s using (source_id)
where $include_context or not starts_with(f.metric, 'context_')
order by f.metric, f.as_of nulls last, f.fact_id
