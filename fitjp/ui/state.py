"""The view's state: the filters of this run, read from the URL or the session, written
back to the URL, and moved between pages. The URL is where a view lives, so a link reopens it."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from fitjp.charts import Style
from fitjp.filters import DEFAULT, Filters, URL_NAMES, current_year, from_query_params, page_choice
from fitjp.i18n import t
from fitjp.text import inert

STATE_KEY = "filters"
WIDGET_PREFIX = "filter_"
LIST_FILTERS = ("regions", "countries", "objectives", "areas", "types", "funds")  # multiselects, in sidebar order


def leave_pages_folder_mode() -> None:
    """Streamlit treats a folder named pages/ as old-style pages until the entry script has
    called st.navigation once. In that mode a deep link (/country?country=KEN) opened first
    on a fresh server runs the page file alone, and widgets made in the first run get other
    ids than in later runs, so a first change of a filter is lost. Switch the mode off and run
    again: dashboard.py then resolves the same URL to the same page, with stable widgets."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def filters() -> Filters:
    """The filters dashboard.py resolved for this run. Every page calls this first."""
    leave_pages_folder_mode()
    return st.session_state.get(STATE_KEY, DEFAULT)


def style() -> Style:
    current = filters()
    return Style.presenter(current.lang) if current.present else Style(lang=current.lang)


def lang() -> str:
    return filters().lang


