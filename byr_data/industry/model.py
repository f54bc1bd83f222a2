"""Jobs by industry for a selection against Norway: change per section, location quotient, index and
relative growth, and the classic shift-share split of the change. Pure: no Streamlit, no I/O.

Conventions (besides those of analysis.py):
- Always jobs by workplace (`arbeidssted`), whatever measure the other pages show.
- Sections are the finest NACE level the data give: the codes (other than the total `00-99`)
  whose range holds no other code's range. `00` is «uoppgitt» (industry not stated).
- A selection's section figure is the sum over its municipalities, missing if any of them lacks it.
- For a period, the sections shown are those with figures in every year for the selection and for
  Norway, not «uoppgitt», and at least SMALL_SECTION jobs in the selection in the start year; the rest
  is one row «Andre/uoppgitt» = total − the sections shown. So the rows always add up to the total
  and the three effects always add up to the actual change.
- Never across the 2014/15 break: a period that spans it starts in 2015.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from byr_data import analysis, regions

MEASURE = "arbeidssted"
TOTAL = analysis.TOTAL
UNKNOWN = "00"  # «uoppgitt»: industry not stated
OTHER = "andre"  # our code for the merged row
OTHER_LABEL = "Andre/uoppgitt"
SMALL_SECTION = 20  # jobs in the selection in the start year; smaller sections are merged into OTHER
ROLLING_WINDOW = 3
STATUS_MEANINGS = {
    ".": "ikke aktuelt",
    "..": "mangler hos SSB",
    "...": "ikke publisert ennå",
    ":": "skjult av SSB av personvernhensyn",  # no brackets: the meaning is quoted in brackets
    "-": "null",
}
_CODE = re.compile(r"^(\d{1,2})(?:-(\d{1,2}))?$")


# -- sections --------------------------------------------------------------------------------------
def code_range(code: str) -> tuple[int, int] | None:
    """«10-33» -> (10, 33), «84» -> (84, 84); None for a code that is not a NACE division range."""
    match = _CODE.match(code.strip())
    if not match:
        return None
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) else low
    return (low, high) if low <= high else None


def finest_sections(codes: Iterable[str]) -> list[str]:
    """The codes other than the total that hold no other code: the finest level present, in NACE order."""
    ranges = {code: code_range(code) for code in set(codes) if code != TOTAL}
    ranges = {code: r for code, r in ranges.items() if r is not None}
    leaves = [code for code, (low, high) in ranges.items()
              if not any(other != code and low <= o_low and o_high <= high and (o_low, o_high) != (low, high)
                         for other, (o_low, o_high) in ranges.items())]
    return sorted(leaves, key=lambda code: ranges[code])


def section_codes(frame: pd.DataFrame) -> list[str]:
    """The sections the jobs-by-workplace figures are broken down into (empty when there are none)."""
    rows = frame[(frame["maal"] == MEASURE) & (frame["naering"] != TOTAL) & frame["verdi"].notna()]
    return finest_sections(rows["naering"].unique())


def section_labels(frame: pd.DataFrame) -> dict[str, str]:
    rows = frame[frame["maal"] == MEASURE].drop_duplicates("naering")
    labels = dict(zip(rows["naering"], rows["naering_tekst"]))
    labels[OTHER] = OTHER_LABEL
    return labels


@dataclass(frozen=True)
class Area:
    """Jobs by section for one area (a selection of municipalities, or Norway)."""

    name: str
    levels: pd.DataFrame  # index aar, columns TOTAL + sections; NaN = no figure
    status: pd.DataFrame  # same shape: SSB's status symbols ("" for none)

    @property
    def total(self) -> pd.Series:
        return self.levels[TOTAL]


def area(frame: pd.DataFrame, codes: Iterable[str], sections: list[str], name: str) -> Area:
    """Sum over the municipalities `codes`; a cell is missing when any municipality lacks it."""
    codes = list(codes)
    columns = [TOTAL, *sections]
    rows = frame[(frame["maal"] == MEASURE) & frame["kommunenummer"].isin(codes) & frame["naering"].isin(columns)]
    grouped = rows.groupby(["aar", "naering"])
    complete = grouped["verdi"].count() == len(codes)
    values = grouped["verdi"].sum(min_count=1).where(complete)
    status = grouped["status"].agg(lambda s: " ".join(sorted({x for x in s if x})))
    if values.empty:
        index = pd.Index([], name="aar", dtype="int64")
        return Area(name, pd.DataFrame(columns=columns, index=index, dtype=float),
                    pd.DataFrame(columns=columns, index=index, dtype=str))
    years = pd.Index(range(int(rows["aar"].min()), int(rows["aar"].max()) + 1), name="aar")
    levels = values.unstack("naering").reindex(index=years, columns=columns).astype(float)
    symbols = status.unstack("naering", fill_value="").reindex(index=years, columns=columns, fill_value="").astype(str)
    return Area(name, levels, symbols)


def smoothed(values: Area, window: int = ROLLING_WINDOW) -> Area:
    """Each year the mean of `window` years (never across the break); sums stay sums of means."""
    levels = values.levels.apply(lambda column: analysis.rolling_mean(column, window))
    return Area(values.name, levels, values.status)


# -- the period ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    start: int
    end: int
    notes: tuple[str, ...] = ()  # why it is not the period asked for, in Norwegian

    @property
    def label(self) -> str:
        return f"{self.start}–{self.end}"

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))


def choose_period(available: Iterable[int], requested: tuple[int, int] | None) -> Period | None:
    """The period to compute: the years asked for (all by default) with figures, never across the break.

    `available`: years with a total for both the selection and Norway. None when fewer than two years
    on one side of the break are left.
    """
    available = sorted(int(y) for y in available)
    if not available:
        return None
    low, high = requested if requested else (available[0], available[-1])
    notes = []
    if low <= analysis.BREAK_AFTER < high:
        low = analysis.BREAK_AFTER + 1
        notes.append(f"Perioden går over bruddet i statistikken 2014/15, så beregningen starter i {low}.")
    usable = [y for y in available if low <= y <= high]
    if len(usable) < 2:
        return None
    start, end = usable[0], usable[-1]
    if start > low:
        notes.append(f"Det første året med tall i perioden er {start}.")
    if end < high:
        notes.append(f"Det siste året med tall i perioden er {end}.")
    return Period(start, end, tuple(notes))


# -- grouping: the rows that add up to the total -------------------------------------------------
@dataclass(frozen=True)
class Merged:
    code: str
    label: str
    reason: str


@dataclass(frozen=True)
class Grouped:
    """Sections for a period, with OTHER = total − the sections shown, for the selection and Norway."""

    local: pd.DataFrame  # index = the period's years, columns = shown sections + OTHER
    nation: pd.DataFrame
    labels: dict[str, str]
    merged: tuple[Merged, ...]  # what OTHER holds, and why
    unassigned: pd.Series  # per year: the selection's total − every section with a figure (not on any section)
    status: dict[str, str]  # SSB symbols seen for a section of the selection in the period


def status_meaning(symbols: str) -> str:
    """SSB's status symbols in words: «: :» -> «:» skjult av SSB av personvernhensyn (each symbol once)."""
    return ", ".join(f"«{s}» {STATUS_MEANINGS.get(s, 'ukjent merknad')}" for s in sorted(set(symbols.split())))


