-- shown_contributions(target_currency, funds): one figure per fiscal year and fund, in
-- target_currency, from every candidate figure ranked once by the build
-- (rollups/contribution_ranks.sql: the precedence, the conversion; rank 1 is the one shown).
-- ranked_contributions gives every candidate with its rank. The combined Asia-Pacific + Africa
-- budget line displaces the two regional funds in its years (it is never added to them) and
-- is shown only when both regional funds are selected, or no fund is.
create or replace macro ranked_contributions(target_currency, funds) as table
with wanted as (
    -- the cast types an empty list bound from Python (it arrives as NULL[]); the column is
    -- not named funds, which would shadow the macro's parameter
    select case when len(funds) = 0 then ['asia_pacific', 'africa_ldcs', 'global', 'combined']
                when list_contains(funds, 'asia_pacific') and list_contains(funds, 'africa_ldcs')
                    then list_append(funds::varchar[], 'combined')
                else funds::varchar[] end as fund_list
)
select r.* exclude (shown_currency, displaced_by_combined, rank, amount_shown, is_converted, rate_source_id),
       r.displaced_by_combined and list_contains(w.fund_list, 'combined') as is_displaced,
       r.rank, r.amount_shown, r.is_converted, r.rate_source_id
from contribution_ranks as r, wanted as w
where r.shown_currency = target_currency
  and list_contains(w.fund_list, r.fund);

create or replace macro shown_contributions(target_currency, funds) as table
select * from ranked_contributions(target_currency, funds)
where rank = 1 and not is_displaced;
