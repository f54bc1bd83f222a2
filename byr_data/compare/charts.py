"""Charts for «Regionen i landet»: the areas side by side, the ranking of every municipality, and two maps
drawn with `mark_geoshape` from inline GeoJSON (no tile server: they work offline).

The maps colour growth in per cent on a diverging blue–orange scale centred at zero (readable with the
common colour-vision deficiencies; blue = growth, orange = decline), clamped to a symmetric domain so
a few small municipalities do not wash out the rest; a municipality without data is light grey. The
region is outlined in black. Every chart has a table twin on the page (colour is never the only cue).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd

from byr_data import fmt, regions
from byr_data.chart_parts import REGION_COLOR, TEXT_COLOR, finish, layers

MAP_FILE = regions.DATA_DIR / "geo" / "kommuner-2024.geojson"
MAP_CREDIT = "Kartgrunnlag: Kartverket (CC BY 4.0)"
MAP_DATA = "kommuner"  # the maps' named dataset
SCHEME = alt.Scale(scheme="blueorange", reverse=True)  # reversed: high values blue, low orange
NO_DATA_COLOR = "#d9d9d9"
OTHER_COLOR = "#9e9e9e"
MEMBER_COLOR = "#0b4f8a"  # dark blue, ≥ 4.5:1 on white
AREA_COLORS = {"utvalg": REGION_COLOR, "fylke": "#0b4f8a", "sammenligning": "#2f7f7f", "landet": "#6b6b6b"}
# Transverse Mercator around 15° E: Norway upright, as on Kartverket's maps.
PROJECTION = {"type": "transverseMercator", "rotate": [-15, -65, 0]}
PERCENT_AXIS = alt.Axis(labelExpr="(datum.value > 0 ? '+' : '') + format(datum.value, ',.0f') + ' %'")


@lru_cache(maxsize=2)
def _features(path: Path) -> tuple[str, ...]:
    collection = json.loads(path.read_text(encoding="utf-8"))
    return tuple(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"])


def features(path: Path = MAP_FILE) -> list[dict]:
    """The map's municipalities (a fresh copy each call: the charts add their figures to the properties)."""
    return [json.loads(f) for f in _features(path)]


def map_names(path: Path = MAP_FILE) -> dict[str, str]:
    """The map's municipalities: today's number -> name."""
    return dict(_map_names(path))


@lru_cache(maxsize=2)
def _map_names(path: Path) -> tuple[tuple[str, str], ...]:
    return tuple((f["properties"]["kommunenummer"], f["properties"]["kommunenavn"]) for f in features(path))


def _with_figures(shapes: list[dict], table: pd.DataFrame, members: set[str]) -> list[dict]:
    """Each feature with its growth (`prosent`, None without data), its text and whether it is in the selection."""
    rows = table.set_index("kommunenummer")
    for feature in shapes:
        code = feature["properties"]["kommunenummer"]
        value = rows["prosent"].get(code, np.nan) if code in rows.index else np.nan
        rank = rows["plass"].get(code) if code in rows.index else None
        feature["properties"].update({
            "prosent": None if pd.isna(value) else round(float(value), 1),
            "tekst": fmt.MISSING if pd.isna(value) else f"{fmt.signed_decimal(value)}\u00a0%",
            "plass": "" if rank is None or pd.isna(rank) else f"nr. {int(rank)}",
            "medlem": code in members,
        })
    return shapes


def _frame(shapes: list[dict]) -> pd.DataFrame:
    """GeoJSON features as a frame of dicts: Altair passes a frame's rows to Vega as they are, where
    `alt.Data(values=…)` would validate and walk every coordinate (seconds for the whole country)."""
    return pd.DataFrame({"type": [f["type"] for f in shapes], "properties": [f["properties"] for f in shapes],
                         "geometry": [f["geometry"] for f in shapes]})


