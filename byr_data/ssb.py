"""HTTP client for SSB's PxWebApi v2: table 07984 (employed persons, 4th quarter).

A whole refresh costs at most three requests: the table's metadata, then the data with
today's municipal borders (code list `agg_KommSummer`, codes `K-3401` …) and the whole
country, or, if SSB refuses the `K-` codes, one query on the plain region list whose old
(04xx) and new (34xx) codes are merged through the code history in `regions.py`.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pandas as pd
import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from byr_data import jsonstat, regions

DEFAULT_BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
BASE_URL_ENV = "BYR_SSB_BASE_URL"
TABLE = "07984"
FIRST_YEAR = 2008
MEASURES = {"SysselsatteArb": "arbeidssted", "Sysselsatte": "bosted"}
TOTAL_INDUSTRY = "00-99"
USER_AGENT = "byregion-dashboard/1.0 (Kongsvingerregionen; python-requests)"

# (connect, read) seconds: SSB answers small queries in about a second.
TIMEOUT = (5, 30)
MAX_RETRIES = 3
MAX_RETRY_AFTER = 30  # seconds; a longer Retry-After is a failure, not a wait
REQUESTS_PER_MINUTE = 30  # SSB's limit per IP address


class SsbError(RuntimeError):
    """SSB could not deliver usable data; the message is Norwegian and meant for users."""


class CappedRetry(Retry):
    """urllib3 Retry that never waits longer than MAX_RETRY_AFTER for a Retry-After header."""

    def get_retry_after(self, response):
        retry_after = super().get_retry_after(response)
        if retry_after is not None and retry_after > MAX_RETRY_AFTER:
            raise SsbError(
                f"SSB ber oss vente {retry_after:.0f} sekunder (for mange forespørsler). "
                "Prøv igjen senere."
            )
        return retry_after


def make_session() -> requests.Session:
    """A session with SSB's etiquette: identification, bounded retries with backoff."""
    retry = CappedRetry(
        total=MAX_RETRIES,
        connect=MAX_RETRIES,
        read=1,
        status=MAX_RETRIES,
        backoff_factor=1.0,
        backoff_max=MAX_RETRY_AFTER,
        status_forcelist=(429, 502, 503, 504),
        allowed_methods=frozenset({"GET", "POST"}),  # SSB's data POST is a read
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


class RateLimiter:
    """Sliding-window limit on requests per minute, shared by every client in the process."""

    def __init__(self, per_minute: int = REQUESTS_PER_MINUTE, clock=time.monotonic, sleep=time.sleep):
        self.per_minute = per_minute
        self.clock = clock
        self.sleep = sleep
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self.clock()
            while self._sent and now - self._sent[0] >= 60:
                self._sent.popleft()
            if len(self._sent) >= self.per_minute:
                self.sleep(60 - (now - self._sent[0]))
                now = self.clock()
                self._sent.popleft()
            self._sent.append(now)


SHARED_LIMITER = RateLimiter()


@dataclass
class FetchResult:
    frame: pd.DataFrame  # tidy: kommunenummer, kommune, aar, maal, naering, naering_tekst, verdi, status, kilde
    updated: str | None
    fetched_at: datetime
    queries: list[dict]
    requests_made: int
    notes: list[str] = field(default_factory=list)


def base_url() -> str:
    return os.environ.get(BASE_URL_ENV, DEFAULT_BASE_URL).rstrip("/")


def _selection(region_values: list[str], codelist: str | None) -> dict:
    region = {"variableCode": "Region", "valueCodes": region_values}
    if codelist:
        region["codelist"] = codelist
    return {
        "selection": [
            region,
            {"variableCode": "NACE2007", "valueCodes": ["*"]},
            {"variableCode": "Kjonn", "valueCodes": ["0"]},
            {"variableCode": "Alder", "valueCodes": ["15-74"]},
            {"variableCode": "ContentsCode", "valueCodes": list(MEASURES)},
            {"variableCode": "Tid", "valueCodes": [f"from({FIRST_YEAR})"]},
        ]
    }


def aggregated_query() -> dict:
    """Today's municipalities over the whole series (code list agg_KommSummer)."""
    return _selection([f"K-{code}" for code in regions.MUNICIPALITIES], "agg_KommSummer")


def country_query() -> dict:
    return _selection([regions.NORWAY], None)


def plain_query() -> dict:
    """Fallback: old and new codes as separate categories, plus the whole country."""
    codes = list(regions.OLD_TO_NEW) + list(regions.MUNICIPALITIES) + [regions.NORWAY]
    return _selection(codes, None)


class SsbClient:
    def __init__(
        self,
        session: requests.Session | None = None,
        url: str | None = None,
        limiter: RateLimiter = SHARED_LIMITER,
        timeout: tuple[float, float] = TIMEOUT,
    ):
        self.session = session or make_session()
        self.url = (url or base_url()).rstrip("/")
        self.limiter = limiter
        self.timeout = timeout
        self.requests_made = 0

    # -- transport -------------------------------------------------------------------------
    def _request(self, method: str, path: str, body: dict | None = None) -> dict:
        self.limiter.wait()
        self.requests_made += 1
        url = f"{self.url}{path}"
        try:
            response = self.session.request(
                method, url, params={"lang": "no", "outputFormat": "json-stat2"},
                json=body, timeout=self.timeout,
            )
        except requests.exceptions.RetryError as exc:
            raise SsbError(f"SSB svarer ikke som det skal etter flere forsøk ({_reason(exc)}).") from exc
        except requests.exceptions.Timeout as exc:
            raise SsbError("SSB svarte ikke i tide (tidsavbrudd). Prøv igjen senere.") from exc
        except requests.exceptions.ConnectionError as exc:
            # A read timeout that used up its retries reaches us as a ConnectionError.
            if _is_read_timeout(exc):
                raise SsbError("SSB svarte ikke i tide (tidsavbrudd). Prøv igjen senere.") from exc
            raise SsbError(f"Får ikke kontakt med SSB ({self.url}). Er maskinen på nett?") from exc
        return _decode(response)

    def metadata(self) -> dict:
        return self._request("GET", f"/tables/{TABLE}/metadata")

    def data(self, query: dict) -> dict:
        return self._request("POST", f"/tables/{TABLE}/data", query)

    # -- the whole refresh -----------------------------------------------------------------
    def fetch_employment(self, progress: Callable[[str], None] = lambda message: None) -> FetchResult:
        progress("Leser tabellens metadata hos SSB …")
        meta = self.metadata()
        check_metadata(meta)
        notes: list[str] = []
        queries: list[dict] = []
        if "agg_KommSummer" in region_codelists(meta):
            progress("Henter sysselsatte for kommunene (dagens kommunegrenser) …")
            try:
                queries.append(aggregated_query())
                municipal = self.data(queries[-1])
            except SsbRefused as exc:
                notes.append(f"SSB avviste K-kodene ({exc}); bruker vanlig kommuneliste.")
                municipal = None
        else:
            notes.append("Tabellen har ikke kodelisten agg_KommSummer; bruker vanlig kommuneliste.")
            municipal = None

        if municipal is not None:
            progress("Henter tall for hele landet …")
            queries.append(country_query())
            frames = [to_tidy(municipal), to_tidy(self.data(queries[-1]))]
            docs = [municipal]
        else:
            progress("Henter sysselsatte (gamle og nye kommunenummer) …")
            queries.append(plain_query())
            plain = self.data(queries[-1])
            frames, docs = [to_tidy(plain)], [plain]

        frame = pd.concat(frames, ignore_index=True)
        check_complete(frame)
        return FetchResult(
            frame=frame,
            updated=jsonstat.dataset_updated(docs[0]),
            fetched_at=datetime.now(timezone.utc),
            queries=queries,
            requests_made=self.requests_made,
            notes=notes,
        )


class SsbRefused(SsbError):
    """SSB answered 400/403/404: the query itself is wrong, retrying will not help."""


def _reason(exc: Exception) -> str:
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    text = str(reason or exc)
    if "too many 429" in text or "429" in text:
        return "for mange forespørsler, HTTP 429"
    for status in ("502", "503", "504"):
        if status in text:
            return f"HTTP {status}"
    return "nettverksfeil"


def _is_read_timeout(exc: Exception) -> bool:
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, urllib3.exceptions.ReadTimeoutError)


