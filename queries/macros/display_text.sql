-- Display text the tables share (Sources, Funding history, Map): how a source is named and
-- how a quote reads. Both change what is shown, never what is stored.

-- source_name(title, publisher, url): the source's title; its publisher when the title is
-- missing or is only the placeholder written for untitled pages ("publisher: url path"),
-- since a URL path tells a reader nothing and the URL itself is shown beside it as a link.
-- Slashes are ignored in the comparison: the placeholders dropped some ("dipuil?p=1928").
create or replace macro source_name(title, publisher, url) as
case when nullif(trim(title), '') is null then publisher
     when starts_with(title, publisher || ': ')
          and contains(replace(url, '/', ''), replace(substr(title, length(publisher) + 3), '/', ''))
          then publisher
     else title end;

-- quote_dump_start(quote): where a JSON-like dump of a spreadsheet row begins in a quote
-- (1 when the quote is a cut-off fragment starting at a key, as `"name":"…","value":1`), or 0.
create or replace macro quote_dump_start(quote) as
case when regexp_matches(quote, '^\s*"[^"]+"\s*:') then 1 else strpos(quote, '{"') end;

-- readable_quote(quote): a budget sheet's row, copied as a JSON-like dump
-- ({"年度": 2012, "執行額": 264.0}), read as "年度: 2012 · 執行額: 264.0"; the text before the
-- dump and every other quote stay as they are. Only braces, brackets and quotation marks go:
-- every key and value keeps the source's words and figures.
create or replace macro readable_quote(quote) as
case when quote_dump_start(quote) = 0 then quote
else left(quote, quote_dump_start(quote) - 1) || regexp_replace(regexp_replace(regexp_replace(regexp_replace(
         regexp_replace(substr(quote, quote_dump_start(quote)), '[{}\[\]]', '', 'g'),
         '\s*,\s*"([^"]+)"\s*:\s*', ' · \1: ', 'g'),  -- a comma before a key separates pairs
         '"([^"]+)"\s*:\s*', '\1: ', 'g'),            -- the first key, and a nested object's
         '"([^"]*)"', '\1', 'g'),                     -- string values
         ': +·', ': ·', 'g')                          -- an empty value
end;
