"""Signing in to the staff app (admin.py): wrong passwords slow down only the client that gave
them, with waits that double; the password in the secrets must be text of at least twelve
characters, and the page says what is wrong with it otherwise; a signed-in member of staff can
sign out, is signed out after the idle limit, and finds nothing of what the session held before
signing in. The timing is tested on the throttle with a clock of the test's own; the rest
through AppTest, on what the page shows."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from fitjp.i18n import t
from fitjp.staff import app as staff
from fitjp.staff import clients, passwords
from fitjp.staff.throttle import SignInThrottle

from tiny_record import REPO
from test_bad_files import live  # noqa: F401  (a copy of the shipped data folder, as the data folder)

ADMIN = str(REPO / "admin.py")
PASSWORD = "a long passphrase for the sign-in tests"
FIRST_STEP = "1. Take the template"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# ---- the throttle, on a clock of the test's own ----------------------------------------------

def test_three_wrong_passwords_are_free_then_each_doubles_the_wait_up_to_a_quarter_hour():
    clock = Clock()
    throttle = SignInThrottle(clock=clock)
    waits = []
    for _ in range(15):
        assert throttle.wait_seconds("203.0.113.5") == 0  # each try is made once the wait is over
        waits.append(throttle.failed("203.0.113.5"))
        clock.now += waits[-1]
    assert waits == [0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]


def test_a_waiting_client_waits_the_whole_delay_and_the_right_password_forgives_it():
    clock = Clock()
    throttle = SignInThrottle(clock=clock)
    for _ in range(5):
        throttle.failed("203.0.113.5")
    assert throttle.wait_seconds("203.0.113.5") == 4
    clock.now += 3
    assert throttle.wait_seconds("203.0.113.5") == 1
    clock.now += 1
    assert throttle.wait_seconds("203.0.113.5") == 0
    throttle.succeeded("203.0.113.5")
    assert [throttle.failed("203.0.113.5") for _ in range(3)] == [0, 0, 1]  # free tries again


def test_one_clients_wrong_passwords_never_make_another_client_wait():
    clock = Clock()
    throttle = SignInThrottle(clock=clock)
    for _ in range(12):
        throttle.failed("203.0.113.5")
        clock.now += 1
    assert throttle.wait_seconds("203.0.113.5") > 0
    assert throttle.wait_seconds("198.51.100.7") == 0
    assert throttle.failed("198.51.100.7") == 0  # its first mistake is free, as anybody's


def test_a_client_is_forgotten_a_window_after_its_wait_ends_not_before():
    clock = Clock()
    throttle = SignInThrottle(window=900, clock=clock)
    for _ in range(4):
        throttle.failed("203.0.113.5")  # the fourth: a wait of 2 s
    clock.now += 2 + 899
    assert len(throttle) == 1 and throttle.failed("203.0.113.5") == 4  # still remembered: doubled again
    clock.now += 4 + 900
    assert len(throttle) == 0
    assert throttle.failed("203.0.113.5") == 0  # forgotten: free again


def test_the_table_of_clients_stays_within_its_size_forgetting_the_least_recent_first():
    clock = Clock()
    throttle = SignInThrottle(max_clients=3, clock=clock)
    for client in ("a", "b", "c"):
        for _ in range(3):
            throttle.failed(client)
    clock.now += 0.5
    for n in range(100):
        throttle.failed(f"flood{n}")
    assert len(throttle) == 3
    assert throttle.wait_seconds("a") == 0  # forgotten to make room, not made to wait forever
    throttle.failed("flood99")
    assert throttle.wait_seconds("flood99") == 0  # its second mistake: still free


# ---- which client is asking ------------------------------------------------------------------

def headers(**values: str):
    table = {name.lower().replace("_", "-"): [value] for name, value in values.items()}
    return lambda name: table.get(name.lower(), [])


@pytest.mark.parametrize("peer, sent, key", [
    ("203.0.113.5", headers(X_Forwarded_For="198.51.100.7"), "203.0.113.5"),  # not from our proxy: ignored
    (None, headers(X_Forwarded_For="10.9.9.9, 198.51.100.7"), "198.51.100.7"),  # nginx appends what it saw
    (None, headers(X_Forwarded_For="198.51.100.7", X_Real_IP="10.9.9.9"), "198.51.100.7"),
    (None, headers(X_Real_IP="198.51.100.8"), "198.51.100.8"),
    (None, headers(), clients.LOCAL),  # on the server itself, or through an SSH tunnel
    ("::ffff:127.0.0.1", headers(X_Forwarded_For="198.51.100.7"), "198.51.100.7"),  # loopback, mapped
    ("::ffff:203.0.113.5", headers(), "203.0.113.5"),
    ("2001:db8:1:2:aaaa::1", headers(), "2001:db8:1:2::/64"),
    (None, headers(X_Forwarded_For="198.51.100.7, not-an-address"), clients.UNKNOWN),
])
def test_the_client_is_the_peer_or_behind_a_local_proxy_the_address_the_proxy_saw(peer, sent, key):
    assert clients.client_key(peer, sent) == key


def test_every_address_of_one_ipv6_network_is_one_client():
    assert clients.client_key("2001:db8:1:2::5", headers()) == clients.client_key("2001:db8:1:2:ffff::9", headers())
    assert clients.client_key("2001:db8:1:3::5", headers()) != clients.client_key("2001:db8:1:2::5", headers())


# ---- the password in the secrets -------------------------------------------------------------

@pytest.mark.parametrize("value, problem", [
    (None, passwords.NOT_SET), ("", passwords.NOT_SET),
    (123456789012, passwords.NOT_TEXT), (True, passwords.NOT_TEXT), (["twelve chars", "more"], passwords.NOT_TEXT),
    ("eleven-char", passwords.TOO_SHORT), ("a b c d e f g h i j k", passwords.TOO_SHORT),
    ("            ", passwords.TOO_SHORT),
    ("twelve-chars", None), ("a b c d e f g h i j k l", None),
])
def test_a_password_is_text_of_twelve_characters_not_counting_spaces(value, problem):
    assert passwords.problem(value) == problem


# ---- the app ---------------------------------------------------------------------------------

@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The app's throttle and idle clock, on a clock of the test's own; no throttle shared with other tests."""
    clock = Clock()
    throttle = SignInThrottle(clock=clock)
    monkeypatch.setattr(staff, "throttle", lambda: throttle)
    monkeypatch.setattr(staff, "now", clock)
    return clock


