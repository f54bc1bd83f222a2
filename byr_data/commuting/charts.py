"""Charts for «Arbeidsmarkedet» (`commuting.pages`): the internal share over time, the flow matrix as a
heat map with its numbers, each municipality's split, the largest places outside, and net commuting.
Every chart prints its numbers, so colour is never the only carrier of a value."""

from __future__ import annotations

import altair as alt
import pandas as pd

from byr_data.chart_parts import (
    GROWTH_COLORS,
    REGION_COLOR,
    TEXT_COLOR,
    break_marker,
    finish,
    layers,
    legend,
    year_axis,
)
from byr_data.commuting import model

# Light fills under dark labels (every chart text ≥ 4.5:1, as on a white chart); each segment carries its
# share as text and a dark outline, so neither the value nor the border depends on the fill alone.
PLACE_COLORS = {model.HOME: "#9ecae1", model.ELSEWHERE: "#c7e9c0", model.OUTSIDE: "#fdd0a2"}
OUTLINE = "#31333f"
BAR_COLOR = "#B26B00"  # the places outside: one colour, each bar labelled with its number
PERCENT_AXIS = alt.Axis(format=".0%")
NAME_AXIS = alt.Axis(labelLimit=alt.ExprRef("max(120, containerSize()[0] * 0.3)"))
MATRIX_RANGE = ["#f7fbff", "#6baed6"]  # light to mid blue: the dark numbers stay ≥ 4.5:1 on every cell


def _rows_height(rows: int, extra: int = 200) -> int:
    return extra + 38 * rows


def share_chart(share: pd.DataFrame, title: str, source: str) -> alt.TopLevelMixin:
    """The internal share per year (columns aar, andel, tekst), labelled at each point."""
    shown = share.dropna(subset=["andel"])
    years = [int(y) for y in shown["aar"]]
    x = year_axis(years)
    y = alt.Y("andel:Q", title="Andel som jobber i området", axis=PERCENT_AXIS, scale=alt.Scale(domain=[0, 1]))
    tooltip = [alt.Tooltip("aar:Q", title="År", format="d"), alt.Tooltip("tekst:N", title="Andel"),
               alt.Tooltip("innenfor:Q", title="Bor og jobber i regionen", format=",.0f"),
               alt.Tooltip("bosatte:Q", title="Sysselsatte bosatte", format=",.0f")]
    line = alt.Chart(shown).mark_line(color=REGION_COLOR, strokeWidth=3, point=alt.OverlayMarkDef(size=80, filled=True))
    labels = alt.Chart(shown).mark_text(dy=-14, style="value-label", color=REGION_COLOR)
    chart = alt.layer(*layers(line.encode(x=x, y=y, tooltip=tooltip), labels.encode(x=x, y=y, text=alt.Text("tekst:N")),
                              break_marker(years)))
    return finish(chart, title, source, height=380)


def matrix_chart(matrix: pd.DataFrame, title: str, source: str, height: int | None = None) -> alt.TopLevelMixin:
    """Home (rows) × workplace (columns): the number of persons in each cell, shaded by the share of the
    home municipality's employed residents (columns bosted_navn, arbeidssted_navn, sysselsatte, andel, tekst)."""
    order = list(dict.fromkeys(matrix["bosted_navn"]))
    x = alt.X("arbeidssted_navn:N", title="Arbeidssted", sort=order,
              axis=alt.Axis(orient="top", labelAngle=-45, labelLimit=140, labelOverlap=False))
    # Every home named: Vega would drop every other name where the rows are short (a slide at 1280×720).
    y = alt.Y("bosted_navn:N", title="Bosted", sort=order, axis=alt.Axis(labelLimit=140, labelOverlap=False))
    tooltip = [alt.Tooltip("bosted_navn:N", title="Bor i"), alt.Tooltip("arbeidssted_navn:N", title="Jobber i"),
               alt.Tooltip("tekst:N", title="Sysselsatte"), alt.Tooltip("andel:Q", title="Andel av de bosatte", format=".1%")]
    cells = alt.Chart(matrix).mark_rect(stroke="white", strokeWidth=1).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("andel:Q", title="Andel av de bosatte", scale=alt.Scale(range=MATRIX_RANGE, domain=[0, 1]),
                        legend=alt.Legend(format=".0%", orient="bottom", direction="horizontal", gradientLength=220)))
    numbers = alt.Chart(matrix).mark_text(style="value-label", color=TEXT_COLOR).encode(
        x=x, y=y, text=alt.Text("tekst:N"), tooltip=tooltip)
    return finish(alt.layer(cells, numbers), title, source, height=height or _rows_height(len(order), 260))


