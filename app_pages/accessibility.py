"""«Tilgjengelighetserklæring»: what was tested for WCAG 2.1 AA, what does not meet it, whom to contact."""

import streamlit as st

from byr_data import accessibility, fmt

st.title("Tilgjengelighetserklæring", anchor=False)
try:
    settings = accessibility.load_settings()
except accessibility.AccessibilitySettingsError as exc:
    st.error(f"Tilgjengelighetserklæringen kan ikke vises før innstillingene er rettet. "
             f"{fmt.escape_markdown(str(exc))}")
    st.stop()
message, sections = accessibility.statement(settings, accessibility.low_contrast_municipalities())
st.markdown(f"**{message}**")
for section in sections:
    st.header(section.title, anchor=False)
    st.markdown(section.body)
