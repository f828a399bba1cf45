-- activities_by_un_region_year: activities per year and UN M49 region of the countries they
-- involved; an activity in two regions counts once in each; one naming no country counts
-- under region NULL. Used by: Map. Parameters: the activity filters.
with activity_regions as (
    select distinct a.activity_id, a.year, c.un_region as region
    from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries, $objectives, $areas, $types, $funds, $include_unclear) as a
    left join activity_countries as ac using (activity_id)
    left join countries as c using (iso3)
)
select year, region, count(*) as activity_count
from activity_regions
where year is not null
group by year, region
order by year, region nulls last
