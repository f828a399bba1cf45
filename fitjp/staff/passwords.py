"""What the staff password in Streamlit's secrets must be: text of at least MIN_LENGTH
characters, spaces not counted (a passphrase of a few words is welcome; padding it with
spaces adds nothing). Pure: the staff app says the problem in the staff's language, and
never shows the password itself."""

from __future__ import annotations

MIN_LENGTH = 12

NOT_SET, NOT_TEXT, TOO_SHORT = "not_set", "not_text", "too_short"


def length(password: str) -> int:
    """Characters that count: every one but spaces (and other white space)."""
    return sum(not character.isspace() for character in password)


def problem(value: object) -> str | None:
    """None when `value` (st.secrets' staff_password, None when absent) is a usable password;
    otherwise NOT_SET, NOT_TEXT (a number, true/false, a date, a list or a table in the TOML)
    or TOO_SHORT."""
    if value is None or value == "":
        return NOT_SET
    if not isinstance(value, str):
        return NOT_TEXT
    if length(value) < MIN_LENGTH:
        return TOO_SHORT
    return None
