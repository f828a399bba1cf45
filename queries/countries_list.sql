-- countries_list: every country for pickers, with how many activities (any fund) involve it.
-- Used by: the sidebar, Map, Country profile. No parameters. In alphabetical order as a reader
-- expects it, accents aside (Côte d'Ivoire between Costa Rica and Croatia).
select c.iso3, c.iso2, c.name_en, c.wipo_region, c.un_region,
       count(distinct ac.activity_id) as activity_count
from countries as c
left join activity_countries as ac using (iso3)
group by c.iso3, c.iso2, c.name_en, c.wipo_region, c.un_region
order by strip_accents(lower(c.name_en)), c.iso3
