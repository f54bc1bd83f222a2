"""Local data of table 03321 (commuting): its own cache file beside 07984's, the bundled snapshot, and the
fall-back chain (cache, else snapshot), like `ssb.cache` for 07984. Loading never touches the network;
`refresh` is called by `ssb.cache.refresh` right after 07984's, so both tables are refreshed together.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import pandas as pd

from byr_data import regions, shared_files
from byr_data.ssb import commuting_fetch, table_03321
from byr_data.ssb.client import SsbClient
from byr_data.ssb.provenance import DataError, Provenance, read_document

SNAPSHOT_DIR = regions.DATA_DIR / "snapshot"
CACHE_FILE_NAME = "ssb_03321.json"


@dataclass(frozen=True)
class CommutingData:
    flows: pd.DataFrame  # table_03321.FLOWS, today's numbers
    provenance: Provenance
    notices: tuple[str, ...] = field(default=())  # what went wrong on the way, in Norwegian

    def is_stale(self, now: datetime) -> bool:
        return self.provenance.is_stale(now)


def cache_file(folder: Path) -> Path:
    return folder / CACHE_FILE_NAME


def read_snapshot(folder: Path = SNAPSHOT_DIR) -> CommutingData:
    """The reference file in the snapshot (as published), with the region's numbers as today's."""
    try:
        provenance = Provenance.from_json(json.loads((folder / table_03321.PROVENANCE_FILE).read_text(encoding="utf-8")))
        flows = table_03321.flows(table_03321.read(folder / table_03321.SNAPSHOT_FILE))
    except (OSError, ValueError, KeyError) as exc:  # Table03321Error is a ValueError
        raise DataError(f"Pendlingstallene i øyeblikksbildet {folder} kan ikke leses ({exc}).") from None
    return CommutingData(flows, provenance)


def read_cache(path: Path) -> CommutingData:
    """The cached 03321 flows, validated (FileNotFoundError when there is none)."""
    provenance, frame = read_document(path, f"Pendlingstallene i hurtiglageret {path}")
    try:
        frame = table_03321.validate(frame, f"Hurtiglageret {path}")
    except table_03321.Table03321Error as exc:
        raise DataError(str(exc)) from None
    return CommutingData(frame, replace(provenance, source="cache"))


def write_cache(data: CommutingData, path: Path) -> Path:
    """Validate, then replace the cache file atomically."""
    try:
        frame = table_03321.validate(data.flows, "Nye pendlingstall")
    except table_03321.Table03321Error as exc:
        raise DataError(str(exc)) from None
    document = {"provenance": data.provenance.to_json(), "columns": list(frame.columns),
                "rows": frame.astype(object).where(frame.notna(), None).values.tolist()}
    try:
        shared_files.write_atomic(path, json.dumps(document, ensure_ascii=False))
    except OSError as exc:
        raise DataError(f"Kan ikke skrive hurtiglageret i {path.parent} ({shared_files.describe(exc)}).") from None
    return path


def load_local(folder: Path, expected: Sequence[str] = ()) -> CommutingData:
    """The cache when it holds every municipality in `expected` as a place of residence, else the snapshot
    (with the reason when the cache is broken or incomplete)."""
    try:
        data = read_cache(cache_file(folder))
    except FileNotFoundError:
        return read_snapshot()
    except DataError as exc:
        return replace(read_snapshot(), notices=(str(exc),))
    lacking = [code for code in expected if code not in set(data.flows["bosted"])]
    if lacking:
        names = ", ".join(regions.municipality_name(code) for code in lacking)
        return replace(read_snapshot(), notices=(f"Pendlingstallene i hurtiglageret mangler {names} og brukes ikke "
                                                 "før de er oppdatert fra SSB.",))
    return data


def refresh(folder: Path, codes: Sequence[str], client: SsbClient | None = None,
            progress: Callable[[str], None] = lambda message: None) -> CommutingData:
    """Fetch the flows of `codes` (today's numbers) from SSB and replace the cache (at most three requests,
    the code list read from the cache 07984's refresh has just filled)."""
    result = commuting_fetch.fetch(client or SsbClient(), codes, folder, progress)
    provenance = Provenance(
        source="live", table=table_03321.TABLE,
        description="Sysselsatte per 4. kvartal (15–74 år) etter bostedskommune og arbeidsstedskommune "
                    "(pendling), hentet fra SSBs API.",
        updated=result.updated, fetched_at=result.fetched_at, query=result.queries)
    data = CommutingData(result.flows, provenance, tuple(result.notes))
    write_cache(data, cache_file(folder))
    return data
