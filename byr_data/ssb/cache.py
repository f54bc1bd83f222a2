"""Local data: the disk cache of SSB data, the bundled snapshot, provenance and the fallback chain.

Loading for the app never touches the network: fresh or stale cache, else the snapshot
(`load_local`). The command line and the refresh button fetch from SSB (`refresh`), validate,
and only then replace the cache atomically, under a file lock so that one refresh runs at a time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

import pandas as pd

from byr_data import regions, shared_files
from byr_data.ssb import client as ssb_client, codelists, commuting_store, employment, table_11618
# Provenance and the data error live in ssb.provenance (shared with the commuting table); re-exported here.
from byr_data.ssb.provenance import DataError, Provenance, read_document

CACHE_DIR_ENV = "BYR_CACHE_DIR"
SNAPSHOT_DIR = regions.DATA_DIR / "snapshot"
CACHE_FILE_NAME = "ssb_07984.json"

COLUMNS = ["kommunenummer", "kommune", "aar", "maal", "naering", "naering_tekst", "verdi", "status", "kilde"]
MEASURES = ("arbeidssted", "bosted")


class RefreshBusy(RuntimeError):
    """Another session or process is already refreshing."""


# Everything a refresh can fail with; each message is Norwegian and meant for users.
REFRESH_ERRORS = (ssb_client.SsbError, DataError, RefreshBusy, regions.SettingsError)


@dataclass(frozen=True)
class Dataset:
    frame: pd.DataFrame
    provenance: Provenance
    notices: tuple[str, ...] = field(default=())  # what went wrong on the way, in Norwegian

    def has_measure(self, measure: str) -> bool:
        return bool((self.frame["maal"] == measure).any())

    def is_stale(self, now: datetime) -> bool:
        return self.provenance.is_stale(now)

    @cached_property
    def _present(self) -> frozenset[str]:
        """The municipalities with at least one figure (worked out once: every page asks, every rerun)."""
        return frozenset(self.frame.loc[self.frame["verdi"].notna(), "kommunenummer"])

    def lacking(self, codes: Sequence[str]) -> list[str]:
        """The municipalities among `codes` that have no figure at all in these data."""
        return [code for code in codes if code not in self._present]


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_DIR_ENV, regions.DATA_DIR / "cache"))


def cache_file() -> Path:
    return cache_dir() / CACHE_FILE_NAME


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


# -- validation ----------------------------------------------------------------------------------
def validate_frame(frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Check the tidy table's shape and types; return it with canonical dtypes."""
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DataError(f"{origin}: mangler kolonnene {', '.join(missing)}.")
    if frame.empty:
        raise DataError(f"{origin}: inneholder ingen tall.")
    frame = frame[COLUMNS].copy()
    try:
        frame["aar"] = pd.to_numeric(frame["aar"], errors="raise").astype("int64")
        frame["verdi"] = pd.to_numeric(frame["verdi"], errors="raise").astype("float64")
    except (ValueError, TypeError) as exc:
        raise DataError(f"{origin}: år eller verdi er ikke tall ({exc}).") from None
    for column in ("kommunenummer", "kommune", "maal", "naering", "naering_tekst", "status", "kilde"):
        frame[column] = frame[column].fillna("").astype(str)
    unknown = set(frame["maal"]) - set(MEASURES)
    if unknown:
        raise DataError(f"{origin}: ukjent mål {', '.join(sorted(unknown))} (gyldige: {', '.join(MEASURES)}).")
    if (frame["verdi"] < 0).any():
        raise DataError(f"{origin}: har negative antall sysselsatte.")
    if frame.duplicated(["kommunenummer", "aar", "maal", "naering"]).any():
        raise DataError(f"{origin}: har samme tall (kommune, år, mål, næring) flere ganger.")
    spliced = frame.groupby("maal")["kilde"].nunique()
    if (spliced > 1).any():  # one measure from two tables would be spliced into one series
        raise DataError(f"{origin}: tallene for {', '.join(spliced[spliced > 1].index)} kommer fra flere tabeller.")
    # A cache from before this rule may hold SSB's 0 for years a number did not exist: never show it as 0.
    return employment.absent_as_missing(frame, "kommunenummer").reset_index(drop=True)


