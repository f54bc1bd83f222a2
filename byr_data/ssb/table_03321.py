"""SSB table 03321: commuting, employed persons 15–74 in the 4th quarter by municipality of residence ×
municipality of work. The tidy «flows» frame every commuting figure is computed from, and the offline
copy (2017–2022, every non-zero flow from or into Kongsvingerregionen's seven municipalities, from the
data files SSB publishes with its commuting app; see ../shared/reference/README.md).

A flow is persons, not jobs; a person who lives and works in the same municipality is the flow from it to
itself. The published codes are as valid in each year (04xx for the region to 2019, 34xx from 2020); the
region's are mapped to today's numbers only by the explicit table in `table_11618` (REGION_RENUMBERING),
every other number stays as published (a comparison across reforms needs SSB's code list, never a guess).
The live table (SSB's code list, `ssb.commuting_fetch`) gives the same frame with today's numbers.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from byr_data.ssb import table_11618

TABLE = "03321"
SOURCE = f"SSB {TABLE}"  # the flows' «kilde»
SNAPSHOT_FILE = "ssb_03321_pendling.csv"  # the reference file, as published, in data/snapshot/
PROVENANCE_FILE = "provenance_03321.json"
PUBLISHED = ["aar", "bostedskommunenummer_i_kilden", "bostedskommune", "arbeidsstedskommunenummer_i_kilden",
             "arbeidsstedskommune", "sysselsatte"]
FLOWS = ["aar", "bosted", "bosted_navn", "arbeidssted", "arbeidssted_navn", "sysselsatte", "kilde"]


class Table03321Error(ValueError):
    """The data are not table 03321 as expected (Norwegian message)."""


def read(path: Path) -> pd.DataFrame:
    """The published file: one row a non-zero flow and year, codes as strings, persons as integers."""
    try:
        frame = pd.read_csv(path, dtype={"bostedskommunenummer_i_kilden": str, "arbeidsstedskommunenummer_i_kilden": str,
                                         "bostedskommune": str, "arbeidsstedskommune": str})
    except (OSError, ValueError) as exc:
        raise Table03321Error(f"{path} kan ikke leses som SSB-tabell {TABLE} ({exc}).") from None
    missing = [c for c in PUBLISHED if c not in frame.columns]
    if missing:
        raise Table03321Error(f"{path}: mangler kolonnene {', '.join(missing)}.")
    frame = frame[PUBLISHED]
    try:
        frame = frame.astype({"aar": "int64", "sysselsatte": "int64"})
    except (ValueError, TypeError):
        raise Table03321Error(f"{path}: år eller antall sysselsatte er ikke hele tall.") from None
    if (frame["sysselsatte"] < 0).any():
        raise Table03321Error(f"{path}: har negative antall sysselsatte.")
    if frame.duplicated(["aar", "bostedskommunenummer_i_kilden", "arbeidsstedskommunenummer_i_kilden"]).any():
        raise Table03321Error(f"{path}: samme strøm (år, bosted, arbeidssted) står flere ganger.")
    return frame


def today_number(code: str, year: int) -> str:
    """Today's number of a region municipality published as `code` in `year`; any other number as published."""
    return table_11618.today_code(code, year) or code


def flows(published: pd.DataFrame) -> pd.DataFrame:
    """The published file -> the tidy flows (FLOWS), the region's numbers as today's, names from the
    latest year each number appears in."""
    home = [today_number(c, y) for c, y in zip(published["bostedskommunenummer_i_kilden"], published["aar"])]
    work = [today_number(c, y) for c, y in zip(published["arbeidsstedskommunenummer_i_kilden"], published["aar"])]
    frame = pd.DataFrame({
        "aar": published["aar"].to_numpy(),
        "bosted": home,
        "bosted_navn": published["bostedskommune"].to_numpy(),
        "arbeidssted": work,
        "arbeidssted_navn": published["arbeidsstedskommune"].to_numpy(),
        "sysselsatte": published["sysselsatte"].astype("float64").to_numpy(),
        "kilde": SOURCE,
    })
    return with_latest_names(frame)


def with_latest_names(frame: pd.DataFrame) -> pd.DataFrame:
    """One name a number: the one it has in the latest year it appears (a renamed municipality is one)."""
    pairs = pd.concat([frame[["aar", "bosted", "bosted_navn"]].set_axis(["aar", "kode", "navn"], axis=1),
                       frame[["aar", "arbeidssted", "arbeidssted_navn"]].set_axis(["aar", "kode", "navn"], axis=1)])
    latest = pairs.sort_values("aar").drop_duplicates("kode", keep="last")
    names = dict(zip(latest["kode"], latest["navn"]))
    return frame.assign(bosted_navn=frame["bosted"].map(names), arbeidssted_navn=frame["arbeidssted"].map(names))


def validate(frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Check a flows frame (the cache's or a fetch's) and return it with canonical types."""
    missing = [c for c in FLOWS if c not in frame.columns]
    if missing:
        raise Table03321Error(f"{origin}: mangler kolonnene {', '.join(missing)}.")
    if frame.empty:
        raise Table03321Error(f"{origin}: inneholder ingen pendlingstall.")
    frame = frame[FLOWS].copy()
    try:
        frame["aar"] = pd.to_numeric(frame["aar"], errors="raise").astype("int64")
        frame["sysselsatte"] = pd.to_numeric(frame["sysselsatte"], errors="raise").astype("float64")
    except (ValueError, TypeError):
        raise Table03321Error(f"{origin}: år eller antall sysselsatte er ikke tall.") from None
    for column in ("bosted", "bosted_navn", "arbeidssted", "arbeidssted_navn", "kilde"):
        frame[column] = frame[column].fillna("").astype(str)
    if (frame["sysselsatte"] < 0).any():
        raise Table03321Error(f"{origin}: har negative antall sysselsatte.")
    if frame.duplicated(["aar", "bosted", "arbeidssted"]).any():
        raise Table03321Error(f"{origin}: samme strøm (år, bosted, arbeidssted) står flere ganger.")
    if set(frame["kilde"]) != {SOURCE}:
        raise Table03321Error(f"{origin}: pendlingstallene må alle komme fra SSB-tabell {TABLE}.")
    return frame.reset_index(drop=True)
