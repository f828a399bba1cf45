-- contribution_candidates: every dated contribution row in $currency terms with its rank
-- under the documented precedence; rank 1 (and not displaced) is the figure shown. Years
-- and funds with more than one distinct stated figure are marked as contradictions.
-- For display: amount_shown in whole units of $currency (a converted figure's cents are
-- noise from the exchange rate), the source's name and the quote read as text
-- (macros/display_text.sql); quote keeps the stored words.
-- Used by: Sources. Parameters: $currency.
with ranked as (select * from ranked_contributions($currency, []))
select r.fiscal_year, r.fund, r.status, r.amount, r.currency, round(r.amount_shown) as amount_shown,
       r.is_converted, r.rank = 1 and not r.is_displaced as is_shown, r.is_displaced, r.source_kind,
       r.source_title, source_name(r.source_title, s.publisher, r.source_url) as source_name, r.source_url,
       r.quote, readable_quote(r.quote) as quote_text, r.note, r.contribution_id,
       count(distinct (r.amount, r.currency)) over (partition by r.fiscal_year, r.fund) > 1 as is_contradiction
from ranked as r
join sources as s using (source_id)
order by r.fiscal_year, r.fund, r.rank
