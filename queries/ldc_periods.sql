-- ldc_periods: the periods a country was on the UN list of least developed countries,
-- with their source. Used by: Country profile. Parameters: $iso3.
select l.ldc_from, l.ldc_until, l.note, s.title as source_title, s.url as source_url
from ldc_membership as l
join sources as s using (source_id)
where l.iso3 = $iso3
order by l.ldc_from
