"""The presentation's screens: the slide navigation (the one owner of «lysbilde») and one slide
drawn for the projector."""

from __future__ import annotations

import re

import streamlit as st

from byr_data import fmt, style
from byr_data.page_model import Slide

NUMBERED = re.compile(r"\d+\. ")  # a list item that starts with its own number


def slide_navigation(count: int) -> int:
    """Previous/next buttons (and the arrow keys); the current view lives in the URL as «lysbilde»."""
    def step(delta: int) -> None:
        st.session_state["lysbilde"] = min(max((st.session_state.get("lysbilde") or 1) + delta, 1), count)

    # Keyed for PRESENTATION_STYLE: on a phone the two buttons share a row and the numbers take one below.
    previous, position, following = st.container(key="slide-nav").columns([1, 4, 1], vertical_alignment="center")
    # The arrow keys work too; Streamlit shows the shortcut on the button.
    previous.button("Forrige", on_click=step, args=(-1,), key="forrige", shortcut="Left", width="stretch")
    following.button("Neste", on_click=step, args=(1,), key="neste", shortcut="Right", width="stretch")
    st.session_state.setdefault("lysbilde", 1)  # highlight the first view before the URL has one
    with position:
        number = st.segmented_control("Visning", list(range(1, count + 1)), key="lysbilde",
                                      bind="query-params", label_visibility="collapsed")
    return number or 1


MAX_LARGE_ITEMS = 5  # a text slide with more items sets its message smaller, so the list gets the room


def show_slide(slide: Slide, number: int, count: int) -> None:
    st.title(slide.heading, anchor=False)
    # Keyed containers get a CSS class (st-key-…) that PRESENTATION_STYLE sizes. A chart or a long list
    # needs the room: its message is set smaller. Otherwise the text has the screen and is set larger.
    roomy = slide.chart is None and len(slide.items) <= MAX_LARGE_ITEMS
    kind = slide.tone if roomy else "chart"
    large = "-large" if roomy else ""
    with st.container(key="slide-message"):
        st.container(key=f"slide-message-{kind}").markdown(fmt.escape_markdown(slide.message))
    if slide.detail:
        st.container(key=f"slide-detail{large}").markdown(fmt.escape_markdown(slide.detail))
    if slide.spec is not None:
        # Streamlit sizes charts only in pixels: the chart stretches to its container, whose height
        # PRESENTATION_STYLE sets as a share of the screen.
        # (the pixel height only makes it a fixed-height container, in which a chart can stretch; the
        # style replaces it).
        with st.container(key="slide-chart", height=400, border=False):
            st.vega_lite_chart(slide.spec, width="stretch", height="stretch")
    if slide.items:
        # Items that carry their own number («1. …») are paragraphs of their own, not bullets as well.
        numbered = all(NUMBERED.match(item) for item in slide.items)
        if slide.chart is None:  # the list has the chart's room: its letters fill the screen
            st.html(style.slide_list_style(slide.items, bulleted=not numbered))
        st.container(key="slide-items-fill" if slide.chart is None else "slide-items").markdown(
            "\n\n".join(fmt.escape_markdown(item) for item in slide.items) if numbered
            else "\n".join(f"- {fmt.escape_markdown(item)}" for item in slide.items))
    # The source line is the app's own text (a credit and a date), not text from outside.
    st.container(key="slide-source").caption(f"{number} / {count}" + (f" · {slide.source}" if slide.source else ""))