def split_chart(parts: pd.DataFrame, title: str, source: str) -> alt.TopLevelMixin:
    """Each municipality's employed residents: at home, elsewhere in the selection, outside (stacked
    shares, each segment labelled; columns bosted_navn, sted, andel, sysselsatte, tekst)."""
    order = list(dict.fromkeys(parts["bosted_navn"]))
    present = [p for p in PLACE_COLORS if p in set(parts["sted"])]
    shown = parts.assign(rekkefolge=parts["sted"].map({p: i for i, p in enumerate(model.PLACES)}))
    y = alt.Y("bosted_navn:N", title=None, sort=order, axis=NAME_AXIS)
    x = alt.X("andel:Q", title="Andel av de sysselsatte som bor i kommunen", axis=PERCENT_AXIS, stack="normalize")
    tooltip = [alt.Tooltip("bosted_navn:N", title="Bor i"), alt.Tooltip("sted:N", title="Jobber"),
               alt.Tooltip("tekst:N", title="Sysselsatte")]
    bars = alt.Chart(shown).mark_bar(height={"band": 0.7}, stroke=OUTLINE, strokeWidth=1).encode(
        x=x, y=y, order=alt.Order("rekkefolge:Q"), tooltip=tooltip,
        color=alt.Color("sted:N", title=None, legend=legend(len(present)),
                        scale=alt.Scale(domain=present, range=[PLACE_COLORS[p] for p in present])))
    labels = alt.Chart(shown[shown["andel"] >= 0.08]).mark_text(style="value-label", color=TEXT_COLOR).encode(
        x=alt.X("andel:Q", stack="normalize", bandPosition=0.5), y=y, order=alt.Order("rekkefolge:Q"),
        text=alt.Text("andel:Q", format=".0%"), detail="sted:N")
    return finish(alt.layer(bars, labels), title, source, height=_rows_height(len(order), 230))


def places_chart(places: pd.DataFrame, title: str, source: str, axis: str) -> alt.TopLevelMixin:
    """Persons by place outside the selection, largest first (columns kommune, sysselsatte, tekst)."""
    order = list(places["kommune"])
    y = alt.Y("kommune:N", title=None, sort=order, axis=NAME_AXIS)
    tooltip = [alt.Tooltip("kommune:N", title="Kommune"), alt.Tooltip("tekst:N", title="Sysselsatte")]
    bars = alt.Chart(places).mark_bar(height={"band": 0.7}, color=BAR_COLOR).encode(
        x=alt.X("sysselsatte:Q", title=axis, scale=alt.Scale(domain=[0, float(places["sysselsatte"].max()) * 1.15])),
        y=y, tooltip=tooltip)
    labels = alt.Chart(places).mark_text(align="left", dx=4, style="value-label", color=REGION_COLOR).encode(
        x="sysselsatte:Q", y=y, text="tekst:N")
    return finish(alt.layer(bars, labels), title, source, height=_rows_height(len(order), 150))


def net_chart(net: pd.DataFrame, title: str, source: str) -> alt.TopLevelMixin:
    """Net commuting per municipality and for the selection (columns kommune, netto, retning, tekst)."""
    order = list(net["kommune"])
    present = [w for w in ("Netto innpendling", "Netto utpendling") if w in set(net["retning"])]
    colors = {"Netto innpendling": GROWTH_COLORS["Vekst"], "Netto utpendling": GROWTH_COLORS["Nedgang"]}
    y = alt.Y("kommune:N", title=None, sort=order, axis=NAME_AXIS)
    tooltip = [alt.Tooltip("kommune:N", title="Kommune"), alt.Tooltip("tekst:N", title="Netto"),
               alt.Tooltip("inn:Q", title="Pendler inn", format=",.0f"), alt.Tooltip("ut:Q", title="Pendler ut", format=",.0f")]
    bars = alt.Chart(net).mark_bar(height={"band": 0.7}).encode(
        x=alt.X("netto:Q", title="Pendler inn minus pendler ut", scale=alt.Scale(padding=60),
                axis=alt.Axis(labelExpr="(datum.value > 0 ? '+' : '') + format(datum.value, ',.0f')")),
        y=y, tooltip=tooltip,
        color=alt.Color("retning:N", title=None, legend=legend(len(present)),
                        scale=alt.Scale(domain=present, range=[colors[w] for w in present])))
    labels = [alt.Chart(net[part]).mark_text(align=align, dx=dx, style="value-label", color=REGION_COLOR).encode(
        x="netto:Q", y=y, text="tekst:N") for part, align, dx in ((net["netto"] >= 0, "left", 4), (net["netto"] < 0, "right", -4))]
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#555").encode(x="x:Q")
    return finish(alt.layer(bars, zero, *labels), title, source, height=_rows_height(len(order), 200))
