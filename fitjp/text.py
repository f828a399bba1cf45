"""Text from data files shown inside Streamlit markdown, made inert.

Titles, quotes and publishers come from the sources and from the fund's staff files. Streamlit
renders st.markdown, st.caption, st.info and friends as Markdown that allows some HTML, so a
title such as `<img src=x onerror=alert(1)>` or `[click](javascript:alert(1))` would be markup,
not text. `inert` makes any data value read literally; `link` builds a Markdown link only to an
http(s) address. Pure: no Streamlit here.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Characters Markdown (CommonMark, GitHub's extensions, Streamlit's math) reads as markup
# anywhere in a line. CommonMark lets any ASCII punctuation be escaped with a backslash, and an
# escaped "<" or "&" is text, so raw HTML and entities cannot start either. Streamlit's
# :color[...] directives need the bracket, escaped here; a colon alone stays, so "1987: the
# beginnings" reads as written (at most an :emoji: shortcode shows its emoji, which runs nothing).
ANYWHERE = re.compile(r"([\\`*_\[\]<>&|~$])")
# Characters that are markup only at the start of a line (headings, lists, quotes, rules).
LINE_START = re.compile(r"^(\s*\d*)([#+\-=>.)])")


# Control characters (C0 but tab, DEL, C1): invisible, and a NUL ends some renderers' text.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(value: object) -> str:
    """`value` as text Markdown and HTML show literally: every markup character
    backslash-escaped, line breaks flattened to spaces (so no line can start a block),
    control characters dropped and the ends trimmed (so it can sit inside **...**)."""
    text = "" if value is None else str(value)
    text = CONTROLS.sub("", text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")).strip()
    text = ANYWHERE.sub(r"\\\1", text)
    return LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def safe_url(url: object) -> str | None:
    """`url` when it is an http(s) address with a host, else None (javascript:, data:, ...)."""
    text = "" if url is None else str(url).strip()
    parts = urlsplit(text)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not re.search(r"[\s<>\"'`]", text):
        return text
    return None


def link(label: object, url: object) -> str:
    """A Markdown link with an inert label, or the inert label alone when the address is not http(s)."""
    shown, target = inert(label), safe_url(url)
    if target is None:
        return shown
    # Parentheses in an address would end the link early: percent-encode them.
    return f"[{shown}]({target.replace('(', '%28').replace(')', '%29')})"
