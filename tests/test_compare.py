"""The Compare page and the open data download buttons, run from dashboard.py in-process
(Streamlit's AppTest), asserting on what a reader sees. Runs on the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from fitjp import db
from fitjp.filters import Filters

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def open_page(page: str, **params) -> AppTest:
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(str(Path(DASHBOARD).parent / "pages" / f"{page}.py")).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def profile_count(iso3: str, **filters) -> int:
    totals = db.run(db.connect(), "activity_totals", **Filters(countries=(iso3,), **filters).activity_params())
    return int(totals.activity_count.iloc[0])


def counts_shown(app: AppTest) -> list[int]:
    return [int(m.value.replace(",", "")) for m in app.metric if m.label == "Activities involving it"]


def test_three_countries_side_by_side_with_their_profiles_counts():
    app = open_page("compare", country="KEN,TZA,UGA")
    assert [s.value for s in app.subheader] == ["Kenya", "United Republic of Tanzania", "Uganda"]
    assert counts_shown(app) == [profile_count(c) for c in ("KEN", "TZA", "UGA")]
    assert "Least developed country" in [m.value.strip("*") for m in app.markdown]
    assert len(app.get("plotly_chart")) == 3


def test_the_other_filters_apply_to_every_country():
    app = open_page("compare", country="KEN,UGA", type="training_course")
    assert counts_shown(app) == [profile_count(c, types=("training_course",)) for c in ("KEN", "UGA")]


def test_more_than_five_countries_are_cut_to_five_with_a_notice():
    app = open_page("compare", country="KEN,TZA,UGA,GHA,CIV,BGD")
    assert len(app.subheader) == 5 and "Bangladesh" in app.warning[0].value


def test_no_country_asks_for_some_and_a_country_without_activity_shows_zero():
    assert "Countries filter" in open_page("compare").info[0].value
    app = open_page("compare", country="CIV,KEN")
    assert counts_shown(app)[0] == 0 and app.subheader[0].value == "Côte d'Ivoire"


def test_compare_in_japanese_presenter_mode():
    app = open_page("compare", country="KEN,TZA", lang="ja", present="1")
    assert [s.value for s in app.subheader] == ["ケニア", "タンザニア"]


def download_labels(app: AppTest) -> list[str]:
    return [button.proto.label for button in app.get("download_button")]


@pytest.mark.parametrize("page, params, label", [
    ("sources", {}, "Download the whole dataset"),
    ("activities", {"country": "KEN"}, "Download IATI XML"),
    ("story", {}, "Download the story as slides (PowerPoint)"),
])
def test_each_export_has_its_button_on_its_page(page, params, label):
    assert label in download_labels(open_page(page, **params))


@pytest.mark.parametrize("filters", [{}, {"types": ("training_course",)}, {"year_from": 2015, "year_to": 2018}])
def test_compare_totals_count_each_country_as_its_profile_does(filters):
    compared = ("KEN", "CIV", "TZA", "BGD")  # Côte d'Ivoire: a name with an apostrophe, no activity
    totals = db.run(db.connect(), "compare_totals", **Filters(countries=compared, **filters).activity_params(),
                    today="2026-12-01")
    assert totals.iso3.tolist() == list(compared)
    assert totals.activity_count.tolist() == [profile_count(c, **filters) for c in compared]
