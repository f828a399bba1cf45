-- shown_contribution_figures: the figure shown for each fiscal year in [$year_from, $year_to]
-- and fund, as the Funding history's table lists it: the amount in whole units of $currency
-- (a converted figure's cents are noise from the exchange rate; NULL when there is no rate),
-- the figure as stated, the source's name and the quote read as text (macros/display_text.sql).
-- Used by: Funding history. Parameters: $currency, $funds, $year_from, $year_to.
select c.fiscal_year, c.fund, round(c.amount_shown) as amount, c.amount as amount_stated,
       c.currency as currency_stated, c.status, c.is_converted,
       source_name(c.source_title, s.publisher, c.source_url) as source_name, c.source_url,
       readable_quote(c.quote) as quote_text, c.contribution_id
from shown_contributions($currency, $funds) as c
join sources as s using (source_id)
where c.fiscal_year between $year_from and $year_to
order by c.fiscal_year, c.fund
