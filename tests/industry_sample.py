"""MADE-UP jobs-by-industry figures for tests (never shipped, never real SSB figures).

Extends tests/sample_data.py's totals with sections for every municipality and for Norway, in the
tidy format, by simple formulas so that tests can check them by hand:

- municipality c, year y, base b = sample_data.workplace_level(c, 2008):
  «01-03» round(0.04·b) (flat), «05-09» 5 (flat, below the small-section threshold alone),
  «10-33» round(0.15·b) − 4·(y − 2008), «86-88» round(0.20·b) + 6·(y − 2008), «00» (uoppgitt) 10,
  «45-47» the rest of the total;
- Norway's total: 2 550 000 + 10 000·(y − 2008) to 2014, 2 700 000 + 20 000·(y − 2015) from 2015;
  sections «01-03» 60 000, «05-09» 55 000, «10-33» 220 000 − 1 000·(y − 2008),
  «86-88» 500 000 + 1 500·(y − 2008), «00» 8 000, «45-47» the rest;
- Grue's «05-09» is suppressed in 2020 (no figure, SSB status «:»), as SSB hides small cells.
"""

from __future__ import annotations

import pandas as pd

from byr_data import regions
from tests import sample_data

LABELS = {  # SSB's labels (made-up data, real names)
    "01-03": "Jordbruk, skogbruk og fiske",
    "05-09": "Bergverksdrift og utvinning",
    "10-33": "Industri",
    "45-47": "Varehandel, reparasjon av motorvogner",
    "86-88": "Helse- og sosialtjenester",
    "00": "Uoppgitt",
}
SUPPRESSED = ("3417", "05-09", 2020)


def total_level(code: str, year: int) -> float:
    """sample_data's totals, except Norway, which here grows faster than the region after 2015."""
    if code != regions.NORWAY:
        return sample_data.workplace_level(code, year)
    return 2_550_000 + 10_000 * (year - 2008) if year <= 2014 else 2_700_000 + 20_000 * (year - 2015)


def section_level(code: str, nace: str, year: int) -> float:
    total = total_level(code, year)
    step = year - 2008
    if code == regions.NORWAY:
        fixed = {"01-03": 60_000, "05-09": 55_000, "10-33": 220_000 - 1_000 * step, "86-88": 500_000 + 1_500 * step,
                 "00": 8_000}
    else:
        base = sample_data.workplace_level(code, 2008)
        fixed = {"01-03": round(0.04 * base), "05-09": 5, "10-33": round(0.15 * base) - 4 * step,
                 "86-88": round(0.20 * base) + 6 * step, "00": 10}
    fixed["45-47"] = total - sum(fixed.values())
    return float(fixed[nace])


def section_rows(first: int = 2008, last: int = 2025) -> pd.DataFrame:
    rows = []
    for code in sample_data.NAMES:
        for year in range(first, last + 1):
            for nace, label in LABELS.items():
                hidden = (code, nace, year) == SUPPRESSED
                rows.append({"kommunenummer": code, "kommune": sample_data.NAMES[code], "aar": year,
                             "maal": "arbeidssted", "naering": nace, "naering_tekst": label,
                             "verdi": float("nan") if hidden else section_level(code, nace, year),
                             "status": ":" if hidden else "", "kilde": "SSB 07984"})
    return pd.DataFrame(rows)


def frame(first: int = 2008, last: int = 2025) -> pd.DataFrame:
    """sample_data's totals (both measures; Norway's jobs as above) plus the made-up sections."""
    totals = sample_data.frame(first, last)
    norway = (totals["kommunenummer"] == regions.NORWAY) & (totals["maal"] == "arbeidssted")
    totals.loc[norway, "verdi"] = [total_level(regions.NORWAY, year) for year in totals.loc[norway, "aar"]]
    return pd.concat([totals, section_rows(first, last)], ignore_index=True)


def write_cache():
    return sample_data.write_cache(frame())


# The 16 industry groups and «uoppgitt» of table 07984's NACE2007 variable (codes and labels as SSB
# publishes them; the figures below are made up).
GROUPS_07984 = {
    "01-03": "Jordbruk, skogbruk og fiske", "05-09": "Bergverksdrift og utvinning", "10-33": "Industri",
    "35-39": "Elektrisitet, vann og renovasjon", "41-43": "Bygge- og anleggsvirksomhet",
    "45-47": "Varehandel, reparasjon av motorvogner", "49-53": "Transport og lagring",
    "55-56": "Overnattings- og serveringsvirksomhet", "58-63": "Informasjon og kommunikasjon",
    "64-66": "Finansiering og forsikring", "68-75": "Teknisk tjenesteyting, eiendomsdrift",
    "77-82": "Forretningsmessig tjenesteyting", "84": "Off.adm., forsvar, sosialforsikring",
    "85": "Undervisning", "86-88": "Helse- og sosialtjenester", "90-99": "Personlig tjenesteyting",
    "00": "Uoppgitt",
}


def all_groups_frame(code: str = "3417", years=range(2015, 2018)) -> pd.DataFrame:
    """One municipality and Norway with every code: number k (1…17, «uoppgitt» last) has 10·k jobs plus k·(y − 2015)
    in the municipality, 10 000·k + 300·k·(y − 2015) in Norway; the total is their sum."""
    rows = []
    for region, scale, step in ((code, 10, 1), (regions.NORWAY, 10_000, 300)):
        for year in years:
            values = {nace: scale * k + step * k * (year - 2015) for k, nace in enumerate(GROUPS_07984, start=1)}
            values["00-99"] = sum(values.values())
            for nace, value in values.items():
                rows.append({"kommunenummer": region, "kommune": sample_data.NAMES[region], "aar": year,
                             "maal": "arbeidssted", "naering": nace,
                             "naering_tekst": GROUPS_07984.get(nace, "Alle næringer"), "verdi": float(value),
                             "status": "", "kilde": "SSB 07984"})
    return pd.DataFrame(rows)
