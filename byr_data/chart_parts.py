"""What every chart shares: Norwegian locale, one colour per municipality, the same target line,
series-break marker and phase bands on every chart, axes, legends, and the finishing (size, finding,
source). The charts themselves are made in each domain package (`jobs.charts`, `industry.charts`).

The finding (title) and the source line travel with the chart in `usermeta`; the page shows them as
text around the chart, where they wrap (Vega-Lite cuts a long title with «…»)."""

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
# The same along a horizontal axis: ticks about 130 px apart or more (room for a slide's 22 px type), so
# labels like «+1 500» never overlap and Vega never hides every other one (which took the «0» away:
# «−500  +500  +1 500»).
SIGNED_X_AXIS = alt.Axis(labelExpr=SIGNED_AXIS.labelExpr, tickCount=alt.ExprRef("max(2, floor(width / 130))"))
REGION_COLOR = "#1b1b1b"
# Colour-blind-safe categorical palette (Okabe–Ito, with two colours darkened to reach 3:1 on white,
# WCAG 1.4.11), fixed per municipality on every chart.
MUNICIPALITY_COLORS = {
    "3401": "#0072B2",  # Kongsvinger
    "3414": "#8A6D00",  # Nord-Odal (dark gold: Okabe–Ito orange is 2.2:1 on white)
    "3415": "#009E73",  # Sør-Odal
    "3416": "#CC79A7",  # Eidskog
    "3417": "#D55E00",  # Grue
    "3418": "#8C564B",  # Åsnes (brown: Okabe–Ito sky blue is 2.3:1 on white)
    "3419": "#999933",  # Våler
}
# For another region's municipalities: the same colours, then four more (all ≥ 3:1 on white).
PALETTE = (*MUNICIPALITY_COLORS.values(), "#3969AC", "#7F3C8D", "#B5487A", "#2F7F7F")
TARGET_COLOR = "#c0392b"
BREAK_COLOR = "#595959"  # also the colour of its label: ≥ 4.5:1 on white
TREND_COLOR = "#757575"
TEXT_COLOR = "#31333f"
GROWTH_COLORS = {"Vekst": "#2e7d32", "Nedgang": "#b23a3a", "Uendret": "#757575"}
FONT_SIZE = 16  # charts on the pages
SLIDE_FONT_SIZE = 22  # charts on the projector: axis and legend labels ≥ 20 px

FLAT_BAR = "M-1,-0.3H1V0.3H-1Z"  # legend symbol (SVG path) for the net-change tick
# Channels are built as objects (alt.X("aar:Q"), alt.YValue(0), alt.ColorDatum(…)), never as strings
# or dicts (x="aar:Q", alt.value, alt.datum): Altair turns those into objects by matching them against
# its whole schema, which costs a few hundred milliseconds on the first chart after a cold start.
# Bars take this share of their year's band, so they never overlap, however narrow the screen.
BAR_WIDTH = alt.RelativeBandSize(0.8)


NARROW_PX = 600  # a slide's plot narrower than this is on a phone: it gets the pages' type sizes


def config(font_size: int = FONT_SIZE, narrow_size: int | None = None) -> dict:
    """The whole chart configuration: locale, type sizes and legends that wrap into the width.

    Text marks carry a named style instead of a font size, so a slide can enlarge them all. With
    `narrow_size`, a plot narrower than NARROW_PX (a slide on a phone) takes that size instead: the
    projector's type would leave a phone's chart no room for its plot."""
    def size(offset: int = 0, factor: int = 1):
        if narrow_size is None:
            return (font_size + offset) * factor
        return {"expr": f"width < {NARROW_PX} ? {(narrow_size + offset) * factor} : {(font_size + offset) * factor}"}

    base = font_size if narrow_size is None else f"(width < {NARROW_PX} ? {narrow_size} : {font_size})"
    return {
        "locale": LOCALE,
        # Dark text (≥ 4.5:1 on white) rather than the theme's light grey.
        "axis": {"labelFontSize": size(-2), "titleFontSize": size(-2), "labelColor": TEXT_COLOR,
                 "titleColor": TEXT_COLOR},
        "legend": {
            "labelFontSize": size(-2), "titleFontSize": size(-2), "labelColor": TEXT_COLOR, "titleColor": TEXT_COLOR,
            "orient": "bottom", "direction": "horizontal",
            # As many columns as fit the plot's width (a phone gets one or two), every entry shown.
            "columns": {"expr": f"max(1, floor(width / ({base} * 11)))"},
            "symbolLimit": 100, "labelLimit": {"expr": "max(60, width - 40)"},
            "symbolSize": size(0, 12), "symbolStrokeWidth": 3,
        },
        "style": {
            "break-label": {"fontSize": size(-3), "fill": BREAK_COLOR},
            "target-label": {"fontSize": size(-2), "fontWeight": "bold", "fill": TARGET_COLOR},
            "phase-label": {"fontSize": size(-4), "fill": "#555"},
            # Values at the bars' ends and labels of reference lines: larger on a slide like all other type.
            "value-label": {"fontSize": size(-2)},
            "value-label-strong": {"fontSize": size(), "fontWeight": "bold"},
            # Two lines above its line: lifted by one line besides the usual 4 px (Vega sets a label's
            # first line at its baseline and the next below it).
            "reference-label": {"fontSize": size(-2), "lineHeight": size(), "dy": size(4, -1)},
        },
    }


