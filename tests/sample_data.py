"""Made-up test figures in the tidy format (never shipped): round numbers so tests can hand-check them."""

from datetime import datetime, timezone

import pandas as pd

from byr_data import regions
from byr_data.ssb import cache

MEMBERS = ("3401", "3414", "3415", "3416", "3417", "3418")
# The municipalities the made-up frame holds (the shipped members and Våler), with their names.
NAMES = {"3401": "Kongsvinger", "3414": "Nord-Odal", "3415": "Sør-Odal", "3416": "Eidskog", "3417": "Grue",
         "3418": "Åsnes", "3419": "Våler", regions.NORWAY: regions.NORWAY_NAME}


def workplace_level(code: str, year: int) -> float:
    """Kongsvinger grows by 60 a year after 2015, the others by 10; all fall by 20 a year before."""
    base = {"3401": 8000, "3414": 1600, "3415": 2400, "3416": 1900, "3417": 1800, "3418": 2700, "3419": 1400, "0": 2_600_000}[code]
    if year <= 2014:
        return base - 20 * (year - 2008)
    growth = 60 if code == "3401" else 10
    return base + 500 + growth * (year - 2015)


def frame(first: int = 2008, last: int = 2025) -> pd.DataFrame:
    regions.learn_names(NAMES)  # as loading the data does in the app
    rows = []
    for code in NAMES:
        for year in range(first, last + 1):
            for measure, value in (("arbeidssted", workplace_level(code, year)),
                                   ("bosted", workplace_level(code, year) - 300)):
                rows.append({"kommunenummer": code, "kommune": NAMES[code], "aar": year,
                             "maal": measure, "naering": "00-99", "naering_tekst": "Alle næringer",
                             "verdi": float(value), "status": "", "kilde": "SSB 07984"})
    return pd.DataFrame(rows)


def write_cache(data: pd.DataFrame | None = None, fetched_at: datetime | None = None) -> cache.Dataset:
    provenance = cache.Provenance(
        source="live", table="07984", description="Testdata", updated="2026-05-20T06:00:00Z",
        fetched_at=fetched_at or datetime.now(timezone.utc), query=[{"selection": []}],
    )
    dataset = cache.Dataset(frame() if data is None else data, provenance)
    cache.write_cache(dataset)
    return dataset
