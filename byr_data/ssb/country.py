"""Every municipality in Norway, for «Regionen i landet» only: table 07984 from SSB (live) in its own cache
file, or table 11618 2020–2022 from the offline snapshot. The region pages never read this.

Live, a refresh costs at most four requests: the table's metadata, the code list (none when cached), every
municipality of that list in one query (the list the existing rule picks, `codelist_choice.choose_codelist`:
the first with today's borders that covers the configured municipalities; its values are asked for by
their own codes, never built from a number), and the whole country (plain code «0»). All industries,
both measures, every year: about 357 × 18 × 2 cells.

A value of the code list is today's municipality whose number (in its valueMap) is among the numbers the
caller knows as today's (the map's 2024 numbers and the settings): nothing is matched by name or guessed.
A value without such a number is named, not dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from byr_data import regions, shared_files
from byr_data.ssb import codelist_choice, codelists, employment, jsonstat, table_11618
from byr_data.ssb.client import TABLE, SsbClient, SsbError

CACHE_FILE_NAME = "ssb_07984_landet.json"
LOCK_FILE_NAME = "refresh_landet.lock"
MAX_AGE = timedelta(hours=24)
COLUMNS = ["kommunenummer", "kommune", "aar", "maal", "verdi", "status", "kilde"]
OFFLINE_YEARS = (2020, 2022)  # table 11618 with the 2020 borders (codes as published; 2017–2019 had others)
NO_CODELIST = ("SSB tilbyr ikke tabell 07984 med dagens kommunegrenser for disse kommunene, så landet kan ikke "
               "sammenlignes med SSBs tall nå; siden viser tabell 11618 (2020–2022) fra øyeblikksbildet.")


class CountryError(ValueError):
    """The country cache is missing the expected shape (Norwegian message)."""


@dataclass(frozen=True)
class CountryData:
    """Every municipality and the whole country («0»), one measure a row, from ONE table."""

    frame: pd.DataFrame  # COLUMNS
    population: pd.DataFrame | None  # kommunenummer, aar, befolkning (15–74 år), same table; None for 07984
    table: str  # "07984" or "11618"
    offline: bool
    fetched_at: datetime | None = None
    updated: str | None = None
    notes: tuple[str, ...] = ()  # what the data lack, in Norwegian
    requests_made: int = 0

    @property
    def source(self) -> str:
        return f"SSB {self.table}"


# -- offline: table 11618 ------------------------------------------------------------------------
def from_11618(table: pd.DataFrame, years: tuple[int, int] = OFFLINE_YEARS) -> CountryData:
    """Table 11618 for `years` with the codes as published (2020 borders: 356 municipalities); the whole
    country is the sum of its municipalities in the same table (the table has no row for it)."""
    rows = table[table["aar"].between(*years)]
    frames = []
    for measure, column in table_11618.MEASURES.items():
        frames.append(pd.DataFrame({"kommunenummer": rows["kommunenummer_i_kilden"], "kommune": rows["kommune"],
                                    "aar": rows["aar"], "maal": measure, "verdi": rows[column].astype(float),
                                    "status": "", "kilde": table_11618.SOURCE}))
    frame = pd.concat(frames, ignore_index=True)
    country = frame.groupby(["aar", "maal"], as_index=False)["verdi"].sum()
    country = country.assign(kommunenummer=regions.NORWAY, kommune=regions.NORWAY_NAME, status="",
                             kilde=table_11618.SOURCE)
    frame = pd.concat([frame, country[COLUMNS]], ignore_index=True)[COLUMNS]
    population = pd.DataFrame({"kommunenummer": rows["kommunenummer_i_kilden"], "aar": rows["aar"],
                               "befolkning": rows["befolkning_15_74"].astype(float)})
    return CountryData(frame.reset_index(drop=True), population.reset_index(drop=True), table_11618.TABLE, True)


# -- live: table 07984 ---------------------------------------------------------------------------
def _selection(values: list[str], codelist: str | None) -> dict:
    region = {"variableCode": "Region", "valueCodes": values}
    if codelist:
        region["codelist"] = codelist
    return {"selection": [
        region,
        {"variableCode": "NACE2007", "valueCodes": [employment.TOTAL_INDUSTRY]},
        {"variableCode": "Kjonn", "valueCodes": ["0"]},
        {"variableCode": "Alder", "valueCodes": ["15-74"]},
        {"variableCode": "ContentsCode", "valueCodes": list(employment.MEASURES)},
        {"variableCode": "Tid", "valueCodes": [f"from({employment.FIRST_YEAR})"]},
    ]}


def country_query(codelist: codelists.CodeList) -> dict:
    """Every municipality of the code list, each by its own value code."""
    return _selection([value.code for value in codelist.values], codelist.id)


def norway_query() -> dict:
    return _selection([regions.NORWAY], None)


def today_numbers(codelist: codelists.CodeList, known: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """Value code -> today's number (the one number of its valueMap among `known`), and the values with
    none or several (their labels), which are named, never guessed."""
    known = set(known)
    found, unmatched = {}, []
    for value in codelist.values:
        numbers = [part for part in value.parts if part in known]
        if len(numbers) == 1:
            found[value.code] = numbers[0]
        else:
            unmatched.append(value.name)
    return found, unmatched


def parse(doc: dict, to_today: dict[str, str], names: dict[str, str]) -> pd.DataFrame:
    """SSB's answer for every municipality (or the country) -> COLUMNS, refusing what was not asked for."""
    cells = employment.cells(doc)
    unknown = sorted(set(cells["region"]) - set(to_today))
    if unknown:
        raise SsbError(f"SSBs svar har regionkoder som ikke ble spurt etter: {', '.join(unknown[:5])}.")
    cells = cells[cells["naering"] == employment.TOTAL_INDUSTRY]
    code = cells["region"].map(to_today)
    return pd.DataFrame({"kommunenummer": code, "kommune": code.map(names).fillna(cells["region_tekst"]),
                         "aar": cells["aar"], "maal": cells["maal"], "verdi": cells["verdi"],
                         "status": cells["status"], "kilde": f"SSB {TABLE}"}).reset_index(drop=True)


