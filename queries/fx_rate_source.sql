-- fx_rate_source: the source of the exchange rates and the fiscal years they cover.
-- Used by: Funding history. No parameters.
select s.title, s.publisher, s.url, min(fx.fiscal_year) as first_year, max(fx.fiscal_year) as last_year
from fx_rates as fx
join sources as s using (source_id)
group by all