def client(monkeypatch, peer: str | None, **sent: str) -> None:
    """What st.context says of the connection from now on (AppTest cannot seed its address or headers)."""
    monkeypatch.setattr(staff, "connection", lambda: (peer, headers(**sent)))


def open_app(password: object = PASSWORD, lang: str | None = None) -> AppTest:
    app = AppTest.from_file(ADMIN, default_timeout=30)
    app.secrets["staff_password"] = password
    if lang:
        app.query_params["lang"] = lang
    return app.run()


def sign_in(app: AppTest, password: str) -> AppTest:
    app.text_input[0].input(password)
    return app.button[0].click().run()


def headers_shown(app: AppTest) -> list[str]:
    return [h.value for h in app.header]


def everything_shown(app: AppTest) -> str:
    elements = [*app.title, *app.header, *app.error, *app.warning, *app.info, *app.success, *app.code,
                *app.caption, *app.markdown, *app.exception]
    return "\n".join(str(element.value) for element in elements)


def test_a_client_being_slowed_down_does_not_keep_another_client_out(live, clock, monkeypatch):
    client(monkeypatch, "203.0.113.5")
    guesser = open_app()
    for _ in range(3):
        sign_in(guesser, "a guess")
        assert guesser.error[0].value == "That is not the staff password."
    assert [w.value for w in guesser.warning] == ["Too many wrong passwords from this connection. Try again in 1 s."]

    sign_in(guesser, PASSWORD)  # the right password, but within the wait: not even compared
    assert [w.value for w in guesser.warning] == ["Too many wrong passwords from this connection. Try again in 1 s."]
    assert FIRST_STEP not in headers_shown(guesser)

    client(monkeypatch, None, X_Forwarded_For="203.0.113.5, 198.51.100.7")  # a colleague, through nginx
    colleague = sign_in(open_app(), PASSWORD)
    assert FIRST_STEP in headers_shown(colleague) and not colleague.warning

    client(monkeypatch, "203.0.113.5")
    clock.now += 1
    sign_in(guesser, PASSWORD)  # the wait is over: the right password lets in
    assert FIRST_STEP in headers_shown(guesser)


def test_the_page_says_each_wait_and_the_waits_grow(live, clock, monkeypatch):
    client(monkeypatch, "203.0.113.5")
    app = open_app()
    said = []
    for wait in (0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256):
        sign_in(app, "a guess")
        said.append(app.warning[0].value if app.warning else "")
        clock.now += wait  # the next try as soon as the wait is over
    assert said[:2] == ["", ""]
    assert said[2:6] == [f"Too many wrong passwords from this connection. Try again in {s} s." for s in (1, 2, 4, 8)]
    assert said[8] == "Too many wrong passwords from this connection. Try again in 64 s."
    assert said[9] == ("Too many wrong passwords from this connection. Try again in 3 min, "
                       "or ask a colleague who knows the password.")


def test_the_wait_is_said_in_japanese(live, clock, monkeypatch):
    client(monkeypatch, "203.0.113.5")
    app = open_app(lang="ja")
    for _ in range(3):
        sign_in(app, "推測")
    assert app.error[0].value == "職員用パスワードではありません。"
    assert app.warning[0].value == "この接続からのパスワードの誤りが多すぎます。1秒後にもう一度お試しください。"


