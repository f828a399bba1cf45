-- contribution_candidates: every dated contribution row in $currency terms with its rank
-- under the documented precedence; rank 1 (and not displaced) is the figure shown. Years
-- and funds with more than one distinct stated figure are marked as contradictions.
-- Used by: Sources. Parameters: $currency.
with ranked as (select * from ranked_contributions($currency, []))
select r.fiscal_year, r.fund, r.status, r.amount, r.currency, r.amount_shown, r.is_converted,
       r.rank = 1 and not r.is_displaced as is_shown, r.is_displaced, r.source_kind,
       r.source_title, r.source_url, r.quote, r.note, r.contribution_id,
       count(distinct (r.amount, r.currency)) over (partition by r.fiscal_year, r.fund) > 1 as is_contradiction
from ranked as r
order by r.fiscal_year, r.fund, r.rank