# -- cache ---------------------------------------------------------------------------------------
def read_cache(path: Path | None = None, expected: Sequence[str] = ()) -> Dataset:
    """The cache, validated; `expected` (today's municipality numbers) must all be there in full."""
    path = path or cache_file()
    provenance, frame = read_document(path, f"Hurtiglageret {path}")
    frame = validate_frame(frame, f"Hurtiglageret {path}")
    regions.learn_names(_names(frame))
    if expected:
        problem = employment.completeness_problem(frame, expected, marked_gaps=True)
        if problem:
            raise DataError(f"Hurtiglageret {problem} og brukes ikke før det er oppdatert fra SSB.")
    return Dataset(frame, replace(provenance, source="cache"))


def _names(frame: pd.DataFrame) -> dict[str, str]:
    pairs = frame[["kommunenummer", "kommune"]].drop_duplicates("kommunenummer")
    return dict(zip(pairs["kommunenummer"], pairs["kommune"]))


def write_cache(dataset: Dataset, path: Path | None = None) -> Path:
    """Validate, then write atomically: a temporary file in the same folder, then rename."""
    path = path or cache_file()
    frame = validate_frame(dataset.frame, "Nye data")
    document = {
        "provenance": dataset.provenance.to_json(),
        "columns": list(frame.columns),
        "rows": frame.astype(object).where(frame.notna(), None).values.tolist(),
    }
    try:
        shared_files.write_atomic(path, json.dumps(document, ensure_ascii=False))
    except OSError as exc:
        raise DataError(f"Kan ikke skrive hurtiglageret i {path.parent} ({shared_files.describe(exc)}).") from None
    return path


# -- snapshot ------------------------------------------------------------------------------------
def read_snapshot(folder: Path = SNAPSHOT_DIR) -> Dataset:
    try:
        provenance = Provenance.from_json(json.loads((folder / "provenance.json").read_text(encoding="utf-8")))
        frame = pd.read_csv(folder / "sysselsatte.csv", dtype={"kommunenummer": str, "naering": str, "status": str})
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(f"Øyeblikksbildet i {folder} kan ikke leses ({exc}).") from None
    frame = validate_frame(frame, f"Øyeblikksbildet {folder}")
    regions.learn_names(_names(frame))  # the snapshot's own names for the municipalities it holds
    return Dataset(frame, provenance)


def read_snapshot_11618(folder: Path = SNAPSHOT_DIR) -> pd.DataFrame:
    """The snapshot's copy of SSB table 11618 for every municipality, as published (ssb.table_11618)."""
    try:
        return table_11618.read(folder / table_11618.SNAPSHOT_FILE)
    except table_11618.Table11618Error as exc:
        raise DataError(str(exc)) from None


# -- the fallback chain --------------------------------------------------------------------------
def configured_codes() -> tuple[str, ...]:
    """The municipalities the settings name (members and optional), or none when the settings are broken."""
    try:
        return regions.load_settings().selectable
    except regions.SettingsError:
        return ()


def load_local(expected: Sequence[str] | None = None) -> Dataset:
    """Best local data without touching the network: the cache (fresh or stale) if it holds every
    configured municipality (`expected`, default from the settings), else the snapshot."""
    expected = configured_codes() if expected is None else expected
    lists = [c for c in codelists.cached_lists(cache_dir()) if not c.historical]
    for codelist in lists:  # SSB's names, also for municipalities not fetched yet
        regions.learn_names(codelist.names(expected))
    try:
        dataset = read_cache(expected=expected)
    except FileNotFoundError:
        dataset = read_snapshot()
    except DataError as exc:
        dataset = replace(read_snapshot(), notices=(str(exc),))
    # A number in the settings that is no longer in use, as far as the shown data and SSB's cached code
    # list can tell without SSB (with no code list, an old number is just a municipality without figures).
    former = employment.former_numbers(dataset.frame, "kommunenummer", expected, lists)
    return replace(dataset, notices=dataset.notices + tuple(f.sentence() for f in former)) if former else dataset


