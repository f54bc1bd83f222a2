"""One labour market? The commuting figures, from SSB table 03321's flows only (pure).

Input: the tidy flows (`ssb.table_03321.FLOWS`: year, place of residence, place of work, persons; today's
numbers for the region's municipalities; every non-zero flow from or into them). A selection of
municipalities (`codes`) is treated as one area, whichever municipalities it holds.

The definition (`internal_share`): flows with home and work both inside the selection ÷ all flows from
the selection's residents in the same table, including those who work in their home municipality.
A year in which a chosen municipality has no residents in the table is missing, never a zero share.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

HOME = "I bostedskommunen"
ELSEWHERE = "Ellers i regionen"
OUTSIDE = "Utenfor regionen"
PLACES = (HOME, ELSEWHERE, OUTSIDE)


def years(flows: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in flows["aar"].unique())


def covered(flows: pd.DataFrame, codes: Sequence[str], year: int) -> bool:
    """Every chosen municipality has all its flows in the data in `year`. The data hold every flow from or
    into the municipalities fetched (or, offline, the reference file's seven), so a municipality is complete
    exactly when it has the flow to itself (people who work where they live); any other one appears only
    through its flows into those, which are not all of its residents."""
    shown = flows[flows["aar"] == year]
    present = set(shown.loc[shown["bosted"] == shown["arbeidssted"], "bosted"])
    return bool(codes) and all(code in present for code in codes)


def latest_year(flows: pd.DataFrame, codes: Sequence[str], within: tuple[int, int] | None = None) -> int | None:
    """The latest year (within the range, if given) with figures for every chosen municipality."""
    usable = [y for y in years(flows) if covered(flows, codes, y)
              and (within is None or within[0] <= y <= within[1])]
    return usable[-1] if usable else None


def internal_share(flows: pd.DataFrame, codes: Sequence[str]) -> pd.DataFrame:
    """Per year: persons living and working inside the selection (`innenfor`), all employed residents of
    the selection (`bosatte`) and the share (`andel`, 0–1); NaN for a year the table lacks a municipality."""
    rows = []
    for year in years(flows):
        if not covered(flows, codes, year):
            rows.append({"aar": year, "innenfor": np.nan, "bosatte": np.nan, "andel": np.nan})
            continue
        mine = flows[(flows["aar"] == year) & flows["bosted"].isin(codes)]
        inside = mine.loc[mine["arbeidssted"].isin(codes), "sysselsatte"].sum()
        total = mine["sysselsatte"].sum()
        rows.append({"aar": year, "innenfor": inside, "bosatte": total, "andel": inside / total})
    return pd.DataFrame(rows, columns=["aar", "innenfor", "bosatte", "andel"])


def names(flows: pd.DataFrame) -> dict[str, str]:
    """Code -> the name the table gives it (its latest)."""
    pairs = pd.concat([flows[["aar", "bosted", "bosted_navn"]].set_axis(["aar", "kode", "navn"], axis=1),
                       flows[["aar", "arbeidssted", "arbeidssted_navn"]].set_axis(["aar", "kode", "navn"], axis=1)])
    latest = pairs.sort_values("aar").drop_duplicates("kode", keep="last")
    return dict(zip(latest["kode"], latest["navn"]))


def matrix(flows: pd.DataFrame, codes: Sequence[str], year: int) -> pd.DataFrame:
    """Every pair of chosen municipalities in `year` (0 where nobody commutes: the table lists every
    non-zero flow), with the share of the home municipality's employed residents (`andel`)."""
    known = names(flows)
    shown = flows[flows["aar"] == year]
    complete = [code for code in codes if covered(flows, [code], year)]
    residents = shown[shown["bosted"].isin(complete)].groupby("bosted")["sysselsatte"].sum()
    persons = shown.set_index(["bosted", "arbeidssted"])["sysselsatte"]
    rows = []
    for home in codes:
        for work in codes:
            value = float(persons.get((home, work), 0.0)) if home in residents.index else np.nan
            rows.append({"bosted": home, "bosted_navn": known.get(home, home), "arbeidssted": work,
                         "arbeidssted_navn": known.get(work, work), "sysselsatte": value,
                         "andel": value / residents[home] if home in residents.index else np.nan})
    return pd.DataFrame(rows)


def split(flows: pd.DataFrame, codes: Sequence[str], year: int) -> pd.DataFrame:
    """For each chosen municipality: its employed residents working at home, elsewhere in the selection,
    and outside it (`sted` one of PLACES; `sysselsatte`, `andel` of the municipality's residents)."""
    known = names(flows)
    shown = flows[(flows["aar"] == year) & flows["bosted"].isin(codes)]
    place = np.where(shown["bosted"] == shown["arbeidssted"], HOME,
                     np.where(shown["arbeidssted"].isin(codes), ELSEWHERE, OUTSIDE))
    grouped = shown.assign(sted=place).groupby(["bosted", "sted"])["sysselsatte"].sum()
    rows = []
    for home in codes:
        if not covered(flows, [home], year):
            continue
        total = sum(grouped.get((home, p), 0.0) for p in PLACES)
        for p in PLACES:
            value = float(grouped.get((home, p), 0.0))
            rows.append({"bosted": home, "bosted_navn": known.get(home, home), "sted": p, "sysselsatte": value,
                         "andel": value / total})
    return pd.DataFrame(rows, columns=["bosted", "bosted_navn", "sted", "sysselsatte", "andel"])


def outside_destinations(flows: pd.DataFrame, codes: Sequence[str], year: int, top: int = 8) -> pd.DataFrame:
    """The selection's residents working outside it, by place of work, largest first (`top` of them)."""
    shown = flows[(flows["aar"] == year) & flows["bosted"].isin(codes) & ~flows["arbeidssted"].isin(codes)]
    return _largest(shown, "arbeidssted", top)


def inbound_origins(flows: pd.DataFrame, codes: Sequence[str], year: int, top: int = 8) -> pd.DataFrame:
    """Persons working in the selection who live outside it, by place of residence, largest first."""
    shown = flows[(flows["aar"] == year) & flows["arbeidssted"].isin(codes) & ~flows["bosted"].isin(codes)]
    return _largest(shown, "bosted", top)


def _largest(shown: pd.DataFrame, column: str, top: int) -> pd.DataFrame:
    known = dict(zip(shown[column], shown[f"{column}_navn"]))
    total = shown.groupby(column)["sysselsatte"].sum().sort_values(ascending=False, kind="stable")
    frame = pd.DataFrame({"kode": total.index, "kommune": [known[c] for c in total.index],
                          "sysselsatte": total.to_numpy()})
    return frame.head(top).reset_index(drop=True)


def net_commuting(flows: pd.DataFrame, codes: Sequence[str], year: int, whole: str = "Hele utvalget") -> pd.DataFrame:
    """For each chosen municipality: persons commuting in (work there, live in any other municipality),
    out (live there, work in any other), and the net (in − out). Then the selection as a whole: in from
    outside it, out of it, net."""
    known = names(flows)
    shown = flows[(flows["aar"] == year) & (flows["bosted"] != flows["arbeidssted"])]
    rows = []
    for code in codes:
        if not covered(flows, [code], year):
            continue
        inn = shown.loc[shown["arbeidssted"] == code, "sysselsatte"].sum()
        out = shown.loc[shown["bosted"] == code, "sysselsatte"].sum()
        rows.append({"kode": code, "kommune": known.get(code, code), "inn": inn, "ut": out, "netto": inn - out})
    if len(codes) > 1 and covered(flows, codes, year):
        inn = shown.loc[shown["arbeidssted"].isin(codes) & ~shown["bosted"].isin(codes), "sysselsatte"].sum()
        out = shown.loc[shown["bosted"].isin(codes) & ~shown["arbeidssted"].isin(codes), "sysselsatte"].sum()
        rows.append({"kode": "", "kommune": whole, "inn": inn, "ut": out, "netto": inn - out})
    return pd.DataFrame(rows, columns=["kode", "kommune", "inn", "ut", "netto"])


def jobs_per_resident(frame: pd.DataFrame, codes: Sequence[str], whole: str = "Hele utvalget") -> pd.DataFrame:
    """Table 07984 only (never 03321): jobs (by workplace) per employed resident in the latest year with both,
    for each chosen municipality and the selection. Empty when the frame lacks either measure from 07984."""
    totals = frame[(frame["naering"] == "00-99") & (frame["kilde"] == "SSB 07984") & frame["kommunenummer"].isin(codes)]
    wide = totals.pivot_table(index=["aar", "kommunenummer", "kommune"], columns="maal", values="verdi").reset_index()
    if not {"arbeidssted", "bosted"} <= set(wide.columns):
        return pd.DataFrame(columns=["aar", "kommune", "arbeidssted", "bosted", "forhold"])
    complete = wide.dropna(subset=["arbeidssted", "bosted"])
    full_years = complete.groupby("aar")["kommunenummer"].nunique()
    full_years = full_years[full_years == len(set(codes))]
    if full_years.empty:
        return pd.DataFrame(columns=["aar", "kommune", "arbeidssted", "bosted", "forhold"])
    year = int(full_years.index.max())
    shown = complete[complete["aar"] == year].set_index("kommunenummer").loc[list(codes)].reset_index()
    rows = shown[["aar", "kommune", "arbeidssted", "bosted"]].to_dict("records")
    if len(codes) > 1:
        rows.append({"aar": year, "kommune": whole, "arbeidssted": shown["arbeidssted"].sum(),
                     "bosted": shown["bosted"].sum()})
    table = pd.DataFrame(rows)
    return table.assign(forhold=table["arbeidssted"] / table["bosted"])
