"""Altair chart factories: Norwegian locale, one colour per municipality, the same target line
and series-break marker on every chart, and the finding as title with the source beneath it."""

from __future__ import annotations

import altair as alt
import pandas as pd

from byr_data import analysis, regions

LOCALE = {
    "number": {
        "decimal": ",",
        "thousands": "\u00a0",
        "grouping": [3],
        "currency": ["", "\u00a0kr"],
        "minus": "\u2212",
        "percent": "\u00a0%",
    },
    "time": {
        "dateTime": "%A %e. %B %Y kl. %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
        "shortDays": ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
        "months": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
                   "oktober", "november", "desember"],
        "shortMonths": ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"],
    },
}
# Data inline in each layer rather than in top-level «datasets», which Streamlit would convert to
# Arrow tables on every rerun.
alt.data_transformers.consolidate_datasets = False

INTEGER = ",.0f"
SIGNED = "+,.0f"
# Axis labels for changes: «+100», «0», «−100» (d3's «+» format would print «+0»).
SIGNED_AXIS = alt.Axis(labelExpr="(datum.value > 0 ? '+' : '') + format(datum.value, ',.0f')")
REGION_COLOR = "#1b1b1b"
# Colour-blind-safe categorical palette (Okabe–Ito), fixed per municipality on every chart.
MUNICIPALITY_COLORS = {
    "3401": "#0072B2",  # Kongsvinger
    "3414": "#E69F00",  # Nord-Odal
    "3415": "#009E73",  # Sør-Odal
    "3416": "#CC79A7",  # Eidskog
    "3417": "#D55E00",  # Grue
    "3418": "#56B4E9",  # Åsnes
    "3419": "#999933",  # Våler
}
TARGET_COLOR = "#c0392b"
BREAK_COLOR = "#6e6e6e"  # its label is text: ≥ 4.5:1 on white
FONT_SIZE = 16


def color_scale(names: list[str]) -> alt.Scale:
    """Domain = the series shown; municipalities keep their colour, the region is near-black."""
    by_name = {regions.municipality_name(code): color for code, color in MUNICIPALITY_COLORS.items()}
    return alt.Scale(domain=names, range=[by_name.get(name, REGION_COLOR) for name in names])


def _year_axis(title: str = "År") -> alt.X:
    return alt.X("aar:Q", title=title, axis=alt.Axis(format="d", tickMinStep=1, labelFlush=False),
                 scale=alt.Scale(nice=False, zero=False, padding=24))  # room for the end bars


def break_marker(y_top: str | None = None) -> alt.Chart:
    """Dashed vertical rule between 2014 and 2015, the same on every time chart."""
    data = pd.DataFrame({"aar": [analysis.BREAK_AFTER + 0.5], "tekst": ["Brudd 2014/15"],
                         "forklaring": ["Brudd i statistikken (a-ordningen fra 2015): endringen 2014–2015 er ikke en "
                                        "ekte endring og telles ikke"]})
    rule = alt.Chart(data).mark_rule(color=BREAK_COLOR, strokeDash=[6, 4], strokeWidth=2).encode(
        x="aar:Q", tooltip=[alt.Tooltip("forklaring:N", title="Merk")]
    )
    label = alt.Chart(data).mark_text(
        align="right", baseline="bottom", angle=270, dx=-4, dy=-4, color=BREAK_COLOR, fontSize=13
    ).encode(x="aar:Q", y=alt.value(0), text="tekst:N")
    return rule + label


def target_rule(target: float, label: str) -> alt.Chart:
    """Horizontal target line, the same on every chart that has one."""
    data = pd.DataFrame({"mal": [target], "tekst": [label]})
    rule = alt.Chart(data).mark_rule(color=TARGET_COLOR, strokeDash=[8, 4], strokeWidth=2.5).encode(
        y="mal:Q", tooltip=[alt.Tooltip("tekst:N", title="Mål")]
    )
    # Labelled at the left, where the pre-programme years (declines) leave room.
    text = alt.Chart(data).mark_text(align="left", baseline="bottom", dx=4, dy=-4, color=TARGET_COLOR,
                                     fontSize=14, fontWeight="bold").encode(
        y="mal:Q", x=alt.value(0), text="tekst:N")
    return rule + text


