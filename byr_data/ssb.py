"""Client for SSB's PxWebApi v2: address, etiquette (rate limit) and errors users can read.

The HTTP layer (requests, retries, decoding answers) is in `ssb_http.py`, imported only when a request
is made: a cold start that shows stored figures never loads it. What to ask table 07984 for, and how its
answers become the tidy frame, is in `employment.py`.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from urllib.parse import quote, urlsplit


DEFAULT_BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
BASE_URL_ENV = "BYR_SSB_BASE_URL"
TABLE = "07984"
USER_AGENT = "byregion-dashboard/1.0 (Kongsvingerregionen; python-requests)"

# (connect, read) seconds: SSB answers small queries in about a second.
TIMEOUT = (5, 30)
MAX_RETRIES = 3
MAX_RETRY_AFTER = 30  # seconds; a longer Retry-After is a failure, not a wait
REQUESTS_PER_MINUTE = 30  # SSB's limit per IP address


class SsbError(RuntimeError):
    """SSB could not deliver usable data; the message is Norwegian and meant for users."""


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


def base_url() -> str:
    """SSB's API address, or a mirror's from BYR_SSB_BASE_URL; a malformed address is an SsbError."""
    url = os.environ.get(BASE_URL_ENV, "").strip() or DEFAULT_BASE_URL
    return check_url(url).rstrip("/")


def check_url(url: str) -> str:
    problem = None
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or any(ch.isspace() for ch in url):
        problem = "inneholder mellomrom eller ugyldige tegn"
    elif parts.scheme not in ("http", "https"):
        problem = "må begynne med https:// (eller http:// for et lokalt speil)"
    elif not parts.hostname:
        problem = "mangler vertsnavn"
    if problem:
        raise SsbError(f"Adressen til SSB i innstillingen {BASE_URL_ENV} («{url}») er ugyldig: den {problem}.")
    return url


class SsbClient:
    def __init__(
        self,
        session=None,  # a requests.Session; made with SSB's etiquette on the first request if None
        url: str | None = None,
        limiter: RateLimiter = SHARED_LIMITER,
        timeout: tuple[float, float] = TIMEOUT,
    ):
        self.url = check_url(url).rstrip("/") if url else base_url()
        self.session = session
        self.limiter = limiter
        self.timeout = timeout
        self.requests_made = 0

    # -- transport -------------------------------------------------------------------------
    def _request(self, method: str, path: str, body: dict | None = None) -> dict:
        from byr_data import ssb_http  # requests and urllib3: only when SSB is asked

        if self.session is None:
            self.session = ssb_http.make_session()
        self.limiter.wait()
        self.requests_made += 1
        return ssb_http.request(self.session, method, f"{self.url}{path}", body, self.timeout)

    def metadata(self) -> dict:
        return self._request("GET", f"/tables/{TABLE}/metadata")

    def codelist(self, codelist_id: str) -> dict:
        return self._request("GET", f"/codelists/{quote(codelist_id, safe='')}")

    def data(self, query: dict) -> dict:
        return self._request("POST", f"/tables/{TABLE}/data", query)


class SsbRefused(SsbError):
    """SSB answered 400/403/404: the query itself is wrong, retrying will not help."""

    def __init__(self, message: str, problem: str = ""):
        super().__init__(message)
        self.problem = problem  # SSB's own words (title, detail), for notes