def _decode(response: requests.Response) -> dict:
    """Turn an HTTP response into a JSON document, or an SsbError users can read."""
    status = response.status_code
    if status in (400, 403, 404):
        raise SsbRefused(f"SSB avviste spørringen (HTTP {status}): {_problem_detail(response)}")
    if status == 429:
        raise SsbError("SSB avviser forespørsler nå (HTTP 429, for mange forespørsler). Prøv igjen om et minutt.")
    if status >= 400:
        raise SsbError(f"SSB svarte med en feil (HTTP {status}), også etter nye forsøk. Prøv igjen senere.")
    try:
        return response.json()
    except ValueError:
        kind = response.headers.get("Content-Type", "ukjent innholdstype")
        raise SsbError(f"SSB svarte med noe som ikke er JSON ({kind}).") from None


def _problem_detail(response: requests.Response) -> str:
    """SSB's own explanation: v2 problem+json (title, detail) or v0 {"error": ...}."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:200].strip() or "uten forklaring"
    if isinstance(body, dict):
        parts = [str(body[key]) for key in ("title", "detail", "error") if body.get(key)]
        if parts:
            return " – ".join(parts)
    return json.dumps(body, ensure_ascii=False)[:200]


def region_codelists(meta: dict) -> set[str]:
    """Code list ids offered for Region in a v2 metadata document (JSON-stat 2.0)."""
    region = meta.get("dimension", {}).get("Region", {}) if isinstance(meta, dict) else {}
    extension = region.get("extension") or {}
    # Spelled "codelists" or "codeLists" depending on the PxWebApi version (SSB's own R client reads both).
    lists = extension.get("codelists") or extension.get("codeLists") or []
    return {item.get("id") for item in lists if isinstance(item, dict)}


def check_metadata(meta: dict) -> None:
    """Verify that the table still has what we ask for, before asking for it."""
    if not isinstance(meta, dict) or "dimension" not in meta:
        raise SsbError("SSBs metadata for tabell 07984 har et ukjent format.")
    dims = meta["dimension"]
    for name in ("Region", "NACE2007", "Kjonn", "Alder", "ContentsCode", "Tid"):
        if name not in dims:
            raise SsbError(f"Tabell 07984 hos SSB mangler dimensjonen «{name}»; spørringen må oppdateres.")
    contents = dims["ContentsCode"].get("category", {}).get("index", {})
    missing = [code for code in MEASURES if code not in contents]
    if missing:
        raise SsbError(f"Tabell 07984 hos SSB mangler statistikkvariabelen {', '.join(missing)}.")


def to_tidy(doc: dict) -> pd.DataFrame:
    """JSON-stat for table 07984 -> the project's tidy table (today's municipal codes)."""
    try:
        cells = jsonstat.parse_dataset(doc)
    except jsonstat.JsonStatError as exc:
        raise SsbError(f"SSBs svar kunne ikke tolkes: {exc}") from None
    missing = {"Region", "NACE2007", "ContentsCode", "Tid"} - set(cells.columns)
    if missing:
        raise SsbError(f"SSBs svar mangler dimensjonen {', '.join(sorted(missing))}.")
    region = cells["Region"].astype(str)
    aggregated = region.str.startswith("K-")  # agg_KommSummer: today's borders over the whole series
    source_code = region.str.removeprefix("K-")
    years = pd.to_numeric(cells["Tid"], errors="coerce")
    if years.isna().any():
        raise SsbError("SSBs svar har år som ikke er tall.")
    years = years.astype(int)
    value = cells["value"].astype(float)
    # In the plain region list a code reports 0 or null in years it did not exist: missing, not zero.
    # A K- code is valid in every year: it already sums the old and new codes.
    valid = pd.Series(
        [agg or regions.code_valid_in(c, y) for agg, c, y in zip(aggregated, source_code, years)],
        index=cells.index,
    )
    cells = cells.assign(source_code=source_code, aar=years, verdi=value)[valid]
    code = cells["source_code"].map(regions.to_current_code)
    tidy = pd.DataFrame(
        {
            "kommunenummer": code.astype(str),
            "kommune": code.map(regions.municipality_name).astype(str),
            "aar": cells["aar"].astype("int64"),
            "maal": cells["ContentsCode"].map(MEASURES),
            "naering": cells["NACE2007"].astype(str),
            "naering_tekst": cells["NACE2007_label"].astype(str),
            "verdi": cells["verdi"],
            "status": cells["status"].astype(str),
            "kilde": f"SSB {TABLE}",
        }
    )
    if tidy["maal"].isna().any():
        raise SsbError("SSBs svar har en ukjent statistikkvariabel.")
    return tidy.reset_index(drop=True)


def check_complete(frame: pd.DataFrame) -> None:
    """Every municipality (and the country) must have both measures, else the refresh fails."""
    expected = set(regions.MUNICIPALITIES) | {regions.NORWAY}
    for measure in MEASURES.values():
        rows = frame[(frame["maal"] == measure) & frame["verdi"].notna()]
        present = set(rows["kommunenummer"])
        absent = sorted(expected - present)
        if absent:
            names = ", ".join(regions.municipality_name(c) for c in absent)
            raise SsbError(f"SSBs svar mangler tall for {names} ({measure}); beholder de forrige tallene.")
    totals = frame[frame["naering"] == TOTAL_INDUSTRY]
    if totals.empty:
        raise SsbError("SSBs svar mangler totalen for alle næringer (00-99).")
    # Every municipality must cover the years the country has: a series cut short is partial data.
    totals = totals[totals["verdi"].notna()]
    for measure in MEASURES.values():
        rows = totals[totals["maal"] == measure]
        years = set(rows.loc[rows["kommunenummer"] == regions.NORWAY, "aar"])
        for code in regions.MUNICIPALITIES:
            gaps = sorted(years - set(rows.loc[rows["kommunenummer"] == code, "aar"]))
            if gaps:
                span = f"{gaps[0]}–{gaps[-1]}" if gaps == list(range(gaps[0], gaps[-1] + 1)) else ", ".join(map(str, gaps))
                raise SsbError(
                    f"SSBs svar mangler tall for {regions.municipality_name(code)} ({measure}) for {span}; "
                    "beholder de forrige tallene."
                )
