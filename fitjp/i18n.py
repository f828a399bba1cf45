"""Every piece of interface text, looked up by key through one function, `t`.

The texts live in gettext catalogs, one per language, English included:
fitjp/locales/<lang>/LC_MESSAGES/messages.po, with the message key ("page.overview") as msgid
and the text as msgstr. Keys as msgids keep the code as it was, t("page.overview", lang), and
`t` a dictionary lookup; fitjp/catalogs.py says why in full and how to extract, update and
compile (docs/translating.md is the translator's guide). Each catalog is read once, when a
text in its language is first asked for; importing this module reads nothing. A key with no
usable text in a language (missing, empty or fuzzy) shows the English text. Activity titles
and quotes are never translated: they stay as sources wrote them.

A text with a {count} may have a singular form, under the key with "_one" added
("activities.count_one": "{count} activity"); `t` takes it where the language's CLDR plural
rule says "one" for that count (1 in English and Spanish, 0 and 1 in French, never in Japanese).
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from fitjp import catalogs

LANGUAGES = ("en", "ja", "fr", "es")
LANGUAGE_NAMES = {"en": "English", "ja": "日本語", "fr": "Français", "es": "Español"}  # each in itself
# The staff app (fitjp/staff/) speaks the languages of the fund's staff: the JPO's and WIPO's.
# Its texts, and the problems and hints it shows, are keys with these prefixes; the other
# languages' catalogs hold them empty, so they read as English.
STAFF_LANGUAGES = ("en", "ja")
STAFF_KEYS = ("staff.", "problem.", "hint.")


@cache
def texts(lang: str) -> dict[str, str]:
    """Key -> text in `lang`, read from its catalog the first time it is asked for."""
    return catalogs.translations(lang)


def t(key: str, lang: str = "en", **values) -> str:
    """The text for `key` in `lang` (English when `lang` has none), with {placeholders} filled."""
    own = texts(lang) if lang in LANGUAGES else {}
    if "count" in values:
        key = counted_key(key, lang, values["count"])
    text = own.get(key) or texts("en")[key]
    return text.format(**values) if values else text


def organisation(name: str, lang: str = "en") -> str:
    """A publisher's name in `lang` where the catalogs name that organisation ("org.ecb":
    "European Central Bank", "Banque centrale européenne"); any other name as the source gave it."""
    key = organisation_keys().get(name)
    return t(key, lang) if key else name


@cache
def organisation_keys() -> dict[str, str]:
    return {text: key for key, text in texts("en").items() if key.startswith("org.")}


def counted_key(key: str, lang: str, count: int) -> str:
    """`key`, or its singular form where `count` takes one in `lang` and the key has one."""
    singular = f"{key}_one"
    if singular in texts("en") and plural_category(lang if lang in LANGUAGES else "en", count) == "one":
        return singular
    return key


@cache
def plural_category(lang: str, count: int) -> str:
    return Locale.parse(lang).plural_form(count)


def label(kind: str, value: str, lang: str = "en") -> str:
    """Display name of an enumerated value, such as label('fund', 'global')."""
    return t(f"{kind}.{value}", lang)
