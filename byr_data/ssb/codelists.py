"""SSB's code lists for Region: which one to use, and its codes, names and code history.

A table's metadata offers code lists for Region (`dimension.Region.extension.codelists[]`: `id`,
`label`, `type`, `links`); `GET {base}/codelists/{id}` gives `values[]` with `code`, `label` and
`valueMap`, the plain region codes that each value sums (for today's borders: a municipality's old
and new numbers, e.g. 0402 and 3401). Codes are always looked up in the list, never taken apart by
their prefix (`K.3401`, `K-3401` and `K_3401` are just codes). Pure, except the small cache files.

The rule (issue 8): among the Region lists of type Aggregation in the `agg_KommSummer…` family, take
the first, in the metadata's order, whose valueMap covers every configured municipality; lists with
today's borders come before historical-border lists (`…Hist`), which are taken last.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from byr_data import shared_files

FAMILY = "agg_KommSummer"
AGGREGATION = "Aggregation"
HISTORICAL_SUFFIX = "Hist"
# When a table offers no list of this family, the code history (not the data) is read from this one:
# code lists are shared by all tables in SSB's database. An assumption; a 400 here is tolerated.
HISTORY_LIST = "agg_KommSummer"
MAX_AGE = timedelta(days=30)  # municipal reforms are rare; names and history are read again monthly
CACHE_PREFIX = "ssb_kodeliste_"


class CodeListError(ValueError):
    """A code list document SSB sent cannot be read; the message is Norwegian."""


@dataclass(frozen=True)
class Value:
    code: str  # as SSB writes it in this list, e.g. "K.3401"
    label: str
    parts: tuple[str, ...]  # valueMap: the plain region codes this value sums

    @property
    def name(self) -> str:
        """The label without a leading code («K.3401 Kongsvinger» -> «Kongsvinger»), if SSB adds one."""
        head, _, rest = self.label.partition(" ")
        return rest.strip() if rest.strip() and head in {self.code, *self.parts} else self.label.strip()


@dataclass(frozen=True)
class CodeList:
    id: str
    label: str
    type: str
    values: tuple[Value, ...]
    fetched_at: datetime | None = None

    @property
    def historical(self) -> bool:
        return is_historical(self.id)

    def value_for(self, code: str) -> Value | None:
        """The one value whose valueMap holds today's municipality `code` (None if none or several)."""
        found = [value for value in self.values if code in value.parts]
        return found[0] if len(found) == 1 else None

    def shared(self, codes: Iterable[str]) -> list[tuple[str, str]]:
        """Pairs of `codes` that are one municipality in this list (e.g. an old and a new number)."""
        seen: dict[str, str] = {}
        pairs = []
        for code in codes:
            value = self.value_for(code)
            if value is not None and value.code in seen:
                pairs.append((seen[value.code], code))
            elif value is not None:
                seen[value.code] = code
        return pairs

    def missing(self, codes: Iterable[str]) -> list[str]:
        return [code for code in codes if self.value_for(code) is None]

    def covers(self, codes: Iterable[str]) -> bool:
        return not self.missing(codes)

    def names(self, codes: Iterable[str]) -> dict[str, str]:
        """Today's municipality code -> SSB's name for it, for the codes this list covers."""
        return {code: value.name for code in codes if (value := self.value_for(code))}

    def current_number(self, code: str, in_use: Iterable[str]) -> str | None:
        """The number `code`'s municipality has today: the one other number of its value that is in use
        (has figures in the latest year; see employment.numbers_in_use). None if none or several."""
        value = self.value_for(code)
        used = set(in_use)
        found = [part for part in value.parts if part != code and part in used] if value else []
        return found[0] if len(found) == 1 else None

    def history(self, codes: Iterable[str]) -> dict[str, str]:
        """Every plain code summed into today's `codes` (old and new) -> today's code."""
        return {part: code for code in codes if (value := self.value_for(code)) for part in value.parts}

    def to_json(self) -> dict:
        return {
            "id": self.id, "label": self.label, "type": self.type,
            "fetched_at": self.fetched_at.isoformat() if self.fetched_at else None,
            "values": [{"code": v.code, "label": v.label, "valueMap": list(v.parts)} for v in self.values],
        }


