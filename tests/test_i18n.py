"""The interface text catalogs: complete in every language, in step with the template and the
code, compiled by babel without errors, read by t() once; and the dictionaries-to-.po script."""

from __future__ import annotations

import gettext
import io
import re
import importlib.util
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from fitjp import catalogs, i18n
from fitjp.i18n import LANGUAGES, STAFF_KEYS, STAFF_LANGUAGES, label, t

ROOT = Path(__file__).resolve().parent.parent


def template_ids() -> list[str]:
    return [m.id for m in catalogs.read_catalog(catalogs.TEMPLATE) if m.id]


def test_there_is_one_catalog_per_language():
    found = {path.parent.parent.name for path in catalogs.LOCALES.glob("*/LC_MESSAGES/messages.po")}
    assert found == set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_message_is_translated_with_englishs_placeholders(lang):
    english = catalogs.translations("en")
    catalog = catalogs.read_catalog(catalogs.catalog_path(lang), lang)
    problems = []
    for key in template_ids():
        if key.startswith(STAFF_KEYS) and lang not in STAFF_LANGUAGES:
            continue  # the staff app speaks English and Japanese; French and Spanish show English
        entry = catalog.get(key)
        if entry is None or not entry.string or entry.fuzzy:
            problems.append(f"{key}: missing, empty or fuzzy")
        elif catalogs.placeholders(entry.string) != catalogs.placeholders(english.get(key, "")):
            problems.append(f"{key}: {sorted(catalogs.placeholders(entry.string))}, English has "
                            f"{sorted(catalogs.placeholders(english.get(key, '')))}")
    assert not problems, "\n".join(problems)
    assert len(template_ids()) > 200


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pybabel_update_from_the_template_would_change_no_message(lang):
    """A catalog in step with the template: update adds nothing, obsoletes nothing, moves no comment."""
    def entries(catalog):
        return [(m.id, m.string, sorted(m.flags), m.auto_comments) for m in catalog if m.id]

    catalog = catalogs.read_catalog(catalogs.catalog_path(lang), lang)
    before = entries(catalog)
    catalog.update(catalogs.read_catalog(catalogs.TEMPLATE), no_fuzzy_matching=True)
    assert entries(catalog) == before
    assert not catalog.obsolete


def test_the_template_is_up_to_date_with_code_schema_and_english():
    def entries(catalog):
        return [(m.id, m.auto_comments) for m in catalog if m.id]

    fresh = read_po(io.BytesIO(catalogs.render(catalogs.template())))  # as written: long comments wrap
    assert entries(catalogs.read_catalog(catalogs.TEMPLATE)) == entries(fresh), "run: python -m fitjp.catalogs extract"


def test_the_template_has_the_keys_code_calls_and_label_builds():
    in_code = catalogs.keys_in_code()
    assert {"page.overview", "filter.none", "brief.footer"} <= set(in_code)
    assert "fund.global" in catalogs.enumerated_keys() and "fund.global" not in in_code
    assert set(in_code) | set(catalogs.enumerated_keys()) <= set(template_ids())


def test_babel_compiles_every_catalog_and_the_mo_files_hold_the_same_texts(tmp_path):
    locales = shutil.copytree(catalogs.LOCALES, tmp_path / "locales")
    assert CommandLineInterface().run(["pybabel", "-q", "compile", "-d", str(locales), "--statistics"]) == 0
    for lang in LANGUAGES:
        with (locales / lang / "LC_MESSAGES" / "messages.mo").open("rb") as mo:
            compiled = gettext.GNUTranslations(mo)
        wrong = [key for key in template_ids() if compiled.gettext(key) != t(key, lang)
                 and not (key.startswith(STAFF_KEYS) and lang not in STAFF_LANGUAGES)]  # empty: English
        assert not wrong, f"{lang}: {wrong}"