def _color(limit: float, legend_title: str) -> alt.Color:
    scale = alt.Scale(scheme=SCHEME.scheme, reverse=True, domain=[-limit, limit], domainMid=0, clamp=True)
    legend = alt.Legend(title=legend_title, orient="bottom", direction="horizontal", gradientLength=220,
                        labelExpr="(datum.value > 0 ? '+' : '') + format(datum.value, ',.0f') + ' %'")
    return alt.Color("properties.prosent:Q", scale=scale, legend=legend)


def color_limit(table: pd.DataFrame) -> float:
    """A symmetric domain that holds nine of ten municipalities (at least ±1 %)."""
    values = table["prosent"].dropna().abs()
    return max(1.0, float(np.ceil(values.quantile(0.9)))) if not values.empty else 1.0


def _tooltip(period: str) -> list:
    return [alt.Tooltip("properties.kommunenavn:N", title="Kommune"),
            alt.Tooltip("properties.tekst:N", title=f"Endring {period}"),
            alt.Tooltip("properties.plass:N", title="Plass")]


def _filled(limit: float, period: str, stroke_width: float) -> list[alt.Chart]:
    """Every municipality in grey, and those with a figure coloured on top. (One layer with a conditional
    colour would not do: Vega-Lite leaves out a shape whose field is empty.)"""
    grey = alt.Chart().mark_geoshape(fill=NO_DATA_COLOR, stroke="white", strokeWidth=stroke_width).encode(
        tooltip=_tooltip(period))
    coloured = alt.Chart().mark_geoshape(stroke="white", strokeWidth=stroke_width).encode(
        color=_color(limit, f"Endring {period}"), tooltip=_tooltip(period)).transform_filter(
        "isValid(datum.properties.prosent)")
    return [grey, coloured]


@dataclass(frozen=True)
class GeoChart:
    """A map: how to draw it from any data (`draw(data)`) and its GeoJSON features.

    `chart()` has the features as its data (for the PNG export). `spec()` is the Vega-Lite spec for the
    screen, made from the same drawing with a named placeholder and the features put in afterwards:
    Altair's to_dict walks every coordinate of inline data (about 0,35 s for the whole country)."""

    draw: Callable[[object], alt.TopLevelMixin]
    shapes: list

    def chart(self) -> alt.TopLevelMixin:
        return self.draw(_frame(self.shapes))

    def spec(self, finish_chart: Callable = lambda chart: chart) -> dict:
        spec = finish_chart(self.draw(alt.NamedData(name=MAP_DATA))).to_dict(validate=False)
        spec.setdefault("datasets", {})[MAP_DATA] = self.shapes
        return spec


def country_map(table: pd.DataFrame, members: set[str], title: str, source: str, period: str,
                shapes: list[dict] | None = None, height: int = 620) -> GeoChart:
    """Norway's municipalities coloured by growth, the selection outlined. One dataset, shared by the layers."""
    limit = color_limit(table)

    def draw(data) -> alt.TopLevelMixin:
        fill = _filled(limit, period, stroke_width=0.2)
        outline = alt.Chart().mark_geoshape(filled=False, stroke=REGION_COLOR, strokeWidth=1.6, aria=False
                                            ).transform_filter("datum.properties.medlem")
        return finish(alt.layer(*fill, outline, data=data).project(**PROJECTION), title, source, height)

    return GeoChart(draw, _with_figures(shapes if shapes is not None else features(), table, members))


def region_map(table: pd.DataFrame, members: set[str], title: str, source: str, period: str,
               shapes: list[dict] | None = None, height: int = 520) -> GeoChart:
    """The selection's municipalities alone, with their names and figures written in."""
    chosen = [f for f in _with_figures(shapes if shapes is not None else features(), table, members)
              if f["properties"]["medlem"]]
    limit = color_limit(table)

    def draw(data) -> alt.TopLevelMixin:
        fill = _filled(limit, period, stroke_width=1.2)
        names = alt.Chart().mark_text(style="value-label-strong", color=TEXT_COLOR, dy=-9, stroke="white",
                                      strokeWidth=3, strokeOpacity=0.8).encode(
            longitude="properties.lon:Q", latitude="properties.lat:Q", text="properties.kommunenavn:N")
        names_fill = names.mark_text(style="value-label-strong", color=TEXT_COLOR, dy=-9)
        figures = alt.Chart().mark_text(style="value-label", color=TEXT_COLOR, dy=10).encode(
            longitude="properties.lon:Q", latitude="properties.lat:Q", text="properties.tekst:N")
        return finish(alt.layer(*fill, names, names_fill, figures, data=data).project(**PROJECTION), title, source,
                      height)

    return GeoChart(draw, chosen)