def _reason(code: str, local: Area, nation: Area, years: list[int], threshold: float) -> str | None:
    """Why a section goes into OTHER (None: it is shown on its own)."""
    if code == UNKNOWN:
        return "næring ikke oppgitt"
    cells = local.levels.loc[years, code]
    if cells.isna().any():
        meaning = status_meaning(" ".join(local.status.loc[years, code]))
        return f"mangler tall for noen år ({meaning})" if meaning else "mangler tall for noen år"
    country = nation.levels.loc[years, code]
    if country.isna().any() or country.iloc[0] <= 0:
        return "mangler tall for hele landet"
    if cells.iloc[0] < threshold:
        return f"færre enn {threshold} arbeidsplasser i {years[0]}"
    return None


def group_sections(local: Area, nation: Area, period: Period, labels: dict[str, str],
                   threshold: float = SMALL_SECTION) -> Grouped:
    years = period.years
    sections = [c for c in local.levels.columns if c != TOTAL]
    merged, shown = [], []
    for code in sections:
        reason = _reason(code, local, nation, years, threshold)
        if reason:
            merged.append(Merged(code, labels.get(code, code), reason))
        else:
            shown.append(code)

    def with_other(values: Area) -> pd.DataFrame:
        table = values.levels.loc[years, shown].copy()
        table[OTHER] = values.levels.loc[years, TOTAL] - table.sum(axis=1)
        return table

    unassigned = local.levels.loc[years, TOTAL] - local.levels.loc[years, sections].sum(axis=1, min_count=1).fillna(0)
    status = {code: " ".join(sorted(set(" ".join(local.status.loc[years, code]).split()))) for code in sections}
    return Grouped(with_other(local), with_other(nation), labels, tuple(merged), unassigned,
                   {code: symbols for code, symbols in status.items() if symbols})


# -- shift-share -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Split:
    """Classic shift-share of the change from `start` to `end`: actual = national + mix + local."""

    start: int
    end: int
    actual: float
    national: float  # Σ E_i,t0 · G: «som landet»
    mix: float  # Σ E_i,t0 · (G_i − G): «bransjeeffekt»
    local: float  # Σ E_i,t0 · (g_i − G_i): «lokal effekt / attraktivitet»
    growth_country: float  # G, Norway's total growth (share, 0.025 = 2.5 %)
    growth_local: float  # the selection's total growth
    table: pd.DataFrame  # per section


