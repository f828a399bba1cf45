"""A member of staff, in a real browser, on the staff app (admin.py): signs in, takes the
template, fills it, uploads it, reads the problem, fixes it, uploads again, previews,
publishes and rolls back. The app runs on a temporary copy of the data folder
(FITJP_DATA_DIR), so the shipped data/ is never touched."""

from __future__ import annotations

from contextlib import contextmanager

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import expect

from tiny_record import copy_of_the_shipped_data

from harness import assert_no_error, metric, new_page, open_page, rerun, screenshot, streamlit_server

PASSWORD = "a long passphrase for the journey test"
SOURCE = "wipo_cf4485"  # a source of the shipped record
ACTIVITY = {"activity_id": "fund_0001", "title": "Atelier sur les marques, Abidjan", "start_date": "2024-05-01",
            "end_date": "2024-05-03", "year": 2024, "activity_type": "workshop", "programme_area": "branding",
            "fund": "africa_ldcs", "mode": "in_person", "participants": 30, "scope": "national",
            "region": "africa", "source_id": SOURCE, "quote": "an IP workshop in Abidjan"}


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory):
    return copy_of_the_shipped_data(tmp_path_factory.mktemp("data"))


@contextmanager
def staff_app(tmp_path_factory, data_folder):
    """The staff app (admin.py) serving `data_folder`, its password in a secrets file of its own."""
    secrets = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    secrets.write_text(f'staff_password = "{PASSWORD}"\n', encoding="utf-8")
    with streamlit_server({"FITJP_DATA_DIR": str(data_folder)}, script="admin.py",
                          args=("--secrets.files", str(secrets))) as base:
        yield base


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory, data_copy):
    with staff_app(tmp_path_factory, data_copy) as base:
        yield base


@pytest.fixture
def staff(browser, staff_server):
    page = new_page(browser, staff_server)
    yield page
    page.context.close()


def sign_in(page, password: str) -> None:
    open_page(page, "/")
    page.get_by_label("Password", exact=True).fill(password)
    rerun(page, lambda: page.get_by_role("button", name="Sign in").click())


def download(page, button: str, target):
    with page.expect_download() as info:
        rerun(page, lambda: page.get_by_role("button", name=button).click())
    info.value.save_as(target)
    return target


def upload(page, path) -> None:
    rerun(page, lambda: page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path)))


def fill(template, target, iso3: str, **changes):
    book = openpyxl.load_workbook(template)
    header = [cell.value for cell in book["activities"][1]]
    book["activities"].append([(ACTIVITY | changes).get(column, "") for column in header])
    book["activity_countries"].append(["fund_0001", iso3, "beneficiary"])
    book.save(target)
    return target


def test_a_wrong_password_is_refused(staff):
    sign_in(staff, "not the password")
    expect(staff.get_by_text("That is not the staff password.")).to_be_visible()
    assert staff.get_by_role("button", name="Download the template (Excel)").count() == 0


