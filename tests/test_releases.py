"""Releases: what a check, a preview, a publish and a roll back return and leave on disk; the
CLI's exit codes; the encodings read with confidence; the template and the workbook of
problems; the staff app's sign-in; the public app showing the live release. Every test works
on a copy of the shipped data folder (the `live` fixture)."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from fitjp.record import build, cli
from fitjp import db, settings
from fitjp.i18n import LANGUAGES, label, t
from fitjp.record import advice, intake, releases
from fitjp.record.schema import TABLES

from tiny_record import REPO
from test_bad_files import (ACTIVITY, JAPANESE_TITLE, activities, fingerprint, live, table_csv,  # noqa: F401
                            workbook)

TODAY = datetime.date.today().isoformat()


def checked(path: Path, mode: str = "update", table: str | None = None) -> releases.Check:
    return releases.check(intake.read_upload(path.read_bytes(), path.name, table), mode)


def published(path: Path, note: str = "", mode: str = "update") -> dict:
    result = checked(path, mode)
    assert result.ok, [advice.describe(p) for p in result.problems]
    return releases.publish(result, "Aiko Tanaka", note)


# ---- check and preview ---------------------------------------------------------------------

def test_a_new_row_previews_as_added_with_the_headline_figures_before_and_after(live, tmp_path):
    before = len(pd.read_csv(live / "raw" / "activities.csv"))
    result = checked(activities(tmp_path, {}))
    assert result.ok
    change = next(c for c in result.changes if c.table == "activities")
    assert (list(change.added.activity_id), change.changed, len(change.removed)) == (["fund_0001"], [], 0)
    assert releases.headline(result.before)["activities"] == before
    assert releases.headline(result.after)["activities"] == before + 1
    assert f"activities: {before} -> {before + 1}" in releases.preview_lines(result)


def test_a_published_id_is_updated_in_place_and_previewed_cell_by_cell(live, tmp_path):
    shipped = pd.read_csv(live / "raw" / "activities.csv", dtype=str, keep_default_na=False)
    first = shipped.iloc[0].to_dict()
    path = activities(tmp_path, first | {"participants": "40", "activity_id": first["activity_id"]})
    result = checked(path)
    change = next(c for c in result.changes if c.table == "activities")
    assert [(c.key, c.column, c.before, c.after) for c in change.changed] == [
        (first["activity_id"], "participants", first["participants"], "40")]
    assert len(change.added) == 0
    assert list(result.after["activities"].activity_id) == list(shipped.activity_id)  # same order


def test_replace_mode_previews_the_rows_it_removes(live, tmp_path):
    shipped = pd.read_csv(live / "raw" / "contributions.csv")
    path = table_csv(tmp_path, "contributions", {
        "contribution_id": "fund_c1", "fiscal_year": "2024", "year_basis": "japanese_fy", "fund": "global",
        "amount": "1000000", "currency": "CHF", "status": "executed", "source_id": "wipo_cf4485",
        "quote": "fund records"})
    result = checked(path, "replace")
    change = next(c for c in result.changes if c.table == "contributions")
    assert len(change.removed) == len(shipped) and list(change.added.contribution_id) == ["fund_c1"]


KANJI_ONLY = "知的財産権研修"  # no kana: what detection by kana alone refused
HALF_WIDTH_KANA = "ﾄｯｷｮ ｾﾐﾅｰ"


ENCODINGS = [("cp932", "Shift-JIS (cp932)"), ("utf-16", "UTF-16 (with BOM)"),
             ("utf-16-le", "UTF-16 little-endian (no BOM)"), ("utf-16-be", "UTF-16 big-endian (no BOM)"),
             ("utf-8-sig", "UTF-8 (with BOM)")]  # each file with CRLF line ends, as Excel writes them


@pytest.mark.parametrize("encoding, named", ENCODINGS)
@pytest.mark.parametrize("title", [JAPANESE_TITLE, KANJI_ONLY, HALF_WIDTH_KANA])
def test_an_encoding_recognised_with_confidence_is_read_and_named(live, tmp_path, encoding, named, title):
    upload = intake.read_upload(activities(tmp_path, {"title": title}, encoding=encoding).read_bytes(),
                                "activities.csv")
    assert upload.notes == [f"activities.csv: read as {named}"]
    result = releases.check(upload)
    assert result.ok
    assert next(c for c in result.changes if c.table == "activities").added.title.tolist() == [title]


@pytest.mark.parametrize("encoding, named", ENCODINGS)
@pytest.mark.parametrize("title", [KANJI_ONLY, HALF_WIDTH_KANA])
def test_a_file_in_any_of_those_encodings_is_published_by_the_cli_with_its_text_intact(
        live, tmp_path, capsys, encoding, named, title):
    path = activities(tmp_path, {"title": title}, encoding=encoding)
    assert cli.main(["publish", str(path), "--note", encoding]) == 0
    assert f"activities.csv: read as {named}" in capsys.readouterr().out
    published = pd.read_csv(settings.raw_dir() / "activities.csv", dtype=str, encoding="utf-8")
    assert published.set_index("activity_id").title["fund_0001"] == title


def test_nothing_to_publish_when_the_file_changes_nothing(live, tmp_path):
    shipped = pd.read_csv(live / "raw" / "activities.csv", dtype=str, keep_default_na=False)
    result = checked(activities(tmp_path, shipped.iloc[0].to_dict()))
    assert result.ok and not result.changes_anything
    with pytest.raises(releases.ReleaseError, match="changes nothing"):
        releases.publish(result)


# ---- publish and roll back -----------------------------------------------------------------

def test_publish_writes_a_release_with_its_manifest_and_makes_it_live(live, tmp_path):
    path = activities(tmp_path, {})
    version_before = settings.data_version()
    manifest = published(path, "Abidjan workshop")
    folder = live / "releases" / manifest["id"]
    assert (live / "releases" / "LIVE").read_text() == manifest["id"] + "\n"
    assert settings.data_dir() == folder and settings.raw_dir() == folder / "raw"
    assert settings.data_version() != version_before
    on_disk = json.loads((folder / "manifest.json").read_text())
    assert on_disk == manifest
    assert (manifest["version"], manifest["by"], manifest["note"], manifest["data_as_of"]) == (
        2, "Aiko Tanaka", "Abidjan workshop", TODAY)
    assert manifest["upload"] == {"name": "activities.csv", "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                                  "bytes": path.stat().st_size, "mode": "update"}
    assert manifest["changes"] == {"activities": {"added": 1, "changed": 0, "removed": 0}}
    assert sorted(p.name for p in folder.glob("*.parquet")) == sorted(f"{n}.parquet" for n in TABLES)
    # the app's connection follows the live release
    assert db.connect().execute("select count(*) from activities where activity_id = 'fund_0001'").fetchone() == (1,)


def test_the_first_publish_keeps_the_shipped_data_as_release_one(live, tmp_path):
    shipped = {name: (live / f"{name}.parquet").read_bytes() for name in TABLES}
    published(activities(tmp_path, {}))
    first = releases.history()[-1]
    assert (first["version"], first["kind"], first["live"]) == (1, "shipped", False)
    folder = live / "releases" / first["id"]
    assert {name: (folder / f"{name}.parquet").read_bytes() for name in TABLES} == shipped
    as_of = pd.read_csv(live / "raw" / "release.csv").set_index("key").value["data_as_of"]
    assert first["created"] == f"{as_of}T00:00:00+00:00"  # dated by its data, not by the first publish


def test_a_roll_back_is_an_event_of_the_history_of_its_own(live, tmp_path):
    second = published(activities(tmp_path, {}, name="a.csv"), "one")
    shipped = releases.history()[-1]
    releases.rollback(shipped["id"], "Kenji Sato")
    newest, *rest = releases.history()
    assert {k: newest[k] for k in ("kind", "id", "version", "by", "previous", "previous_version", "live")} == {
        "kind": "rollback", "id": shipped["id"], "version": 1, "by": "Kenji Sato", "previous": second["id"],
        "previous_version": 2, "live": False}
    assert [(e["kind"], e["version"], e["live"]) for e in rest] == [("publish", 2, False), ("shipped", 1, True)]
    releases.rollback(second["id"], "Aiko Tanaka")
    assert [(e["kind"], e["version"], e["by"]) for e in releases.history()[:2]] == [
        ("rollback", 2, "Aiko Tanaka"), ("rollback", 1, "Kenji Sato")]


def test_a_roll_back_line_cut_short_by_a_crash_hides_only_itself(live, tmp_path):
    published(activities(tmp_path, {}, name="a.csv"))
    releases.rollback(releases.history()[-1]["id"], "Kenji Sato")
    with open(live / "releases" / releases.ROLLBACKS, "a", encoding="utf-8") as log:
        log.write('{"kind": "rollback", "id": "20')
    assert [e["kind"] for e in releases.history()] == ["rollback", "publish", "shipped"]


def test_roll_back_to_any_release_in_one_step_and_releases_are_never_overwritten(live, tmp_path):
    second = published(activities(tmp_path, {}, name="a.csv"), "one")
    third = published(activities(tmp_path, {"title": "Changed title"}, name="b.csv"), "two")
    kept = fingerprint(live / "releases" / second["id"])
    assert [m["version"] for m in releases.history()] == [3, 2, 1]
    releases.rollback(second["id"])
    assert settings.live_release() == second["id"]
    releases.rollback(third["id"])
    shipped = releases.history()[-1]["id"]
    releases.rollback(shipped)
    assert settings.data_dir() == live / "releases" / shipped
    assert fingerprint(live / "releases" / second["id"]) == kept
    with pytest.raises(releases.ReleaseError, match="no release 'nope'"):
        releases.rollback("nope")
    with pytest.raises(releases.ReleaseError, match="already live"):
        releases.rollback(shipped)


def test_a_check_made_before_another_publish_cannot_be_published(live, tmp_path):
    stale = checked(activities(tmp_path, {"title": "Stale"}, name="a.csv"))
    published(activities(tmp_path, {}, name="b.csv"))
    with pytest.raises(releases.ReleaseError, match="check it again"):
        releases.publish(stale)


def test_a_pointer_to_a_missing_release_falls_back_to_the_shipped_data(live):
    (live / "releases").mkdir()
    (live / "releases" / "LIVE").write_text("gone\n")
    assert settings.live_release() is None and settings.data_dir() == live


# ---- the CLI -------------------------------------------------------------------------------

def test_cli_exit_codes_and_output(live, tmp_path, capsys):
    good, bad = activities(tmp_path, {}, name="good.csv"), activities(tmp_path, {"fund": "x"}, name="bad.csv")
    assert cli.main(["check", str(good), "--table", "activities"]) == 0
    assert cli.main(["check", str(bad), "--table", "activities"]) == 1
    assert "bad.csv, row 2, column 'fund': unknown value" in capsys.readouterr().err
    assert cli.main(["check", str(tmp_path / "absent.csv")]) == 2
    with pytest.raises(SystemExit) as usage:
        cli.main(["publish"])
    assert usage.value.code == 2
    capsys.readouterr()
    assert cli.main(["preview", str(good), "--table", "activities"]) == 0
    assert "activities: 1 added, 0 changed, 0 removed\n  + fund_0001\n" in capsys.readouterr().out
    assert cli.main(["publish", str(good), "--table", "activities", "--note", "n", "--by", "me"]) == 0
    live_id = settings.live_release()
    assert f"published and live: {live_id} (release 2)" in capsys.readouterr().out
    assert cli.main(["releases"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"* {live_id}  release 2") and "activities +1 ~0 -0  n" in lines[0]
    shipped = lines[1].split()[0]
    assert cli.main(["rollback", shipped, "--by", "me"]) == 0 and settings.live_release() == shipped
    capsys.readouterr()
    assert cli.main(["releases"]) == 0
    assert f"rolled back to release 1 ({shipped}) from release 2, by me" in capsys.readouterr().out.splitlines()[0]
    assert cli.main(["rollback", "nope"]) == 1


def test_cli_check_writes_the_file_with_its_problems_marked(live, tmp_path):
    path = workbook(tmp_path, {"activities": [ACTIVITY | {"fund": "asia"}]})
    marked = tmp_path / "marked.xlsx"
    assert cli.main(["check", str(path), "--problems-xlsx", str(marked)]) == 1
    book = openpyxl.load_workbook(marked)
    assert [c.value for c in book["Problems"][2]][:4] == ["activities", 2, "fund", "asia"]
    assert "drop-down" in book["Problems"]["F2"].value
    assert book["activities"]["H2"].fill.fgColor.rgb.endswith("FFC7CE")
    assert book["activities"]["G2"].fill.fgColor.rgb == "00000000"  # only the bad cell
    assert "instructions" in book.sheetnames  # the uploaded workbook itself, marked


def test_a_bad_csv_comes_back_as_a_workbook_of_its_rows_with_the_bad_cell_marked(live, tmp_path):
    path = activities(tmp_path, {}, {"mode": "remote"})
    upload = intake.read_upload(path.read_bytes(), path.name)
    result = releases.check(upload)
    book = openpyxl.load_workbook(io.BytesIO(intake.problems_workbook(upload, result.problems, path.read_bytes())))
    assert book.sheetnames == ["Problems", "activities"]
    assert book["activities"]["I3"].value == "remote"
    assert book["activities"]["I3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert book["activities"]["I2"].fill.fgColor.rgb == "00000000"


# ---- the template --------------------------------------------------------------------------

def test_the_template_has_instructions_and_a_drop_down_list_on_every_enumerated_column():
    book = openpyxl.load_workbook(REPO / "data" / "templates" / "fund_records.xlsx")
    assert book.sheetnames[0] == "instructions"
    for name in intake.IMPORTABLE:
        sheet = book[name]
        listed = {str(rule.sqref).split(":")[0].rstrip("0123456789"): rule.formula1
                  for rule in sheet.data_validations.dataValidation}
        for index, column in enumerate(TABLES[name].columns):
            if column.choices:
                letter = openpyxl.utils.get_column_letter(index + 1)
                reference = listed[letter].replace("$", "").split("!")[1]
                values = [c.value for row in book["lists"][reference] for c in row]
                assert tuple(values) == column.choices, (name, column.name)


def test_the_committed_template_is_what_the_code_writes(tmp_path):
    build.write_template(tmp_path / "t.xlsx")
    fresh, committed = (openpyxl.load_workbook(p) for p in (tmp_path / "t.xlsx", REPO / "data" / "templates" /
                                                               "fund_records.xlsx"))
    assert fresh.sheetnames == committed.sheetnames
    for name in fresh.sheetnames:
        assert [[c.value for c in r] for r in fresh[name].iter_rows()] == [
            [c.value for c in r] for r in committed[name].iter_rows()]


# ---- the staff app's sign-in (in-process) --------------------------------------------------

ADMIN = str(REPO / "admin.py")


def test_with_no_password_set_the_staff_app_says_how_to_set_one_and_does_nothing_else(live):
    app = AppTest.from_file(ADMIN, default_timeout=30).run()
    assert not app.exception
    assert "No staff password is set" in app.warning[0].value
    assert "staff_password" in app.code[0].value
    assert not app.text_input and not app.get("download_button")


def test_the_staff_app_asks_for_the_password_and_refuses_a_wrong_one(live):
    app = AppTest.from_file(ADMIN, default_timeout=30)
    app.secrets["staff_password"] = "the right passphrase"
    app.run()
    app.text_input[0].input("wrong one")
    app.button[0].click().run()
    assert app.error[0].value == "That is not the staff password."
    app.text_input[0].input("the right passphrase")
    app.button[0].click().run()
    assert [h.value for h in app.header][:2] == ["1. Take the template", "2. Upload the filled-in file"]
    assert app.caption[0].value == "Live: the data as shipped (no release published yet)."


# Throttled sign-in, per client: tests/test_staff_sign_in.py.


# ---- the public app shows the release ------------------------------------------------------

def open_public(page: str, lang: str = "en") -> AppTest:
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    app.query_params["lang"] = lang
    app.run()
    app.switch_page(str(REPO / "pages" / f"{page}.py")).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_the_sources_page_says_no_release_was_published_yet(live):
    captions = [c.value for c in open_public("sources").caption]
    assert "No release has been published since the data was shipped" in "\n".join(captions)


def test_captions_and_the_sources_page_show_the_live_release(live, tmp_path):
    published(activities(tmp_path, {}), "Abidjan workshop")
    funding = "\n".join(c.value for c in open_public("funding").caption)
    assert f"Data as of {TODAY}, release 2 of {TODAY}" in funding
    listing = "\n".join(m.value for m in open_public("sources").markdown)
    assert (f"Release 2, {TODAY}: Abidjan workshop · activities: 1 added, 0 changed, 0 removed · **live now**"
            in listing)
    as_of = pd.read_csv(live / "raw" / "release.csv").set_index("key").value["data_as_of"]
    assert f"Release 1, {as_of}: the data as shipped" in listing


@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_changed_names_tables_as_readers_do_and_says_a_roll_back_happened(live, tmp_path, lang):
    published(table_csv(tmp_path, "activity_countries", {"activity_id": "a001", "iso3": "CIV", "role": "host"}))
    releases.rollback(releases.history()[-1]["id"])
    first, second, *_ = [m.value for m in open_public("sources", lang).markdown
                         if m.value.startswith("- ")][0].splitlines()
    assert first == "- " + t("sources.release_rollback", lang, version=1, released=TODAY, previous=2)
    assert t("sources.release_counts", lang, table=label("table", "activity_countries", lang),
             added=1, changed=0, removed=0) in second
    assert "activity_countries" not in second and t("sources.release_live", lang) not in second