@pytest.mark.parametrize("lang, key, values, text", [
    ("en", "page.overview", {}, "Overview"),
    ("ja", "page.overview", {}, "概要"),
    ("fr", "page.overview", {}, "Vue d'ensemble"),
    ("es", "page.overview", {}, "Panorama general"),
    ("en", "filter.none", {"first": 1987, "last": 2026}, "No filters: everything documented, 1987 to 2026"),
    ("ja", "filter.none", {"first": 1987, "last": 2026}, "絞り込みなし：1987〜2026の記録をすべて表示"),
    ("fr", "map.top", {"count": 12}, "Les 12 pays comptant le plus d'activités"),
    ("es", "activities.count", {"count": 7}, "7 actividades"),
    ("ja", "milestone.2019", {}, "2019年：グローバル基金に統合"),
])
def test_t_returns_the_texts_it_returned_from_the_dictionaries(lang, key, values, text):
    assert t(key, lang, **values) == text


def test_label_names_enumerated_values_in_each_language():
    assert label("fund", "global") == "Global (from 2019)"
    assert label("region", "africa", "fr") == "Afrique"
    assert label("type", "workshop", "es") == "Taller"
    assert label("status", "executed", "ja") == "執行済み"


def test_organisations_the_catalogs_name_are_publishers_of_the_sources_and_read_in_each_language():
    import csv
    publishers = {row["publisher"] for row in csv.DictReader(open(Path("data/raw/sources.csv"), encoding="utf-8"))}
    assert set(i18n.organisation_keys()) <= publishers
    assert i18n.organisation("European Central Bank", "fr") == "Banque centrale européenne"
    assert i18n.organisation("Japan Patent Office", "ja") == "特許庁"
    assert i18n.organisation("WIPO", "es") == "OMPI"
    assert i18n.organisation("afro-ip.blogspot.com", "fr") == "afro-ip.blogspot.com"


def test_t_falls_back_to_english_for_an_unknown_language_or_a_key_the_language_lacks(monkeypatch):
    assert t("page.overview", "de") == "Overview"
    english = i18n.texts("en")
    monkeypatch.setattr(i18n, "texts", lambda lang: english if lang == "en" else {})
    assert t("filter.active", "ja", filters="x") == "Showing: x"


def test_a_catalogs_empty_and_fuzzy_messages_are_left_out(tmp_path):
    po = catalogs.catalog_path("fr", tmp_path)
    po.parent.mkdir(parents=True)
    po.write_text(textwrap.dedent('''\
        msgid "a.done"
        msgstr "fait"

        msgid "a.empty"
        msgstr ""

        #, fuzzy
        msgid "a.unsure"
        msgstr "peut-être"
        '''), encoding="utf-8")
    assert catalogs.translations("fr", tmp_path) == {"a.done": "fait"}