def phase_bands(first_year: int, last_year: int) -> alt.Chart:
    """The programme's phases as light bands (phase 1 2014–2015, phase 2 2015–2018, phase 3 from 2018)."""
    rows = []
    for name, start, end in analysis.PHASES:
        end = end if end is not None else last_year
        if end >= first_year and start <= last_year:
            rows.append({"fase": name, "fra": max(start, first_year), "til": min(end, last_year)})
    data = pd.DataFrame(rows, columns=["fase", "fra", "til"])
    bands = alt.Chart(data).mark_rect(opacity=0.10).encode(
        x="fra:Q", x2="til:Q",
        color=alt.Color("fase:N", scale=alt.Scale(range=["#4c78a8", "#54a24b", "#b279a2"]), legend=None),
        tooltip=[alt.Tooltip("fase:N", title="Fase"), alt.Tooltip("fra:Q", format="d", title="Fra"),
                 alt.Tooltip("til:Q", format="d", title="Til")],
    )
    labels = alt.Chart(data).mark_text(align="left", baseline="bottom", dx=3, fontSize=12, color="#555").encode(
        x="fra:Q", y=alt.value("height"), text="fase:N")
    return bands + labels


def finish(chart: alt.TopLevelMixin, title: str, source: str, height: int = 460) -> alt.TopLevelMixin:
    # Streamlit fits the whole chart (title, axes, legend) into `height`; the plot gets what is left.
    """Title (the finding), source line, Norwegian locale, projector-sized type."""
    return (
        chart.properties(
            title=alt.TitleParams(text=title, subtitle=source, anchor="start", fontSize=20,
                                  subtitleFontSize=13, subtitleColor="#555"),
            height=height,
            width="container",
            description=title,  # the chart's accessible name (aria-label) for screen readers
        )
        .configure(locale=LOCALE)
        # Streamlit's grey for axis and legend text (#808495) is 3.7:1 on white; #555 is 7.5:1.
        .configure_axis(labelFontSize=FONT_SIZE - 2, titleFontSize=FONT_SIZE - 2, labelColor="#555", titleColor="#555")
        .configure_legend(labelFontSize=FONT_SIZE - 2, titleFontSize=FONT_SIZE - 2, orient="bottom",
                          labelColor="#555", titleColor="#555")
    )


def level_chart(series: pd.DataFrame, title: str, source: str, y_title: str, *, index: bool = False,
                projection: pd.DataFrame | None = None, phases: bool = True) -> alt.TopLevelMixin:
    """Lines per series (columns aar, serie, verdi); optional pre-programme trend (dashed)."""
    names = list(dict.fromkeys(series["serie"]))
    fmt = ",.1f" if index else INTEGER
    lines = alt.Chart(series).mark_line(point=True, strokeWidth=3).encode(
        x=_year_axis(),
        y=alt.Y("verdi:Q", title=y_title, axis=alt.Axis(format=fmt), scale=alt.Scale(zero=False)),
        color=alt.Color("serie:N", title=None, scale=color_scale(names), sort=names),
        detail="segment:N",  # no line across the break
        tooltip=[alt.Tooltip("serie:N", title="Serie"), alt.Tooltip("aar:Q", format="d", title="År"),
                 alt.Tooltip("verdi:Q", format=fmt, title=y_title)],
    ).transform_calculate(segment=f"datum.serie + (datum.aar > {analysis.BREAK_AFTER} ? ' etter' : ' før')")
    layers = []
    if phases and len(series):
        layers.append(phase_bands(int(series["aar"].min()), int(series["aar"].max())))
    layers.append(lines)
    if projection is not None and len(projection):
        layers.append(alt.Chart(projection).mark_line(strokeDash=[4, 4], color="#888", strokeWidth=2).encode(
            x="aar:Q", y="verdi:Q", detail="del:N",
            tooltip=[alt.Tooltip("del:N", title="Trend 2008–2014"), alt.Tooltip("aar:Q", format="d", title="År"),
                     alt.Tooltip("verdi:Q", format=INTEGER, title="Trendverdi")]))
    layers.append(break_marker())
    # The phase bands have their own colours; without this they would join the series' colour scale.
    return finish(alt.layer(*layers).resolve_scale(color="independent"), title, source)


