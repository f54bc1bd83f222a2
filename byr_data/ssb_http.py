"""The HTTP layer under `ssb.SsbClient`: a requests session with SSB's etiquette (identification,
bounded retries with backoff), and SSB's answers turned into JSON or an `SsbError` users can read."""

from __future__ import annotations

import json

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from byr_data.ssb import MAX_RETRIES, MAX_RETRY_AFTER, USER_AGENT, SsbError, SsbRefused


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


def request(session: requests.Session, method: str, url: str, body: dict | None,
            timeout: tuple[float, float]) -> dict:
    """One request to SSB (JSON-stat 2.0 in Norwegian), through the session's retries."""
    try:
        response = session.request(method, url, params={"lang": "no", "outputFormat": "json-stat2"},
                                   json=body, timeout=timeout)
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
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, urllib3.exceptions.ReadTimeoutError)


def _decode(response: requests.Response) -> dict:
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
