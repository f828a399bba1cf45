-- record_span: the first and last fiscal year with a documented contribution figure.
-- Used by: Overview. No parameters.
select min(fiscal_year) as first_year, max(fiscal_year) as last_year
from contributions