def title_of(chart: alt.TopLevelMixin) -> str:
    """The finding a chart was made for: shown above it as text, since chart titles cannot wrap."""
    meta = chart.usermeta
    return meta.get("title", "") if isinstance(meta, dict) else ""


def source_of(chart: alt.TopLevelMixin) -> str:
    meta = chart.usermeta
    return meta.get("source", "") if isinstance(meta, dict) else ""


def with_title(chart: alt.TopLevelMixin, width: int) -> alt.TopLevelMixin:
    """The chart with its finding and source drawn in (for a PNG at a fixed width, where nothing is cut)."""
    title = alt.TitleParams(text=title_of(chart), subtitle=source_of(chart), anchor="start", fontSize=20,
                            subtitleFontSize=13, subtitleColor="#555", limit=width)
    return chart.properties(title=title, width=width)


def municipality_colors() -> dict[str, str]:
    """Name -> colour for every municipality the app knows, the same on every chart: Kongsvingerregionen's
    seven keep theirs, any other municipality takes the next colour of PALETTE not already taken, in
    the order of the municipality numbers (the palette repeats only past eleven municipalities)."""
    known = regions.known_names()
    colors = {code: MUNICIPALITY_COLORS[code] for code in known if code in MUNICIPALITY_COLORS}
    free = [color for color in PALETTE if color not in colors.values()] or list(PALETTE)
    others = sorted(code for code in known if code not in MUNICIPALITY_COLORS)
    colors |= {code: free[number % len(free)] for number, code in enumerate(others)}
    by_name = {regions.municipality_name(code): color for code, color in MUNICIPALITY_COLORS.items()}
    return by_name | {known[code]: color for code, color in colors.items()}


def color_scale(names: list[str], extra: dict[str, str] | None = None) -> alt.Scale:
    """Domain = the series shown; municipalities keep their colour, the region is near-black;
    `extra` adds further entries (label -> colour), e.g. a trend line."""
    by_name = municipality_colors()
    extra = extra or {}
    domain = list(names) + list(extra)
    return alt.Scale(domain=domain, range=[by_name.get(name, REGION_COLOR) for name in names] + list(extra.values()))


def axis_title(text: str) -> str | list[str]:
    """A long axis title in two lines, broken before its parenthesis («Sysselsatte bosatte» /
    «(ikke arbeidsplasser)»): Vega-Lite cuts a one-line title that does not fit a phone."""
    head, paren, rest = text.partition(" (")
    return [head, paren.strip() + rest] if paren and len(text) > 24 else text


def legend(entries: int, symbol: str | alt.ExprRef = "square") -> alt.Legend | None:
    """A legend only where it tells series apart: never for a single entry. Lines get a stroke as
    symbol, so a dashed series shows dashed in the legend too."""
    return alt.Legend(title=None, symbolType=symbol) if entries > 1 else None


def year_axis(years: list[int], title: str = "År") -> alt.X:
    """Years on a continuous axis, ticks only on the years shown (every other one where they would collide)."""
    return alt.X("aar:Q", title=title, axis=alt.Axis(format="d", values=years, labelFlush=False, labelOverlap="parity"),
                 scale=alt.Scale(nice=False, zero=False, padding=24))  # room for the end points


def year_band(years: list[int], title: str = "År") -> alt.X:
    """Years as bands, for bars: each bar's width is a share of its band (no fixed pixels)."""
    return alt.X("aar:O", title=title, scale=alt.Scale(domain=list(years)),
                 axis=alt.Axis(labelAngle=0, labelOverlap="parity", labelPadding=4))


def years_of(*frames: pd.DataFrame) -> list[int]:
    years = set()
    for frame in frames:
        years |= {int(y) for y in frame["aar"]}
    return list(range(min(years), max(years) + 1)) if years else []


BREAK_TEXT = "Brudd 2014/15"
BREAK_NOTE = ("Brudd i statistikken (a-ordningen fra 2015): endringen 2014–2015 er ikke en ekte endring og "
              "telles ikke")


