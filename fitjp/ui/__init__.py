"""The Streamlit-aware helpers pages compose, each role in its own module:

- cache: the connection, cached query results, lookups every page repeats;
- state: the filters of this run, to and from the URL, moving between pages;
- pickers: country pickers that resolve any name typed (one country-name index);
- sidebar: the shared filters and the filters in words;
- furniture: titles, captions, empty states, page CSS;
- figures: a chart with its caption, and its figures as a table and a CSV file;
- image_caption: a chart's caption kept in the PNG its camera button saves;
- citation: under every page, Cite this view and Report a data problem;
- tables: tables of labels, not codes;
- navigation: the pages, made once per language.

Pages write `ui.query(...)`, `ui.header(...)`: the names below are the whole interface.
Nothing here computes figures.
"""

from fitjp.ui.cache import (begin_run, connection, country_names, data_as_of, hashable, query, shared, today,
                            uncached_query)
from fitjp.ui.figures import chart
from fitjp.ui.furniture import (GLOSSARY_TERMS, PAGE_ICON, PLOT_CONFIG, caption, country_name, empty_state,
                                glossary_anchor, glossary_links, header, localized_countries, number, page_setup,
                                presenter_css, print_css, region_name, release_changes)
from fitjp.ui.navigation import pages
from fitjp.ui.pickers import country_selectbox
from fitjp.ui.sidebar import active_filter_values, country_picker, describe, sidebar
from fitjp.ui.state import (current_filters, filters, is_embedded, lang, leave_pages_folder_mode, open_country,
                            page_param, page_text, shown_country, style, url_notice, write_page_param)
from fitjp.ui.tables import (activity_table, label_or_value, labelled, labelled_values, shared_rows, source_columns,
                             table, whole_number_column)
