"""The region among Norway's municipalities: growth since the base year per municipality, the ranking,
and the same growth for the region, its county, the comparison regions and the whole country. Pure.

Definitions (the page, the slide and the tests use these and nothing else):
- growth in per cent, per 1 000 inhabitants and the rank: `analysis.growth_percent`, `analysis.per_thousand`,
  `analysis.growth_rank`; the population is 15–74 from the SAME table (11618 has it; 07984 does not, so
  live the column is missing);
- an area (region, county, comparison region, subset) = the sum of its municipalities, missing when
  any of them lacks a figure in either year (`area`); the whole country is SSB's own figure «0»;
- the county is the kommunenummer's first two digits, by the definition of the number (`county_of`);
- base and end never lie on both sides of the 2014/15 break (`choose_period`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from byr_data import analysis, regions

# County numbers (the first two digits of a kommunenummer): today's (2024) and those of 2020–2023.
COUNTIES = {
    "03": "Oslo", "11": "Rogaland", "15": "Møre og Romsdal", "18": "Nordland", "30": "Viken",
    "31": "Østfold", "32": "Akershus", "33": "Buskerud", "34": "Innlandet", "38": "Vestfold og Telemark",
    "39": "Vestfold", "40": "Telemark", "42": "Agder", "46": "Vestland", "50": "Trøndelag",
    "54": "Troms og Finnmark", "55": "Troms", "56": "Finnmark",
}
KINDS = ("utvalg", "fylke", "sammenligning", "landet")  # the order areas are shown in


@dataclass(frozen=True)
class Period:
    base: int
    end: int

    @property
    def label(self) -> str:
        return f"{self.base}–{self.end}"


@dataclass(frozen=True)
class Area:
    """Growth of a group of municipalities (or the whole country) over the period."""

    name: str
    kind: str  # one of KINDS
    codes: tuple[str, ...]
    start: float
    end: float
    change: float
    percent: float
    per_thousand: float
    lacking: tuple[str, ...] = field(default=())  # the municipalities without a figure in base or end year


def county_of(code: str) -> str:
    return code[:2]


def county_name(county: str) -> str:
    return COUNTIES.get(county, f"fylke {county}")


def years_with_figures(frame: pd.DataFrame, measure: str) -> list[int]:
    norway = frame[(frame["kommunenummer"] == regions.NORWAY) & (frame["maal"] == measure) & frame["verdi"].notna()]
    years = norway if not norway.empty else frame[(frame["maal"] == measure) & frame["verdi"].notna()]
    return sorted(int(y) for y in set(years["aar"]))


def choose_period(years: Sequence[int], base_year: int) -> Period | None:
    """From the base year (or the first year with figures after it, on the end year's side of the break)
    to the latest year; None with fewer than two such years."""
    if not years:
        return None
    end = max(years)
    usable = [y for y in years if y >= base_year and (y > analysis.BREAK_AFTER) == (end > analysis.BREAK_AFTER)]
    if not usable:
        usable = [y for y in years if (y > analysis.BREAK_AFTER) == (end > analysis.BREAK_AFTER)]
    base = min(usable)
    return Period(base, end) if base < end else None


def _levels(frame: pd.DataFrame, measure: str, period: Period) -> pd.DataFrame:
    rows = frame[(frame["maal"] == measure) & frame["aar"].isin([period.base, period.end])]
    wide = rows.pivot_table(index="kommunenummer", columns="aar", values="verdi", aggfunc="first", dropna=False)
    return wide.reindex(columns=[period.base, period.end])


def growth(frame: pd.DataFrame, measure: str, period: Period, population: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row a municipality (not the country): kommunenummer, kommune, fylke, start, slutt, endring,
    prosent, per_1000, plass (the rank, see `ranking`), sorted by rank (the unranked last)."""
    municipalities = frame[frame["kommunenummer"] != regions.NORWAY]
    levels = _levels(municipalities, measure, period)
    names = municipalities.drop_duplicates("kommunenummer").set_index("kommunenummer")["kommune"]
    table = pd.DataFrame({"kommunenummer": levels.index, "start": levels[period.base].to_numpy(),
                          "slutt": levels[period.end].to_numpy()})
    table["kommune"] = table["kommunenummer"].map(names)
    table["fylke"] = table["kommunenummer"].map(lambda c: county_name(county_of(c)))
    table["endring"] = table["slutt"] - table["start"]
    table["prosent"] = [analysis.growth_percent(s, e) for s, e in zip(table["start"], table["slutt"])]
    base_population = _population(population, period.base)
    table["per_1000"] = [analysis.per_thousand(c, base_population.get(code, np.nan))
                         for code, c in zip(table["kommunenummer"], table["endring"])]
    table["plass"] = analysis.growth_rank(table["prosent"])
    table = table.sort_values(["plass", "kommune"], na_position="last", kind="stable").reset_index(drop=True)
    return table[["kommunenummer", "kommune", "fylke", "start", "slutt", "endring", "prosent", "per_1000", "plass"]]


def _population(population: pd.DataFrame | None, year: int) -> dict[str, float]:
    if population is None:
        return {}
    rows = population[population["aar"] == year]
    return dict(zip(rows["kommunenummer"], rows["befolkning"]))


def area(frame: pd.DataFrame, codes: Sequence[str], name: str, kind: str, measure: str, period: Period,
         population: pd.DataFrame | None = None) -> Area:
    """The sum of `codes` in the base and the end year (missing if any one lacks a figure)."""
    levels = _levels(frame, measure, period).reindex(list(codes))
    lacking = tuple(code for code, row in levels.iterrows() if row.isna().any())
    start, end = (float("nan"), float("nan")) if lacking else (levels[period.base].sum(), levels[period.end].sum())
    change = end - start
    pop = _population(population, period.base)
    people = sum(pop.get(c, np.nan) for c in codes) if pop and not lacking else float("nan")
    return Area(name, kind, tuple(codes), start, end, change, analysis.growth_percent(start, end), analysis.per_thousand(change, people), lacking)


def counties(codes: Sequence[str]) -> list[str]:
    """The counties of `codes`, in the order first met."""
    return list(dict.fromkeys(county_of(c) for c in codes))


def areas(frame: pd.DataFrame, codes: Sequence[str], selection: str, region: regions.RegionSettings, measure: str,
          period: Period, population: pd.DataFrame | None = None) -> list[Area]:
    """The selection, its county (or counties), the comparison regions and the whole country, in that order."""
    present = set(frame["kommunenummer"])
    found = [area(frame, codes, selection, "utvalg", measure, period, population)]
    for county in counties(codes):
        members = sorted(c for c in present if c != regions.NORWAY and county_of(c) == county)
        found.append(area(frame, members, county_name(county), "fylke", measure, period, population))
    for other in region.compare:
        found.append(area(frame, other.members, other.name, "sammenligning", measure, period, population))
    norway = area(frame, [regions.NORWAY], regions.NORWAY_NAME, "landet", measure, period)
    if population is not None:  # the table's population for the whole country: the sum of its municipalities
        people = _population(population, period.base)
        norway = Area(norway.name, norway.kind, norway.codes, norway.start, norway.end, norway.change, norway.percent,
                      analysis.per_thousand(norway.change, sum(people.values())), norway.lacking)
    found.append(norway)
    return found


def areas_table(found: Sequence[Area]) -> pd.DataFrame:
    return pd.DataFrame({"omraade": [a.name for a in found], "type": [a.kind for a in found],
                         "kommuner": [len(a.codes) if a.kind != "landet" else np.nan for a in found],
                         "start": [a.start for a in found], "slutt": [a.end for a in found],
                         "endring": [a.change for a in found], "prosent": [a.percent for a in found],
                         "per_1000": [a.per_thousand for a in found]})


@dataclass(frozen=True)
class Unmatched:
    """Municipalities in the data that are not on the map, and on the map without data (code, name)."""

    not_on_map: tuple[tuple[str, str], ...]
    without_data: tuple[tuple[str, str], ...]


def unmatched(table: pd.DataFrame, map_names: dict[str, str]) -> Unmatched:
    """Compare the growth table's municipalities (by number) with the map's; nothing matched by name."""
    in_data = dict(zip(table["kommunenummer"], table["kommune"]))
    with_growth = set(table.loc[table["prosent"].notna(), "kommunenummer"])
    not_on_map = tuple(sorted((c, n) for c, n in in_data.items() if c not in map_names))
    without = tuple(sorted((c, n) for c, n in map_names.items() if c not in with_growth))
    return Unmatched(not_on_map, without)
