-- undated_contributions: contribution figures whose year no source states.
-- Used by: Sources, Funding history. No parameters.
select c.fund, c.amount, c.currency, c.status, c.note, s.title as source_title, s.url as source_url, c.quote
from contributions as c
join sources as s using (source_id)
where c.fiscal_year is null
order by c.amount
