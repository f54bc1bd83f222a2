"""Presentation mode for the council meeting: one message a view, large type, no chrome."""

import streamlit as st

from byr_data import reporting, ui, views

st.html(ui.PRESENTATION_STYLE)
data = ui.dataset()
chosen = ui.filters()
matrix, portfolio, problems = ui.programme_data()
changes = tuple(reporting.changes_slides(ui.status_changes(matrix, portfolio)))  # «Endringer siden forrige rapport»
slides = ui.build(views.presentation, chosen, ui.region_settings(), ui.source(), ui.report_figures(),
                  matrix, portfolio, problems, changes)
number = ui.slide_navigation(len(slides))
ui.show_slide(slides[number - 1])
st.caption(f"{number} / {len(slides)} · {ui.data_age_line(data)}")