def shift_share(grouped: Grouped, start: int, end: int) -> Split:
    """The three effects per section and in total, from `start` to `end` (two years of the grouping).

    The local effect is computed as ΔE_i − E_i,t0 · G_i, which equals E_i,t0 · (g_i − G_i) and stays
    defined when E_i,t0 = 0. Where Norway's section is empty at t0, G_i is taken as G (no industry effect).
    """
    if analysis.BREAK_AFTER in range(start, end):
        raise ValueError(f"{start}–{end} går over bruddet 2014/15")
    e0, e1 = grouped.local.loc[start], grouped.local.loc[end]
    n0, n1 = grouped.nation.loc[start], grouped.nation.loc[end]
    growth = n1.sum() / n0.sum() - 1
    section_growth = (n1 / n0.where(n0 > 0) - 1).fillna(growth)
    national = e0 * growth
    mix = e0 * (section_growth - growth)
    change = e1 - e0
    local = change - e0 * section_growth
    table = pd.DataFrame({
        "naering": e0.index,
        "naering_tekst": [grouped.labels.get(code, code) for code in e0.index],
        "start": e0.to_numpy(), "slutt": e1.to_numpy(), "endring": change.to_numpy(),
        "vekst_her": (change / e0.where(e0 > 0) * 100).to_numpy(),
        "vekst_landet": (section_growth * 100).to_numpy(),
        "landet": national.to_numpy(), "bransje": mix.to_numpy(), "lokal": local.to_numpy(),
    })
    return Split(start, end, float(change.sum()), float(national.sum()), float(mix.sum()), float(local.sum()),
                 float(growth), float(e1.sum() / e0.sum() - 1), table)


def dynamic_shift_share(grouped: Grouped) -> pd.DataFrame:
    """Year by year (dynamic shift-share): the three effects of each year's change, never the break year."""
    years = list(grouped.local.index)
    rows = []
    for before, year in zip(years, years[1:]):
        if analysis.is_break(year):
            continue
        split = shift_share(grouped, before, year)
        rows.append({"aar": year, "faktisk": split.actual, "landet": split.national, "bransje": split.mix,
                     "lokal": split.local})
    return pd.DataFrame(rows, columns=["aar", "faktisk", "landet", "bransje", "lokal"])


def rounded_parts(parts: list[float], total: float) -> list[int]:
    """Whole numbers that add up to the rounded total (largest remainder), so a shown sum adds up."""
    target = int(np.floor(total + 0.5))
    floors = [int(np.floor(p)) for p in parts]
    short = target - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: parts[i] - floors[i], reverse=short > 0)
    for i in order[:abs(short)]:
        floors[i] += 1 if short > 0 else -1
    return floors


# -- location quotient, index and relative growth ------------------------------------------------
def location_quotients(grouped: Grouped, year: int) -> pd.DataFrame:
    """Each section's share of the selection's jobs against its share of Norway's, and their ratio."""
    local, nation = grouped.local.loc[year], grouped.nation.loc[year]
    share_here = local / local.sum() * 100
    share_country = nation / nation.sum() * 100
    return pd.DataFrame({
        "naering": local.index,
        "naering_tekst": [grouped.labels.get(code, code) for code in local.index],
        "antall": local.to_numpy(),
        "andel_her": share_here.to_numpy(),
        "andel_landet": share_country.to_numpy(),
        "kvotient": (share_here / share_country.where(share_country > 0)).to_numpy(),
    })


def versus_country(local_total: pd.Series, country_total: pd.Series, period: Period, local_name: str
                   ) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """Index (start = 100) for both, relative growth per year and over the period (percentage points).

    Returns the index in long form (aar, serie, verdi), the yearly table (aar, vekst_her, vekst_landet,
    relativ) and the period's relative growth.
    """
    years = period.years
    local, country = local_total.reindex(years), country_total.reindex(years)
    long = pd.concat([
        pd.DataFrame({"aar": years, "serie": local_name, "verdi": analysis.index(local, period.start).to_numpy()}),
        pd.DataFrame({"aar": years, "serie": regions.municipality_name(regions.NORWAY),
                      "verdi": analysis.index(country, period.start).to_numpy()}),
    ], ignore_index=True).dropna(subset=["verdi"])
    growth_here = analysis.changes(local) / local.shift(1) * 100
    growth_country = analysis.changes(country) / country.shift(1) * 100
    yearly = pd.DataFrame({"aar": years, "vekst_her": growth_here.to_numpy(), "vekst_landet": growth_country.to_numpy(),
                           "relativ": (growth_here - growth_country).to_numpy(),
                           "brudd": [analysis.is_break(y) for y in years]}).iloc[1:]
    overall = (local[period.end] / local[period.start] - country[period.end] / country[period.start]) * 100
    return long.astype({"aar": "int64"}), yearly.reset_index(drop=True), float(overall)
