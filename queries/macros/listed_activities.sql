-- matching_activities(...filters, search): the filtered activities (filtered_activities.sql)
-- that match a search. Search folds case, accents, apostrophes and dashes (macros/folded.sql:
-- "cote d'ivoire" finds Côte d’Ivoire). A search that names a country by any of its names
-- (country_names: its English name and aliases, its name in each of the dashboard's languages,
-- as fitjp/countries.py names_of gives them to the pickers; the data's own aliases; or its
-- ISO-3 code in capitals: "CIV"; "and" stays a word, not Andorra) matches that country's
-- activities, exactly those its profile counts: "Niger" is not "Nigeria", "Tanzanie" is
-- Tanzania. Any other text is looked for within titles, beneficiaries as the source states
-- them and the names and codes of the activity's countries ("côte", "korea", "civ",
-- "papouasie"); an empty search matches every activity. The countries are searched once (a
-- few thousand names), then their activities, rather than folding every activity's names.
create or replace macro matching_activities(year_from, year_to, include_undated, regions, countries, objectives,
                                            areas, types, funds, include_unclear, search) as table
with needle as (
    select folded(trim(search)) as text
),
country_terms as (
    select iso3, folded(name) as term from country_names
    union
    select c.iso3, folded(term)
    from countries as c, unnest([c.name_en] || coalesce(string_split(c.aliases, '; '), [])) as names(term)
),
named_countries as (
    select t.iso3 from country_terms as t, needle as n where t.term = n.text
    union
    select iso3 from countries where iso3 = trim(search)
),
countries_containing as (  -- within a name, or a code in any case ("civ")
    select distinct t.iso3
    from (select * from country_terms union all select iso3, folded(iso3) from countries) as t, needle as n
    where n.text <> '' and contains(t.term, n.text)
)
select a.*
from filtered_activities(year_from, year_to, include_undated, regions, countries, objectives, areas, types, funds,
                         include_unclear) as a
cross join needle as n
where n.text = ''
   or (exists (select 1 from named_countries)
       and a.activity_id in (select activity_id from activity_countries join named_countries using (iso3)))
   or (not exists (select 1 from named_countries)
       and (contains(folded(a.title), n.text)
            or contains(folded(coalesce(a.beneficiaries_as_stated, '')), n.text)
            or a.activity_id in (select activity_id from activity_countries join countries_containing using (iso3))));

-- listed_activities(...filters, search, row_limit, row_offset): one page of the matching
-- activities, newest first, with their countries and source. The page is chosen first, from
-- the sort keys alone, and only its rows are read in full and given their countries: at a
-- million activities, aggregating every activity's country links before the LIMIT cost
-- seconds per rerun.
create or replace macro listed_activities(year_from, year_to, include_undated, regions, countries, objectives,
                                          areas, types, funds, include_unclear, search, row_limit, row_offset) as table
with page as (
    select activity_id, year, start_date
    from matching_activities(year_from, year_to, include_undated, regions, countries, objectives, areas, types,
                             funds, include_unclear, search)
    order by year desc nulls last, start_date desc nulls last, activity_id
    limit row_limit offset row_offset
)
select *
from activity_rows_of((select list(activity_id) from page), (select min(year) from page), (select max(year) from page),
                      (select count(*) > count(year) from page))
order by year desc nulls last, start_date desc nulls last, activity_id;
