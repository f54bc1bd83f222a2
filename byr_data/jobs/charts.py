"""The job pages' charts: levels with the pre-programme trend, yearly change against the target,
the cumulative path, each municipality's contribution, the sparkline and the report's figures.

Built on the shared parts in `chart_parts` (locale, colours, break marker, target line, finishing)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from byr_data import analysis, chart_parts

ACTUAL = "Faktisk"
TARGET = "Mål"
TREND = "Trend 2008–2014"
SCENARIO = "Anslag fase 1 (vår omregning)"
SCENARIO_COLOR = "#6a3d9a"  # purple, dotted: apart from SSB's figures and from the trend line
NET = "Netto for utvalget"


def level_chart(series: pd.DataFrame, title: str, source: str, y_title: str, *, index: bool = False,
                projection: pd.DataFrame | None = None, phases: bool = True,
                scenario: pd.DataFrame | None = None) -> alt.TopLevelMixin:
    """Lines per series (columns aar, serie, verdi); optional pre-programme trend (dashed) and the
    report's phase-1 projection converted to a path (dotted), each in the legend."""
    names = list(dict.fromkeys(series["serie"]))
    fmt = ",.1f" if index else chart_parts.INTEGER
    has_trend = projection is not None and len(projection) > 0
    has_scenario = scenario is not None and len(scenario) > 0
    extra = ({TREND: chart_parts.TREND_COLOR} if has_trend else {}) | ({SCENARIO: SCENARIO_COLOR} if has_scenario else {})
    colors = chart_parts.color_scale(names, extra)
    dashes = alt.Scale(domain=names + list(extra), range=[[1, 0]] * len(names)
                       + [[5, 4] if name == TREND else [1, 4] for name in extra])
    legend = chart_parts.legend(len(names) + len(extra), "stroke")
    show_phases = bool(phases and len(series))
    # With the phase labels along the bottom, the scale keeps the lowest point above them («Fase 1»
    # touched 2014's point, the last before the break).
    y_scale = alt.Scale(zero=False, padding=chart_parts.PHASE_LABEL_ROOM_PX) if show_phases else alt.Scale(zero=False)
    lines = alt.Chart(series).mark_line(point=True, strokeWidth=3).encode(
        x=chart_parts.year_axis(chart_parts.years_of(series, projection) if has_trend else chart_parts.years_of(series)),
        y=alt.Y("verdi:Q", title=chart_parts.axis_title(y_title), axis=alt.Axis(format=fmt), scale=y_scale),
        color=alt.Color("serie:N", title=None, scale=colors, sort=names, legend=legend),
        strokeDash=alt.StrokeDash("serie:N", title=None, scale=dashes, sort=names, legend=legend),
        detail=alt.Detail("segment:N"),  # no line across the break
        tooltip=[alt.Tooltip("serie:N", title="Serie"), alt.Tooltip("aar:Q", format="d", title="År"),
                 alt.Tooltip("verdi:Q", format=fmt, title=y_title)],
    ).transform_calculate(segment=f"datum.serie + (datum.aar > {analysis.BREAK_AFTER} ? ' etter' : ' før')")
    trend = None
    if has_trend:
        trend = alt.Chart(projection).mark_line(strokeWidth=2).encode(
            x=alt.X("aar:Q"), y=alt.Y("verdi:Q"), detail=alt.Detail("del:N"),
            color=alt.ColorDatum(TREND), strokeDash=alt.StrokeDashDatum(TREND),
            tooltip=[alt.Tooltip("del:N", title=TREND), alt.Tooltip("aar:Q", format="d", title="År"),
                     alt.Tooltip("verdi:Q", format=chart_parts.INTEGER, title="Trendverdi")])
    path = None
    if has_scenario:
        path = alt.Chart(scenario).mark_line(strokeWidth=3, strokeCap="round").encode(
            x=alt.X("aar:Q"), y=alt.Y("verdi:Q"),
            color=alt.ColorDatum(SCENARIO), strokeDash=alt.StrokeDashDatum(SCENARIO),
            tooltip=[alt.Tooltip("aar:Q", format="d", title="År"),
                     alt.Tooltip("verdi:Q", format=chart_parts.INTEGER, title=SCENARIO)])
    bands = chart_parts.phase_bands(int(series["aar"].min()), int(series["aar"].max())) if show_phases else None
    rule = chart_parts.break_marker(chart_parts.years_of(series), stop_above_phase_labels=bands is not None)
    return chart_parts.finish(alt.layer(*chart_parts.layers(bands, lines, trend, path, rule)), title, source)


