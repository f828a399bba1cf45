"""Hostile text from a data file, as a reader's browser shows it: the characters on screen,
no image tag, no javascript link, no dialog (the data is made in tests/test_hostile_input.py)."""

from __future__ import annotations

from harness import new_page, open_page, screenshot, streamlit_server
from test_hostile_input import hostile_data  # noqa: F401  (the fixture: titles written by someone hostile)


def test_hostile_titles_read_as_written_and_nothing_runs(browser, hostile_data):  # noqa: F811
    with streamlit_server(env={"FITJP_DATA_DIR": str(hostile_data)}) as base:
        page = new_page(browser, base)
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        open_page(page, "/objectives")
        main = page.get_by_test_id("stMain")
        text = main.inner_text()
        screenshot(page, "hostile_titles_objectives")
        assert "<img src=x onerror=alert(1)>" in text and "[click](javascript:alert(1))" in text
        assert "**bold**" in text
        assert main.locator("img[src='x'], a[href^='javascript']").count() == 0
        assert not dialogs
        page.context.close()