def change_chart(table: pd.DataFrame, title: str, source: str, target: float | None, y_title: str) -> alt.TopLevelMixin:
    """Yearly net change as bars (columns aar, endring, brudd), with the target line and the break."""
    shown = table.assign(
        retning=lambda t: t["endring"].map(lambda v: "Vekst" if v > 0 else "Nedgang" if v < 0 else "Uendret"),
        merknad=lambda t: t["brudd"].map(lambda b: "Brudd i statistikken – ikke en endring" if b else ""),
    ).dropna(subset=["endring"])
    bars = alt.Chart(shown).mark_bar(size=26).encode(
        x=_year_axis(),
        y=alt.Y("endring:Q", title=y_title, axis=SIGNED_AXIS),
        color=alt.Color("retning:N", title=None,
                        scale=alt.Scale(domain=["Vekst", "Nedgang", "Uendret"], range=["#2e7d32", "#b23a3a", "#999"])),
        tooltip=[alt.Tooltip("aar:Q", format="d", title="År"), alt.Tooltip("endring:Q", format=SIGNED, title="Endring")],
    )
    layers = [bars, break_marker()]
    if target is not None:
        layers.append(target_rule(target, f"Mål +{target:.0f}"))
    return finish(alt.layer(*layers), title, source)


def cumulative_chart(path: pd.DataFrame, title: str, source: str) -> alt.TopLevelMixin:
    """Cumulative actual change against the cumulative target path (columns aar, faktisk, mal, avvik)."""
    long = path.reset_index().melt(id_vars=["aar", "avvik"], value_vars=["faktisk", "mal"],
                                   var_name="serie", value_name="verdi")
    long["serie"] = long["serie"].map({"faktisk": "Faktisk endring", "mal": "Kumulativt mål"})
    lines = alt.Chart(long).mark_line(point=True, strokeWidth=3).encode(
        x=_year_axis(),
        y=alt.Y("verdi:Q", title="Endring siden basisåret", axis=SIGNED_AXIS),
        color=alt.Color("serie:N", title=None, scale=alt.Scale(domain=["Faktisk endring", "Kumulativt mål"],
                                                               range=[REGION_COLOR, TARGET_COLOR])),
        strokeDash=alt.StrokeDash("serie:N", scale=alt.Scale(domain=["Faktisk endring", "Kumulativt mål"],
                                                             range=[[1, 0], [8, 4]]), legend=None),
        tooltip=[alt.Tooltip("serie:N", title="Serie"), alt.Tooltip("aar:Q", format="d", title="År"),
                 alt.Tooltip("verdi:Q", format=SIGNED, title="Siden basisåret"),
                 alt.Tooltip("avvik:Q", format=SIGNED, title="Avvik fra målet")],
    )
    gap = alt.Chart(path.reset_index()).mark_area(opacity=0.12, color=TARGET_COLOR).encode(
        x="aar:Q", y="faktisk:Q", y2="mal:Q")
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#aaa").encode(y="y:Q")
    return finish(alt.layer(gap, zero, lines), title, source)