def test_staff_publish_their_records_and_roll_back(staff, data_copy, tmp_path):
    activities_before = len(pd.read_csv(data_copy / "raw" / "activities.csv"))
    sign_in(staff, PASSWORD)
    expect(staff.get_by_text("Live: the data as shipped (no release published yet).")).to_be_visible()
    assert staff.get_by_test_id("stSidebarNav").count() == 0, "the staff app lists the public pages"

    template = download(staff, "Download the template (Excel)", tmp_path / "fund_records.xlsx")
    book = openpyxl.load_workbook(template)
    assert book.sheetnames[0] == "instructions"
    fund_lists = [rule for rule in book["activities"].data_validations.dataValidation if rule.type == "list"]
    assert len(fund_lists) >= 6  # activity_type, programme_area, fund, mode, scope, region

    upload(staff, fill(template, tmp_path / "records.xlsx", iso3="ZZZ"))
    expect(staff.get_by_text("1 problem found. Fix it in your file", exact=False)).to_be_visible()
    problems = staff.get_by_test_id("stTable").first.inner_text()
    for shown in ("records.xlsx [sheet activity_countries]", "iso3", "ZZZ", "such as KEN for Kenya"):
        assert shown in problems
    assert staff.get_by_role("button", name="Publish").count() == 0
    marked = openpyxl.load_workbook(download(staff, "Download your file with the problems marked",
                                             tmp_path / "marked.xlsx"))
    assert [cell.value for cell in marked["Problems"][2]][:4] == ["activity_countries", 2, "iso3", "ZZZ"]
    assert marked["activity_countries"]["B2"].fill.fgColor.rgb.endswith("FFC7CE")
    screenshot(staff, "staff_1_problems")

    upload(staff, fill(template, tmp_path / "records-fixed.xlsx", iso3="CIV"))
    expect(staff.get_by_text("No problems found in records-fixed.xlsx.")).to_be_visible()
    assert metric(staff, "Activities") == f"{activities_before} → {activities_before + 1}"
    expect(staff.get_by_role("heading", name="activities: 1 added, 0 changed, 0 removed", exact=True)).to_be_visible()
    expect(staff.get_by_role("heading", name="countries of the activities: 1 added, 0 changed, 0 removed")).to_be_visible()
    expect(staff.get_by_text("Atelier sur les marques, Abidjan")).to_be_visible()
    screenshot(staff, "staff_2_preview")

    staff.get_by_label("Your name").fill("Aiko Tanaka")
    staff.get_by_label("What this release changes (shown on the public Sources page)").fill("Abidjan workshop")
    rerun(staff, lambda: staff.get_by_role("button", name="Publish").click())
    expect(staff.get_by_text("Published release 2", exact=False)).to_be_visible()
    expect(staff.get_by_text("Live: release 2", exact=False)).to_be_visible()
    history = staff.get_by_test_id("stTable").last
    for shown in ("Aiko Tanaka", "Abidjan workshop", "as shipped"):
        expect(history).to_contain_text(shown)
    live_id = (data_copy / "releases" / "LIVE").read_text().strip()
    assert len(pd.read_csv(data_copy / "releases" / live_id / "raw" / "activities.csv")) == activities_before + 1
    screenshot(staff, "staff_3_published")

    rerun(staff, lambda: staff.get_by_role("button", name="Roll back to this release").click())
    expect(staff.get_by_text("Rolled back: release 1", exact=False)).to_be_visible()
    expect(staff.get_by_text("Live: release 1", exact=False)).to_be_visible()
    assert (data_copy / "releases" / "LIVE").read_text().strip().endswith("-shipped")
    assert_no_error(staff)  # the fixed file, checked against release 1 again, has no problem
    screenshot(staff, "staff_4_rolled_back")


@pytest.fixture
def japanese_staff(browser, tmp_path_factory):
    """A server of its own, on a data folder of its own: this journey publishes and rolls back too."""
    with staff_app(tmp_path_factory, copy_of_the_shipped_data(tmp_path_factory.mktemp("data_ja"))) as base:
        page = new_page(browser, base)
        yield page
        page.context.close()


