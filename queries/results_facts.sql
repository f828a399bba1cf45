-- results_facts: the statements of the given metrics (fitjp/results.py), each dated by the
-- year its as-of date names (null when the source gives none), with the source's name and
-- the quote read as text. Used by: Results. Parameters: $metrics.
select f.fact_id, f.statement_date, f.as_of, try_cast(left(f.as_of, 4) as integer) as year, f.metric,
       f.value, f.unit, f.note,
       source_name(s.title, s.publisher, s.url) as source_name, s.url as source_url,
       readable_quote(f.quote) as quote_text
from facts as f
join sources as s using (source_id)
where list_contains($metrics, f.metric)
order by f.metric, f.as_of nulls last, f.fact_id
