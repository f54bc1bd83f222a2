"""The chosen municipalities' series, cut to the chosen years: where every job page starts (pure).

`measure_series` sums the municipalities into the selection's level (analysis.levels/regional),
`in_range` and `up_to_end` apply the year filter, and `selection_situation` places the selection's
latest year in the region, for the headlines (`story`) and the metrics (`pages`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from byr_data import analysis, regions
from byr_data.jobs import notes, story
from byr_data.page_model import MEASURE_TITLES, Filters


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


def up_to_end(level: pd.Series, years: tuple[int, int] | None) -> pd.Series:
    """Every year up to the chosen end year: the latest year's change needs the year before it."""
    return level[level.index <= years[1]] if years else level


def missing_reason(level: pd.Series, filters: Filters, has_workplace_series: bool) -> str | None:
    """Plain words for why there is nothing to compute, or None. The jobs series missing altogether
    (offline) is not a reason: `jobs.offline` shows what the snapshot and the report do have."""
    if level.notna().sum() >= analysis.MIN_YEARS or (filters.measure == "arbeidssted" and not has_workplace_series):
        return None
    return "Det finnes for få år med tall for dette utvalget til å beregne endringer (mangler tall)."


def is_offline(frame: pd.DataFrame, filters: Filters) -> bool:
    """Jobs are asked for, but the data have no jobs series from table 07984 (only the snapshot's table
    11618, 2017–2022, which `jobs.offline` shows for what it is)."""
    return filters.measure == "arbeidssted" and notes.jobs_table(frame) != notes.LIVE_TABLE


def level_long(wide: pd.DataFrame, level: pd.Series, selection: str, values: str) -> pd.DataFrame:
    """Long rows (aar, serie, verdi) for a line chart: the selection's level, and with `values` =
    "municipalities" each municipality's too."""
    frames = [pd.DataFrame({"aar": level.index, "serie": selection, "verdi": level.to_numpy()})]
    if values == "municipalities" and wide.shape[1] > 1:
        for code in wide.columns:
            frames.append(pd.DataFrame({"aar": wide.index, "serie": regions.municipality_name(code),
                                        "verdi": wide[code].to_numpy()}))
    return pd.concat(frames, ignore_index=True).dropna(subset=["verdi"]).astype({"aar": "int64"})


def selection_situation(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings) -> story.Situation:
    """The selection's latest chosen year and its place in the region, for headlines and metrics."""
    _, level = measure_series(frame, filters)
    region_level = analysis.regional(analysis.levels(frame, region.members, filters.measure))
    return story.situation(up_to_end(level, filters.years), up_to_end(region_level, filters.years),
                           filters.codes, filters.measure, region, regions.selection_name(filters.codes, region))


def context_line(page: str, selection: str, filters: Filters) -> str:
    """The quiet line under a headline: «Oversikt · Kongsvingerregionen · arbeidsplasser · 2015–2025»."""
    years = f" · {filters.years[0]}–{filters.years[1]}" if filters.years else ""
    return f"{page} · {selection} · {MEASURE_TITLES[filters.measure].lower()}{years}"