def test_a_member_of_staff_at_the_jpo_does_it_all_in_japanese(japanese_staff, tmp_path):
    """Every step, problem, hint and button in Japanese; the year and the country as a JPO
    member of staff may type them (令和6年度, ベトナム) get suggestions of what to type."""
    staff = japanese_staff
    open_page(staff, "/?lang=ja")
    staff.get_by_label("パスワード", exact=True).fill(PASSWORD)
    rerun(staff, lambda: staff.get_by_role("button", name="サインイン").click())
    expect(staff.get_by_role("heading", name="職員用：基金の記録を公開する")).to_be_visible()
    expect(staff.get_by_text("公開中：当初のデータ（まだ版は公開されていません）。")).to_be_visible()

    template = download(staff, "テンプレートをダウンロード（Excel）", tmp_path / "fund_records.xlsx")
    upload(staff, fill(template, tmp_path / "records.xlsx", iso3="ベトナム ", year="令和6年度"))
    expect(staff.get_by_text("2件の問題が見つかりました。", exact=False)).to_be_visible()
    problems = staff.get_by_test_id("stTable").first
    for shown in ("直し方", "整数ではありません", "年だけを4桁で入力してください：2024",
                  "ISO 3166-1 の3文字の国コードではありません", "国の3文字の ISO コードを使ってください：ベトナムは VNM"):
        expect(problems).to_contain_text(shown)
    expect(staff.get_by_text("手順3で見つかった問題を修正し", exact=False)).to_be_visible()
    screenshot(staff, "staff_ja_1_problems")

    upload(staff, fill(template, tmp_path / "records-fixed.xlsx", iso3="VNM"))
    expect(staff.get_by_text("records-fixed.xlsx に問題は見つかりませんでした。")).to_be_visible()
    expect(staff.get_by_role("heading", name="活動：追加1件、変更0件、削除0件", exact=True)).to_be_visible()
    staff.get_by_label("お名前").first.fill("田中 愛子")
    staff.get_by_label("この版で変わること（公開ページの「出典と方法」に表示されます）").fill("アビジャンの研修")
    rerun(staff, lambda: staff.get_by_role("button", name="公開する").click())
    expect(staff.get_by_text("第2版", exact=False).first).to_be_visible()
    expect(staff.get_by_text("を公開しました。公開ダッシュボードに反映されています。", exact=False)).to_be_visible()
    screenshot(staff, "staff_ja_2_published")

    rerun(staff, lambda: staff.get_by_role("button", name="この版に戻す").click())
    expect(staff.get_by_text("戻しました：第1版", exact=False)).to_be_visible()
    history = staff.get_by_test_id("stTable").last
    for shown in ("第2版から第1版に戻しました", "田中 愛子", "アビジャンの研修", "● 公開中"):
        expect(history).to_contain_text(shown)
    assert_no_error(staff)
    screenshot(staff, "staff_ja_3_rolled_back")

    rerun(staff, lambda: staff.get_by_text("English", exact=True).click())
    expect(staff.get_by_role("heading", name="Staff: publish the fund's records")).to_be_visible()
    expect(staff.get_by_role("heading", name="Releases")).to_be_visible()


def test_the_public_app_shows_a_release_published_while_it_runs(browser, tmp_path, monkeypatch):
    """Published by another process (the CLI here), picked up by the running dashboard on the
    next page view: the Sources page's What changed and every caption's data date."""
    from fitjp.record import cli

    folder = copy_of_the_shipped_data(tmp_path / "data")
    monkeypatch.setenv("FITJP_DATA_DIR", str(folder))
    with streamlit_server({"FITJP_DATA_DIR": str(folder)}) as base:
        page = new_page(browser, base)
        open_page(page, "/sources")
        expect(page.get_by_text("No release has been published since the data was shipped")).to_be_visible()

        records = fill(_template(tmp_path), tmp_path / "records.xlsx", iso3="CIV")
        assert cli.main(["publish", str(records), "--note", "Abidjan workshop", "--by", "Aiko"]) == 0
        open_page(page, "/sources")
        today = pd.Timestamp.today().date().isoformat()
        expect(page.get_by_text(f"Release 2, {today}: Abidjan workshop", exact=False)).to_be_visible()
        expect(page.get_by_text("live now")).to_be_visible()
        open_page(page, "/funding")
        expect(page.get_by_text(f"Data as of {today}, release 2 of {today}", exact=False).first).to_be_visible()
        assert_no_error(page)
        page.context.close()


def _template(folder):
    from fitjp.record.build import write_template
    write_template(folder / "template.xlsx")
    return folder / "template.xlsx"