def is_history_navigation() -> bool:
    """Whether this run comes from the browser's Back or Forward button. Streamlit (1.67)
    tells the server so: on popstate the page sends the restored URL with this flag."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    context = get_script_run_ctx()
    return bool(getattr(context, "is_history_navigation", False))


def current_filters() -> Filters:
    """The filters of this run: from the URL when it names any, else those this session had
    (Streamlit drops query parameters when the page changes), else the defaults.

    Back and Forward restore a view this reader saw, and its URL is the whole of that view:
    it wins over the session's newer filters, and a URL without filters is the defaults.
    Only in any other run can the URL lag behind the session (see _is_stale)."""
    url = _url()
    named = any(key in url for key in URL_NAMES.values())
    st.session_state[OPENING_RUN_KEY] = OPENING_RUN_KEY not in st.session_state
    st.session_state.pop(REPLACING_KEY, None)
    remembered = st.session_state.get(STATE_KEY, DEFAULT)
    if is_history_navigation():
        filters, _ = from_query_params(url)  # a URL of this session: its values were checked
        st.session_state.pop(OPENING_KEY, None)
    elif named and _is_stale(url):
        # The browser sent the URL of an earlier run of ours (quick changes overtake the
        # URL's update): the session's filters are newer. Taking the URL would undo a change.
        filters = remembered
    elif named:
        filters, ignored = from_query_params(url)
        if ignored:
            # The values come from whoever wrote the link: shown as text, cut short, never as markup.
            items = ", ".join(f"{k}={inert(v[:40])}" for k, v in ignored[:10])
            st.session_state[IGNORED_KEY] = (items, filters)
    else:
        filters = remembered
    if filters != remembered or WIDGET_PREFIX + "years" not in st.session_state:
        _set_widgets(filters)
    st.session_state[STATE_KEY] = filters
    write_url(filters)
    return filters


def _set_widgets(filters: Filters) -> None:
    st.session_state[WIDGET_PREFIX + "years"] = (filters.year_from, min(filters.last_year, current_year()))
    for name in LIST_FILTERS:
        st.session_state[WIDGET_PREFIX + name] = list(getattr(filters, name))
    st.session_state[WIDGET_PREFIX + "currency"] = filters.currency
    st.session_state[WIDGET_PREFIX + "include_unclear"] = filters.include_unclear
    st.session_state[WIDGET_PREFIX + "lang"] = filters.lang
    st.session_state[WIDGET_PREFIX + "present"] = filters.present


IGNORED_KEY = "url_ignored"  # what the link carried that was ignored, and the view it opened


def url_notice() -> None:
    """Say, on the page, what the link carried that was ignored. It stays while the reader
    looks at the view the link opened (a toast vanished in 4 s, before many could read it)
    and goes with their first change of filter."""
    items, opened = st.session_state.get(IGNORED_KEY, (None, None))
    current = st.session_state.get(STATE_KEY, DEFAULT)
    if items and opened == current:
        st.warning(t("filter.ignored", current.lang, items=items), icon=":material/link_off:")
    else:
        st.session_state.pop(IGNORED_KEY, None)


WRITTEN_KEY = "urls_written"  # the filter part of each URL this session wrote, newest last
OPENING_KEY = "url_opening"  # the filter part of the URL open_country sends the session to


def _url_filters(params: dict) -> tuple:
    """The filter parameters of a URL, comparable whatever their form (str or list)."""
    return tuple(sorted((key, value[-1] if isinstance(value, list) else value)
                        for key, value in params.items() if key in URL_NAMES.values()))


def _is_stale(url: dict) -> bool:
    if _url_filters(url) == st.session_state.pop(OPENING_KEY, None):
        return False  # the app itself navigated there (open_country): new, however it looks
    written = st.session_state.get(WRITTEN_KEY, [])
    return _url_filters(url) in written[:-1] and _url_filters(url) != written[-1]


def write_url(filters: Filters) -> None:
    """Put the filters in the URL, keeping parameters that are not filters (e.g. a page's own).

    The browser keeps a history entry for every URL the server sends (Streamlit pushes one
    per change of st.query_params, outside Back and Forward), so the URL changes at most once
    a run, in one message, and only when its values change: each view the reader sees is one
    entry, and no half-written URL becomes a view that Back shows but nobody visited."""
    wanted = filters.to_query_params()
    written = [w for w in st.session_state.get(WRITTEN_KEY, []) if w != _url_filters(wanted)]
    st.session_state[WRITTEN_KEY] = (written + [_url_filters(wanted)])[-20:]
    current = _url()
    kept = {key: values for key, values in current.items() if key not in URL_NAMES.values()}
    whole = wanted | kept  # the filters in one fixed order, then the page's own parameters
    if {key: [value] if isinstance(value, str) else value for key, value in whole.items()} != current:
        _write_url(whole)


def _url() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


OPENING_RUN_KEY = "url_opening_run"  # True in the run that opens this session's link, then False
REPLACING_KEY = "url_replacing"  # that run left its corrections of the link to a run that replaces it


def _is_opening_run() -> bool:
    return st.session_state.get(OPENING_RUN_KEY, False)


def _end_opening_run() -> None:
    """The opening run is over once the next run starts, or a reader's callback runs (these
    run before the next run's script, so they call this themselves)."""
    st.session_state[OPENING_RUN_KEY] = False


# Streamlit's page listens for the browser's popstate (Back, Forward) and answers it with a
# run of the URL as it stands, flagged as history navigation (see is_history_navigation).
REPLACE_SCRIPT = "<script>window.dispatchEvent(new PopStateEvent('popstate', {state: history.state}));</script>"


def _write_url(whole: dict) -> None:
    """Send the URL to the browser, which pushes it as a new history entry; except in the run
    that opens a link, whose every change of the URL corrects the link (drops an ignored value,
    rewrites a value in its one form): that is the view the link opened, not a new one, and a
    second entry would make Back show the same view again. Streamlit (1.67) has no way to write
    the URL in place: its page pushes every URL a run sends (history.pushState in
    handlePageInfoChanged), except in a run of Back or Forward, which replaces the current
    entry. So the opening run writes nothing and asks the page to run again as Back and Forward
    do; that run reads the link again and writes its corrections in place of the link's entry.
    Should the browser not do it, the next run writes the URL as any run does (a push)."""
    if not _is_opening_run():
        st.query_params.from_dict(whole)
    elif not st.session_state.get(REPLACING_KEY):
        st.session_state[REPLACING_KEY] = True
        with st.container(key="url_replace"):  # hidden by PAGE_CSS
            st.html(REPLACE_SCRIPT, unsafe_allow_javascript=True)


def shown_country(filters: Filters) -> str | None:
    """The country a profile or brief shows: the one picked last, when the filter names several."""
    return filters.countries[-1] if filters.countries else None


def open_country(filters: Filters, iso3: str, page: str = "pages/country.py") -> None:
    """Go to a country's profile (or brief), keeping the other filters."""
    chosen = replace(filters, countries=(iso3,))
    # Only the URL changes here: the next run sees filters that differ from the session's
    # and moves the sidebar's widgets to them before drawing them. Setting the session's
    # filters too would leave the sidebar holding the old country, which then won.
    st.session_state[OPENING_KEY] = _url_filters(chosen.to_query_params())
    st.switch_page(page, query_params=chosen.to_query_params())


def reset_filters() -> None:
    """Back to no filters, in the same language and mode."""
    _end_opening_run()
    kept = st.session_state.get(STATE_KEY, DEFAULT).reset()
    _set_widgets(kept)
    st.session_state[STATE_KEY] = kept
    write_url(kept)


def is_embedded() -> bool:
    """Whether the page is shown inside another site (?embed=true). Streamlit keeps its embed
    parameters out of st.query_params, so this reads the run's own query string."""
    from urllib.parse import parse_qs

    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    context = get_script_run_ctx()
    query = parse_qs(context.query_string if context else "")
    return any(value.lower() == "true" for value in query.get("embed", []))


def page_param(name: str, allowed, widget_key: str, default: str) -> None:
    """Before a page's own widget is drawn: the widget starts at a shared link's value of the
    page parameter `name`, else at `default` (an invalid value is ignored with the filters'
    notice), and on Back and Forward it shows what that view's URL says. Other runs keep what
    the reader chose."""
    if widget_key in st.session_state and not is_history_navigation():
        return
    value, ignored = page_choice(st.query_params.get_all(name), allowed)
    if ignored:
        st.warning(t("filter.ignored", lang(), items=f"{name}={inert(ignored[:40])}"), icon=":material/link_off:")
    st.session_state[widget_key] = value or default


def page_text(name: str, widget_key: str, max_chars: int) -> None:
    """Before a page's own text box is drawn: it starts at a shared link's `name` (cut to
    `max_chars`), and on Back and Forward it shows what that view's URL says. Other runs keep
    what the reader typed."""
    if widget_key not in st.session_state or is_history_navigation():
        st.session_state[widget_key] = st.query_params.get(name, "")[:max_chars]


def write_page_param(name: str, value: str | None) -> None:
    """After the widget: its value in the URL, or no parameter for the page's default (None)."""
    current = _url()
    if value:
        if current.get(name) != [value]:
            _write_url(current | {name: [value]})
    elif name in current:
        _write_url({key: values for key, values in current.items() if key != name})