def contribution_chart(contrib: pd.DataFrame, regional_change: pd.DataFrame, title: str, source: str,
                       target: float | None) -> alt.TopLevelMixin:
    """Stacked bars of each municipality's change per year, with the regional net change as a marker."""
    shown = contrib.dropna(subset=["endring"])
    names = list(dict.fromkeys(contrib["kommune"]))
    bars = alt.Chart(shown).mark_bar(size=26).encode(
        x=_year_axis(),
        y=alt.Y("endring:Q", title="Endring fra året før", axis=SIGNED_AXIS, stack="zero"),
        color=alt.Color("kommune:N", title=None, scale=color_scale(names), sort=names),
        order=alt.Order("kommune:N"),
        tooltip=[alt.Tooltip("kommune:N", title="Kommune"), alt.Tooltip("aar:Q", format="d", title="År"),
                 alt.Tooltip("endring:Q", format=SIGNED, title="Endring"),
                 alt.Tooltip("andel:Q", format=",.0f", title="Andel av regionens endring (%)")],
    )
    net = alt.Chart(regional_change.dropna(subset=["endring"])).mark_tick(
        color=REGION_COLOR, thickness=4, size=34, orient="horizontal").encode(
        x="aar:Q", y="endring:Q",
        tooltip=[alt.Tooltip("aar:Q", format="d", title="År"), alt.Tooltip("endring:Q", format=SIGNED, title="Netto for utvalget")])
    layers = [bars, net, break_marker()]
    if target is not None:
        layers.append(target_rule(target, f"Mål +{target:.0f}"))
    return finish(alt.layer(*layers), title, source)


def sparkline(series: pd.DataFrame, source: str, title: str) -> alt.TopLevelMixin:
    """A small trend line for the overview (columns aar, verdi)."""
    line = alt.Chart(series).mark_line(strokeWidth=3, color=REGION_COLOR, point=True).encode(
        x=_year_axis(""),
        y=alt.Y("verdi:Q", title=None, axis=alt.Axis(format=INTEGER), scale=alt.Scale(zero=False)),
        detail="segment:N",
        tooltip=[alt.Tooltip("aar:Q", format="d", title="År"), alt.Tooltip("verdi:Q", format=INTEGER, title="Antall")],
    ).transform_calculate(segment=f"datum.aar > {analysis.BREAK_AFTER} ? 'etter' : 'før'")
    return finish(alt.layer(line, break_marker()), title, source, height=360)


# -- «Næringer og landet» (byr_data/industry_views.py) ----------------------------------------------
COUNTRY_COLOR = "#6b6b6b"  # Norway: grey and dashed, so it never depends on colour alone
GROWTH_COLORS = alt.Scale(domain=["Vekst", "Nedgang", "Uendret"], range=["#2e7d32", "#b23a3a", "#999"])
EFFECT_COLORS = {"Som landet": "#6b6b6b", "Bransjeeffekt": "#B26B00", "Lokal effekt": "#0072B2",
                 "Faktisk endring": REGION_COLOR}
SIGNED_DECIMAL_AXIS = alt.Axis(labelExpr="(datum.value > 0 ? '+' : '') + format(datum.value, ',.1f')",
                               tickMinStep=0.1)


def _bar_height(rows: int) -> int:
    """Streamlit fits title, axis and legend into the height: room for one labelled bar per row besides."""
    return 230 + 34 * rows


def _bar_labels(shown: pd.DataFrame, y: alt.Y, field: str) -> list[alt.Chart]:
    """The value at the end of each horizontal bar: right of a gain, left of a loss."""
    return [alt.Chart(shown[part]).mark_text(align=align, dx=dx, fontSize=13, color=REGION_COLOR).encode(
        x=f"{field}:Q", y=y, text="tekst:N")
        for part, align, dx in ((shown[field] >= 0, "left", 4), (shown[field] < 0, "right", -4))]


