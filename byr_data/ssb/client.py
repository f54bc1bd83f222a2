"""Client for SSB's PxWebApi v2: the address, etiquette (identification, rate limit, bounded retries),
the HTTP transport, and errors users can read.

`requests` and `urllib3` are imported inside the functions that send a request: a cold start that
shows stored figures never loads them. What to ask table 07984 for, and how its answers become the
tidy frame, is in `employment.py`.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
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
    """`url` if it is an address requests can use, else an SsbError that says what is wrong with it."""
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
    elif not valid_host(parts.hostname):
        problem = f"har et ugyldig vertsnavn («{parts.hostname}»)"
    elif not valid_port(parts):
        problem = "har et ugyldig portnummer (det må være et tall fra 1 til 65535)"
    if problem:
        raise address_error(url, problem)
    return url


def address_error(url: str, problem: str) -> SsbError:
    """The one sentence for an unusable address in BYR_SSB_BASE_URL."""
    return SsbError(f"Adressen til SSB i innstillingen {BASE_URL_ENV} («{url}») er ugyldig: den {problem}.")


_HOST_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)", re.IGNORECASE)


def valid_host(host: str) -> bool:
    """An IP address, or a name whose labels (after IDNA, so «bø.no» is fine) are 1–63 letters, digits,
    «-» or «_», not starting or ending with «-»; one trailing dot is allowed."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:  # an empty or too long label, e.g. «a..b»
        return False
    return all(_HOST_LABEL.fullmatch(label) for label in ascii_host.removesuffix(".").split("."))


def valid_port(parts) -> bool:
    try:
        port = parts.port  # ValueError: not a number, or above 65535
    except ValueError:
        return False
    return port is None or port > 0


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

    def _request(self, method: str, path: str, body: dict | None = None) -> dict:
        if self.session is None:
            self.session = make_session()
        self.limiter.wait()
        self.requests_made += 1
        return request(self.session, method, f"{self.url}{path}", body, self.timeout)

    def metadata(self, table: str = TABLE) -> dict:
        return self._request("GET", f"/tables/{table}/metadata")

    def codelist(self, codelist_id: str) -> dict:
        return self._request("GET", f"/codelists/{quote(codelist_id, safe='')}")

    def data(self, query: dict, table: str = TABLE) -> dict:
        return self._request("POST", f"/tables/{table}/data", query)


class SsbRefused(SsbError):
    """SSB answered 400/403/404: the query itself is wrong, retrying will not help."""

    def __init__(self, message: str, problem: str = ""):
        super().__init__(message)
        self.problem = problem  # SSB's own words (title, detail), for notes


# -- transport (requests and urllib3 are imported only here) --------------------------------------
def capped_retry(**options):
    """A urllib3 Retry that never waits longer than MAX_RETRY_AFTER for a Retry-After header."""
    from urllib3.util.retry import Retry

    class CappedRetry(Retry):
        def get_retry_after(self, response):
            retry_after = super().get_retry_after(response)
            if retry_after is not None and retry_after > MAX_RETRY_AFTER:
                raise SsbError(
                    f"SSB ber oss vente {retry_after:.0f} sekunder (for mange forespørsler). "
                    "Prøv igjen senere."
                )
            return retry_after

    return CappedRetry(**options)


def make_session():
    """A requests.Session with SSB's etiquette: identification, bounded retries with backoff."""
    import requests
    from requests.adapters import HTTPAdapter

    retry = capped_retry(
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


def request(session, method: str, url: str, body: dict | None, timeout: tuple[float, float]) -> dict:
    """One request to SSB (JSON-stat 2.0 in Norwegian), through the session's retries."""
    import requests
    import urllib3.exceptions

    try:
        response = session.request(method, url, params={"lang": "no", "outputFormat": "json-stat2"},
                                   json=body, timeout=timeout)
    except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema, requests.exceptions.MissingSchema,
            urllib3.exceptions.LocationValueError) as exc:
        # What check_url lets through but the transport cannot use (raised before any connection).
        raise address_error(url, "kan ikke brukes") from exc
    except requests.exceptions.RetryError as exc:
        raise SsbError(f"SSB svarer ikke som det skal etter flere forsøk ({_reason(exc)}).") from exc
    except requests.exceptions.Timeout as exc:
        raise SsbError("SSB svarte ikke i tide (tidsavbrudd). Prøv igjen senere.") from exc
    except requests.exceptions.ConnectionError as exc:
        # A read timeout that used up its retries reaches us as a ConnectionError.
        if _is_read_timeout(exc):
            raise SsbError("SSB svarte ikke i tide (tidsavbrudd). Prøv igjen senere.") from exc
        raise SsbError("Får ikke kontakt med SSB. Er maskinen på nett?") from exc
    return _decode(response)


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
    import urllib3.exceptions

    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, urllib3.exceptions.ReadTimeoutError)


def _decode(response) -> dict:
    """Turn an HTTP response into a JSON document, or an SsbError users can read."""
    status = response.status_code
    if status in (400, 403, 404):
        problem = _problem_detail(response)
        raise SsbRefused(f"SSB avviste spørringen (HTTP {status}): {problem}", problem)
    if status == 429:
        raise SsbError("SSB avviser forespørsler nå (HTTP 429, for mange forespørsler). Prøv igjen om et minutt.")
    if status == 503:
        raise SsbError("SSB er midlertidig utilgjengelig (HTTP 503, tabellene oppdateres ofte rundt kl. 05 og 11.30). "
                       "Prøv igjen om litt.")
    if status in (502, 504):
        raise SsbError(f"SSB svarte med en feil (HTTP {status}), også etter nye forsøk. Prøv igjen senere.")
    if status >= 400:  # e.g. 500 with an empty body, SSB's answer to a value code listed twice
        raise SsbError(f"SSB svarte med en feil (HTTP {status}) uten forklaring. Prøv igjen senere.")
    try:
        return response.json()
    except ValueError:
        kind = response.headers.get("Content-Type", "ukjent innholdstype")
        raise SsbError(f"SSB svarte med noe som ikke er JSON ({kind}).") from None


def _problem_detail(response) -> str:
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
