"""SSB table 11618: employed persons 15–74 by workplace and by residence, and population, 4th quarter,
for every municipality in Norway, 2017–2022, each year as first published (from the data files SSB
publishes with its commuting app; see docs/architecture.md). The offline snapshot's source of jobs.

Not the same table as 07984: never spliced with it into one series (`analysis.levels` refuses). Codes
are as valid in each year: 04xx for the region in 2017–2019, 34xx from 2020. They are mapped to today's
numbers only by the explicit table below, for the region's municipalities; any other old number stays
unmapped (a comparison across reforms needs SSB's own code list, never a guess).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

TABLE = "11618"
SOURCE = f"SSB {TABLE}"  # the tidy frame's «kilde»
SNAPSHOT_FILE = "ssb_11618_kommuner.csv"  # the whole table, in data/snapshot/
YEARS = (2017, 2022)
COLUMNS = ["kommunenummer_i_kilden", "kommune", "aar", "befolkning_15_74", "sysselsatte_bosted",
           "sysselsatte_arbeidssted"]
# Kongsvingerregionen's seven municipalities: the number each was published under before the 2020
# reform -> today's number (Innlandet's numbers did not change in 2024).
REGION_RENUMBERING = {"0402": "3401", "0418": "3414", "0419": "3415", "0420": "3416", "0423": "3417",
                      "0425": "3418", "0426": "3419"}


class Table11618Error(ValueError):
    """The file is not table 11618 as expected (Norwegian message)."""


def read(path: Path) -> pd.DataFrame:
    """The table as published: one row a municipality (its code then) and year, numbers as integers."""
    try:
        frame = pd.read_csv(path, dtype={"kommunenummer_i_kilden": str, "kommune": str})
    except (OSError, ValueError) as exc:
        raise Table11618Error(f"{path} kan ikke leses som SSB-tabell {TABLE} ({exc}).") from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise Table11618Error(f"{path}: mangler kolonnene {', '.join(missing)}.")
    frame = frame[COLUMNS].astype({"aar": "int64", "befolkning_15_74": "int64", "sysselsatte_bosted": "int64",
                                   "sysselsatte_arbeidssted": "int64"})
    if frame.duplicated(["kommunenummer_i_kilden", "aar"]).any():
        raise Table11618Error(f"{path}: samme kommune og år står flere ganger.")
    return frame


def today_code(code_then: str, year: int) -> str | None:
    """Today's number of a region municipality published as `code_then` in `year`; None outside the table."""
    if code_then in REGION_RENUMBERING.values():
        return code_then if year >= 2020 else None
    return REGION_RENUMBERING.get(code_then) if year < 2020 else None


MEASURES = {"arbeidssted": "sysselsatte_arbeidssted", "bosted": "sysselsatte_bosted"}


def region_jobs(table: pd.DataFrame, codes: Sequence[str], names: dict[str, str]) -> pd.DataFrame:
    """Jobs by workplace for today's `codes`, as rows of the tidy frame (kilde «SSB 11618»)."""
    return region_rows(table, codes, names, "arbeidssted")


def region_rows(table: pd.DataFrame, codes: Sequence[str], names: dict[str, str], measure: str) -> pd.DataFrame:
    """One measure («arbeidssted» or «bosted») for today's `codes`, as rows of the tidy frame (maal
    `measure`, kilde «SSB 11618»). `names`: today's name of each code."""
    today = [today_code(code, year) for code, year in zip(table["kommunenummer_i_kilden"], table["aar"])]
    rows = table.assign(kommunenummer=today)
    rows = rows[rows["kommunenummer"].isin(codes)]
    return pd.DataFrame({
        "kommunenummer": rows["kommunenummer"],
        "kommune": rows["kommunenummer"].map(names),
        "aar": rows["aar"],
        "maal": measure,
        "naering": "00-99",
        "naering_tekst": "Alle næringer",
        "verdi": rows[MEASURES[measure]].astype(float),
        "status": "",
        "kilde": SOURCE,
    }).sort_values(["kommunenummer", "aar"]).reset_index(drop=True)
