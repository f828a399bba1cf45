"""The staff app, step by step on one page. Every step calls fitjp.record.intake or fitjp.record.releases,
exactly what the CLI calls; nothing here decides what is valid."""

from __future__ import annotations

import hashlib
import hmac
import logging
from pathlib import Path

import pandas as pd
import streamlit as st

from fitjp import settings
from fitjp.record import intake, releases
from fitjp.record.intake import IMPORTABLE
from fitjp.staff.throttle import SignInThrottle

TITLE = "Staff: publish the fund's records"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_ROWS = 200  # rows of a problems or changes table shown on the page; the download has all
SECRETS_EXAMPLE = '''# .streamlit/secrets.toml, beside admin.py (never commit it: .gitignore lists it)
staff_password = "a long passphrase only the fund's staff know"'''
log = logging.getLogger("fitjp.staff")


def main() -> None:
    st.set_page_config(page_title="FIT Japan IP Global: staff", layout="wide")
    # One page of its own: without st.navigation Streamlit would list pages/ (the public
    # dashboard's pages) in this app's sidebar.
    st.navigation([st.Page(run, title="Staff", default=True)], position="hidden").run()


def run() -> None:
    try:
        if signed_in():
            workflow()
    except Exception:  # a bug must never show a traceback: say so, keep the data as it was
        log.exception("staff app failed")
        st.error("Something went wrong, and nothing was changed. The error was written to the "
                 "server's log; please send the file you uploaded to the dashboard's maintainers.")


# ---- sign in -------------------------------------------------------------------------------

def expected_password() -> str | None:
    try:
        return st.secrets.get("staff_password") or None
    except Exception:  # no secrets file at all, or one that does not parse
        return None


def signed_in() -> bool:
    """True once the password from the secrets was given; with none set, say how to set one."""
    password = expected_password()
    if password is None:
        st.title(TITLE)
        st.warning("No staff password is set, so this app does nothing yet. Put one in "
                   "`.streamlit/secrets.toml` and restart it:")
        st.code(SECRETS_EXAMPLE, language="toml")
        st.caption("An organisation's accounts can sign in instead through OIDC (st.login): see docs/staff.md.")
        return False
    if st.session_state.get("staff_signed_in"):
        return True
    st.title(TITLE)
    with st.form("sign_in"):
        entered = st.text_input("Password", type="password")
        if st.form_submit_button("Sign in"):
            check_password(entered, password)
    return False


@st.cache_resource
def throttle() -> SignInThrottle:
    """One count of wrong passwords for the whole server process."""
    return SignInThrottle()


def check_password(entered: str, password: str) -> None:
    wait = throttle().wait_seconds()
    if wait:
        st.error(f"Too many wrong passwords. Sign-in is paused for {max(1, round(wait / 60))} minute(s); "
                 "ask a colleague who knows the password, or wait.")
        return
    # constant time: how long the comparison takes says nothing about the password
    if hmac.compare_digest(entered.encode(), password.encode()):
        throttle().succeeded()
        st.session_state.staff_signed_in = True
        st.rerun()
    throttle().failed()
    log.warning("a wrong staff password was given")
    st.error("That is not the staff password.")


# ---- the steps -----------------------------------------------------------------------------

def workflow() -> None:
    st.title(TITLE)
    st.caption(live_text())
    for message in st.session_state.pop("flash", []):
        st.success(message)
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
        return "Live: the data as shipped (no release published yet)."
    return f"Live: release {manifest['version']} ({manifest['id']}), published {manifest['created'][:10]}."


def template_step() -> None:
    st.header("1. Take the template")
    st.markdown("One sheet per table, an **instructions** sheet, and a drop-down list in every "
                "column with a fixed list of values.")
    st.download_button("Download the template (Excel)", intake.template_bytes(), "fund_records.xlsx", EXCEL)


def upload_step() -> releases.Check | None:
    st.header("2. Upload the filled-in file")
    mode = st.radio("What the file does", list(releases.MODES), format_func=lambda m: releases.MODES[m].capitalize())
    table = st.selectbox("A CSV holds one table: which one?", ["(tell from the file)", *IMPORTABLE])
    uploaded = st.file_uploader("Excel (.xlsx) or CSV file, in the template", type=["xlsx", "csv"])
    if uploaded is None:
        return None
    return checked(uploaded.getvalue(), uploaded.name, mode, None if table.startswith("(") else table)


def checked(data: bytes, name: str, mode: str, table: str | None) -> releases.Check:
    """The check of this file against the live release, kept while neither changes."""
    key = (name, hashlib.sha256(data).hexdigest(), mode, table, settings.data_version())
    if st.session_state.get("check_key") != key:
        st.session_state.check_key = key
        st.session_state.check = releases.check(intake.read_upload(data, name, table), mode)
        st.session_state.check_data = data  # to mark the bad cells in the workbook itself
    return st.session_state.check


