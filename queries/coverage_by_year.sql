-- coverage_by_year: for each fiscal year from 1987 to $year_to, what the public record
-- documents: contribution figures (rows, funds, currencies), dated statements and
-- activities. funds and statuses are the codes as text; fund_list and status_list the same
-- codes as lists, for the page to show by their labels. Used by: Sources. Parameters: $year_to.
with years as (select range as year from range(1987, $year_to + 1)),
contribution_years as (
    select fiscal_year as year, count(*) as contribution_rows,
           string_agg(distinct fund, ', ' order by fund) as funds,
           string_agg(distinct currency, ', ' order by currency) as currencies,
           string_agg(distinct status, ', ' order by status) as statuses,
           list(distinct fund order by fund) as fund_list,
           list(distinct status order by status) as status_list
    from contributions where fiscal_year is not null group by fiscal_year
),
activity_years as (
    select year, count(*) as activity_count, count(*) filter (where fund <> 'unclear') as fund_named_count
    from activities where year is not null group by year
)
select y.year, coalesce(c.contribution_rows, 0) as contribution_rows, c.funds, c.currencies,
       c.statuses, c.fund_list, c.status_list, coalesce(a.activity_count, 0) as activity_count,
       coalesce(a.fund_named_count, 0) as fund_named_count
from years as y
left join contribution_years as c using (year)
left join activity_years as a using (year)
order by y.year
