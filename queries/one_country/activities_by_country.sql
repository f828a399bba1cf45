-- activities_by_country for one country (fitjp/db.py best_query): the same rows as
-- queries/activities_by_country.sql with that country filtered: the countries its activities
-- reached, from country_activities (one row per activity and country). Parameters: $country,
-- the other activity filters.
with per_country as (
    select r.iso3, count(*) as activity_count,
           count(*) filter (where r.scope = 'national') as national_count,
           sum(r.participants) filter (where r.scope = 'national') as national_participants
    from country_activities as r
    where r.reached
      and r.activity_id in (select activity_id from one_country_activities($country, $year_from, $year_to, $include_undated, $regions, $objectives, $areas, $types, $funds, $include_unclear))
    group by r.iso3
)
select p.iso3, c.name_en, c.wipo_region, c.un_region, p.activity_count, p.national_count, p.national_participants
from per_country as p
join countries as c using (iso3)
order by p.activity_count desc, c.name_en