def load(fetch: Callable[[], Dataset] | None = None, now: datetime | None = None) -> Dataset:
    """Fresh cache -> live fetch (written to the cache) -> stale cache -> snapshot."""
    now = now or now_utc()
    local = load_local()
    if local.provenance.source == "cache" and not local.is_stale(now):
        return local
    try:
        return refresh(fetch)
    except REFRESH_ERRORS as exc:
        return replace(local, notices=local.notices + (f"Oppdatering fra SSB feilet: {exc}",))


# -- refresh -------------------------------------------------------------------------------------
LOCK_FILE_NAME = "refresh.lock"


@contextmanager
def refresh_lock():
    """One refresh at a time across sessions, processes and users (filelock; the lock file is group-writable)."""
    import filelock  # only when refreshing: a cold start that shows stored figures never needs it

    folder = cache_dir()
    lock = filelock.FileLock(folder / LOCK_FILE_NAME, timeout=0, mode=shared_files.GROUP_RW)
    try:
        shared_files.ensure_folder(folder)
        lock.acquire()
    except filelock.Timeout:
        raise RefreshBusy("En annen oppdatering fra SSB pågår allerede.") from None
    except OSError as exc:
        raise DataError(f"Kan ikke skrive i hurtiglagermappen {folder} ({shared_files.describe(exc)}).") from None
    try:
        yield
    finally:
        lock.release()


def fetch_from_ssb(progress: Callable[[str], None] = lambda message: None, client: ssb_client.SsbClient | None = None) -> Dataset:
    """The configured municipalities and the whole country from SSB (the code list cached beside the data)."""
    codes = regions.load_settings().selectable
    result = employment.fetch(client or ssb_client.SsbClient(), codes, cache_dir(), progress)
    provenance = Provenance(
        source="live",
        table=ssb_client.TABLE,
        description="Sysselsatte per 4. kvartal (15–74 år) etter arbeidssted og bosted, hentet fra SSBs API.",
        updated=result.updated,
        fetched_at=result.fetched_at,
        query=result.queries,
    )
    return Dataset(result.frame, provenance, tuple(result.notes))


def refresh(
    fetch: Callable[[], Dataset] | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> Dataset:
    """Fetch from SSB and replace the cache, but only with complete, validated data."""
    with refresh_lock():
        dataset = fetch() if fetch else fetch_from_ssb(progress)
        if fetch is None:  # commuting (03321) with 07984, through the code list 07984's fetch has just cached
            dataset = refresh_commuting(dataset, progress)
        progress("Kontrollerer og lagrer tallene …")
        write_cache(dataset)
    return dataset


def refresh_commuting(dataset: Dataset, progress: Callable[[str], None] = lambda message: None) -> Dataset:
    """Table 03321 after 07984: its failure keeps its previous figures and is told beside 07984's new ones."""
    try:
        commuting_store.refresh(cache_dir(), regions.load_settings().selectable, progress=progress)
    except REFRESH_ERRORS as exc:
        return replace(dataset, notices=dataset.notices + (f"Pendlingstallene (tabell 03321) ble ikke oppdatert: {exc}",))
    return dataset


@dataclass(frozen=True)
class CacheStatus:
    path: Path
    exists: bool
    provenance: Provenance | None
    rows: int
    problem: str | None


def cache_status(expected: Sequence[str] | None = None) -> CacheStatus:
    path = cache_file()
    try:
        dataset = read_cache(path, configured_codes() if expected is None else expected)
    except FileNotFoundError:
        return CacheStatus(path, False, None, 0, None)
    except DataError as exc:
        return CacheStatus(path, True, None, 0, str(exc))
    return CacheStatus(path, True, dataset.provenance, len(dataset.frame), None)
