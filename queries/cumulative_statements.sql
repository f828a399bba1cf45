-- cumulative_statements: what the sources themselves state as the fund's cumulative total,
-- in $currency only (a total is never converted), with the year it speaks for; undated
-- statements always, dated ones only within [$year_from, $year_to].
-- Used by: Funding history, Overview, Story. Parameters: $currency, $year_from, $year_to.
select f.fact_id, f.statement_date, f.as_of, f.as_of_basis,
       try_cast(left(f.as_of, 4) as integer) as fiscal_year, f.amount, f.currency, f.unit,
       s.title as source_title, s.publisher as source_publisher, s.url as source_url, f.quote
from facts as f
join sources as s using (source_id)
where f.metric = 'cumulative_contribution' and f.currency = $currency
  and (f.as_of is null or try_cast(left(f.as_of, 4) as integer) between $year_from and $year_to)
order by f.as_of nulls last, f.amount
