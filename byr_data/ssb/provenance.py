"""Where shown figures come from (`Provenance`: live, cache or snapshot, the table, SSB's update time,
the fetch time and the query) and the error for an unusable data file. Shared by the 07984 data
(`ssb.cache`) and the commuting table 03321 (`ssb.commuting_store`); `ssb.cache` re-exports them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from byr_data import shared_files

MAX_AGE = timedelta(hours=24)  # SSB publishes 07984 and 03321 once a year; a day is fresh enough
SOURCE_LABELS = {"live": "SSB (hentet nå)", "cache": "Hurtiglager fra SSB", "snapshot": "Offline øyeblikksbilde"}


class DataError(RuntimeError):
    """A data file is unusable; the message is Norwegian and names the file."""



@dataclass(frozen=True)
class Provenance:
    source: str  # "live" | "cache" | "snapshot"
    table: str
    description: str
    updated: str | None = None  # SSB's own last-update time
    fetched_at: datetime | None = None
    query: list | None = None

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]

    def age(self, now: datetime) -> timedelta | None:
        return now - self.fetched_at if self.fetched_at else None

    def is_stale(self, now: datetime) -> bool:
        """Older than MAX_AGE, of unknown age, or fetched «in the future» (a wrong clock): fetch again."""
        age = self.age(now)
        return age is None or age > MAX_AGE or age < timedelta(0)

    def to_json(self) -> dict:
        data = asdict(self)
        data["fetched_at"] = self.fetched_at.isoformat() if self.fetched_at else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Provenance":
        fetched = data.get("fetched_at")
        fetched_at = datetime.fromisoformat(fetched) if fetched else None
        if fetched_at is not None and fetched_at.utcoffset() is None:
            raise NoTimeZone(fetched)
        return cls(
            source=data["source"],
            table=data["table"],
            description=data.get("description", ""),
            updated=data.get("updated"),
            fetched_at=fetched_at,
            query=data.get("query"),
        )


class NoTimeZone(ValueError):
    """A fetch time without a time zone: its age cannot be known."""


def read_document(path: Path, what: str) -> tuple[Provenance, pd.DataFrame]:
    """A cache file's provenance and rows (`what` names it in the message, e.g. «Hurtiglageret …»).
    FileNotFoundError when there is none; any other fault is a DataError in Norwegian."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        provenance = Provenance.from_json(document["provenance"])
        frame = pd.DataFrame(document["rows"], columns=document["columns"])
    except FileNotFoundError:
        raise
    except OSError as exc:  # e.g. no access, or the cache folder is not a folder: not a broken file
        raise DataError(f"{what} kan ikke leses ({shared_files.describe(exc)}).") from None
    except NoTimeZone:
        raise DataError(f"{what} har et hentetidspunkt uten tidssone og brukes ikke.") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise DataError(f"{what} er ødelagt og brukes ikke.") from None
    return provenance, frame