def section_change_chart(table: pd.DataFrame, title: str, source: str) -> alt.TopLevelMixin:
    """Change per industry as horizontal bars, largest gain first (columns naering_tekst, endring, tekst)."""
    shown = table.dropna(subset=["endring"]).assign(
        retning=lambda t: t["endring"].map(lambda v: "Vekst" if round(v) > 0 else "Nedgang" if round(v) < 0 else "Uendret"))
    order = list(shown.sort_values("endring", ascending=False)["naering_tekst"])
    y = alt.Y("naering_tekst:N", title=None, sort=order, axis=alt.Axis(labelLimit=160))
    bars = alt.Chart(shown).mark_bar(height={"band": 0.7}).encode(
        x=alt.X("endring:Q", title="Endring i arbeidsplasser", axis=SIGNED_AXIS, scale=alt.Scale(padding=40)),
        y=y,
        color=alt.Color("retning:N", title=None, scale=GROWTH_COLORS),
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
        x=alt.X("kvotient:Q", title="Lokaliseringskvotient (1 = som landet)", axis=alt.Axis(format=",.1f")),
        y=alt.Y("naering_tekst:N", title=None, sort=order, axis=alt.Axis(labelLimit=160)),
        color=alt.Color("forhold:N", title=None, scale=alt.Scale(
            domain=["Større enn i landet", "Mindre enn i landet"], range=["#0072B2", "#7f7f7f"])),
        tooltip=[alt.Tooltip("naering_tekst:N", title="Næring"),
                 alt.Tooltip("andel_her:Q", format=",.1f", title="Andel her (%)"),
                 alt.Tooltip("andel_landet:Q", format=",.1f", title="Andel i landet (%)"),
                 alt.Tooltip("kvotient:Q", format=",.2f", title="Kvotient")],
    )
    one = pd.DataFrame({"x": [1.0], "tekst": ["Som landet"]})
    rule = alt.Chart(one).mark_rule(color=REGION_COLOR, strokeDash=[6, 3], strokeWidth=2).encode(x="x:Q")
    text = alt.Chart(one).mark_text(align="left", baseline="bottom", dx=4, dy=-3, fontSize=13, color=REGION_COLOR).encode(
        x="x:Q", y=alt.value(0), text="tekst:N")
    return finish(alt.layer(bars, rule, text), title, source, height=_bar_height(len(shown)))


