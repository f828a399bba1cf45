"""The staff app, step by step on one page, in English or Japanese. Every step calls
fitjp.record.intake or fitjp.record.releases, exactly what the CLI calls; nothing here
decides what is valid. Its texts are the catalogs' staff.* keys; problems and hints, written
in English, are said in the staff's language by fitjp.record.advice.spoken. How staff sign in,
and out: the section "sign in" below."""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import threading
import time
from pathlib import Path
from typing import Callable

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from fitjp import settings
from fitjp.i18n import LANGUAGE_NAMES, STAFF_LANGUAGES, label, t
from fitjp.record import advice, intake, releases
from fitjp.record.intake import IMPORTABLE
from fitjp.staff import clients, passwords
from fitjp.staff.throttle import SignInThrottle

EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_ROWS = 200  # rows of a problems or changes table shown on the page; the download has all
SECRETS_EXAMPLE = f'''# .streamlit/secrets.toml, beside admin.py (never commit it: .gitignore lists it)
# In double quotes, at least {passwords.MIN_LENGTH} characters not counting spaces; restart the app after.
staff_password = "a long passphrase only the fund's staff know"'''
log = logging.getLogger("fitjp.staff")


def main() -> None:
    st.set_page_config(page_title=say("staff.page_title"), layout="wide")
    # One page of its own: without st.navigation Streamlit would list pages/ (the public
    # dashboard's pages) in this app's sidebar.
    st.navigation([st.Page(run, title="Staff", default=True)], position="hidden").run()


def run() -> None:
    try:
        language_choice()
        if signed_in():
            workflow()
        else:  # signed out, idle or never signed in: the server refuses this session's uploads
            upload_passes().revoke(session_id())
    except Exception:  # a bug must never show a traceback: say so, keep the data as it was
        log.exception("staff app failed")
        st.error(say("staff.crashed"))


# ---- the staff's language ------------------------------------------------------------------

def lang() -> str:
    """English or Japanese: the link's ?lang=, else the browser's language."""
    chosen = st.query_params.get("lang")
    if chosen in STAFF_LANGUAGES:
        return chosen
    return "ja" if (st.context.locale or "").lower().startswith("ja") else "en"


def say(key: str, **values) -> str:
    return t(key, lang(), **values)


def spoken(text: str) -> str:
    """A problem, hint or refusal (written in English) in the staff's language."""
    return advice.spoken(text, lang())


def language_choice() -> None:
    def chosen() -> None:
        st.query_params["lang"] = st.session_state.staff_language
    st.radio(say("staff.language"), STAFF_LANGUAGES, index=STAFF_LANGUAGES.index(lang()), horizontal=True,
             format_func=LANGUAGE_NAMES.get, key="staff_language", on_change=chosen)


# ---- sign in -------------------------------------------------------------------------------
# The password from the secrets (fitjp/staff/passwords.py says what it must be), wrong ones
# counted per client (clients.py, throttle.py), a sign-out in the sidebar, and a sign-out after
# FITJP_STAFF_IDLE_MINUTES without a click. Signing in or out starts the session afresh: it keeps
# the language and nothing else, so nobody finds what the session held before (a check, a name).

SIGNED_IN, SEEN, NOTICE = "staff_signed_in", "staff_seen", "staff_notice"
KEPT = ("staff_language",)  # what signing in or out keeps of the session
UNREADABLE = "unreadable"  # a secrets file that is not TOML
PASSWORD_PROBLEMS = {passwords.NOT_TEXT: "staff.password_not_text", passwords.TOO_SHORT: "staff.password_too_short",
                     UNREADABLE: "staff.secrets_unreadable"}


def now() -> float:
    """The clock of idle expiry: seconds, only ever compared with each other."""
    return time.monotonic()


def configured_password() -> tuple[str | None, str | None]:
    """(the password, None) when the secrets hold a usable one; otherwise (None, what is wrong:
    passwords.NOT_SET, NOT_TEXT, TOO_SHORT or UNREADABLE). Nothing here shows the value."""
    try:
        value = st.secrets.get("staff_password")
    except Exception as error:  # no secrets file at all, or one that does not parse
        if getattr(error, "error_id", None) == "no-secrets-found":
            return None, passwords.NOT_SET
        log.warning("the secrets could not be read: %s", error)  # the file and the line, never a value
        return None, UNREADABLE
    problem = passwords.problem(value)
    return (value, None) if problem is None else (None, problem)


