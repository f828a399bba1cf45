"""The Overview's cumulative card, the region notes and the activity list as text: pure
functions on given rows, then the pages as a reader sees them (AppTest, shipped data)."""

from __future__ import annotations

import pandas as pd
import pytest

from fitjp.headlines import as_of_in_words, documented_sum
from fitjp.ui.tables import activity_list_html
from test_pages import open_page, texts


def year_rows(rows: list[tuple]) -> pd.DataFrame:
    """contributions_by_year's columns that matter here: (year, fund, amount, is_gap, lacks_rate)."""
    return pd.DataFrame(rows, columns=["fiscal_year", "fund", "amount", "is_gap", "lacks_rate"])


def test_the_sum_of_documented_years_is_exact_when_every_year_has_a_figure():
    summed = documented_sum(year_rows([(2019, "global", 6.0, False, False), (2020, "global", 4.0, False, False)]))
    assert (summed.amount, summed.first, summed.last, summed.missing) == (10.0, 2019, 2020, 0)
    assert not summed.is_lower_bound


def test_gaps_and_years_without_a_rate_make_the_sum_a_lower_bound():
    summed = documented_sum(year_rows([
        (1987, "asia_pacific", None, False, True),  # stated in JPY, no rate to CHF
        (1988, None, None, True, False),            # no public figure
        (2012, "africa_ldcs", 1.0, False, False),
        (2012, "asia_pacific", 2.0, False, False),  # two funds in one year count once
    ]))
    assert (summed.amount, summed.missing) == (3.0, 2)
    assert summed.is_lower_bound


def test_no_documented_figure_is_no_sum_not_zero():
    summed = documented_sum(year_rows([(1990, None, None, True, False), (1991, None, None, True, False)]))
    assert summed.amount is None and summed.missing == 2


@pytest.mark.parametrize("as_of, lang, words", [
    ("2022-06-28", "en", "June 2022"), ("2022-04", "fr", "avril 2022"), ("2022-06-28", "ja", "2022年6月"),
    ("2024", "en", "2024"), ("undated", "en", "undated"), (None, "en", "")])
def test_a_stated_totals_date_in_words(as_of, lang, words):
    assert as_of_in_words(as_of, lang) == words


def test_the_activity_list_escapes_every_value_and_links_only_web_addresses():
    shown = pd.DataFrame({"Year": [2020, None], "Title": ["<script>alert(1)</script> & co", "Plain"],
                          "Type": ["Training <b>course</b>", ""], "Source": ["javascript:alert(1)", "https://wipo.int/a?b=1&c=2"]})
    html = activity_list_html(shown, source_label="open")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "Training &lt;b&gt;course&lt;/b&gt;" in html
    assert "javascript:" not in html
    assert 'href="https://wipo.int/a?b=1&amp;c=2"' in html
    assert html.count("<li>") == 2 and "2020: " in html and "None" not in html


# ---- pages ---------------------------------------------------------------------------------

def cumulative_card(app) -> str:
    return "\n".join(c.value for c in app.caption)


def test_the_cumulative_card_names_its_date_and_publisher_and_the_documented_sum():
    shown = cumulative_card(open_page("overview"))
    assert "As stated by WIPO, June 2022" in shown and "no filter applies" in shown
    assert "add up to at least" in shown and "CHF" in shown


def test_the_documented_sum_follows_the_years():
    from fitjp import charts, db

    years = db.run(db.connect(), "contributions_by_year", currency="CHF", funds=[], year_from=2019, year_to=2024)
    expected = charts.compact_number(years.amount.sum(), "en")  # the bars the chart draws, added up
    shown = cumulative_card(open_page("overview", **{"from": "2019", "to": "2024"}))
    # every year from 2019 to 2024 has a figure with a rate: an exact sum, no "at least"
    assert f"The yearly figures shown for 2019–2024 add up to {expected} CHF." in shown


def test_in_usd_the_card_says_why_there_is_no_stated_total():
    app = open_page("overview", currency="USD")
    metric = next(m for m in app.metric if m.label == "Cumulative contributions (as stated)")
    assert metric.value == "–"
    assert "No USD figure: sources state the total in CHF or JPY" in cumulative_card(app)


def test_a_region_filter_says_what_it_selects_and_that_money_is_not_split():
    overview = texts(open_page("overview", region="africa"))
    assert "A region selects the activities held for that region or involving at least one of its countries" in overview
    assert "Contributions are not split by region or country" in overview
    funding = open_page("funding", region="africa")
    assert any("Contributions are not split by region or country" in i.value for i in funding.info)
    assert not open_page("funding").info  # no note without a region or country
