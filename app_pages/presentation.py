"""Presentation mode for the council meeting: one message a view, large type, no chrome."""

import streamlit as st

from byr_data import ui, views

st.html(ui.PRESENTATION_STYLE)
data = ui.dataset()
chosen = ui.filters()
slide_area = st.container()  # drawn after the period is chosen below it
footer, period = st.columns([3, 1], vertical_alignment="bottom")
matrix, portfolio, problems, shown = ui.programme_period(period)
changes = ui.council_changes(st.session_state.get("periode"))  # «Endringer siden forrige rapport»
slides = ui.build(views.presentation, chosen, ui.region_settings(), ui.source(), ui.report_figures(),
                  matrix, portfolio, problems, changes)
with slide_area:
    number = ui.slide_navigation(len(slides))
    ui.show_slide(slides[number - 1])
footer.caption(f"{number} / {len(slides)} · {ui.data_age_line(data)} · {shown}")
