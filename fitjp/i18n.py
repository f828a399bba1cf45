"""Every piece of interface text, looked up by key through one function, `t`.

The texts live in gettext catalogs, one per language, English included:
fitjp/locales/<lang>/LC_MESSAGES/messages.po, with the message key ("page.overview") as msgid
and the text as msgstr. Keys as msgids keep the code as it was, t("page.overview", lang), and
`t` a dictionary lookup; fitjp/catalogs.py says why in full and how to extract, update and
compile (docs/translating.md is the translator's guide). Each catalog is read once, when a
text in its language is first asked for; importing this module reads nothing. A key with no
usable text in a language (missing, empty or fuzzy) shows the English text. Activity titles
and quotes are never translated: they stay as sources wrote them.
"""

from __future__ import annotations

from functools import cache

from fitjp import catalogs

LANGUAGES = ("en", "ja", "fr", "es")
LANGUAGE_NAMES = {"en": "English", "ja": "日本語", "fr": "Français", "es": "Español"}  # each in itself


@cache
def texts(lang: str) -> dict[str, str]:
    """Key -> text in `lang`, read from its catalog the first time it is asked for."""
    return catalogs.translations(lang)


def t(key: str, lang: str = "en", **values) -> str:
    """The text for `key` in `lang` (English when `lang` has none), with {placeholders} filled."""
    own = texts(lang) if lang in LANGUAGES else {}
    text = own.get(key) or texts("en")[key]
    return text.format(**values) if values else text


def label(kind: str, value: str, lang: str = "en") -> str:
    """Display name of an enumerated value, such as label('fund', 'global')."""
    return t(f"{kind}.{value}", lang)
