"""Every page, run from dashboard.py in-process (Streamlit's AppTest), under several filter
states, asserting on what a reader sees. Runs on the shipped data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app_reads import app_reads
from bench import synthetic
from fitjp import db
from fitjp.filters import Filters

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
PAGES = ["overview", "funding", "map", "objectives", "results", "country", "activities", "sources"]
STATES = {
    "no filters": {},
    "one region": {"region": "africa"},
    "one country": {"country": "KEN"},
    "years with no data": {"from": "1990", "to": "1995"},
}


def open_page(page: str, **params) -> AppTest:
    """Run the app as a visitor who opened /<page>?<params>."""
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()  # the entry page resolves the URL's filters
    if page != "overview":
        app.switch_page(str(Path(DASHBOARD).parent / "pages" / f"{page}.py")).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def texts(app: AppTest) -> str:
    parts = [e.value for kind in (app.title, app.header, app.subheader, app.caption, app.markdown, app.info)
             for e in kind]
    parts += [f"{m.label}: {m.value}" for m in app.metric]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_under_every_filter_state(page, state):
    app = open_page(page, **STATES[state])
    assert app.title[0].value  # the page's own title is shown
    shown = texts(app)
    if state == "no filters":
        assert "No filters" in shown
    else:
        assert "Showing:" in shown  # the active filters are spelled out under the title


def test_overview_headline_figures():
    metrics = {m.label: m.value for m in open_page("overview").metric}
    assert metrics["Years active"].startswith("1987–")
    assert metrics["Cumulative contributions (as stated)"].endswith("CHF")
    assert int(metrics["Documented activities"]) > 50


def test_currency_switch_restates_the_cumulative_total_in_yen():
    metrics = {m.label: m.value for m in open_page("overview", currency="JPY").metric}
    assert metrics["Cumulative contributions (as stated)"].endswith("JPY")


def test_including_unclear_activities_raises_the_count():
    default = {m.label: m.value for m in open_page("overview").metric}
    wider = {m.label: m.value for m in open_page("overview", unclear="1").metric}
    assert int(wider["Documented activities"]) > int(default["Documented activities"])


def test_a_region_filter_narrows_the_activities():
    everything = open_page("activities")
    africa = open_page("activities", region="africa")
    count = lambda app: int(next(m.value for m in app.markdown if m.value.endswith("activities**")).strip("*").split()[0])
    assert 0 < count(africa) < count(everything)


def test_country_profile_names_the_country_and_its_ldc_status():
    app = open_page("country", country="BGD")
    assert app.header[0].value == "Bangladesh"
    assert "least developed country" in texts(app).lower()


def test_country_without_a_wipo_region_or_activities():
    app = open_page("country", country="ATA")  # Antarctica: no region, no activity
    assert app.header[0].value == "Antarctica"
    assert "No documented activity involves Antarctica" in texts(app)


def test_country_profile_without_a_country_asks_for_one():
    app = open_page("country")
    assert "Pick a country" in texts(app)


def test_country_with_an_apostrophe_in_its_name():
    app = open_page("country", country="CIV", unclear="1")
    assert app.header[0].value.startswith("C") and "Ivoire" in app.header[0].value


def test_years_with_no_data_show_an_empty_state_with_advice():
    app = open_page("map", **{"from": "1990", "to": "1995"})
    assert "Nothing matches these filters" in texts(app)
    assert "Widen the year range" in texts(app)


def test_funding_history_lists_gaps_and_conversion():
    shown = texts(open_page("funding"))
    assert "Years with no public figure: 1988" in shown
    assert "Hatched bars were converted" in shown


def test_invalid_url_values_are_ignored_with_a_notice():
    app = open_page("overview", region="atlantis", country="XXX", **{"from": "1900"})
    assert "No filters" in texts(app)  # nothing invalid was applied
    notice = [w.value for w in app.warning if "atlantis" in w.value]
    assert notice and "XXX" in notice[0] and "1900" in notice[0]  # on the page, not a toast that vanishes
    assert not app.toast


@pytest.mark.parametrize("lang", ["en", "ja", "fr", "es"])
def test_the_notice_of_ignored_values_stays_until_the_reader_changes_a_filter(lang):
    from fitjp.i18n import t

    app = open_page("overview", region="atlantis", lang=lang)
    wanted = t("filter.ignored", lang, items="region=atlantis")
    assert [w.value for w in app.warning if "atlantis" in w.value] == [wanted]
    app.run()  # any rerun that keeps the view (a chart click, a download) keeps the notice
    assert [w.value for w in app.warning if "atlantis" in w.value] == [wanted]
    app.multiselect(key="filter_regions").select("arab").run()
    assert not [w for w in app.warning if "atlantis" in w.value]


@pytest.mark.parametrize("page, param, value", [("funding", "currency", "XYZ"), ("map", "metric", "bogus")])
def test_the_run_that_opens_a_bad_link_leaves_its_cleaning_to_a_run_that_replaces_the_entry(page, param, value):
    """Streamlit pushes a history entry for each URL a run writes, except in a run of Back or
    Forward: the opening run writes none and asks the page for such a run (a popstate), so
    Back from the cleaned link goes to the page before it (tests/browser/test_history.py)."""
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    app.query_params[param] = value
    app.switch_page(str(Path(DASHBOARD).parent / "pages" / f"{page}.py")).run()
    replace_scripts = lambda: [h for h in app.get("html") if "popstate" in h.proto.body]
    assert app.query_params[param] in (value, [value]) and len(replace_scripts()) == 1
    assert f"Ignored from the link: {param}={value}" in [w.value for w in app.warning]
    app.run()  # a browser that did not run the script: the next run cleans the URL as before
    assert param not in app.query_params and not replace_scripts()


def test_a_filter_change_is_written_to_the_url():
    app = open_page("overview")
    app.multiselect(key="filter_regions").select("arab").run()
    assert app.query_params["region"] == "arab"
    assert "Arab region" in texts(app)


def test_reset_clears_the_filters_and_the_url():
    app = open_page("overview", region="africa")
    app.button(key="reset_under_title").click().run()
    assert "region" not in app.query_params
    assert "No filters" in texts(app)


def test_sources_page_explains_precedence_and_lists_contradictions():
    shown = texts(open_page("sources"))
    assert "How one figure is chosen" in shown
    assert "Fiscal years with no contribution figure" in shown


# ---- the map's own view in the URL: metric and zoom --------------------------------------------

def map_title(app: AppTest) -> str:
    import json

    return json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]


def test_a_link_to_the_participants_map_shows_participants_under_their_own_title():
    app = open_page("map", metric="participants", zoom="africa")
    assert map_title(app) == "Participants in national activities per country"
    assert {g.label: g.value for g in app.get("button_group")}["Show"] == "participants"


def test_choosing_participants_and_a_zoom_goes_into_the_url_and_survives_a_filter_change():
    app = open_page("map")
    assert map_title(app) == "Activities per country" and "metric" not in app.query_params
    groups = {g.label: g for g in app.get("button_group")}
    groups["Show"].set_value("participants").run()
    {g.label: g for g in app.get("button_group")}["Zoom to"].set_value("arab").run()
    url = lambda: {key: value if isinstance(value, str) else value[-1] for key, value in app.query_params.items()}
    assert url()["metric"] == "participants" and url()["zoom"] == "arab"  # one value each, however AppTest keeps it
    assert map_title(app) == "Participants in national activities per country"
    {g.label: g for g in app.get("button_group")}["Currency"].set_value("JPY").run()  # write_url runs again
    assert url()["metric"] == "participants" and url()["currency"] == "JPY"
    {g.label: g for g in app.get("button_group")}["Show"].set_value("activities").run()
    assert "metric" not in app.query_params and map_title(app) == "Activities per country"


def test_an_invalid_metric_or_zoom_in_a_link_is_ignored_with_a_notice():
    app = open_page("map", metric="everything", zoom="<b>mars</b>")
    assert map_title(app) == "Activities per country"
    assert {g.label: g.value for g in app.get("button_group")}["Zoom to"] == "world"
    notices = " ".join(str(warning.value) for warning in app.warning)  # on the page, not a toast
    assert "metric=everything" in notices and "zoom=" in notices and "mars" in notices


def test_a_country_with_more_activities_than_a_profile_lists_says_how_many_and_where(tmp_path, monkeypatch):
    """A synthetic record (bench/synthetic.py) in which one country has hundreds of activities:
    the profile lists the newest, says how many there are, and links to all of them."""
    synthetic.make_record(tmp_path, 3000, fast=True)
    links = pd.read_parquet(tmp_path / "activity_countries.parquet").drop_duplicates(["iso3", "activity_id"])
    iso3 = links.iso3.value_counts().index[0]  # the country linked most
    total = int(db.run(db.connect(tmp_path), "activity_totals",
                       **Filters(countries=(iso3,)).activity_params()).activity_count.item())
    assert total > 100, (iso3, total)
    with app_reads(tmp_path, monkeypatch):
        app = open_page("country", country=iso3)
        body = next(e.proto.body for e in app.get("html") if "activity-list" in e.proto.body)
        assert body.count("<li>") == 100
        assert f"The newest 100 of {total:,};" in texts(app)
        link = next(e.proto for e in app.get("page_link") if e.proto.page.endswith("activities"))
        assert f"country={iso3}" in link.query_string.split("&")  # the same filters, every activity
