-- contributions_by_year: per fiscal year in [$year_from, $year_to], the figure shown for each
-- fund in $currency (converted figures flagged), and the running sum of the documented years.
-- A year with no public figure is one row with fund NULL: the chart draws it as a gap.
-- A figure is provisional when its source gives a plan rather than an outcome (requested,
-- planned, pledged: fitjp/record/schema.py PROVISIONAL_STATUSES), or its fiscal year, which
-- runs from April, is not over.
-- Used by: Funding history, Overview. Parameters: $currency, $funds, $year_from, $year_to.
with years as (
    select range as fiscal_year from range($year_from, $year_to + 1)
),
shown as (
    select * from shown_contributions($currency, $funds)
    where fiscal_year between $year_from and $year_to
),
year_totals as (
    select y.fiscal_year, sum(s.amount_shown) as year_total, count(s.fund) as figures,
           count(s.fund) filter (where s.amount_shown is null) as figures_without_rate,
           -- summed per year before the join below, which repeats a year once per fund
           sum(sum(s.amount_shown)) over (order by y.fiscal_year) as cumulative_documented
    from years as y left join shown as s using (fiscal_year)
    group by y.fiscal_year
)
select y.fiscal_year, s.fund, s.amount_shown as amount, s.amount as amount_stated,
       s.currency as currency_stated, s.status, s.is_converted, s.rate_source_id,
       s.source_id, s.source_title, s.source_url, s.quote, s.contribution_id,
       y.figures = 0 as is_gap, y.figures_without_rate > 0 as lacks_rate,
       y.cumulative_documented,
       s.fund is not null and (s.status in ('requested', 'planned', 'pledged')
                               or y.fiscal_year >= year(current_date - interval 3 month)) as is_provisional
from year_totals as y
left join shown as s using (fiscal_year)
order by y.fiscal_year, s.fund