def check(frame: pd.DataFrame, expected: Sequence[str]) -> list[str]:
    """Refuse an answer without the whole country or with a negative count; name the municipalities
    without a figure in the latest year (shown as «mangler tall», never as zero)."""
    norway = frame[frame["kommunenummer"] == regions.NORWAY]
    if norway["verdi"].isna().all() or set(norway["maal"]) != set(employment.MEASURES.values()):
        raise SsbError("SSBs svar mangler tallene for hele landet; beholder de forrige tallene.")
    if (frame["verdi"] < 0).any():
        raise SsbError("SSBs svar har negative antall sysselsatte; beholder de forrige tallene.")
    latest = norway["aar"].max()
    present = set(frame.loc[(frame["aar"] == latest) & frame["verdi"].notna(), "kommunenummer"])
    lacking = [code for code in expected if code not in present]
    if len(lacking) > len(expected) / 2:
        raise SsbError(f"SSBs svar mangler tall for {len(lacking)} av {len(expected)} kommuner; beholder de forrige tallene.")
    return [f"SSB har ikke tall for {latest} for {', '.join(regions.municipality_name(c) for c in lacking)}."] if lacking else []


def fetch(client: SsbClient, configured: Sequence[str], known_today: Iterable[str], cache_folder: Path | None = None,
          progress: Callable[[str], None] = lambda message: None) -> CountryData:
    """Table 07984 for every municipality of the chosen code list and the whole country (≤ 4 requests)."""
    progress("Leser tabellens metadata hos SSB …")
    meta = client.metadata()
    employment.check_metadata(meta)
    chosen = codelist_choice.choose_codelist(client, meta, list(configured), cache_folder, progress)
    if chosen is None:
        raise SsbError(NO_CODELIST)
    to_today, unmatched = today_numbers(chosen, set(known_today) | set(configured))
    names = {code: value.name for value in chosen.values if (code := to_today.get(value.code))}
    regions.learn_names(names)
    progress(f"Henter sysselsatte for alle {len(chosen.values)} kommuner med dagens kommunegrenser …")
    doc = client.data(country_query(chosen))
    municipalities = parse(doc, {**to_today, **{v.code: v.code for v in chosen.values if v.code not in to_today}}, names)
    municipalities = municipalities[municipalities["kommunenummer"].isin(set(to_today.values()))]
    progress("Henter tallene for hele landet …")
    norway = parse(client.data(norway_query()), {regions.NORWAY: regions.NORWAY}, {regions.NORWAY: regions.NORWAY_NAME})
    frame = pd.concat([municipalities, norway], ignore_index=True)
    notes = check(frame, sorted(set(to_today.values())))
    if unmatched:
        notes.append(f"SSBs kodeliste har kommuner uten et kjent kommunenummer i dag: {', '.join(unmatched)}.")
    return CountryData(frame, None, TABLE, False, datetime.now(timezone.utc), jsonstat.dataset_updated(doc),
                       tuple(notes), client.requests_made)