def signed_in() -> bool:
    """True while the session is signed in and was used within the idle limit; otherwise the
    sign-in form, or what to put in the secrets while they hold no usable password."""
    password, problem = configured_password()
    if problem:
        password_setup(problem)
        return False
    state = st.session_state
    if state.get(SIGNED_IN):
        if now() - state.get(SEEN, float("-inf")) <= settings.staff_idle_minutes() * 60:
            state[SEEN] = now()
            sidebar()
            return True
        fresh_session()
        state[NOTICE] = "staff.idle_signed_out"
    sign_in_form(password)
    return False


def password_setup(problem: str) -> None:
    """No usable password in the secrets: what is wrong, and the line to write."""
    st.title(say("staff.title"))
    if problem == passwords.NOT_SET:
        st.warning(say("staff.no_password"))
    else:
        st.error(say(PASSWORD_PROBLEMS[problem], minimum=passwords.MIN_LENGTH))
    st.code(SECRETS_EXAMPLE, language="toml")
    st.caption(say("staff.oidc"))


def sign_in_form(password: str) -> None:
    st.title(say("staff.title"))
    if notice := st.session_state.pop(NOTICE, None):
        st.info(say(notice, minutes=settings.staff_idle_minutes()))
    with st.form("sign_in"):
        entered = st.text_input(say("staff.password"), type="password")
        if st.form_submit_button(say("staff.sign_in")):
            check_password(entered, password)


def sidebar() -> None:
    st.sidebar.button(say("staff.sign_out"), on_click=sign_out)
    st.sidebar.caption(say("staff.idle_note", minutes=settings.staff_idle_minutes()))


def sign_out() -> None:
    fresh_session()
    st.session_state[NOTICE] = "staff.signed_out"


def fresh_session() -> None:
    """Forget everything the session holds but the language."""
    for key in list(st.session_state.keys()):
        if key not in KEPT:
            del st.session_state[key]


@st.cache_resource
def throttle() -> SignInThrottle:
    """The wrong passwords of every client, for the whole server process: a new session costs
    a guesser nothing, so counting per session would count nothing."""
    return SignInThrottle()


def connection() -> tuple[str | None, Callable[[str], list[str]]]:
    """What st.context says of this session's connection: the peer's address (None when it is
    this machine) and every value of a request header by name."""
    return st.context.ip_address, st.context.headers.get_all


def check_password(entered: str, password: str) -> None:
    client = clients.client_key(*connection())
    if wait := throttle().wait_seconds(client):
        st.warning(wait_text(wait))  # not even compared: the client waits, everybody else signs in
        return
    # constant time: how long the comparison takes says nothing about the password
    if hmac.compare_digest(entered.encode(), password.encode()):
        throttle().succeeded(client)
        fresh_session()
        st.session_state[SIGNED_IN], st.session_state[SEEN] = True, now()
        st.rerun()
    wait = throttle().failed(client)
    log.warning("a wrong staff password was given by client %s", client)
    st.error(say("staff.wrong_password"))
    if wait:
        st.warning(wait_text(wait))


def wait_text(seconds: float) -> str:
    if seconds < 120:
        return say("staff.wait_seconds", seconds=math.ceil(seconds))
    return say("staff.wait_minutes", minutes=math.ceil(seconds / 60))


# ---- the steps -----------------------------------------------------------------------------

def workflow() -> None:
    st.title(say("staff.title"))
    st.caption(live_text())
    template_step()
    result = upload_step()
    if result is not None:
        check_step(result)
        if result.ok:
            preview_step(result)
    publish_step(result)
    releases_step()


def live_text() -> str:
    manifest = releases.live_manifest()
    if manifest is None:
        return say("staff.live_shipped")
    return say("staff.live_release", version=manifest["version"], id=manifest["id"], date=manifest["created"][:10])


def template_step() -> None:
    st.header(say("staff.step_template"))
    st.markdown(say("staff.template_text"))
    st.download_button(say("staff.template_button"), intake.template_bytes(), "fund_records.xlsx", EXCEL)


