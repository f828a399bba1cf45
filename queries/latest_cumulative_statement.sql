-- latest_cumulative_statement: the most recent dated cumulative total a source states in
-- $currency (ties: the larger figure, as "more than" statements grow). Used by: Overview.
-- Parameters: $currency.
select f.amount, f.currency, f.statement_date, f.as_of, f.unit, s.title as source_title, s.publisher as source_publisher, s.url as source_url
from facts as f
join sources as s using (source_id)
where f.metric = 'cumulative_contribution' and f.currency = $currency and f.as_of is not null
order by f.as_of desc, f.amount desc
limit 1