# -- the cache file --------------------------------------------------------------------------------
def cache_file(folder: Path) -> Path:
    return folder / CACHE_FILE_NAME


def write_cache(data: CountryData, folder: Path) -> Path:
    frame = data.frame[COLUMNS]
    document = {"table": data.table, "fetched_at": data.fetched_at.isoformat() if data.fetched_at else None,
                "updated": data.updated, "notes": list(data.notes), "columns": COLUMNS,
                "rows": frame.astype(object).where(frame.notna(), None).values.tolist()}
    path = cache_file(folder)
    try:
        shared_files.write_atomic(path, json.dumps(document, ensure_ascii=False))
    except OSError as exc:
        raise CountryError(f"Kan ikke skrive hurtiglageret for landet i {folder} ({shared_files.describe(exc)}).") from None
    return path


def read_cache(folder: Path) -> CountryData:
    """The cached country (raises FileNotFoundError when there is none, CountryError when it is broken)."""
    path = cache_file(folder)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        frame = pd.DataFrame(document["rows"], columns=document["columns"])[COLUMNS]
        fetched_at = datetime.fromisoformat(document["fetched_at"])
        frame = frame.astype({"kommunenummer": str, "kommune": str, "aar": "int64", "maal": str, "verdi": "float64"})
        frame["status"] = frame["status"].fillna("").astype(str)
        if document["table"] != TABLE or fetched_at.utcoffset() is None or frame.empty:
            raise ValueError
    except FileNotFoundError:
        raise
    except (OSError, ValueError, KeyError, TypeError):
        raise CountryError(f"Hurtiglageret for landet ({path}) er ødelagt og brukes ikke.") from None
    return CountryData(frame, None, TABLE, False, fetched_at, document.get("updated"), tuple(document.get("notes", ())))


def is_stale(data: CountryData, now: datetime) -> bool:
    age = now - data.fetched_at if data.fetched_at else None
    return age is None or age > MAX_AGE or age < timedelta(0)


@contextmanager
def refresh_lock(folder: Path):
    """One country refresh at a time (its own lock: the region's refresh never waits for it)."""
    import filelock

    shared_files.ensure_folder(folder)
    lock = filelock.FileLock(folder / LOCK_FILE_NAME, timeout=0, mode=shared_files.GROUP_RW)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise SsbError("En annen henting av tallene for hele landet pågår allerede.") from None
    try:
        yield
    finally:
        lock.release()


def refresh(folder: Path, configured: Sequence[str], known_today: Iterable[str], client: SsbClient | None = None,
            progress: Callable[[str], None] = lambda message: None) -> CountryData:
    """Fetch the country from SSB and replace its cache file (only with a checked answer)."""
    with refresh_lock(folder):
        data = fetch(client or SsbClient(), configured, known_today, folder, progress)
        write_cache(data, folder)
    return data
