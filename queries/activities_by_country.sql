-- activities_by_country: per country, the activities that reached it (reached_countries:
-- as beneficiary, or as host outside Japan and Switzerland) and the participants of its
-- national activities. Used by: Map, Overview. Parameters: the activity filters.
with links as (
    -- country_activities (queries/rollups/) holds each activity once per country, marked when
    -- it reached it: joining the filtered activities to distinct pairs of every link instead
    -- held millions of rows in hash tables (+270 MB at a million activities)
    select r.activity_id, r.iso3, r.scope, r.participants
    from country_activities as r
    where r.reached
      and r.activity_id in (select activity_id
                            from filtered_activities($year_from, $year_to, $include_undated, $regions, $countries,
                                                     $objectives, $areas, $types, $funds, $include_unclear))
)
select l.iso3, c.name_en, c.wipo_region, c.un_region,
       count(*) as activity_count,
       count(*) filter (where l.scope = 'national') as national_count,
       sum(l.participants) filter (where l.scope = 'national') as national_participants
from links as l
join countries as c using (iso3)
group by l.iso3, c.name_en, c.wipo_region, c.un_region
order by activity_count desc, c.name_en
