-- shown_contributions(target_currency, funds): one figure per fiscal year and fund, in
-- target_currency, with every candidate row's rank (rank 1 is the one shown).
-- Precedence (documented on the Sources page): status (executed, budgeted, stated,
-- stated_annual_level, planned, pledged, requested), then a figure stated in the chosen
-- currency, then the kind of source, then the row id. The combined Asia-Pacific + Africa
-- budget line displaces the two regional funds in its years (it is never added to them)
-- and is shown only when both regional funds are selected. A converted amount uses the
-- fiscal year's average ECB rate; with no rate it is NULL: a gap, never a guess.
create or replace macro ranked_contributions(target_currency, funds) as table
with wanted as (
    -- the cast types an empty list bound from Python (it arrives as NULL[]); the column is
    -- not named funds, which would shadow the macro's parameter
    select case when len(funds) = 0 then ['asia_pacific', 'africa_ldcs', 'global', 'combined']
                when list_contains(funds, 'asia_pacific') and list_contains(funds, 'africa_ldcs')
                    then list_append(funds::varchar[], 'combined')
                else funds::varchar[] end as fund_list
),
candidates as (
    select c.*, s.kind as source_kind, s.url as source_url, s.title as source_title
    from contributions as c
    join sources as s using (source_id)
    where c.fiscal_year is not null
      and list_contains((select fund_list from wanted), c.fund)
),
displaced as (
    select c.contribution_id from candidates as c
    where c.fund in ('asia_pacific', 'africa_ldcs') and exists (
        select 1 from candidates as k where k.fund = 'combined' and k.fiscal_year = c.fiscal_year)
)
select c.*,
    c.contribution_id in (select contribution_id from displaced) as is_displaced,
    row_number() over (
        partition by c.fiscal_year, c.fund
        order by list_position(['executed', 'budgeted', 'stated', 'stated_annual_level', 'planned',
                                'pledged', 'requested'], c.status),
                 c.currency <> target_currency,
                 list_position(['fund_records', 'official_japan', 'official_wipo', 'wto_record',
                                'official_other', 'reference_data', 'news', 'secondary'], c.source_kind),
                 c.contribution_id
    ) as rank,
    case when c.currency = target_currency then c.amount else c.amount * fx.rate end as amount_shown,
    c.currency <> target_currency as is_converted,
    fx.source_id as rate_source_id
from candidates as c
left join fx_rates as fx
    on fx.fiscal_year = c.fiscal_year and fx.base = c.currency and fx.quote = target_currency;

create or replace macro shown_contributions(target_currency, funds) as table
select * from ranked_contributions(target_currency, funds)
where rank = 1 and not is_displaced;
