"""Chart builders, exports and interface text: plain functions, no Streamlit."""

from __future__ import annotations

import ast
import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from fitjp import charts, exports, i18n

ROOT = Path(__file__).resolve().parent.parent


def funding_rows() -> pd.DataFrame:
    return pd.DataFrame({
        "fiscal_year": [1999, 2000, 2001, 2001],
        "fund": ["asia_pacific", None, "africa_ldcs", "global"],
        "amount": [2_300_000.0, None, 1_100_000.0, None],
        "amount_stated": [2_300_000.0, None, 110_000_000.0, 5.0],
        "currency_stated": ["CHF", None, "JPY", "USD"],
        "status": ["stated", None, "executed", "stated"],
        "is_converted": [False, None, True, True],
        "source_title": ["A", None, "B", "C"],
        "is_gap": [False, True, False, False],
        "lacks_rate": [False, False, True, True],
        "is_provisional": [False, False, False, True],
        "cumulative_documented": [2_300_000.0, 2_300_000.0, 3_400_000.0, 3_400_000.0],
    })


def statements() -> pd.DataFrame:
    return pd.DataFrame({"fiscal_year": [2001, None], "amount": [85_000_000.0, 90_000_000.0],
                         "unit": ["CHF", "CHF (more than)"], "source_title": ["WIPO", "WIPO"]})


def test_funding_history_hatches_converted_bars_and_marks_gaps():
    fig = charts.funding_history(funding_rows(), statements(), "CHF", charts.Style())
    traces = {trace.name: trace for trace in fig.data}
    africa = traces["Africa and LDCs (2008-2019)"]
    assert list(africa.marker.pattern.shape) == ["/"]  # converted from JPY
    assert list(traces["Asia-Pacific (1987-2019)"].marker.pattern.shape) == [""]
    assert list(traces["No public figure for this year"].x) == [2000]
    assert list(traces["No exchange rate for this year"].x) == [2001]
    assert list(traces["Cumulative total stated by a source"].x) == [2001]  # undated statement left out
    assert "Global (from 2019)" not in traces  # a figure with no rate draws no bar
    assert any(shape.x0 == 1999.5 and shape.x1 == 2000.5 for shape in fig.layout.shapes)  # gap band


def test_funding_history_compact_legend_explains_the_funds_and_the_gap_marks():
    # issue 14, item 9: the Overview's small chart left its fund colours unnamed
    fig = charts.funding_history(funding_rows(), statements(), "CHF", charts.Style(), compact=True)
    in_legend = {trace.name for trace in fig.data if trace.showlegend is not False}
    assert in_legend == {"No public figure for this year", "No exchange rate for this year",
                         "Asia-Pacific (1987-2019)", "Africa and LDCs (2008-2019)"}


def test_presenter_style_enlarges_type():
    frame = pd.DataFrame({"year": [2020, 2021], "activity_count": [3, 5]})
    normal = charts.bars(frame, "year", "activity_count", charts.Style(), "Year", "Activities")
    big = charts.bars(frame, "year", "activity_count", charts.Style.presenter(), "Year", "Activities")
    assert big.layout.font.size > normal.layout.font.size
    assert list(normal.data[0].text) == [3, 5]  # values written on the bars


def test_world_map_uses_iso3_and_greys_other_land():
    frame = pd.DataFrame({"iso3": ["KEN", "TON"], "name": ["Kenya", "Tonga"], "activity_count": [4, 1]})
    fig = charts.world_map(frame, "activity_count", "Activities", charts.Style())
    assert fig.data[0].locationmode == "ISO-3" and list(fig.data[0].locations) == ["KEN", "TON"]
    assert fig.layout.geo.resolution == 50  # small island states such as Tonga are drawn
    assert fig.layout.geo.landcolor == charts.NO_DATA_LAND


@pytest.mark.parametrize("value, lang, text", [
    (5_300_000, "en", "5.3M"), (684_000_000, "en", "684M"), (1_100_000_000, "en", "1.1B"), (950, "en", "950"),
    (float("nan"), "en", ""), (5_300_000, "ja", "530万"), (1_100_000_000, "ja", "11億"),
    (5_300_000, "fr", "5,3\xa0M")])
def test_compact_number_follows_the_language(value, lang, text):
    assert charts.compact_number(value, lang) == text


def activity_rows() -> pd.DataFrame:
    row = {column: "" for column in exports.EXPORT_COLUMNS}
    row.update(title="Atelier à Abidjan 知財", hosts="Côte d'Ivoire", source_title="WIPO",
               source_publisher="WIPO", source_url="https://www.wipo.int/x")
    return pd.DataFrame([row])


def test_csv_has_a_byte_order_mark_and_keeps_accents_and_japanese():
    data = exports.activities_csv(activity_rows())
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Côte d'Ivoire" in data.decode("utf-8-sig") and "知財" in data.decode("utf-8-sig")


def test_excel_states_filters_data_date_and_sources():
    data = exports.activities_excel(activity_rows(), {"Data as of": "2026-11-25"}, {"region": "Africa"},
                                    {"activities": "Activities", "filters": "Filters", "about": "About",
                                     "sources": "Sources"})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Activities", "Filters", "About", "Sources"]
    assert [c.value for c in book["Filters"][2]] == ["Region", "Africa"]  # the filter's name for a reader
    assert [c.value for c in book["About"][1]] == ["Data as of", datetime(2026, 11, 25)]  # no header row
    assert book["Sources"]["C2"].value == "https://www.wipo.int/x"
    assert book["Activities"]["E2"].value == "Atelier à Abidjan 知財"


def used_text_keys() -> set[str]:
    """Every literal key passed to t(...) in the app's code."""
    keys = set()
    files = [ROOT / "dashboard.py", *ROOT.glob("pages/*.py"), *ROOT.glob("fitjp/*.py")]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "t" and node.args \
                    and isinstance(node.args[0], ast.Constant):
                keys.add(node.args[0].value)
    return keys


def test_every_text_key_used_exists_in_every_language():
    keys = used_text_keys()
    assert len(keys) > 50
    for language in i18n.LANGUAGES:
        missing = keys - i18n.texts(language).keys()
        assert not missing, f"{language} lacks {sorted(missing)}"


def test_every_language_has_every_key():
    """Every key of the public app in every language; the staff app's in its own two."""
    for language in i18n.LANGUAGES:
        english = {key for key in i18n.texts("en")
                   if language in i18n.STAFF_LANGUAGES or not key.startswith(i18n.STAFF_KEYS)}
        assert i18n.texts(language).keys() == english, language