def versus_country_chart(series: pd.DataFrame, title: str, source: str, y_title: str) -> alt.TopLevelMixin:
    """Index lines for the selection (solid, dark) and Norway (dashed, grey); columns aar, serie, verdi."""
    names = list(dict.fromkeys(series["serie"]))
    country = regions.municipality_name(regions.NORWAY)
    colors = [COUNTRY_COLOR if name == country else REGION_COLOR for name in names]
    dashes = [[6, 4] if name == country else [1, 0] for name in names]
    lines = alt.Chart(series).mark_line(point=True, strokeWidth=3).encode(
        x=_year_axis(),
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
    bars = alt.Chart(shown).mark_bar(size=22).encode(
        x=_year_axis(),
        y=alt.Y("relativ:Q", title="Prosentpoeng", axis=SIGNED_DECIMAL_AXIS),
        color=alt.Color("forhold:N", title=None, scale=alt.Scale(
            domain=["Raskere enn landet", "Svakere enn landet"], range=["#2e7d32", "#b23a3a"])),
        tooltip=[alt.Tooltip("aar:Q", format="d", title="År"),
                 alt.Tooltip("vekst_her:Q", format="+,.1f", title="Vekst her (%)"),
                 alt.Tooltip("vekst_landet:Q", format="+,.1f", title="Vekst i landet (%)"),
                 alt.Tooltip("relativ:Q", format="+,.1f", title="Forskjell (prosentpoeng)")],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#555").encode(y="y:Q")
    layers = [zero, bars]
    if len(shown) and shown["aar"].min() <= analysis.BREAK_AFTER < shown["aar"].max():
        layers.append(break_marker())
    return finish(alt.layer(*layers), title, source, height=340)


def shift_share_chart(steps: pd.DataFrame, title: str, source: str) -> alt.TopLevelMixin:
    """The split as a waterfall: «Som landet», «Bransjeeffekt», «Lokal effekt» step from 0 to the
    actual change, drawn as its own bar from 0 (columns komponent, fra, til, verdi, tekst)."""
    names = list(steps["komponent"])
    y = alt.Y("komponent:N", title=None, sort=names, axis=alt.Axis(labelLimit=220))
    bars = alt.Chart(steps).mark_bar(height={"band": 0.65}).encode(
        x=alt.X("fra:Q", title="Arbeidsplasser", axis=SIGNED_AXIS), x2="til:Q", y=y,
        color=alt.Color("komponent:N", legend=None, scale=alt.Scale(domain=names,
                                                                    range=[EFFECT_COLORS.get(n, REGION_COLOR) for n in names])),
        tooltip=[alt.Tooltip("komponent:N", title="Del"), alt.Tooltip("verdi:Q", format=SIGNED, title="Arbeidsplasser")],
    )
    labels = alt.Chart(steps).mark_text(align="left", dx=6, fontSize=15, fontWeight="bold", color=REGION_COLOR).encode(
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
    bars = alt.Chart(long).mark_bar(size=22).encode(
        x=_year_axis(),
        y=alt.Y("verdi:Q", title="Arbeidsplasser", axis=SIGNED_AXIS, stack="zero"),
        color=alt.Color("komponent:N", title=None, sort=effects,
                        scale=alt.Scale(domain=effects, range=[EFFECT_COLORS[e] for e in effects])),
        order=alt.Order("del:N"),
        tooltip=[alt.Tooltip("aar:Q", format="d", title="År"), alt.Tooltip("komponent:N", title="Del"),
                 alt.Tooltip("verdi:Q", format=SIGNED, title="Arbeidsplasser")],
    )
    net = alt.Chart(yearly).mark_tick(color=REGION_COLOR, thickness=4, size=30, orient="horizontal").encode(
        x="aar:Q", y="faktisk:Q",
        tooltip=[alt.Tooltip("aar:Q", format="d", title="År"), alt.Tooltip("faktisk:Q", format=SIGNED, title="Faktisk endring")])
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#555").encode(y="y:Q")
    layers = [zero, bars, net]
    if len(yearly) and yearly["aar"].min() <= analysis.BREAK_AFTER < yearly["aar"].max():
        layers.append(break_marker())
    return finish(alt.layer(*layers), title, source, height=380)


def report_chart(figures: pd.DataFrame, title: str, source: str, target: float | None,
                 reference: float | None = None, reference_label: str = "") -> alt.TopLevelMixin:
    """Figures printed in a report (columns aar, endring) as labelled bars, against the target line.

    `reference` is a value the report gives without years (e.g. «ca 100 pr år» of decline before the
    programme): drawn as a labelled horizontal line, never as a series of made-up yearly values."""
    shown = figures.assign(tekst=figures["endring"].map(lambda v: f"+{v:.0f}" if v > 0 else f"{v:.0f}".replace("-", "\u2212")))
    x = alt.X("aar:O", title="År", axis=alt.Axis(labelAngle=0))
    y = alt.Y("endring:Q", title="Netto endring i arbeidsplasser", axis=SIGNED_AXIS)
    tooltip = [alt.Tooltip("aar:O", title="År"), alt.Tooltip("endring:Q", format=SIGNED, title="Ifølge rapporten")]
    bars = alt.Chart(shown).mark_bar(size=60, color="#2e7d32").encode(x=x, y=y, tooltip=tooltip)
    labels = alt.Chart(shown).mark_text(baseline="bottom", dy=-4, fontSize=FONT_SIZE, fontWeight="bold").encode(
        x=x, y=y, text="tekst:N")
    layers = [bars, labels]
    if reference is not None:
        data = pd.DataFrame({"verdi": [reference], "tekst": [reference_label]})
        layers.append(alt.Chart(data).mark_rule(color=BREAK_COLOR, strokeDash=[2, 3], strokeWidth=2.5).encode(
            y="verdi:Q", tooltip=[alt.Tooltip("tekst:N", title="Ifølge rapporten")]))
        layers.append(alt.Chart(data).mark_text(align="left", baseline="bottom", dx=4, dy=-4, color="#555",
                                                fontSize=14).encode(y="verdi:Q", x=alt.value(0), text="tekst:N"))
    if target is not None:
        layers.append(target_rule(target, f"Mål +{target:.0f}"))
    return finish(alt.layer(*layers), title, source, height=320)
