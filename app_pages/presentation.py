"""Presentation mode for the council meeting: one message a view, large type, no chrome."""

import streamlit as st

from byr_data import presentation, style
from byr_data.ui import commuting, country, filters, load, papers, programme, slides

st.html(style.PRESENTATION_STYLE)
load.dataset()  # starts a background refresh when the figures are old
chosen = filters.current()
slide_area = st.container(key="slide")  # drawn after the period is chosen below it
# One row under the slide: the period's caption and selector, and the two downloads (the slide keeps the room).
footer, period_column, pdf_column, pptx_column = st.columns([2, 2, 3, 3], vertical_alignment="bottom")
shown = programme.programme_period(period_column.container(key="slide-period"))
changes = programme.council_changes(shown.period)  # «Endringer siden forrige rapport»
sequence = load.build(presentation.presentation, chosen, load.region_settings(), load.source(),
                      load.report_figures(), shown.matrix, shown.portfolio, shown.problems, changes,
                      country.slide(chosen, load.region_settings()), commuting.slides(chosen, load.region_settings()))
with slide_area:
    number = slides.slide_navigation(len(sequence))
    slides.show_slide(sequence[number - 1], number, len(sequence))  # ends with the slide's own source line
if sequence[number - 1].by_period:
    footer.caption(shown.caption)
else:  # a slide of SSB's figures or of the report's words: no reporting period to pick or to name
    st.html(style.HIDE_SLIDE_PERIOD)
papers.presentation_downloads(sequence, pdf_column, pptx_column)  # built when clicked
