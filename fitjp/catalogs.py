"""The interface text as gettext catalogs: where they live, how they are read, how the template is made.

Layout (domain `messages`):

    fitjp/locales/messages.pot                      the template: every message key, English as a comment
    fitjp/locales/<lang>/LC_MESSAGES/messages.po    one catalog per language, English (`en`) included

A message's msgid is its key ("page.overview"), and msgstr its text in the catalog's
language, English too. The code only ever names keys (t("page.overview", lang)), so keys as
msgids keep `t()` a dictionary lookup and let pybabel extract the keys straight from the
t(...) calls. Translators see the English text as the extracted comment (`#.`) of each
message. Texts keep str.format {placeholders}, filled by t(key, lang, name=value). Babel
derives format flags from the msgid, a key here, so no `python-brace-format` flag survives
its tools; tests/test_i18n.py checks instead that every language has English's placeholders.

Commands, from the repository root:

    python -m fitjp.catalogs extract      # rewrite messages.pot: keys in en.po, in t("...") calls
                                          # (babel.cfg) and enumerated in fitjp/record/schema.py
    pybabel update -i fitjp/locales/messages.pot -d fitjp/locales --no-fuzzy-matching
                                          # add new keys (empty) to every catalog; English comments follow
    pybabel compile -d fitjp/locales --statistics   # optional: the app reads the .po files, not .mo

`pybabel extract -F babel.cfg -o messages.pot .` alone finds only keys written literally in
t(...) calls; `label("fund", value)` and similar build keys at run time, so `update` from
such a template would mark those messages obsolete. Use `python -m fitjp.catalogs extract`.
Keys as msgids have one cost: changing an English text does not make `update` mark the
translations fuzzy; whoever changes English marks the other languages' entries `#, fuzzy`.
The other layout, msgctxt = key and msgid = English, would flag them itself, but it needs the
English before the template exists, and the code, which names only keys, cannot supply it.
"""

from __future__ import annotations

import io
import string
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from fitjp.record import schema

ROOT = Path(__file__).resolve().parent.parent
LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"
BABEL_CONFIG = ROOT / "babel.cfg"
SOURCE_LANGUAGE = "en"
PROJECT = "FIT Japan IP Global dashboard"
CONTRIBUTORS = "the dashboard's contributors"

# label(kind, value) builds "kind.value" from these schema enumerations: no call names the key.
LABEL_KINDS = {
    "fund": schema.CONTRIBUTION_FUNDS + ("unclear",),
    "region": schema.ACTIVITY_REGIONS,
    "objective": schema.OBJECTIVES,
    "area": schema.PROGRAMME_AREAS,
    "type": schema.ACTIVITY_TYPES,
    "scope": schema.SCOPES,
    "status": schema.STATUSES,
    "table": tuple(schema.TABLES),  # What changed on the Sources page names each table
}


def catalog_path(lang: str, locales: Path = LOCALES) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=lang)


def translations(lang: str, locales: Path = LOCALES) -> dict[str, str]:
    """Key -> text of every usable message in `lang`: an empty or fuzzy one is left out, as gettext does."""
    catalog = read_catalog(catalog_path(lang, locales), lang)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def placeholders(text: str) -> set[str]:
    """The {fields} of a str.format text."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def message(key: str, english: str, text: str = "") -> Message:
    """One catalog entry, shaped as `pybabel update` shapes it from the template (so update changes nothing)."""
    return Message(key, text, auto_comments=[english] if english else [])


def new_catalog(lang: str | None) -> Catalog:
    """An empty catalog with this project's header; lang None is the template."""
    return Catalog(locale=lang, domain=DOMAIN, project=PROJECT, version="1", fuzzy=False,
                   copyright_holder=CONTRIBUTORS, msgid_bugs_address=CONTRIBUTORS,
                   last_translator=CONTRIBUTORS, language_team=CONTRIBUTORS,
                   header_comment=f"# Interface text of the {PROJECT} (docs/translating.md).\n"
                                  "# Each msgid is a key the code uses; the comment above it is its English.")


def render(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=76, no_location=True)
    return out.getvalue()


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write `catalog` to `path`, keeping the dates of the file it replaces so an unchanged
    catalog is rewritten byte for byte (a regeneration is not a revision)."""
    if path.exists():
        previous = read_catalog(path)
        catalog.creation_date, catalog.revision_date = previous.creation_date, previous.revision_date
    else:
        now = datetime.now(timezone.utc).replace(second=0, microsecond=0)
        catalog.creation_date = catalog.revision_date = now
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(catalog))


def keys_in_code(root: Path = ROOT) -> list[str]:
    """Keys written literally in t("...") calls, found by babel with babel.cfg, in order of appearance."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with BABEL_CONFIG.open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(root, method_map, options_map, keywords={})
    return list(dict.fromkeys(key for _, _, key, _, _ in found))


def enumerated_keys() -> list[str]:
    """Keys label() builds from fitjp/record/schema.py's enumerations."""
    return [f"{kind}.{value}" for kind, values in LABEL_KINDS.items() for value in values]


def template(locales: Path = LOCALES, root: Path = ROOT) -> Catalog:
    """Every key English has, then keys code or schema name that English lacks yet, each with
    English as its comment. English's keys stay so `pybabel update` never drops a text."""
    english = {m.id: m.string for m in read_catalog(catalog_path(SOURCE_LANGUAGE, locales)) if m.id}
    keys = dict.fromkeys([*english, *keys_in_code(root), *enumerated_keys()])
    catalog = new_catalog(None)
    for key in keys:
        catalog[key] = message(key, english.get(key, ""))
    return catalog


def extract(locales: Path = LOCALES) -> Path:
    path = locales / f"{DOMAIN}.pot"
    write_catalog(template(locales), path)
    return path


def main(argv: list[str]) -> int:
    if argv != ["extract"]:
        print("usage: python -m fitjp.catalogs extract", file=sys.stderr)
        return 2
    print(f"wrote {extract().relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
