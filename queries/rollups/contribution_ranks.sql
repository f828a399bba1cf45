-- contribution_ranks: every dated contribution figure ranked against the other figures of its
-- fiscal year and fund, once for each currency the dashboard shows amounts in
-- (fitjp/record/schema.py CURRENCIES; tests/test_rollups.py holds the two lists together), with its
-- amount in that currency. Precedence (documented on the Sources page): status (executed,
-- budgeted, stated, stated_annual_level, planned, pledged, requested), then a figure stated in
-- the currency shown, then the kind of source, then the row id. A converted amount uses the
-- fiscal year's average ECB rate; with no rate it is NULL: a gap, never a guess.
-- displaced_by_combined: a regional fund's figure in a year the combined Asia-Pacific + Africa
-- budget line covers (macros/shown_contributions.sql decides when that line is shown).
-- Derived once by the build: ranking on every query cost the Overview and the Funding history
-- 11 ms a click. A fund selection only keeps or drops whole (year, fund) groups, so a rank
-- never depends on it.
with shown_in as (
    select unnest(['CHF', 'JPY', 'USD']) as shown_currency
),
candidates as (
    select c.*, s.kind as source_kind, s.url as source_url, s.title as source_title
    from contributions as c
    join sources as s using (source_id)
    where c.fiscal_year is not null
)
select t.shown_currency, c.*,
    c.fund in ('asia_pacific', 'africa_ldcs') and c.fiscal_year in (
        select fiscal_year from candidates where fund = 'combined') as displaced_by_combined,
    row_number() over (
        partition by t.shown_currency, c.fiscal_year, c.fund
        order by list_position(['executed', 'budgeted', 'stated', 'stated_annual_level', 'planned',
                                'pledged', 'requested'], c.status),
                 c.currency <> t.shown_currency,
                 list_position(['fund_records', 'official_japan', 'official_wipo', 'wto_record',
                                'official_other', 'reference_data', 'news', 'secondary'], c.source_kind),
                 c.contribution_id
    ) as rank,
    case when c.currency = t.shown_currency then c.amount else c.amount * fx.rate end as amount_shown,
    c.currency <> t.shown_currency as is_converted,
    fx.source_id as rate_source_id
from shown_in as t
cross join candidates as c
left join fx_rates as fx
    on fx.fiscal_year = c.fiscal_year and fx.base = c.currency and fx.quote = t.shown_currency
order by t.shown_currency, c.fiscal_year, c.fund, rank
