-- undated_contributions: contribution figures whose year no source states, with the source's
-- name and the quote read as text (macros/display_text.sql).
-- Used by: Funding history. No parameters.
select c.fund, c.amount, c.currency, c.status, c.note, s.title as source_title,
       source_name(s.title, s.publisher, s.url) as source_name, s.url as source_url, c.quote,
       readable_quote(c.quote) as quote_text
from contributions as c
join sources as s using (source_id)
where c.fiscal_year is null
order by c.amount
