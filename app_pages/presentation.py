"""Presentation mode for the council meeting: one message a view, large type, no chrome."""

import streamlit as st

from byr_data import ui, views

st.html(ui.PRESENTATION_STYLE)
ui.dataset()  # starts a background refresh when the figures are old
chosen = ui.filters()
slides = ui.build(views.presentation, chosen, ui.region_settings(), ui.source(), ui.report_figures(),
                            *ui.programme_data())
number = ui.slide_navigation(len(slides))
ui.show_slide(slides[number - 1], number, len(slides))