# ---- uploads --------------------------------------------------------------------------------
# Streamlit stores a file PUT to /_stcore/upload_file/<session>/<file> for any live session,
# signed in or not, up to server.maxUploadSize (200 MB by default) held in memory. So the
# staff app's server (admin.py) sets that cap to UPLOAD_LIMIT_MB, and its UploadGuard refuses an
# upload, before reading a byte of it, from any session not holding a pass: a session gets
# one each time the upload step is drawn (only signed in), for the idle limit, and loses it on
# the first run that finds it signed out. Refusing at the door, rather than a tiny cap until
# sign-in, leaves a stranger nothing at all to send and keeps one cap, the staff's.

UPLOAD_LIMIT_MB = math.ceil(intake.MAX_BYTES / 2**20)  # Streamlit's MB is 2**20 bytes: 10 MB fits


class UploadPasses:
    """The sessions that may upload, each until a time (the clock's seconds). Thread-safe: the
    sessions' script threads grant and revoke, the server's event loop asks."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def grant(self, session: str, seconds: float) -> None:
        with self._lock:
            now = self._clock()
            self._until = {s: until for s, until in self._until.items() if until > now}  # forget the expired
            self._until[session] = now + seconds

    def revoke(self, session: str) -> None:
        with self._lock:
            self._until.pop(session, None)

    def allows(self, session: str) -> bool:
        with self._lock:
            return self._until.get(session, float("-inf")) > self._clock()


_PASSES = UploadPasses()


def upload_passes() -> UploadPasses:
    """The process's passes: admin.py's guard and every session share this one."""
    return _PASSES


def session_id() -> str:
    context = get_script_run_ctx()
    return context.session_id if context else ""


def upload_step() -> releases.Check | None:
    st.header(say("staff.step_upload"))
    upload_passes().grant(session_id(), settings.staff_idle_minutes() * 60)  # drawn only when signed in
    mode = st.radio(say("staff.mode"), list(releases.MODES), format_func=lambda m: say(f"staff.mode_{m}"))
    table = st.selectbox(say("staff.csv_table"), [None, *IMPORTABLE],
                         format_func=lambda name: say("staff.csv_table_auto") if name is None else name)
    uploaded = st.file_uploader(say("staff.file"), type=["xlsx", "csv"], max_upload_size=UPLOAD_LIMIT_MB)
    if uploaded is None:
        return None
    return checked(uploaded.getvalue(), uploaded.name, mode, table)


def checked(data: bytes, name: str, mode: str, table: str | None) -> releases.Check:
    """The check of this file against the live release, kept while neither changes. The file
    is read once: a workbook with problems is marked from the workbook read_upload loaded,
    at once, and the session keeps the marked file's bytes, not the loaded workbook."""
    key = (name, hashlib.sha256(data).hexdigest(), mode, table, settings.data_version())
    if st.session_state.get("check_key") != key:
        upload = intake.read_upload(data, name, table)
        result = releases.check(upload, mode)
        st.session_state.marked = intake.problems_workbook(upload, result.problems) if result.problems else None
        upload.book = None
        st.session_state.check_key, st.session_state.check = key, result
    return st.session_state.check


def check_step(result: releases.Check) -> None:
    st.header(say("staff.step_check"))
    for note in result.intake.notes:
        st.caption(spoken(note))
    if result.ok:
        st.success(say("staff.no_problems", name=result.intake.name))
        return
    st.error(say("staff.problems_found", count=len(result.problems)))
    st.table(problems_table(result.problems[:SHOWN_ROWS]))
    if len(result.problems) > SHOWN_ROWS:
        st.caption(say("staff.first_problems", shown=SHOWN_ROWS, total=len(result.problems)))
    st.download_button(say("staff.marked_button"), st.session_state.get("marked") or b"",
                       f"{Path(result.intake.name).stem}-problems.xlsx", EXCEL)


def problems_table(problems) -> pd.DataFrame:
    return pd.DataFrame([{say("staff.col_where"): p.file, say("staff.col_row"): str(p.row or ""),
                          say("staff.col_column"): p.column, say("staff.col_value"): advice.shorten(p.value, 60),
                          say("staff.col_problem"): spoken(p.message), say("staff.col_fix"): spoken(p.hint)}
                         for p in problems])


