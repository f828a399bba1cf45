"""Every activity's entry in a list (Activities on a phone, Overview, the country profile)
against its row in the CSV a reader downloads from the same page: generated from every
activity of the shipped data, in each of the four languages."""

from __future__ import annotations

import io
import re
from html import unescape

import pandas as pd
import pytest

from fitjp import db, exports
from fitjp.filters import Filters
from fitjp.i18n import LANGUAGES, t
from fitjp.ui.tables import ENTRY_FIELDS, activity_entries, activity_list_html


@pytest.fixture(scope="module")
def rows(shipped) -> pd.DataFrame:
    """Every shipped activity, as the lists and the downloads get them (activity_list)."""
    params = Filters(include_unclear=True).activity_params()
    return db.run_best(shipped, "activity_list", **params, search="", limit=1_000_000)


def entries(rows: pd.DataFrame, lang: str) -> list[str]:
    """The text of each <li> of the list, as a reader reads it."""
    html = activity_list_html(activity_entries(rows, lang), t("label.open_source", lang), lang)
    return [unescape(re.sub(r"<[^>]+>", " ", item)) for item in re.findall(r"<li>(.*?)</li>", html)]


def csv_rows(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(exports.activities_csv(rows, lang)), encoding="utf-8-sig", dtype=str,
                       keep_default_na=False)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_shows_every_field_its_csv_row_has(rows, lang):
    """Each field a list entry shows (ENTRY_FIELDS) is there whenever the CSV row has it:
    year, title, type, host countries, beneficiaries, fund; the source as a link."""
    shown, downloaded = entries(rows, lang), csv_rows(rows, lang)
    assert len(shown) == len(downloaded) == len(rows) > 100
    spaced = lambda text: re.sub(r"\s*;\s*", "; ", text)
    missing = []
    for entry, (_, row) in zip(shown, downloaded.iterrows()):
        for field, key in ENTRY_FIELDS.items():
            value = row[t(exports.HEADERS.get(field, key), lang)]
            if field in ("source_url", "beneficiaries_as_stated") or not value:
                continue  # the link is an <a>; the words as stated show where they say more (below)
            if spaced(value) not in entry:
                missing.append((row[t("export.activity_id", lang)], field, value))
    assert missing == []


def test_entries_name_hosts_and_beneficiaries_wherever_the_csv_does(rows):
    """The review saw no host on any entry and 11 activities with no beneficiaries, while the
    files had them (hosts on 101 of 120 rows then)."""
    shown, downloaded = entries(rows, "en"), csv_rows(rows, "en")
    with_host = downloaded[t("label.hosts")] != ""
    assert with_host.sum() >= 101
    assert sum(f"{t('label.hosts')}: " in entry for entry in shown) == with_host.sum()
    with_beneficiaries = (downloaded[t("label.beneficiaries")] != "") | (downloaded[t("label.beneficiaries_as_stated")] != "")
    assert sum(f"{t('label.beneficiaries')}" in entry for entry in shown) == with_beneficiaries.sum()


def test_words_as_stated_show_where_they_say_more_than_the_countries_and_read_with_spaces(rows):
    shown = activity_entries(rows, "en")
    stated = shown[t("label.beneficiaries_as_stated")].dropna()
    assert len(stated) > 10  # "ARIPO member states" and the like
    assert not stated.str.contains(r";\S").any()  # "Brazil;Chile" breaks mid-word on a phone
    html = activity_list_html(shown, "open")
    assert not re.search(r";[^\s&]", re.sub(r"&[a-z#0-9]+;", "", html))


def test_french_entries_put_a_no_break_space_before_each_colon(rows):
    entry = entries(rows.head(1), "fr")[0]
    assert "Type\u00a0: " in entry and re.search(r"\S: ", entry.replace("https:", "")) is None