def change_chart(table: pd.DataFrame, title: str, source: str, target: float | None, y_title: str) -> alt.TopLevelMixin:
    """Yearly net change as bars (columns aar, endring, brudd), with the target line and the break."""
    years = chart_parts.years_of(table)
    shown = table.assign(
        retning=lambda t: t["endring"].map(lambda v: "Vekst" if v > 0 else "Nedgang" if v < 0 else "Uendret"),
    ).dropna(subset=["endring"])
    present = [word for word in chart_parts.GROWTH_COLORS if word in set(shown["retning"])]  # no empty legend entries
    bars = alt.Chart(shown).mark_bar(width=chart_parts.BAR_WIDTH).encode(
        x=chart_parts.year_band(years),
        y=alt.Y("endring:Q", title=chart_parts.axis_title(y_title), axis=chart_parts.SIGNED_AXIS),
        color=alt.Color("retning:N", title=None, legend=chart_parts.legend(len(present)),
                        scale=alt.Scale(domain=present, range=[chart_parts.GROWTH_COLORS[w] for w in present])),
        tooltip=[alt.Tooltip("aar:O", title="År"), alt.Tooltip("endring:Q", format=chart_parts.SIGNED, title="Endring")],
    )
    target_layer = chart_parts.target_rule(target, f"Mål +{target:.0f}") if target is not None else None
    return chart_parts.finish(alt.layer(*chart_parts.layers(bars, chart_parts.break_marker(years, band=True), target_layer)), title, source)


def cumulative_chart(path: pd.DataFrame, title: str, source: str, base_year: int | None = None) -> alt.TopLevelMixin:
    """Cumulative actual change against the cumulative target path (index aar; columns faktisk, mal, avvik).

    With `base_year` just before the first year shown, both paths start at 0 in the base year."""
    data = path.reset_index()
    if base_year is not None and len(data) and int(data["aar"].min()) == base_year + 1:
        origin = pd.DataFrame({"aar": [base_year], "faktisk": [0.0], "mal": [0.0], "avvik": [0.0]})
        data = pd.concat([origin, data], ignore_index=True)
    long = data.melt(id_vars=["aar", "avvik"], value_vars=["faktisk", "mal"], var_name="serie", value_name="verdi")
    long["serie"] = long["serie"].map({"faktisk": ACTUAL, "mal": TARGET})
    legend = chart_parts.legend(2, "stroke")
    lines = alt.Chart(long).mark_line(point=True, strokeWidth=3).encode(
        x=chart_parts.year_axis(chart_parts.years_of(data)),
        y=alt.Y("verdi:Q", title="Endring siden basisåret", axis=chart_parts.SIGNED_AXIS),
        color=alt.Color("serie:N", title=None, legend=legend,
                        scale=alt.Scale(domain=[ACTUAL, TARGET], range=[chart_parts.REGION_COLOR, chart_parts.TARGET_COLOR])),
        strokeDash=alt.StrokeDash("serie:N", title=None, legend=legend,
                                  scale=alt.Scale(domain=[ACTUAL, TARGET], range=[[1, 0], [8, 4]])),
        tooltip=[alt.Tooltip("serie:N", title="Serie"), alt.Tooltip("aar:Q", format="d", title="År"),
                 alt.Tooltip("verdi:Q", format=chart_parts.SIGNED, title="Siden basisåret"),
                 alt.Tooltip("avvik:Q", format=chart_parts.SIGNED, title="Avvik fra målet")],
    )
    # Neutral grey: the gap is the same area whether the region is ahead of the target or behind it.
    gap = alt.Chart(data).mark_area(opacity=0.18, color="#8a8a8a").encode(
        x=alt.X("aar:Q"), y=alt.Y("faktisk:Q"), y2=alt.Y2("mal:Q"),
        tooltip=[alt.Tooltip("avvik:Q", format=chart_parts.SIGNED, title="Avvik fra målet")])
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#aaa").encode(y=alt.Y("y:Q"))
    return chart_parts.finish(alt.layer(gap, zero, lines), title, source)


