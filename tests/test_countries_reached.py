""""Countries reached" is one number wherever it is shown: the Overview's card counts the
countries the map colours, under every filter, and the staff app's headline counts the same
countries over the whole record. (The review found 85, 88 and 102 for one record.)"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from fitjp import db
from fitjp.record import releases
from fitjp.filters import Filters, from_query_params
from fitjp.record.schema import ACTIVITY_FUNDS, REGIONS
from fitjp.settings import ROOT

DASHBOARD = str(ROOT / "dashboard.py")

FILTERS = {"default": Filters(), "with unclear": Filters(include_unclear=True),
           **{f"region {region}": Filters(regions=(region,)) for region in REGIONS},
           **{f"fund {fund}": Filters(funds=(fund,)) for fund in ACTIVITY_FUNDS}}


IN_A_LINK = [name for name, f in FILTERS.items() if from_query_params(f.to_query_params())[0] == f]  # not fund=unclear


def test_the_links_cover_most_filters():
    assert len(IN_A_LINK) >= len(FILTERS) - 1


@pytest.mark.parametrize("name", IN_A_LINK)
def test_the_overview_counts_the_countries_the_map_colours(shipped, name):
    """What the card shows, read from the page, against the rows the map colours, counted
    from the activities themselves (not the rollups the page reads)."""
    params = FILTERS[name].activity_params()
    coloured = db.run(shipped, "activities_by_country", **params)
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in FILTERS[name].to_query_params().items():
        app.query_params[key] = value
    app.run()
    card = next(m.value for m in app.metric if m.label == "Countries reached")
    assert int(card.replace(",", "")) == len(coloured) > 0


def test_the_staff_headline_counts_the_countries_every_activity_reached(shipped):
    every_activity = Filters(include_unclear=True).activity_params() | {"include_undated": True}
    coloured = db.run(shipped, "activities_by_country", **every_activity)
    tables = {name: shipped.sql(f"select * from {name}").df()
              for name in ("activities", "activity_countries", "contributions", "sources")}
    assert releases.headline(tables)["countries reached"] == len(coloured) > 80

