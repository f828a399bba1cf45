-- activities_by_country from country_cube (queries/rollups/): the same rows as
-- queries/activities_by_country.sql when no country is filtered.
with per_country as (
    select iso3, sum(activity_count)::bigint as activity_count, sum(national_count)::bigint as national_count,
           sum(national_participants) as national_participants
    from country_cube
    where passes_filters(year, region, country_regions, objective, programme_area, activity_type, fund,
                     $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear)
    group by iso3
    having sum(activity_count) > 0
)
select p.iso3, c.name_en, c.wipo_region, c.un_region, p.activity_count, p.national_count, p.national_participants
from per_country as p
join countries as c using (iso3)
order by p.activity_count desc, c.name_en
