-- folded(text): text as a search compares it: lower case, without accents, one kind of
-- apostrophe (’ ‘ ʼ ` ´ ′ are '), dashes as spaces. fitjp/countries.py folded() folds alike
-- (tests/test_countries.py holds the two to it), so a name the pickers know is the name the
-- search knows.
create or replace macro folded(text) as
regexp_replace(regexp_replace(strip_accents(lower(text)), '[’‘ʼ`´′]', '''', 'g'), '[-‐‑–—]', ' ', 'g');