def is_historical(codelist_id: str) -> bool:
    return codelist_id.endswith(HISTORICAL_SUFFIX)


def parse(doc, fetched_at: datetime | None = None) -> CodeList:
    """`GET /codelists/{id}` -> CodeList; raises CodeListError with a Norwegian message."""
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or not isinstance(doc.get("values"), list):
        raise CodeListError("SSBs kodeliste har et ukjent format (mangler «id» eller «values»).")
    values = []
    for item in doc["values"]:
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise CodeListError(f"SSBs kodeliste {doc['id']} har en verdi uten kode.")
        parts = item.get("valueMap") or []
        if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
            raise CodeListError(f"SSBs kodeliste {doc['id']}: «valueMap» for {item['code']} er ikke en liste med koder.")
        values.append(Value(item["code"], str(item.get("label") or item["code"]), tuple(parts)))
    codes = [v.code for v in values]
    if len(set(codes)) != len(codes):
        raise CodeListError(f"SSBs kodeliste {doc['id']} har samme kode flere ganger.")
    if fetched_at is None and doc.get("fetched_at"):
        fetched_at = _aware(doc["fetched_at"])
    return CodeList(doc["id"], str(doc.get("label") or doc["id"]), str(doc.get("type") or ""), tuple(values), fetched_at)


def offered(meta, variable: str = "Region") -> list[dict]:
    """The code lists offered for `variable` (Region in 07984) in a table's metadata (each with at least an `id`)."""
    region = meta.get("dimension", {}).get(variable, {}) if isinstance(meta, dict) else {}
    extension = (region.get("extension") if isinstance(region, dict) else None) or {}
    # Spelled "codelists" or "codeLists" depending on the PxWebApi version (SSB's own R client reads both).
    lists = extension.get("codelists") or extension.get("codeLists") or []
    return [item for item in lists if isinstance(item, dict) and isinstance(item.get("id"), str)]


def candidates(meta, variable: str = "Region") -> list[str]:
    """Ids of the usable lists, in the order they are tried: today's borders first, `…Hist` last."""
    family = [item["id"] for item in offered(meta, variable)
              if item["id"].startswith(FAMILY) and item.get("type") == AGGREGATION]
    return [i for i in family if not is_historical(i)] + [i for i in family if is_historical(i)]


# -- the cache beside the data cache --------------------------------------------------------------
def cache_path(folder: Path, codelist_id: str) -> Path:
    return folder / f"{CACHE_PREFIX}{re.sub(r'[^A-Za-z0-9_.-]', '_', codelist_id)}.json"


def read_cached(folder: Path, codelist_id: str, now: datetime) -> CodeList | None:
    """A cached list younger than MAX_AGE, or None (missing, unreadable or old: then it is fetched again)."""
    codelist = _read(cache_path(folder, codelist_id))
    if codelist is None or codelist.fetched_at is None or not timedelta(0) <= now - codelist.fetched_at <= MAX_AGE:
        return None
    return codelist


def cached_lists(folder: Path) -> list[CodeList]:
    """Every readable cached list (for names and code history offline), today's borders first."""
    lists = [c for path in sorted(folder.glob(f"{CACHE_PREFIX}*.json")) if (c := _read(path))] if folder.is_dir() else []
    return sorted(lists, key=lambda c: c.historical)


def write_cached(folder: Path, codelist: CodeList) -> bool:
    """Keep the list for the next refresh; a list that cannot be written is fetched again next time."""
    try:
        shared_files.write_atomic(cache_path(folder, codelist.id), json.dumps(codelist.to_json(), ensure_ascii=False))
    except OSError:
        return False
    return True


def _read(path: Path) -> CodeList | None:
    try:
        return parse(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def _aware(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else None  # a time without zone is not trusted: fetch again
