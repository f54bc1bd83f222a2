"""Presentation mode for the council meeting: one message a view, large type, no chrome."""

import streamlit as st

from byr_data import style, ui, views
from byr_data.ui import load as ui_load, programme as ui_programme

st.html(style.PRESENTATION_STYLE)
ui_load.dataset()  # starts a background refresh when the figures are old
chosen = ui.filters()
slide_area = st.container(key="slide")  # drawn after the period is chosen below it
footer, period = st.columns([3, 1], vertical_alignment="bottom")
matrix, portfolio, problems, shown = ui_programme.programme_period(period.container(key="slide-period"))
changes = ui_programme.council_changes(st.session_state.get("periode"))  # «Endringer siden forrige rapport»
slides = ui_load.build(views.presentation, chosen, ui_load.region_settings(), ui_load.source(),
                       ui_load.report_figures(), matrix, portfolio, problems, changes)
with slide_area:
    number = ui.slide_navigation(len(slides))
    ui.show_slide(slides[number - 1], number, len(slides))  # ends with the slide's own source line
if slides[number - 1].by_period:
    footer.caption(shown)
else:  # a slide of SSB's figures or of the report's words: no reporting period to pick or to name
    st.html(style.HIDE_SLIDE_PERIOD)
