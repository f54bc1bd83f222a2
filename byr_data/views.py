"""What each page shows, assembled from analysis and charts: pure, so it is tested without a UI.

A page calls one builder with the data and the filters and draws the result. This module holds
what the builders share (the filters, the page and chart types, selection and range helpers) and
the presentation; the job pages' builders live in `job_views` (with data) and `offline_views`
(snapshot only), the presentation's job slides in `job_slides`, the sentences in `story`. The
builders stay reachable as `views.overview`, `views.trend`, … (see `__getattr__` at the end).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cached_property

import altair as alt
import numpy as np
import pandas as pd

from byr_data import analysis, charts, fmt, notes, programme_views, regions, story
from byr_data.report import ReportFigures

MEASURE_TITLES = {"arbeidssted": "Arbeidsplasser", "bosted": "Sysselsatte bosatte"}
MIN_YEARS = 2  # a change needs two years


@dataclass(frozen=True)
class Filters:
    codes: tuple[str, ...]
    measure: str = "arbeidssted"
    years: tuple[int, int] | None = None
    rolling: bool = False


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


# -- shared ----------------------------------------------------------------------------------------
def selection_name(codes: tuple[str, ...], region: regions.RegionSettings) -> str:
    if set(codes) == set(region.members):
        return region.name
    names = [regions.municipality_name(c) for c in codes]
    return names[0] if len(names) == 1 else "Utvalget " + ", ".join(names)


def measure_series(frame: pd.DataFrame, filters: Filters) -> tuple[pd.DataFrame, pd.Series]:
    """Levels per municipality and for the selection, over every year the data has."""
    wide = analysis.levels(frame, filters.codes, filters.measure)
    return wide, analysis.regional(wide)


def in_range(data, years: tuple[int, int] | None):
    """Rows (of a frame with an «aar» column, or indexed by year) inside the chosen year range."""
    if years is None:
        return data
    year = data["aar"] if isinstance(data, pd.DataFrame) and "aar" in data.columns else data.index
    return data[(np.asarray(year) >= years[0]) & (np.asarray(year) <= years[1])]


def frame_source(frame: pd.DataFrame, measure: str, year: int) -> str:
    """Which table a figure comes from (the snapshot mixes 07984 and 13470)."""
    sources = frame.loc[(frame["maal"] == measure) & (frame["aar"] == year), "kilde"].unique()
    return ", ".join(sorted(sources))


def missing_reason(level: pd.Series, filters: Filters, has_workplace_series: bool) -> str | None:
    """Plain words for why there is nothing to compute, or None. The jobs series missing altogether
    (offline) is not a reason: `offline_views` shows what the snapshot and the report do have."""
    if level.notna().sum() >= MIN_YEARS or (filters.measure == "arbeidssted" and not has_workplace_series):
        return None
    return "Det finnes for få år med tall for dette utvalget til å beregne endringer (mangler tall)."


def is_offline(frame: pd.DataFrame, filters: Filters) -> bool:
    """Jobs are asked for, but the data have no jobs series (only the snapshot's single year)."""
    return filters.measure == "arbeidssted" and notes.workplace_years(frame) < MIN_YEARS


def up_to_end(level: pd.Series, years: tuple[int, int] | None) -> pd.Series:
    """Every year up to the chosen end year: the latest year's change needs the year before it."""
    return level[level.index <= years[1]] if years else level


def _level_long(wide: pd.DataFrame, level: pd.Series, selection: str, values: str) -> pd.DataFrame:
    frames = [pd.DataFrame({"aar": level.index, "serie": selection, "verdi": level.to_numpy()})]
    if values == "municipalities" and wide.shape[1] > 1:
        for code in wide.columns:
            frames.append(pd.DataFrame({"aar": wide.index, "serie": regions.municipality_name(code),
                                        "verdi": wide[code].to_numpy()}))
    return pd.concat(frames, ignore_index=True).dropna(subset=["verdi"]).astype({"aar": "int64"})


def _display(frame: pd.DataFrame, formats: dict[str, callable], names: dict[str, str]) -> pd.DataFrame:
    """Format numbers as Norwegian text for the table twins («mangler tall» where missing)."""
    shown = frame.copy()
    for column, formatter in formats.items():
        shown[column] = shown[column].map(formatter)
    return shown.rename(columns=names)


def _for_export(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The numbers behind a chart for the CSV: Norwegian headers, whole numbers as integers, «ja» for flags."""
    data = frame[[c for c in frame.columns if c in names]].copy()
    for column in data.columns:
        if data[column].dtype == bool:
            data[column] = data[column].map({True: "ja", False: ""})
        elif pd.api.types.is_float_dtype(data[column]) and (data[column].dropna() % 1 == 0).all():
            data[column] = data[column].astype("Int64")
    return data.rename(columns=names)


def _block(chart: alt.TopLevelMixin, frame: pd.DataFrame, formats: dict, names: dict[str, str], name: str) -> Block:
    return Block(chart, _display(frame[[c for c in frame.columns if c in names]], formats, names),
                 _for_export(frame, names), name, charts.title_of(chart))


def _year(value) -> str:
    return str(int(value))


QUOTE = "Rapportens ord"  # the comparison's column of the report's own words


def report_comparison(frame: pd.DataFrame, region: regions.RegionSettings, report: ReportFigures) -> pd.DataFrame:
    """The report's figures beside those computed from SSB for the report's region (the six members)."""
    wide = analysis.levels(frame, region.members, "arbeidssted")
    delta = analysis.changes(analysis.regional(wide))
    rows = []
    for item in report.changes:
        computed = delta.get(item.year, np.nan)
        rows.append({
            "År": str(item.year),
            "Sluttrapporten": fmt.signed(item.value),
            "Beregnet fra SSB nå": fmt.signed(computed),
            "Forskjell": fmt.signed(computed - item.value) if pd.notna(computed) else fmt.MISSING,
            QUOTE: item.quote,
        })
    pre = analysis.trend_summary(analysis.regional(wide)).pre_mean if len(wide) else np.nan
    rows.append({
        "År": "2009–2014 (snitt)",
        "Sluttrapporten": f"ca. {fmt.signed(report.pre_trend_per_year)}",
        "Beregnet fra SSB nå": fmt.signed(pre),
        "Forskjell": fmt.signed(pre - report.pre_trend_per_year) if pd.notna(pre) else fmt.MISSING,
        QUOTE: report.pre_trend_quote,
    })
    return pd.DataFrame(rows)


COMPARISON_NOTE = (
    "Forskjeller mellom rapportens tall og SSB-tallene i dag kan ha flere årsaker: SSB reviderer tall etter "
    "publisering, rapporten kan ha brukt en annen tabell eller avgrensning (alder, kvartal, tidspunkt for uttrekk), "
    "og appen regner alltid med dagens kommunegrenser for de seks kommunene. Appen viser SSB-tallene slik de er "
    "publisert nå, og rapportens tall slik de står i rapporten."
)


# -- the jobs goal in the goal matrix ------------------------------------------------------------------
@dataclass(frozen=True)
class LiveStatus:
    word: str  # a word of data/status_vocabulary.toml
    text: str
    source: str


def jobs_goal_status(frame: pd.DataFrame, region: regions.RegionSettings, source: str) -> LiveStatus:
    """The +100 goal judged on the latest SSB figures for the region's members, not the 2018 text."""
    level = analysis.regional(analysis.levels(frame, region.members, "arbeidssted"))
    if level.notna().sum() < MIN_YEARS:
        return LiveStatus("ikke angitt", "Arbeidsplasser år for år mangler tall i dataene som vises; hent "
                          "tallene fra SSB under «Data og kilder» for å følge målet.", source)
    status = analysis.target_status(level, region.base_year, region.target_per_year)
    text = story.target_summary(status, region)
    if status.met is None or status.year is None or status.year <= region.base_year:
        return LiveStatus("ikke angitt", text, source)
    return LiveStatus("nådd" if status.met else "ikke nådd", text, source)


# -- presentation mode: one message a view, for the council meeting ----------------------------------
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


REPORT_SOURCE = "Kilde: Sluttrapport Byregionprogrammet Kongsvingerregionen (2018)"


def _slide_chart(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """On a slide the message is the chart's finding and the source is its own line: the chart
    fills the height of its container, with projector-sized type."""
    return charts.for_slide(chart)


def presentation(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
                 report: ReportFigures | None, matrix=None, portfolio=None, problems: tuple[str, ...] = (),
                 changes: tuple[Slide, ...] = ()) -> list[Slide]:
    """The council sequence: target this year, trend reversal, cumulative path, contributions,
    goal matrix, projects. `matrix`/`portfolio` come from byr_data.goals (None when they cannot load)."""
    from byr_data import industry_views, job_slides  # these import this module: here, not at the top

    slides: list[Slide] = job_slides.job_slides(frame, filters, region, source, report)
    if not is_offline(frame, filters):
        slides += industry_views.slides(frame, filters, region, source)
    slides += programme_views.programme_slides(matrix, portfolio, jobs_goal_status(frame, region, source))
    slides.extend(changes)  # «Endringer siden forrige rapport» (byr_data.reporting.changes_slides)
    for problem in problems:
        slides.append(Slide("Kan ikke vises", problem))
    return slides


# The page builders, reachable as `views.overview` etc. (pages, tests and `ui.load.build` call them so).
# Resolved on first use: those modules import this one.
_BUILDERS = {"overview": "job_views", "trend": "job_views", "attainment": "job_views",
             "municipality": "job_views", "TREND_VIEWS": "job_views"}


def __getattr__(name: str):
    if name in _BUILDERS:
        return getattr(importlib.import_module(f"byr_data.{_BUILDERS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