def preview_step(result: releases.Check) -> None:
    st.header(say("staff.step_preview"))
    if not result.changes_anything:
        st.info(say("staff.nothing_changes"))
        return
    before, after = releases.headline(result.before), releases.headline(result.after)
    for column, name in zip(st.columns(len(before)), before):
        column.metric(say(f"staff.headline_{name.replace(' ', '_')}"), f"{before[name]:,} → {after[name]:,}")
    for change in result.changes:
        if change.table != "release" and not change.is_empty:
            table_change(change)


def table_change(change: releases.TableChange) -> None:
    st.subheader(say("staff.table_summary", table=label("table", change.table, lang()), added=len(change.added),
                     changed=change.changed_rows, removed=len(change.removed)))
    if len(change.added):
        st.markdown(say("staff.added", n=len(change.added)))
        st.table(change.added.head(SHOWN_ROWS))
    if change.changed:
        st.markdown(say("staff.changed", count=change.changed_rows))
        st.table(pd.DataFrame([{say("staff.col_row"): c.key, say("staff.col_column"): c.column,
                                say("staff.col_before"): c.before, say("staff.col_after"): c.after}
                               for c in change.changed[:SHOWN_ROWS]]))
    if len(change.removed):
        st.markdown(say("staff.removed", n=len(change.removed)))
        st.table(change.removed.head(SHOWN_ROWS))


def publish_step(result: releases.Check | None) -> None:
    """Step 5 always says where the staff member is: what a publish made (shown here, where
    they clicked, not only at the top of a long page), or what comes before publishing."""
    st.header(say("staff.step_publish"))
    if done := st.session_state.pop("published", None):
        st.success(done)
        return
    if result is None:
        st.caption(say("staff.upload_first"))
    elif not result.ok:
        st.caption(say("staff.fix_first"))
    elif not result.changes_anything:
        st.caption(say("staff.nothing_to_publish"))
    else:
        publish_form(result)


def publish_form(result: releases.Check) -> None:
    with st.form("publish"):
        by = st.text_input(say("staff.your_name"), key="staff_name")
        note = st.text_input(say("staff.note"))
        if st.form_submit_button(say("staff.publish"), type="primary"):
            try:
                manifest = releases.publish(result, by, note)
            except releases.ReleaseError as error:
                st.error(f"{spoken(str(error))}.")
                return
            st.session_state.published = say("staff.published", version=manifest["version"], id=manifest["id"])
            st.session_state.pop("check_key", None)
            st.rerun()


def releases_step() -> None:
    st.header(say("staff.releases"))
    if done := st.session_state.pop("rolled_back", None):
        st.success(done)
    history = releases.history()
    if not history:
        st.caption(say("staff.no_releases"))
        return
    st.table(pd.DataFrame([release_row(m) for m in history]))
    earlier = [m for m in history if m["kind"] != "rollback" and not m["live"]]
    if not earlier:
        return
    names = {m["id"]: say("staff.release_option", version=m["version"], id=m["id"],
                          note=say("staff.as_shipped") if m["kind"] == "shipped" else m["note"]).strip()
             for m in earlier}
    target = st.selectbox(say("staff.rollback_target"), list(names), format_func=names.get)
    by = st.text_input(say("staff.your_name"), value=st.session_state.get("staff_name", ""), key="rollback_by")
    if st.button(say("staff.rollback_button")):
        try:
            manifest = releases.rollback(target, by)
        except releases.ReleaseError as error:
            st.error(f"{spoken(str(error))}.")
            return
        st.session_state.rolled_back = say("staff.rolled_back", version=manifest["version"], id=manifest["id"])
        st.session_state.pop("check_key", None)
        st.rerun()


def release_row(entry: dict) -> dict:
    """A release, or a roll back, as a row of the history table."""
    if entry["kind"] == "rollback":
        changes = say("staff.rollback_row", version=entry["version"], previous=entry["previous_version"] or "—")
        upload = ""
    else:
        changes = "; ".join(say("staff.table_summary", table=label("table", table, lang()), **counts)
                            for table, counts in entry["changes"].items())
        upload = (entry["upload"] or {}).get("name", say("staff.as_shipped"))
    return {say("staff.col_live"): say("staff.live_mark") if entry["live"] else "",
            say("staff.col_release"): str(entry["version"]), say("staff.col_id"): entry["id"],
            say("staff.col_published"): entry["created"].replace("T", " ")[:16], say("staff.col_by"): entry["by"],
            say("staff.col_file"): upload, say("staff.col_changes"): changes, say("staff.col_note"): entry["note"]}