def break_marker(years: list[int], *, band: bool = False, stop_above_phase_labels: bool = False) -> alt.Chart | None:
    """Dashed vertical rule between 2014 and 2015, the same on every time chart, labelled above the plot.

    `years` are the years on the x axis; `band`: they are bands (bar charts), and the rule sits at the
    left edge of 2015; otherwise at 2014.5 on a continuous axis. None when the break is not in view."""
    first = analysis.BREAK_AFTER + 1
    if band:
        if first not in years:
            return None
        x = alt.X("aar:O", bandPosition=0)
        data = pd.DataFrame({"aar": [first]})
    else:
        if not years or not (min(years) < first <= max(years)):
            return None
        x = alt.X("aar:Q")
        data = pd.DataFrame({"aar": [analysis.BREAK_AFTER + 0.5]})
    data = data.assign(tekst=BREAK_TEXT, forklaring=BREAK_NOTE)
    # With phase labels along the bottom, the rule stops above them instead of crossing «Fase 1».
    bottom = alt.Y2Value(alt.ExprRef("height - 20") if stop_above_phase_labels else "height")
    rule = alt.Chart(data).mark_rule(color=BREAK_COLOR, strokeDash=[6, 4], strokeWidth=2).encode(
        x=x, y=alt.YValue(0), y2=bottom, tooltip=[alt.Tooltip("forklaring:N", title="Merk")]
    )
    # Level with the text, just above the plot: no line, bar or label inside the plot can cross it.
    label = alt.Chart(data).mark_text(align="center", baseline="bottom", dy=-5,
                                      style="break-label").encode(x=x, y=alt.YValue(0), text=alt.Text("tekst:N"))
    return rule + label


def target_rule(target: float, label: str) -> alt.Chart:
    """Horizontal target line, the same on every chart that has one, labelled directly."""
    data = pd.DataFrame({"mal": [target], "tekst": [label]})
    rule = alt.Chart(data).mark_rule(color=TARGET_COLOR, strokeDash=[8, 4], strokeWidth=2.5).encode(
        y=alt.Y("mal:Q"), tooltip=[alt.Tooltip("tekst:N", title="Mål")]
    )
    # Labelled at the left, where the pre-programme years (declines) leave room.
    text = alt.Chart(data).mark_text(align="left", baseline="bottom", dx=4, dy=-4, style="target-label").encode(
        y=alt.Y("mal:Q"), x=alt.XValue(0), text=alt.Text("tekst:N"))
    return rule + text


PHASE_LABEL_MIN_PX = 48
PHASE_LABEL_ROOM_PX = 30  # a chart with phase labels along its bottom keeps its lines this far above (and below the top)


def phase_bands(first_year: int, last_year: int) -> alt.Chart:
    """The programme's phases as light bands (phase 1 2014–2015, phase 2 2015–2018, phase 3 from 2018).

    Coloured through `fill`, not `color`, so they never join a series legend."""
    rows = []
    for name, start, end in analysis.PHASES:
        end = end if end is not None else last_year
        if end >= first_year and start <= last_year:
            rows.append({"fase": name, "fra": max(start, first_year), "til": min(end, last_year)})
    data = pd.DataFrame(rows, columns=["fase", "fra", "til"])
    bands = alt.Chart(data).mark_rect(opacity=0.10).encode(
        x=alt.X("fra:Q"), x2=alt.X2("til:Q"),
        fill=alt.Fill("fase:N", scale=alt.Scale(range=["#4c78a8", "#54a24b", "#b279a2"]), legend=None),
        tooltip=[alt.Tooltip("fase:N", title="Fase"), alt.Tooltip("fra:Q", format="d", title="Fra"),
                 alt.Tooltip("til:Q", format="d", title="Til")],
    )
    # A label shows where its band is wide enough for it (on a phone, «Fase 1» would run into «Fase 2»).
    wide_enough = alt.ExprRef(f"scale('x', datum.til) - scale('x', datum.fra) >= {PHASE_LABEL_MIN_PX} ? 1 : 0")
    labels = alt.Chart(data).mark_text(align="left", baseline="bottom", dx=3, dy=-2, style="phase-label",
                                       opacity=wide_enough).encode(
        x=alt.X("fra:Q"), y=alt.YValue("height"), text=alt.Text("fase:N"))
    return bands + labels


# Vega's 5 px all round, with more on the right: the last axis label and the value at the end of the
# longest bar keep clear of the container's edge (they touched it on a phone).
PADDING = {"left": 5, "top": 5, "right": 14, "bottom": 5}


def finish(chart: alt.TopLevelMixin, title: str, source: str, height: int = 460) -> alt.TopLevelMixin:
    """Size, configuration and the finding as the chart's accessible description.

    The finding and the source line are shown as text around the chart (they wrap; a chart title
    would be cut at phone width), so the spec carries them in `usermeta` and `description` only.
    Streamlit fits the whole chart (axes, legend) into `height`; the plot gets what is left."""
    # Set on the chart just built rather than through .properties()/.configure(), which deep-copy it
    # (a tenth of a second on a cold start's first chart).
    chart.height, chart.width, chart.description = height, "container", title
    chart.padding = PADDING
    chart.usermeta = {"title": title, "source": source}
    chart.config = alt.Config(**config())
    return chart


def for_slide(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """A chart for the projector: it fills its container's height and has larger type."""
    return chart.properties(height="container").configure(**config(SLIDE_FONT_SIZE, narrow_size=FONT_SIZE))


def layers(*layers) -> list:
    return [layer for layer in layers if layer is not None]