@pytest.mark.parametrize("password", ["short pass 1", "eleven char", 123456789012, 1234567890123.5, True,
                                      ["a", "list"]])
def test_a_password_the_secrets_hold_that_is_too_short_or_not_text_is_explained_not_shown(live, password):
    app = open_app(password)
    assert not app.exception and not app.text_input  # nothing to type a password into
    shown = everything_shown(app)
    if isinstance(password, str):
        assert app.error[0].value == ("The staff password in the secrets file is too short: it needs at least 12 "
                                      "characters, not counting spaces. Choose a longer passphrase, write it in the "
                                      "secrets file as below and restart the app.")
    else:
        assert app.error[0].value.startswith("The staff password in the secrets file is not text: TOML reads a "
                                             "value without quotes as a number")
    assert 'staff_password = "' in app.code[0].value and "at least 12 characters" in app.code[0].value
    assert str(password) not in shown


def test_twelve_characters_with_spaces_between_them_are_enough(live):
    app = sign_in(open_app("abcd efgh ijkl"), "abcd efgh ijkl")
    assert FIRST_STEP in headers_shown(app)


def test_in_japanese_a_short_password_is_explained_in_japanese(live):
    app = open_app("short pass 1", lang="ja")
    assert app.error[0].value.startswith("シークレットファイルの職員用パスワードが短すぎます。"
                                         "空白を除いて12文字以上が必要です。")


def test_a_secrets_file_that_is_not_toml_is_explained_never_quoted(live, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("staff_password = a passphrase without its quotes\n", encoding="utf-8")
    st.secrets._reset()
    try:
        with patch_config_options({"secrets.files": [str(secrets)]}):
            app = AppTest.from_file(ADMIN, default_timeout=30).run()
            assert not app.exception and not app.text_input
            assert app.error[0].value.startswith("The secrets file could not be read: it is not valid TOML")
            assert "a passphrase without its quotes" not in everything_shown(app)
    finally:
        st.secrets._reset()  # the next test reads the default secrets files again


def test_sign_out_returns_to_the_sign_in_form(live, clock):
    app = sign_in(open_app(), PASSWORD)
    assert FIRST_STEP in headers_shown(app)
    assert app.sidebar.caption[0].value == "You are signed out after 30 min without a click."
    app.sidebar.button[0].click().run()
    assert app.info[0].value == "You are signed out."
    assert app.text_input[0].label == "Password" and not app.header and not app.sidebar.button
    app.run()  # the next click: still signed out
    assert app.text_input and not app.header


@pytest.mark.parametrize("minutes, idle, signed_in", [(None, 29 * 60, True), (None, 30 * 60 + 1, False),
                                                      ("1", 59, True), ("1", 61, False)])
def test_a_session_idle_past_the_limit_returns_to_the_sign_in_form(live, clock, monkeypatch, minutes, idle,
                                                                    signed_in):
    if minutes:
        monkeypatch.setenv("FITJP_STAFF_IDLE_MINUTES", minutes)
    else:
        monkeypatch.delenv("FITJP_STAFF_IDLE_MINUTES", raising=False)
    app = sign_in(open_app(), PASSWORD)
    assert FIRST_STEP in headers_shown(app)
    clock.now += idle
    app.run()
    if signed_in:
        assert FIRST_STEP in headers_shown(app) and not app.text_input
        clock.now += idle  # each click starts the count again
        app.run()
        assert FIRST_STEP in headers_shown(app)
    else:
        assert not app.header and app.text_input[0].label == "Password"
        assert app.info[0].value == (f"You were signed out after {minutes or 30} min without a click. "
                                     "Sign in again to go on.")


def test_nothing_the_session_held_before_signing_in_is_there_after_but_the_language(live, clock):
    app = open_app()
    app.radio(key="staff_language").set_value("ja").run()
    app.session_state["published"] = "Published release 99: left by whoever used this browser before."
    app.session_state["staff_name"] = "Previous Person"
    sign_in(app, PASSWORD)
    assert headers_shown(app)[0] == t("staff.step_template", "ja")  # signed in, in Japanese
    assert "Published release 99" not in everything_shown(app)
    assert "staff_name" not in app.session_state and "published" not in app.session_state
    assert app.radio(key="staff_language").value == "ja"


def test_signing_out_forgets_what_the_session_held(live, clock):
    app = sign_in(open_app(), PASSWORD)
    app.session_state["published"] = "Published release 99: left by the member of staff who signed out."
    app.sidebar.button[0].click().run()
    sign_in(app, PASSWORD)
    assert FIRST_STEP in headers_shown(app)
    assert "Published release 99" not in everything_shown(app)
