"""The view types every page family shares: what a page, a chart block, a metric and a slide are.

Builders in the domain packages (`jobs`, `industry`, `programme`, `status`) return these; the
Streamlit glue in `ui` draws them. Types and their table formatting only: no data, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import altair as alt
import numpy as np
import pandas as pd

from byr_data import chart_parts, fmt

MEASURE_TITLES = {"arbeidssted": "Arbeidsplasser", "bosted": "Sysselsatte bosatte"}  # the labels are also URL values


@dataclass(frozen=True)
class Filters:
    """The shared filters: municipalities, measure, year range and smoothing (see ui.filters)."""

    codes: tuple[str, ...]
    measure: str = "arbeidssted"
    years: tuple[int, int] | None = None
    rolling: bool = False


def years_of_measure(span: tuple[int, int] | None, years: list[int]) -> tuple[int, int] | None:
    """The chosen year range within the years that `years` (the measure's own, with figures) covers: offline,
    jobs are 2017–2022 (table 11618) while residents go 2008–2025, and the filter line names the former.
    A range outside them all stays as chosen (the pages then say «mangler tall»)."""
    if span is None or not years:
        return span
    first, last = max(span[0], min(years)), min(span[1], max(years))
    return (first, last) if first <= last else span


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    delta: str | None = None  # formatted, e.g. «−49 mot målet»
    delta_sign: int = 0  # +1 good/up, −1 bad/down, 0 neutral: our true minus sign is not «-» to Streamlit


def gap_metric(label: str, value: str, gap: float, target: float) -> Metric:
    """A figure with its distance to the target as the delta, e.g. «−49 mot målet +100»."""
    sign = 0 if np.isnan(gap) or round(gap) == 0 else int(np.sign(gap))
    return Metric(label, value, f"{fmt.signed(gap)} mot målet {fmt.signed(target)}", sign)


@dataclass
class Block:
    """A chart with its finding (shown above it), its table twin and download."""

    @cached_property
    def spec(self) -> dict:
        """The Vega-Lite spec, built once. Not validated against the schema here (a tenth of a second per
        chart on a cold start): tests/test_chart_specs.py validates every chart every view can show."""
        return self.chart.to_dict(validate=False)

    chart: alt.TopLevelMixin
    table: pd.DataFrame  # formatted for display
    data: pd.DataFrame  # raw numbers for the CSV
    name: str  # file name stem
    title: str = ""  # the finding, as text above the chart (it wraps; a chart title would be cut)


@dataclass
class PageView:
    title: str  # the page's finding in one line (its headline)
    selection: str  # «Kongsvingerregionen» or the municipalities chosen
    source: str
    context: str = ""  # one quiet line under the headline: what is shown, for whom
    missing: str | None = None  # why the main series cannot be shown
    metrics: list[Metric] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)


@dataclass(frozen=True)
class LiveStatus:
    """The jobs goal judged on today's figures (jobs.goal_status), shown in the goal matrix."""

    word: str  # a word of data/status_vocabulary.toml
    text: str
    source: str


@dataclass
class Slide:
    heading: str
    message: str  # the one message, in large type
    detail: str = ""
    chart: alt.TopLevelMixin | None = None
    items: list[str] = field(default_factory=list)
    tone: str | None = None  # "good" / "bad": the message is a target met or missed
    source: str = ""  # where the slide's figures come from: the SSB table or the final report
    by_period: bool = False  # shows the statuses of the chosen reporting period (the period picker shows with it)

    @cached_property
    def spec(self) -> dict | None:
        return None if self.chart is None else self.chart.to_dict(validate=False)  # see Block.spec


# -- table twins -----------------------------------------------------------------------------------
def display_table(frame: pd.DataFrame, formats: dict[str, callable], names: dict[str, str]) -> pd.DataFrame:
    """Format numbers as Norwegian text for the table twins («mangler tall» where missing)."""
    shown = frame.copy()
    for column, formatter in formats.items():
        shown[column] = shown[column].map(formatter)
    return shown.rename(columns=names)


def export_table(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The numbers behind a chart for the CSV: Norwegian headers, whole numbers as integers, «ja» for flags."""
    data = frame[[c for c in frame.columns if c in names]].copy()
    for column in data.columns:
        if data[column].dtype == bool:
            data[column] = data[column].map({True: "ja", False: ""})
        elif pd.api.types.is_float_dtype(data[column]) and (data[column].dropna() % 1 == 0).all():
            data[column] = data[column].astype("Int64")
    return data.rename(columns=names)


def block(chart: alt.TopLevelMixin, frame: pd.DataFrame, formats: dict, names: dict[str, str], name: str) -> Block:
    """A chart with its table twin (the columns in `names`, formatted by `formats`) and its CSV data."""
    return Block(chart, display_table(frame[[c for c in frame.columns if c in names]], formats, names),
                 export_table(frame, names), name, chart_parts.title_of(chart))
