"""Country pickers that know every name a reader may type.

Streamlit's selectbox and multiselect filter their options by the label alone, so a French
reader typing "Tanzania", "Cote d'Ivoire" or "CIV" would find nothing. These pickers show
each country by its name in the reader's language and also take typed text as a value
(accept_new_options): a callback resolves it through the one country-name index
(fitjp/countries.py find_countries) before the page runs, so the page only ever sees ISO-3
codes. Text that names no country, or several, is dropped with a notice naming the candidates.

A selectbox's callback writes under the widget's key only the country the box shows, never
the pick. Streamlit drops a widget's own state once the widget is gone, but a value written to
st.session_state under its key stays for the session. The profile's picker has a key per
country shown and opens the country picked, so a pick left under "country_pick_KEN" was picked
again whenever Kenya was shown: after a second pick two profiles opened each other without end.
(That, not the selectbox, is why 5505d9d had gone back to plain selectboxes.) The sidebar's
multiselect may keep its value: it is drawn on every page, and its value is the filter.
"""

from __future__ import annotations

import json

import streamlit as st

from fitjp.countries import find_countries
from fitjp.i18n import t

NOTICE_KEY = "picker_notices"  # widget key -> what its last typed text did not resolve to
TYPED_KEY = "picker_typed"  # selectbox key -> the country its typed text named, for this run


def country_multiselect(label: str, options: list[str], names: dict[str, str], lang: str, key: str,
                        **widget) -> list[str]:
    """A multiselect of countries (ISO-3 codes) by name, that also takes any name typed."""
    chosen = st.multiselect(label, options, format_func=lambda code: names.get(code, code), key=key,
                            accept_new_options=True, select_all=False,
                            on_change=_resolve_typed, args=(key, options, lang), **widget)
    _notice(key, names, lang)
    return [code for code in chosen if code in names]


def country_selectbox(label: str, options: list[str], names: dict[str, str], lang: str, key: str,
                      shown: str | None = None, **widget) -> str | None:
    """A selectbox of countries (ISO-3 codes) by name, showing `shown`, that also takes any
    name typed; returns the country the reader picked (else `shown`)."""
    picked = st.selectbox(label, options, format_func=lambda code: names.get(code, code), key=key,
                          index=options.index(shown) if shown in options else None, accept_new_options=True,
                          on_change=_resolve_typed_one, args=(key, options, lang, shown), **widget)
    _notice(key, names, lang)
    return st.session_state.get(TYPED_KEY, {}).pop(key, None) or (picked if picked in names else None)


def _resolve_typed_one(key: str, options: list[str], lang: str, shown: str | None) -> None:
    """Typed text in a selectbox: the country it names is this run's pick, and the box shows
    `shown` again. Only `shown` is ever written under the key (see the module's note)."""
    typed = st.session_state[key]
    if typed is None or typed in options:
        return
    found = find_countries(typed, lang, among=options)
    st.session_state[key] = shown  # a write, unlike a deletion, also clears the text in the browser
    if len(found) == 1:
        st.session_state.setdefault(TYPED_KEY, {})[key] = found[0]
    else:
        st.session_state.setdefault(NOTICE_KEY, {})[key] = [(typed, found)]


def _resolve_typed(key: str, options: list[str], lang: str) -> None:
    """Replace typed text in the widget's value by the country it names (before the page runs)."""
    resolved, unresolved = [], []
    for item in st.session_state[key]:
        if item in options:
            resolved.append(item)
            continue
        found = find_countries(item, lang, among=options)
        if len(found) == 1:
            resolved.append(found[0])
        else:
            unresolved.append((item, found))
    st.session_state[key] = list(dict.fromkeys(resolved))  # a country typed twice is chosen once
    st.session_state.setdefault(NOTICE_KEY, {})[key] = unresolved


def _notice(key: str, names: dict[str, str], lang: str) -> None:
    """Say once what the reader's typed text did not find."""
    for text, found in st.session_state.get(NOTICE_KEY, {}).pop(key, []):
        if found:
            countries = ", ".join(names.get(code, code) for code in found[:8])
            st.warning(t("picker.ambiguous", lang, name=text, countries=countries))
        else:
            st.warning(t("picker.unknown", lang, name=text))


# Streamlit writes a few words of its own inside every selectbox and multiselect, in English
# only: "No results", and "Add: <text>" for typed text. This script writes them in the page's
# language, whenever Streamlit draws them (a MutationObserver; the texts hold no data).
WIDGET_TEXT_SCRIPT = """<script>
(() => {{
  const words = {words};
  if (window.fitjpWidgetText) window.fitjpWidgetText.disconnect();
  const fix = text => {{
    if (text.nodeValue === "No results") text.nodeValue = words.no_results;
    else if (text.nodeValue.startsWith("Add: ")) text.nodeValue = words.find.replace("{{name}}", text.nodeValue.slice(5));
  }};
  const translate = node => {{
    if (node.nodeType === Node.TEXT_NODE) return fix(node);
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) fix(text);
  }};
  window.fitjpWidgetText = new MutationObserver(changes => changes.forEach(change =>
    change.type === "characterData" ? fix(change.target) : change.addedNodes.forEach(translate)));
  window.fitjpWidgetText.observe(document.body, {{childList: true, subtree: true, characterData: true}});
}})();
</script>"""


def widget_text_script(lang: str) -> str:
    words = {"no_results": t("picker.no_results", lang), "find": t("picker.find", lang, name="{name}")}
    return WIDGET_TEXT_SCRIPT.format(words=json.dumps(words, ensure_ascii=False))
