-- source_citations: how many activities cite each source. Written by the build, so the Sources
-- page counts millions of activities once, not on every first load (1.7 s at 10M).
-- Read by queries/rollup/sources_list.sql.
select source_id, count(*) as activity_rows
from activities
group by source_id
order by source_id