def contribution_chart(contrib: pd.DataFrame, regional_change: pd.DataFrame, title: str, source: str,
                       target: float | None) -> alt.TopLevelMixin:
    """Stacked bars of each municipality's change per year, with the regional net change as a marker."""
    years = chart_parts.years_of(contrib, regional_change)
    shown = contrib.dropna(subset=["endring"])
    names = list(dict.fromkeys(contrib["kommune"]))
    colors = chart_parts.color_scale(names, {NET: chart_parts.REGION_COLOR})
    bars = alt.Chart(shown).mark_bar(width=chart_parts.BAR_WIDTH).encode(
        x=chart_parts.year_band(years),
        y=alt.Y("endring:Q", title="Endring fra året før", axis=chart_parts.SIGNED_AXIS, stack="zero"),
        color=alt.Color("kommune:N", title=None, scale=colors, sort=names + [NET],
                        legend=chart_parts.legend(len(names) + 1,
                                       alt.ExprRef(f"datum.value === '{NET}' ? '{chart_parts.FLAT_BAR}' : 'square'"))),
        order=alt.Order("kommune:N"),
        tooltip=[alt.Tooltip("kommune:N", title="Kommune"), alt.Tooltip("aar:O", title="År"),
                 alt.Tooltip("endring:Q", format=chart_parts.SIGNED, title="Endring"),
                 alt.Tooltip("andel:Q", format=",.0f", title="Andel av regionens endring (%)")],
    )
    net = alt.Chart(regional_change.dropna(subset=["endring"])).mark_tick(thickness=4, orient="horizontal").encode(
        x=alt.X("aar:O"), y=alt.Y("endring:Q"), color=alt.ColorDatum(NET),
        tooltip=[alt.Tooltip("aar:O", title="År"), alt.Tooltip("endring:Q", format=chart_parts.SIGNED, title=NET)])
    target_layer = chart_parts.target_rule(target, f"Mål +{target:.0f}") if target is not None else None
    return chart_parts.finish(alt.layer(*chart_parts.layers(bars, net, chart_parts.break_marker(years, band=True), target_layer)), title, source)


def sparkline(series: pd.DataFrame, source: str, title: str) -> alt.TopLevelMixin:
    """A small trend line for the overview (columns aar, verdi): line and points in one colour."""
    line = alt.Chart(series).mark_line(strokeWidth=3, color=chart_parts.REGION_COLOR,
                                       point=alt.OverlayMarkDef(color=chart_parts.REGION_COLOR, filled=True)).encode(
        x=chart_parts.year_axis(chart_parts.years_of(series), ""),
        y=alt.Y("verdi:Q", title=None, axis=alt.Axis(format=chart_parts.INTEGER), scale=alt.Scale(zero=False)),
        detail=alt.Detail("segment:N"),
        tooltip=[alt.Tooltip("aar:Q", format="d", title="År"), alt.Tooltip("verdi:Q", format=chart_parts.INTEGER, title="Antall")],
    ).transform_calculate(segment=f"datum.aar > {analysis.BREAK_AFTER} ? 'etter' : 'før'")
    return chart_parts.finish(alt.layer(*chart_parts.layers(line, chart_parts.break_marker(chart_parts.years_of(series)))), title, source, height=360)


def report_chart(figures: pd.DataFrame, title: str, source: str, target: float | None,
                 reference: float | None = None, reference_label: str = "") -> alt.TopLevelMixin:
    """Figures printed in a report (columns aar, endring) as labelled bars, against the target line.

    `reference` is a value the report gives without years (e.g. «ca 100 pr år» of decline before the
    programme): drawn as a labelled horizontal line, never as a series of made-up yearly values."""
    shown = figures.assign(tekst=figures["endring"].map(lambda v: f"+{v:.0f}" if v > 0 else f"{v:.0f}".replace("-", "\u2212")))
    x = alt.X("aar:O", title="År", axis=alt.Axis(labelAngle=0))
    y = alt.Y("endring:Q", title="Netto endring i arbeidsplasser", axis=chart_parts.SIGNED_AXIS)
    tooltip = [alt.Tooltip("aar:O", title="År"), alt.Tooltip("endring:Q", format=chart_parts.SIGNED, title="Ifølge rapporten")]
    bars = alt.Chart(shown).mark_bar(color=chart_parts.GROWTH_COLORS["Vekst"], width=chart_parts.BAR_WIDTH).encode(x=x, y=y, tooltip=tooltip)
    labels = alt.Chart(shown).mark_text(baseline="bottom", dy=-4, style="value-label-strong").encode(
        x=x, y=y, text=alt.Text("tekst:N"))
    layers = [bars, labels]
    if reference is not None:
        data = pd.DataFrame({"verdi": [reference], "tekst": [reference_label]})
        layers.append(alt.Chart(data).mark_rule(color=chart_parts.BREAK_COLOR, strokeDash=[2, 3], strokeWidth=2.5).encode(
            y=alt.Y("verdi:Q"), tooltip=[alt.Tooltip("tekst:N", title="Ifølge rapporten")]))
        # Lines of its own («\n»), each at most the plot's width: a longer label would make the chart
        # shrink its plot to fit the text (on a phone, to nothing).
        layers.append(alt.Chart(data).mark_text(align="left", baseline="bottom", dx=4, color=chart_parts.BREAK_COLOR,
                                                style="reference-label", lineBreak="\n",
                                                limit=alt.ExprRef(expr="max(width - 8, 40)")).encode(
            y=alt.Y("verdi:Q"), x=alt.XValue(0), text=alt.Text("tekst:N")))
    if target is not None:
        layers.append(chart_parts.target_rule(target, f"Mål +{target:.0f}"))
    return chart_parts.finish(alt.layer(*layers), title, source, height=320)
