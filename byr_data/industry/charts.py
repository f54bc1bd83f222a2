"""Charts for «Næringer og landet» (`industry.pages`): industries' changes, location quotients,
the region against Norway and the shift-share split. Built on the shared parts in `chart_parts`."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from byr_data import regions
from byr_data.chart_parts import (
    BAR_WIDTH,
    FLAT_BAR,
    GROWTH_COLORS,
    REGION_COLOR,
    SIGNED,
    SIGNED_AXIS,
    SIGNED_X_AXIS,
    axis_title,
    break_marker,
    finish,
    layers,
    legend,
    year_axis,
    year_band,
    years_of,
)

COUNTRY_COLOR = "#6b6b6b"  # Norway: grey and dashed, so it never depends on colour alone
ACTUAL = "Faktisk endring"
EFFECT_COLORS = {"Som landet": "#6b6b6b", "Bransjeeffekt": "#B26B00", "Lokal effekt": "#0072B2",
                 ACTUAL: REGION_COLOR}
SIGNED_DECIMAL_AXIS = alt.Axis(labelExpr="(datum.value > 0 ? '+' : '') + format(datum.value, ',.1f')",
                               tickMinStep=0.1)


# Industry names get up to 35 % of the chart's container on a laptop and a projector, on one line. In a
# narrow container (a phone, a slide on a phone) a long name takes two lines instead of being cut with «…».
# From the container, not the plot: the plot's width depends on the labels.
NARROW_CONTAINER_PX = 560
TWO_LINES_FROM = 18  # characters: a shorter name stays on one line on a phone too


def two_lines(name: str) -> list[str]:
    """A long name split at the space nearest its middle (one line if it has no space or is short)."""
    spaces = [i for i, char in enumerate(name) if char == " "]
    if len(name) < TWO_LINES_FROM or not spaces:
        return [name]
    middle = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return [name[:middle], name[middle + 1:]]


def name_axis(names) -> alt.Axis:
    """The industry axis: whole names, on two lines in a narrow container (a lookup by name in the spec)."""
    split = {name: lines for name in dict.fromkeys(names) if len(lines := two_lines(name)) > 1}
    lookup = json.dumps(split, ensure_ascii=False)
    return alt.Axis(labelLimit=alt.ExprRef("max(150, containerSize()[0] * 0.35)"), labelLineHeight=15,
                    labelExpr=f"(containerSize()[0] < {NARROW_CONTAINER_PX} ? {lookup}[datum.label] : null)"
                              " || datum.label")


def _bar_height(rows: int) -> int:
    """Streamlit fits title, axis and legend into the height: room for one labelled bar per row besides."""
    return 230 + 34 * rows


def _bar_labels(shown: pd.DataFrame, y: alt.Y, field: str) -> list[alt.Chart]:
    """The value at the end of each horizontal bar: right of a gain, left of a loss."""
    return [alt.Chart(shown[part]).mark_text(align=align, dx=dx, style="value-label", color=REGION_COLOR).encode(
        x=f"{field}:Q", y=y, text="tekst:N")
        for part, align, dx in ((shown[field] >= 0, "left", 4), (shown[field] < 0, "right", -4))]


def section_change_chart(table: pd.DataFrame, title: str, source: str) -> alt.TopLevelMixin:
    """Change per industry as horizontal bars, largest gain first (columns naering_tekst, endring, tekst)."""
    shown = table.dropna(subset=["endring"]).assign(
        retning=lambda t: t["endring"].map(lambda v: "Vekst" if round(v) > 0 else "Nedgang" if round(v) < 0 else "Uendret"))
    order = list(shown.sort_values("endring", ascending=False)["naering_tekst"])
    present = [word for word in GROWTH_COLORS if word in set(shown["retning"])]  # no empty legend entries
    y = alt.Y("naering_tekst:N", title=None, sort=order, axis=name_axis(order))
    bars = alt.Chart(shown).mark_bar(height={"band": 0.7}).encode(
        x=alt.X("endring:Q", title="Endring i arbeidsplasser", axis=SIGNED_X_AXIS, scale=alt.Scale(padding=40)),
        y=y,
        color=alt.Color("retning:N", title=None, legend=legend(len(present)),
                        scale=alt.Scale(domain=present, range=[GROWTH_COLORS[w] for w in present])),
        tooltip=[alt.Tooltip("naering_tekst:N", title="Næring"), alt.Tooltip("endring:Q", format=SIGNED, title="Endring")],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#555").encode(x="x:Q")
    return finish(alt.layer(bars, zero, *_bar_labels(shown, y, "endring")), title, source,
                  height=_bar_height(len(shown)))


def location_quotient_chart(table: pd.DataFrame, title: str, source: str) -> alt.TopLevelMixin:
    """Location quotients as bars around 1 = «som landet» (columns naering_tekst, kvotient, andel_her, andel_landet)."""
    shown = table.dropna(subset=["kvotient"]).assign(
        forhold=lambda t: t["kvotient"].map(lambda q: "Større enn i landet" if q >= 1 else "Mindre enn i landet"))
    order = list(shown.sort_values("kvotient", ascending=False)["naering_tekst"])
    bars = alt.Chart(shown).mark_bar(height={"band": 0.7}).encode(
        x=alt.X("kvotient:Q", title=axis_title("Lokaliseringskvotient (1 = som landet)"), axis=alt.Axis(format=",.1f")),
        y=alt.Y("naering_tekst:N", title=None, sort=order, axis=name_axis(order)),
        color=alt.Color("forhold:N", title=None, scale=alt.Scale(
            domain=["Større enn i landet", "Mindre enn i landet"], range=["#0072B2", "#7f7f7f"])),
        tooltip=[alt.Tooltip("naering_tekst:N", title="Næring"),
                 alt.Tooltip("andel_her:Q", format=",.1f", title="Andel her (%)"),
                 alt.Tooltip("andel_landet:Q", format=",.1f", title="Andel i landet (%)"),
                 alt.Tooltip("kvotient:Q", format=",.2f", title="Kvotient")],
    )
    one = pd.DataFrame({"x": [1.0], "tekst": ["Som landet"]})
    rule = alt.Chart(one).mark_rule(color=REGION_COLOR, strokeDash=[6, 3], strokeWidth=2).encode(x="x:Q")
    text = alt.Chart(one).mark_text(align="left", baseline="bottom", dx=4, dy=-3, style="reference-label",
                                    color=REGION_COLOR).encode(
        x="x:Q", y=alt.value(0), text="tekst:N")
    return finish(alt.layer(bars, rule, text), title, source, height=_bar_height(len(shown)))


def versus_country_chart(series: pd.DataFrame, title: str, source: str, y_title: str) -> alt.TopLevelMixin:
    """Index lines for the selection (solid, dark) and Norway (dashed, grey); columns aar, serie, verdi."""
    names = list(dict.fromkeys(series["serie"]))
    country = regions.municipality_name(regions.NORWAY)
    colors = [COUNTRY_COLOR if name == country else REGION_COLOR for name in names]
    dashes = [[6, 4] if name == country else [1, 0] for name in names]
    lines = alt.Chart(series).mark_line(point=True, strokeWidth=3).encode(
        x=year_axis(years_of(series)),
        y=alt.Y("verdi:Q", title=y_title, axis=alt.Axis(format=",.1f"), scale=alt.Scale(zero=False)),
        color=alt.Color("serie:N", title=None, scale=alt.Scale(domain=names, range=colors), sort=names,
                        legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=3, symbolSize=500)),
        strokeDash=alt.StrokeDash("serie:N", title=None, scale=alt.Scale(domain=names, range=dashes), sort=names,
                                  legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=3, symbolSize=500)),
        tooltip=[alt.Tooltip("serie:N", title="Serie"), alt.Tooltip("aar:Q", format="d", title="År"),
                 alt.Tooltip("verdi:Q", format=",.1f", title=y_title)],
    )
    hundred = alt.Chart(pd.DataFrame({"y": [100]})).mark_rule(color="#aaa").encode(y="y:Q")
    return finish(alt.layer(hundred, lines), title, source, height=380)


def relative_growth_chart(table: pd.DataFrame, title: str, source: str) -> alt.TopLevelMixin:
    """The selection's growth minus Norway's per year, in percentage points (columns aar, relativ, ...)."""
    shown = table.dropna(subset=["relativ"]).assign(
        forhold=lambda t: t["relativ"].map(lambda v: "Raskere enn landet" if v > 0 else "Svakere enn landet"))
    years = years_of(table)
    bars = alt.Chart(shown).mark_bar(width=BAR_WIDTH).encode(
        x=year_band(years),
        y=alt.Y("relativ:Q", title="Prosentpoeng", axis=SIGNED_DECIMAL_AXIS),
        color=alt.Color("forhold:N", title=None, scale=alt.Scale(
            domain=["Raskere enn landet", "Svakere enn landet"], range=["#2e7d32", "#b23a3a"])),
        tooltip=[alt.Tooltip("aar:O", title="År"),
                 alt.Tooltip("vekst_her:Q", format="+,.1f", title="Vekst her (%)"),
                 alt.Tooltip("vekst_landet:Q", format="+,.1f", title="Vekst i landet (%)"),
                 alt.Tooltip("relativ:Q", format="+,.1f", title="Forskjell (prosentpoeng)")],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#555").encode(y="y:Q")
    return finish(alt.layer(*layers(zero, bars, break_marker(years, band=True))), title, source, height=340)


def shift_share_chart(steps: pd.DataFrame, title: str, source: str) -> alt.TopLevelMixin:
    """The split as a waterfall: «Som landet», «Bransjeeffekt», «Lokal effekt» step from 0 to the
    actual change, drawn as its own bar from 0 (columns komponent, fra, til, verdi, tekst)."""
    names = list(steps["komponent"])
    y = alt.Y("komponent:N", title=None, sort=names, axis=alt.Axis(labelLimit=220))
    bars = alt.Chart(steps).mark_bar(height={"band": 0.65}).encode(
        x=alt.X("fra:Q", title="Arbeidsplasser", axis=SIGNED_X_AXIS), x2="til:Q", y=y,
        color=alt.Color("komponent:N", legend=None, scale=alt.Scale(domain=names,
                                                                    range=[EFFECT_COLORS.get(n, REGION_COLOR) for n in names])),
        tooltip=[alt.Tooltip("komponent:N", title="Del"), alt.Tooltip("verdi:Q", format=SIGNED, title="Arbeidsplasser")],
    )
    labels = alt.Chart(steps).mark_text(align="left", dx=6, style="value-label-strong", color=REGION_COLOR).encode(
        x=alt.X("ende:Q"), y=y, text="tekst:N",
    ).transform_calculate(ende="max(datum.fra, datum.til)")
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#555").encode(x="x:Q")
    return finish(alt.layer(zero, bars, labels), title, source, height=300)


def shift_share_years_chart(yearly: pd.DataFrame, title: str, source: str) -> alt.TopLevelMixin:
    """Year by year: the three effects stacked per year, the actual change as a black tick
    (columns aar, komponent, verdi for the effects; aar, faktisk for the tick)."""
    effects = ["Som landet", "Bransjeeffekt", "Lokal effekt"]
    long = yearly.melt(id_vars=["aar"], value_vars=["landet", "bransje", "lokal"], var_name="del", value_name="verdi")
    long["komponent"] = long["del"].map(dict(zip(["landet", "bransje", "lokal"], effects)))
    years = years_of(yearly)
    bars = alt.Chart(long).mark_bar(width=BAR_WIDTH).encode(
        x=year_band(years),
        y=alt.Y("verdi:Q", title="Arbeidsplasser", axis=SIGNED_AXIS, stack="zero"),
        color=alt.Color("komponent:N", title=None, sort=[*effects, ACTUAL],
                        scale=alt.Scale(domain=[*effects, ACTUAL], range=[EFFECT_COLORS[e] for e in (*effects, ACTUAL)]),
                        legend=alt.Legend(title=None, symbolType=alt.ExprRef(
                            f"datum.value === '{ACTUAL}' ? '{FLAT_BAR}' : 'square'"))),
        order=alt.Order("del:N"),
        tooltip=[alt.Tooltip("aar:O", title="År"), alt.Tooltip("komponent:N", title="Del"),
                 alt.Tooltip("verdi:Q", format=SIGNED, title="Arbeidsplasser")],
    )
    net = alt.Chart(yearly).mark_tick(thickness=4, orient="horizontal").encode(
        x=alt.X("aar:O"), y="faktisk:Q", color=alt.ColorDatum(ACTUAL),
        tooltip=[alt.Tooltip("aar:O", title="År"), alt.Tooltip("faktisk:Q", format=SIGNED, title="Faktisk endring")])
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#555").encode(y="y:Q")
    return finish(alt.layer(*layers(zero, bars, net, break_marker(years, band=True))), title, source, height=380)
