"""Story: a curated sequence of real views to step through (?step=3), from data/story.csv."""

from dataclasses import replace

import streamlit as st

from fitjp import ui, views
from fitjp.i18n import t
from fitjp.story import StoryError, load_story
from fitjp.text import inert

filters, style, lang = ui.filters(), ui.style(), ui.lang()
try:
    steps = load_story()
except StoryError as error:
    st.error(t("story.invalid", lang) + "\n\n" + "  \n".join(inert(line) for line in str(error).splitlines()))
    st.stop()

requested = st.query_params.get("step", "1")
exists = requested.isdecimal() and 1 <= int(requested) <= len(steps)
number = int(requested) if exists else 1
if not exists:
    # A link to a step that does not exist (?step=99): say so, and which steps do.
    st.warning(t("story.no_step", lang, requested=inert(requested[:20]), steps=len(steps)), icon=":material/info:")
step = steps[number - 1]
shown = replace(step.filters, lang=filters.lang, present=filters.present)


def go(to: int) -> None:
    st.query_params["step"] = str(to)


title, position, back, forward = st.columns([6, 1, 1, 1], vertical_alignment="center")
title.title(inert(step.title(lang)))  # story.csv is a staff file: its text is text
position.markdown(f"**{t('story.position', lang, step=number, steps=len(steps))}**")
back.button(t("story.previous", lang), on_click=go, args=(number - 1,), disabled=number == 1,
            icon=":material/arrow_back:", key="story_previous", width="stretch")
forward.button(t("story.next", lang), on_click=go, args=(number + 1,), disabled=number == len(steps),
               icon=":material/arrow_forward:", key="story_next", width="stretch")
st.markdown(f"## {inert(step.text(lang))}")  # h2: under the h1 title, no level skipped

if step.view == "funding":
    views.funding_history(shown, style, key=f"story_{number}")
elif step.view == "map":
    left, right = st.columns([3, 2]) if shown.present else (st.container(), None)
    with left:
        views.activity_map(shown, style, key=f"story_{number}")
    if right:
        with right:
            views.top_countries(shown, style, key=f"story_{number}_top")
elif step.view == "objectives":
    views.objectives(shown, style, key=f"story_{number}")
elif step.view == "country" and shown.countries:
    if views.country_summary(shown, style, shown.countries[0]):
        views.country_timeline(shown, style, key=f"story_{number}")
elif step.view.startswith("results_"):
    views.results_group(shown, style, step.view.removeprefix("results_"), key=f"story_{number}")
st.caption(t("story.own_filters", lang))

# The whole story as slides to edit (docs/opendata.md).
from fitjp.ui import downloads  # noqa: E402  (beside its one call, for an easy merge)
downloads.story_deck(steps)