def areas_chart(table: pd.DataFrame, title: str, source: str) -> alt.LayerChart:
    """Growth in per cent for each area (columns omraade, type, prosent, tekst), in the given order."""
    shown = table.dropna(subset=["prosent"])
    order = list(shown["omraade"])
    y = alt.Y("omraade:N", title=None, sort=order, axis=alt.Axis(labelLimit=260))
    kinds = [k for k in AREA_COLORS if k in set(shown["type"])]
    color = alt.Color("type:N", scale=alt.Scale(domain=kinds, range=[AREA_COLORS[k] for k in kinds]), legend=None)
    bars = alt.Chart(shown).mark_bar(height={"band": 0.7}).encode(
        x=alt.X("prosent:Q", title="Endring i prosent", axis=PERCENT_AXIS), y=y, color=color,
        tooltip=[alt.Tooltip("omraade:N", title="Område"), alt.Tooltip("tekst:N", title="Endring")])
    labels = [alt.Chart(shown[part]).mark_text(align=align, dx=dx, style="value-label", color=REGION_COLOR).encode(
        x="prosent:Q", y=y, text="tekst:N")
        for part, align, dx in ((shown["prosent"] >= 0, "left", 4), (shown["prosent"] < 0, "right", -4))]
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color=TEXT_COLOR).encode(x="x:Q")
    return finish(alt.layer(*layers(bars, *labels, zero)), title, source, height=200 + 40 * len(shown))


def ranking_chart(table: pd.DataFrame, members: set[str], title: str, source: str, period: str) -> alt.LayerChart:
    """Every ranked municipality as a thin bar by rank; the selection dark blue and named (a label, not
    colour alone)."""
    ranked = table.dropna(subset=["plass"]).assign(
        plass=lambda t: t["plass"].astype(int),
        gruppe=lambda t: np.where(t["kommunenummer"].isin(members), "I utvalget", "Andre kommuner"),
        tekst=lambda t: [f"{fmt.signed_decimal(v)}\u00a0%" for v in t["prosent"]])
    color = alt.Color("gruppe:N", title=None, scale=alt.Scale(domain=["I utvalget", "Andre kommuner"],
                                                              range=[MEMBER_COLOR, OTHER_COLOR]),
                      legend=alt.Legend(orient="bottom"))
    x = alt.X("plass:Q", title=f"Plass blant {len(ranked)} kommuner (1 = størst vekst)",
              scale=alt.Scale(domain=[0, len(ranked) + 1], nice=False), axis=alt.Axis(format="d"))
    y = alt.Y("prosent:Q", title=f"Endring {period}", axis=PERCENT_AXIS, stack=None)
    tooltip = [alt.Tooltip("kommune:N", title="Kommune"), alt.Tooltip("plass:Q", title="Plass"),
               alt.Tooltip("tekst:N", title="Endring")]
    chosen = ranked[ranked["gruppe"] == "I utvalget"]
    others = alt.Chart(ranked[ranked["gruppe"] != "I utvalget"]).mark_bar(width=2).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    bars = alt.Chart(chosen).mark_bar(width=4).encode(x=x, y=y, color=color, tooltip=tooltip)  # on top of ties
    marks = alt.Chart(chosen).mark_point(shape="triangle-down", filled=True, size=90, color=MEMBER_COLOR).encode(
        x=x, y=alt.YValue(0))
    names = alt.Chart(chosen).mark_text(angle=270, align="right", baseline="middle", style="value-label",
                                        color=MEMBER_COLOR).encode(x=x, y=alt.YValue(12), text="kommune:N")
    return finish(alt.layer(others, bars, marks, names), title, source, height=460)