def check_step(result: releases.Check) -> None:
    st.header("3. Check")
    for note in result.intake.notes:
        st.caption(note)
    if result.ok:
        st.success(f"No problems found in {result.intake.name}.")
        return
    st.error(f"{len(result.problems)} problem(s) found in {result.intake.name}. Fix them in your file and "
             "upload it again: nothing can be published until then.")
    st.table(problems_table(result.problems[:SHOWN_ROWS]))
    if len(result.problems) > SHOWN_ROWS:
        st.caption(f"The first {SHOWN_ROWS} problems; the download lists all {len(result.problems)}.")
    st.download_button("Download your file with the problems marked",
                       intake.problems_workbook(result.intake, result.problems, st.session_state.get("check_data")),
                       f"{Path(result.intake.name).stem}-problems.xlsx", EXCEL)


def problems_table(problems) -> pd.DataFrame:
    return pd.DataFrame([{"where": p.file, "row": str(p.row or ""), "column": p.column,
                          "value": advice.shorten(p.value, 60), "problem": p.message, "how to fix": p.hint}
                         for p in problems])


def preview_step(result: releases.Check) -> None:
    st.header("4. Preview")
    if not result.changes_anything:
        st.info("The file holds only rows already published as they are: publishing would change nothing.")
        return
    before, after = releases.headline(result.before), releases.headline(result.after)
    for column, name in zip(st.columns(len(before)), before):
        column.metric(name.capitalize(), f"{before[name]:,} → {after[name]:,}")
    for change in result.changes:
        if change.table != "release" and not change.is_empty:
            table_change(change)


def table_change(change: releases.TableChange) -> None:
    st.subheader(change.summary())
    if len(change.added):
        st.markdown(f"**Added** ({len(change.added)})")
        st.table(change.added.head(SHOWN_ROWS))
    if change.changed:
        st.markdown(f"**Changed** ({change.changed_rows} rows; before → after)")
        st.table(pd.DataFrame([{"row": c.key, "column": c.column, "before": c.before, "after": c.after}
                               for c in change.changed[:SHOWN_ROWS]]))
    if len(change.removed):
        st.markdown(f"**Removed** ({len(change.removed)})")
        st.table(change.removed.head(SHOWN_ROWS))


def publish_step(result: releases.Check) -> None:
    st.header("5. Publish")
    if not result.changes_anything:
        return
    with st.form("publish"):
        by = st.text_input("Your name")
        note = st.text_input("What this release changes (shown on the public Sources page)")
        if st.form_submit_button("Publish", type="primary"):
            try:
                manifest = releases.publish(result, by, note)
            except releases.ReleaseError as error:
                st.error(f"{error}.")
                return
            st.session_state.flash = [f"Published release {manifest['version']} ({manifest['id']}): "
                                      "the public dashboard shows it now."]
            st.session_state.pop("check_key", None)
            st.rerun()


def releases_step() -> None:
    st.header("Releases")
    history = releases.history()
    if not history:
        st.caption("No release yet: the public dashboard shows the data as shipped.")
        return
    st.table(pd.DataFrame([release_row(m) for m in history]))
    earlier = [m for m in history if m["kind"] != "rollback" and not m["live"]]
    if not earlier:
        return
    names = {m["id"]: f"release {m['version']} ({m['id']}) {m['note']}".strip() for m in earlier}
    target = st.selectbox("Release to make live again", list(names), format_func=names.get)
    if st.button("Roll back to this release"):
        try:
            manifest = releases.rollback(target, st.session_state.get("staff_name", ""))
        except releases.ReleaseError as error:
            st.error(f"{error}.")
            return
        st.session_state.flash = [f"Rolled back: release {manifest['version']} ({manifest['id']}) is live again."]
        st.session_state.pop("check_key", None)
        st.rerun()


def release_row(manifest: dict) -> dict:
    if manifest["kind"] == "rollback":
        return {"live": "", "release": str(manifest["version"]), "id": manifest["id"],
                "published": manifest["created"].replace("T", " ")[:16], "by": manifest["by"],
                "file": "", "changes": f"rolled back to release {manifest['version']} "
                                      f"from release {manifest['previous_version'] or '-'}", "note": ""}
    changes = "; ".join(f"{table}: {c['added']} added, {c['changed']} changed, {c['removed']} removed"
                        for table, c in manifest["changes"].items())
    return {"live": "● live" if manifest["live"] else "", "release": str(manifest["version"]),
            "id": manifest["id"], "published": manifest["created"].replace("T", " ")[:16],
            "by": manifest["by"], "file": (manifest["upload"] or {}).get("name", "as shipped"),
            "changes": changes, "note": manifest["note"]}
