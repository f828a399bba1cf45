-- reached_countries(): each activity with each country it reached, once: its beneficiaries,
-- and its hosts except Japan and Switzerland (a course held there for others is not activity
-- in the country). The one rule behind "Countries reached", the map's colours and the staff
-- app's headline (fitjp/record/schema.py NOT_REACHED_AS_HOSTS says the same to Python).
create or replace macro reached_countries() as table
select distinct activity_id, iso3
from activity_countries
where role = 'beneficiary' or iso3 not in ('JPN', 'CHE')