def test_each_catalog_is_read_once_and_none_on_import(monkeypatch):
    reads = []
    monkeypatch.setattr(catalogs, "translations", lambda lang: reads.append(lang) or {"page.overview": lang})
    i18n.texts.cache_clear()
    try:
        for _ in range(3):
            t("page.overview", "fr"), t("page.overview", "en")
        assert sorted(reads) == ["en", "fr"]
    finally:
        i18n.texts.cache_clear()
    loaded = subprocess.run([sys.executable, "-c", "import fitjp.i18n as i; print(i.texts.cache_info().currsize)"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "0"


# scripts/dicts_to_po.py: the merger replays it on dictionaries from other branches.

def dicts_to_po():
    spec = importlib.util.spec_from_file_location("dicts_to_po", ROOT / "scripts" / "dicts_to_po.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


OLD_I18N = '''\
from fitjp.locales import ja  # the old module imported its languages: never run it

EN = {
    # a section comment
    "page.overview": "Overview",
    "filter.none": ("No filters: everything documented, "
                    "{first} to {last}"),
    "page.new": "New page",
}
'''
OLD_JA = '''\
"""Interface text in ja."""

TEXT: dict[str, str] = {
    "page.overview": "概要",
    "filter.none": "絞り込みなし：{first}〜{last}の記録をすべて表示",
}
'''


def write_old_dicts(root: Path) -> Path:
    (root / "fitjp" / "locales").mkdir(parents=True)
    (root / "fitjp" / "i18n.py").write_text(OLD_I18N, encoding="utf-8")
    (root / "fitjp" / "locales" / "ja.py").write_text(OLD_JA, encoding="utf-8")
    (root / "fitjp" / "locales" / "__init__.py").write_text('"""not a language"""\n', encoding="utf-8")
    return root / "fitjp" / "locales"


def test_dicts_to_po_writes_every_text_and_rerunning_changes_no_byte(tmp_path, capsys):
    script, out = dicts_to_po(), tmp_path / "out"
    old_locales = write_old_dicts(tmp_path / "old")
    assert script.main(["--from-python", str(old_locales), "--out", str(out)]) == 0
    assert catalogs.translations("en", out) == {
        "page.overview": "Overview", "filter.none": "No filters: everything documented, {first} to {last}",
        "page.new": "New page"}
    assert catalogs.translations("ja", out) == {"page.overview": "概要",
                                               "filter.none": "絞り込みなし：{first}〜{last}の記録をすべて表示"}
    assert "ja: no text for 1 keys (English is shown): page.new" in capsys.readouterr().out
    assert {"page.new", "fund.global", "filter.reset"} <= {m.id for m in catalogs.read_catalog(out / "messages.pot")}
    written = {path: path.read_bytes() for path in out.rglob("*.po*")}
    assert len(written) == 3
    script.main(["--from-python", str(old_locales), "--out", str(out)])
    assert {path: path.read_bytes() for path in out.rglob("*.po*")} == written


def test_dicts_to_po_reads_the_same_dictionaries_from_a_git_revision(tmp_path):
    script, repo = dicts_to_po(), tmp_path / "repo"
    old_locales = write_old_dicts(repo)
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "dicts"]):
        subprocess.run(["git", "-C", str(repo), *command], check=True)
    from_git = script.from_revision("HEAD", repo)
    assert from_git == script.from_files(old_locales, repo / "fitjp" / "i18n.py")
    assert set(from_git) == {"en", "ja"} and from_git["ja"]["page.overview"] == "概要"


def test_french_texts_put_a_no_break_space_before_double_punctuation_and_inside_quotes():
    """French typography: "Source : …", "« … »"; a plain space there lets a line break leave
    the colon alone at the start of a line, and no space at all reads as English."""
    texts = catalogs.translations("fr")
    spaced = re.compile(r"(?<![\u00a0\u202f])[:;!?»](?=\s|$)|«(?![\u00a0\u202f])")
    assert {key: text for key, text in texts.items() if spaced.search(text)} == {}
    assert texts["caption.source"] == "Source\u00a0: {source}"


def test_japanese_texts_call_the_fund_by_one_word():
    """基金 throughout: ファンド and 基金 mixed read as two different things (the review)."""
    story = (catalogs.ROOT / "data" / "story.csv").read_text(encoding="utf-8")
    texts = catalogs.translations("ja")
    assert [key for key, text in texts.items() if "ファンド" in text] == [] and "ファンド" not in story
    assert "基金" in texts["app.title"]


# Texts whose {count} is a constant of the code (compare.MOST = 5), never 1.
CONSTANT_COUNTS = {"compare.how", "compare.prompt", "compare.too_many"}


def counted_keys() -> list[str]:
    english = catalogs.translations("en")
    return sorted(key for key, text in english.items()
                  if "{count}" in text and not key.endswith("_one") and key not in CONSTANT_COUNTS)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", counted_keys())
def test_a_count_of_one_reads_in_the_singular(key, lang):
    """ "1 activities" (the review): each text that counts has a singular, which t takes where
    the language's plural rule says "one", and only there."""
    if key.startswith(STAFF_KEYS) and lang not in STAFF_LANGUAGES:
        pytest.skip("the staff app speaks English and Japanese")
    assert f"{key}_one" in catalogs.translations(lang)
    singular, plural = t(f"{key}_one", lang, count=1), t(key, lang, count=2)
    assert (singular != plural.replace("2", "1")) or lang == "ja"  # Japanese nouns have one form
    assert t(key, lang, count=1) == (plural.replace("2", "1") if lang == "ja" else singular)
    assert t(key, lang, count=7) == plural.replace("2", "7")
    singular_counts = [n for n in (0, 1, 2, 21) if i18n.counted_key(key, lang, n) != key]
    assert singular_counts == {"en": [1], "es": [1], "fr": [0, 1], "ja": []}[lang]  # French: "0 activité"
