""""Countries reached" is one number wherever it is shown: the Overview's card counts the
countries the map colours, under every filter, and the staff app's headline counts the same
countries over the whole record. (The review found 85, 88 and 102 for one record.)"""

from __future__ import annotations

import pytest

from fitjp import db, releases
from fitjp.filters import Filters
from fitjp.schema import ACTIVITY_FUNDS, REGIONS

FILTERS = {"default": Filters(), "with unclear": Filters(include_unclear=True),
           **{f"region {region}": Filters(regions=(region,)) for region in REGIONS},
           **{f"fund {fund}": Filters(funds=(fund,)) for fund in ACTIVITY_FUNDS}}


@pytest.mark.parametrize("name", FILTERS)
def test_the_overview_counts_the_countries_the_map_colours(shipped, name):
    params = FILTERS[name].activity_params()
    reached = db.run_best(shipped, "countries_reached", **params).country_count.item()
    coloured = db.run_best(shipped, "activities_by_country", **params)
    assert reached == len(coloured)
    assert db.run(shipped, "countries_reached", **params).country_count.item() == len(coloured)  # without rollups too


def test_the_staff_headline_counts_the_countries_every_activity_reached(shipped):
    every_activity = Filters(include_unclear=True).activity_params() | {"include_undated": True}
    coloured = db.run(shipped, "activities_by_country", **every_activity)
    tables = {name: shipped.sql(f"select * from {name}").df()
              for name in ("activities", "activity_countries", "contributions", "sources")}
    assert releases.headline(tables)["countries reached"] == len(coloured) > 80

