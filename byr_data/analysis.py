"""Pure metrics on the tidy table: the one definition of every figure the pages show (docs/architecture.md, «Definitions»).

Conventions: a level E(t) is the number employed in year t; the regional E is the sum over the
selected municipalities and is missing when any of them lacks a figure (a partial sum would
be an invented drop). A change Δ(t) = E(t) − E(t−1) exists only for consecutive years with
both figures, and never across the 2014→2015 series break.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from byr_data import regions

TOTAL = "00-99"
BREAK_AFTER = 2014  # the change 2014 -> 2015 is a method change (a-ordningen), not a real change
PRE_PERIOD = (2008, 2014)
MIN_YEARS = 2  # a change needs two years
PHASES = (
    ("Fase 1", 2014, 2015),
    ("Fase 2", 2015, 2018),
    ("Fase 3", 2018, None),  # open-ended
)


def is_break(year: int) -> bool:
    """Whether the change into `year` crosses the series break."""
    return year == BREAK_AFTER + 1


class SpliceError(ValueError):
    """Two SSB tables would be joined into one series (never done: they are measured differently)."""


def levels(frame: pd.DataFrame, codes: list[str] | tuple[str, ...], measure: str) -> pd.DataFrame:
    """Wide table: one row per year, one column per selected municipality (NaN = no figure). Every series
    passes through here: one from two tables (the frame's «kilde») is refused with SpliceError."""
    rows = frame[(frame["maal"] == measure) & (frame["naering"] == TOTAL) & frame["kommunenummer"].isin(codes)]
    tables = sorted(set(rows["kilde"])) if "kilde" in rows.columns else []
    if len(tables) > 1:
        raise SpliceError(f"«{measure}» kommer fra flere tabeller ({', '.join(tables)}) og kan ikke bli én serie.")
    wide = rows.pivot_table(index="aar", columns="kommunenummer", values="verdi", aggfunc="first", dropna=False)
    wide = wide.reindex(columns=list(codes))
    if wide.empty:
        return pd.DataFrame(columns=list(codes), index=pd.Index([], name="aar", dtype="int64"), dtype=float)
    years = range(int(wide.index.min()), int(wide.index.max()) + 1)
    return wide.reindex(years).rename_axis("aar")


def regional(wide: pd.DataFrame) -> pd.Series:
    """Sum of the selected municipalities; missing when any of them is missing that year."""
    if wide.shape[1] == 0:
        return pd.Series(dtype=float, index=wide.index, name="region")
    return wide.sum(axis=1, min_count=wide.shape[1]).where(wide.notna().all(axis=1)).rename("region")


def changes(level: pd.Series) -> pd.Series:
    """Δ(t) = E(t) − E(t−1) for consecutive years; NaN at the series break and next to gaps."""
    level = level.sort_index()
    years = pd.Series(level.index, index=level.index)
    delta = level.diff().where(years.diff() == 1)
    return delta.where(~years.map(is_break).astype(bool))


def rolling_mean(values: pd.Series, window: int = 3) -> pd.Series:
    """Trailing mean over `window` years, computed separately on each side of the series break."""
    values = values.sort_index()
    before = values[values.index <= BREAK_AFTER].rolling(window, min_periods=window).mean()
    after = values[values.index > BREAK_AFTER].rolling(window, min_periods=window).mean()
    return pd.concat([before, after]).reindex(values.index)


def index(level: pd.Series, base_year: int) -> pd.Series:
    """E(t) / E(base) · 100; only on the base year's side of the break (other years are not comparable)."""
    base = level.get(base_year, np.nan)
    same_side = (level.index > BREAK_AFTER) == (base_year > BREAK_AFTER)
    return (level / base * 100).where(same_side)


def cumulative(delta: pd.Series, base_year: int, target_per_year: float) -> pd.DataFrame:
    """Cumulative change since the base year against the cumulative target, and the gap.

    Actual = sum of yearly changes after the base year (= E(t) − E(base) when there is no gap),
    so the series break is never counted; a missing change makes the rest missing, not zero.
    """
    after = delta[delta.index > base_year].sort_index()
    crosses_break = pd.Series([is_break(y) for y in after.index], index=after.index, dtype=bool)
    actual = after.fillna(0).where(crosses_break, after).cumsum(skipna=False)
    target = pd.Series((after.index - base_year) * float(target_per_year), index=after.index)
    return pd.DataFrame({"faktisk": actual, "mal": target, "avvik": actual - target}).rename_axis("aar")


def slope(values: pd.Series) -> float:
    """OLS slope per year over the non-missing points (NaN with fewer than two)."""
    values = values.dropna()
    if len(values) < 2:
        return float("nan")
    return float(np.polyfit(values.index.astype(float), values.to_numpy(dtype=float), 1)[0])


@dataclass(frozen=True)
class TrendSummary:
    pre_mean: float  # mean yearly change 2009–2014 (within the chosen years)
    pre_slope: float  # OLS slope of levels 2008–2014
    post_mean: float  # mean yearly change from 2016
    post_slope: float  # OLS slope of levels from 2015
    turned_year: int | None  # first year after the break with a positive change
    recent_years: tuple[int, ...]
    recent_positive: int  # how many of the recent years had growth
    recent_mean: float
    latest_year: int | None
    pre_span: tuple[int, int] | None = None  # first and last year of the changes counted before the break
    post_span: tuple[int, int] | None = None  # the same after the break
    post_positive: int = 0  # years with growth after the break
    post_count: int = 0  # years with a change after the break


def _span(values: pd.Series) -> tuple[int, int] | None:
    return (int(values.index.min()), int(values.index.max())) if len(values) else None


def trend_summary(level: pd.Series, recent: int = 3, years: tuple[int, int] | None = None) -> TrendSummary:
    """Before and after the programme, never across the break.

    `years` limits what is counted to a chosen range. A change belongs to the year it ends in, so the
    change into the first chosen year counts (it is computed from the year before, as on the charts).
    """
    level = level.sort_index()
    delta = changes(level)
    if years is not None:
        delta = delta[(delta.index >= years[0]) & (delta.index <= years[1])]
        level = level[(level.index >= years[0]) & (level.index <= years[1])]
    pre_level = level[(level.index >= PRE_PERIOD[0]) & (level.index <= PRE_PERIOD[1])]
    post_level = level[level.index > BREAK_AFTER]
    pre_delta = delta[(delta.index > PRE_PERIOD[0]) & (delta.index <= PRE_PERIOD[1])].dropna()
    post_delta = delta[delta.index > BREAK_AFTER + 1].dropna()
    turned = next((int(y) for y, d in post_delta.items() if d > 0), None)
    latest = post_delta.tail(recent)
    return TrendSummary(
        pre_mean=float(pre_delta.mean()) if len(pre_delta) else float("nan"),
        pre_slope=slope(pre_level),
        post_mean=float(post_delta.mean()) if len(post_delta) else float("nan"),
        post_slope=slope(post_level),
        turned_year=turned,
        recent_years=tuple(int(y) for y in latest.index),
        recent_positive=int((latest > 0).sum()),
        recent_mean=float(latest.mean()) if len(latest) else float("nan"),
        latest_year=int(level.dropna().index.max()) if level.notna().any() else None,
        pre_span=_span(pre_delta),
        post_span=_span(post_delta),
        post_positive=int((post_delta > 0).sum()),
        post_count=int(len(post_delta)),
    )


def pre_trend_projection(level: pd.Series) -> pd.DataFrame:
    """The 2008–2014 trend: its fitted line, and its continuation from the first year after the break.

    The continuation starts at the 2015 level because levels before and after the break are not
    comparable; it answers «what if the old decline had continued».
    """
    level = level.sort_index()
    pre = level[(level.index >= PRE_PERIOD[0]) & (level.index <= PRE_PERIOD[1])].dropna()
    rows = []
    if len(pre) >= 2:
        b, a = np.polyfit(pre.index.astype(float), pre.to_numpy(dtype=float), 1)
        rows += [{"aar": int(y), "verdi": a + b * y, "del": "før"} for y in pre.index]
        start = BREAK_AFTER + 1
        if pd.notna(level.get(start, np.nan)):
            anchor = level[start]
            last = int(level.dropna().index.max())
            rows += [{"aar": y, "verdi": anchor + b * (y - start), "del": "videreført"} for y in range(start, last + 1)]
    return pd.DataFrame(rows, columns=["aar", "verdi", "del"])


def scenario_path(level: pd.Series, per_year: float) -> pd.DataFrame:
    """A straight path of `per_year` a year from the first level after the break (columns aar, verdi).

    For the report's phase-1 projection (about −3 000 jobs over 25 years): the report gives no start
    year or path, so this is our conversion, started at the 2015 level because levels before and
    after the break are not comparable. Empty when 2015 has no figure."""
    start = BREAK_AFTER + 1
    level = level.dropna()
    if start not in level.index:
        return pd.DataFrame(columns=["aar", "verdi"])
    years = range(start, int(level.index.max()) + 1)
    return pd.DataFrame({"aar": list(years), "verdi": [level[start] + per_year * (y - start) for y in years]})


def contributions(wide: pd.DataFrame) -> pd.DataFrame:
    """Each municipality's change per year and its share of the regional change (long format).

    The share is a percentage of the region's growth, so it exists only when the region grew: a share
    of a decline (or of no change) is not a meaningful percentage, and is left missing.
    """
    region_delta = changes(regional(wide))
    rows = []
    for code in wide.columns:
        delta = changes(wide[code])
        for year, value in delta.items():
            total = region_delta.get(year, np.nan)
            share = value / total * 100 if pd.notna(value) and pd.notna(total) and total > 0 else np.nan
            rows.append(
                {
                    "aar": int(year),
                    "kommunenummer": code,
                    "kommune": regions.municipality_name(code),
                    "endring": value,
                    "andel": share,
                    "brudd": is_break(int(year)),
                }
            )
    return pd.DataFrame(rows, columns=["aar", "kommunenummer", "kommune", "endring", "andel", "brudd"])


def judges_target(codes, measure: str, region: regions.RegionSettings) -> bool:
    """Whether the +100 target applies: it is the region's target for jobs, so it is judged (and drawn)
    only when the selection is exactly the configured members and the measure is jobs by workplace.
    Any other selection (one municipality, some of them, the members plus an optional one) and the
    residence measure are shown with their own change and contribution, never against the target."""
    codes = tuple(codes)
    return measure == "arbeidssted" and len(codes) == len(set(codes)) and set(codes) == set(region.members)


@dataclass(frozen=True)
class TargetStatus:
    year: int | None
    change: float  # Δ of the latest year
    target: float
    met: bool | None  # None when the change is missing
    cumulative: float
    cumulative_target: float
    gap: float
    years_met: int
    years_elapsed: int  # years after the base year with a change


def target_status(level: pd.Series, base_year: int, target_per_year: float) -> TargetStatus:
    """The headline: the latest year's change against the target, and the cumulative path."""
    delta = changes(level)
    path = cumulative(delta, base_year, target_per_year)
    after = delta[delta.index > base_year]
    counted = after.dropna()
    latest_year = int(level.dropna().index.max()) if level.notna().any() else None
    latest_change = float(delta.get(latest_year, np.nan)) if latest_year is not None else float("nan")
    row = path.loc[latest_year] if latest_year in path.index else None
    return TargetStatus(
        year=latest_year,
        change=latest_change,
        target=float(target_per_year),
        met=None if np.isnan(latest_change) else bool(latest_change >= target_per_year),
        cumulative=float(row["faktisk"]) if row is not None else float("nan"),
        cumulative_target=float(row["mal"]) if row is not None else float("nan"),
        gap=float(row["avvik"]) if row is not None else float("nan"),
        years_met=int((counted >= target_per_year).sum()),
        years_elapsed=int(len(counted)),
    )


def yearly_table(level: pd.Series, window: int | None = None) -> pd.DataFrame:
    """Per year: level, change (optionally its rolling mean), and whether the change is the series break."""
    level = level.sort_index()
    delta = changes(level)
    shown = rolling_mean(delta, window) if window else delta
    return pd.DataFrame(
        {
            "aar": level.index.astype(int),
            "niva": level.to_numpy(),
            "endring": shown.reindex(level.index).to_numpy(),
            "brudd": [is_break(int(y)) for y in level.index],
        }
    )


# -- growth among municipalities («Regionen i landet», compare.model) -------------------------------
def growth_percent(start: float, end: float) -> float:
    """Growth in per cent; NaN when a figure is missing or the base is 0."""
    if pd.isna(start) or pd.isna(end) or start == 0:
        return float("nan")
    return (end - start) / start * 100


def per_thousand(change: float, population: float) -> float:
    """Change per 1 000 inhabitants (15–74 in the base year); NaN without a population."""
    if pd.isna(change) or pd.isna(population) or population <= 0:
        return float("nan")
    return change / population * 1000


def growth_rank(percents: pd.Series) -> pd.Series:
    """Rank by growth in per cent (rounded to 0,1 as shown), highest first; ties share the lower rank
    (1, 2, 2, 4); missing growth gets no rank (<NA>)."""
    return percents.round(1).rank(method="min", ascending=False).astype("Int64")
