"""Tests for byr_data.ssb: the PxWebApi v2 transport (what is asked is tested in test_employment.py).

HTTP is mocked with `responses` (which runs the adapter's urllib3 Retry: is_retry/increment, but
never sleeps). What `responses` cannot show, Retry-After and backoff waits and read timeouts, is
tested against a tiny HTTP server on 127.0.0.1 so that urllib3's real code path runs; its waits
are recorded instead of slept. No test touches the internet or sleeps.
"""

from __future__ import annotations

import json
import threading
import time
import types
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses
import urllib3.util.retry
from urllib3.response import HTTPResponse

from byr_data.ssb import client as ssb_client, employment
from tests import fake_ssb
from tests.conftest import require_shared

BASE = "http://ssb.invalid/api/pxwebapi/v2"  # what conftest sets BYR_SSB_BASE_URL to
META_URL = f"{BASE}/tables/07984/metadata"
DATA_URL = f"{BASE}/tables/07984/data"


class NoLimit(ssb_client.RateLimiter):
    """A limiter that counts but never waits."""

    def __init__(self):
        super().__init__(clock=lambda: 0.0, sleep=self._fail)
        self.calls = 0

    def wait(self) -> None:
        self.calls += 1

    @staticmethod
    def _fail(seconds):  # pragma: no cover - would mean a test waited
        raise AssertionError(f"the limiter wanted to sleep {seconds} s")


@pytest.fixture
def slept(monkeypatch):
    """urllib3's retry waits, recorded instead of slept (Retry.sleep -> time.sleep in urllib3)."""
    waits: list[float] = []
    fake_time = types.SimpleNamespace(sleep=waits.append, time=time.time, monotonic=time.monotonic)
    monkeypatch.setattr(urllib3.util.retry, "time", fake_time)
    return waits


@pytest.fixture
def client(slept):
    return ssb_client.SsbClient(limiter=NoLimit())


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def _params(call) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(call.request.url).query).items()}


COUNTRY = {"selection": [{"variableCode": "Region", "valueCodes": ["0"]}]}


def test_requests_carry_the_query_parameters_and_identify_us(rsps, client):
    fake_ssb.register_happy_path(rsps)
    client.metadata()
    client.codelist("agg_KommSummerS")
    client.data(employment.parts_query({}))
    assert [c.request.method for c in rsps.calls] == ["GET", "GET", "POST"]
    assert rsps.calls[0].request.url.startswith(META_URL)
    assert rsps.calls[1].request.url.startswith(f"{BASE}/codelists/agg_KommSummerS?")
    for call in rsps.calls:
        assert _params(call) == {"lang": "no", "outputFormat": "json-stat2"}
        assert call.request.headers["User-Agent"] == ssb_client.USER_AGENT
        assert "byregion" in call.request.headers["User-Agent"]
    assert client.requests_made == 3


def test_wrong_code_list_id_is_refused_with_ssbs_words(rsps, client):
    fake_ssb.register_happy_path(rsps, shared_lists=False)
    with pytest.raises(ssb_client.SsbRefused, match="Non-existent codelist") as caught:
        client.codelist("agg_KommSummerX")
    assert caught.value.problem == "Non-existent codelist"
    assert len(rsps.calls) == 1


# -- transport errors ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "error", [requests.exceptions.ConnectTimeout(), requests.exceptions.ReadTimeout()], ids=["connect", "read"]
)
def test_timeout_is_a_clear_norwegian_error(rsps, client, error):
    rsps.add(responses.GET, META_URL, body=error)

    with pytest.raises(ssb_client.SsbError, match="svarte ikke i tide") as caught:
        client.metadata()
    assert "tidsavbrudd" in str(caught.value)


def test_no_connection_is_a_clear_norwegian_error(rsps, client):
    rsps.add(responses.GET, META_URL, body=requests.exceptions.ConnectionError("Name or service not known"))

    with pytest.raises(ssb_client.SsbError, match="Får ikke kontakt med SSB") as caught:
        client.metadata()
    assert BASE not in str(caught.value), "no server address in a sentence shown to users"


def test_429_with_retry_after_then_success_is_retried(rsps, client):
    rsps.add(responses.GET, META_URL, status=429, headers={"Retry-After": "2"}, json=fake_ssb.problem(429, "Too many requests", "Too Many Requests"))
    rsps.add(responses.GET, META_URL, json=fake_ssb.metadata_doc())

    assert client.metadata()["id"] == fake_ssb.DIMENSIONS
    assert [c.response.status_code for c in rsps.calls] == [429, 200]
    assert client.requests_made == 1  # one request for the rate limit, the retry is urllib3's


def test_503_past_the_retry_budget_fails(rsps, client):
    rsps.add(responses.POST, DATA_URL, status=503, body="Service Unavailable")

    with pytest.raises(ssb_client.SsbError, match="HTTP 503") as caught:
        client.data(COUNTRY)
    assert len(rsps.calls) == 1 + ssb_client.MAX_RETRIES
    assert "midlertidig utilgjengelig" in str(caught.value) and "Prøv igjen om litt" in str(caught.value)


def test_503_for_a_moment_then_success(rsps, client):
    fake = fake_ssb.register_happy_path(rsps, unavailable=2)  # the table updates around 05:00 and 11:30
    assert client.metadata()["id"] == fake_ssb.DIMENSIONS
    assert fake.requests == ["GET /api/pxwebapi/v2/tables/07984/metadata"] * 3


def test_429_past_the_retry_budget_fails(rsps, client):
    rsps.add(responses.GET, META_URL, status=429, body="")

    with pytest.raises(ssb_client.SsbError, match="429"):
        client.metadata()
    assert len(rsps.calls) == 1 + ssb_client.MAX_RETRIES


def test_400_problem_json_carries_ssb_detail(rsps, client):
    detail = "Too many cells selected: 1 200 000 (max 800 000)"
    rsps.add(
        responses.POST, DATA_URL, status=400, content_type="application/problem+json",
        body=json.dumps(fake_ssb.problem(400, "Too many cells", detail)),
    )

    with pytest.raises(ssb_client.SsbRefused) as caught:
        client.data(COUNTRY)
    message = str(caught.value)
    assert "HTTP 400" in message and detail in message and "Too many cells" in message
    assert len(rsps.calls) == 1  # a refused query is not retried


def test_400_problem_json_without_detail_as_ssb_sends_it(rsps, client):
    rsps.add(responses.POST, DATA_URL, status=400, content_type="application/problem+json",
             body=json.dumps({"type": "Parameter error", "title": "Non-existent value", "status": 400}))
    with pytest.raises(ssb_client.SsbRefused) as caught:
        client.data(COUNTRY)
    assert str(caught.value) == "SSB avviste spørringen (HTTP 400): Non-existent value"


def test_500_with_an_empty_body_is_not_retried_and_says_so(rsps, client):
    rsps.add(responses.POST, DATA_URL, status=500, body="")
    with pytest.raises(ssb_client.SsbError, match=r"HTTP 500\) uten forklaring"):
        client.data(COUNTRY)
    assert len(rsps.calls) == 1


def test_v0_style_error_body(rsps, client):
    body = fake_ssb_v0_errors()["fake_post_too_many_values_selected"]["body"]
    rsps.add(responses.POST, DATA_URL, status=400, json=body)

    with pytest.raises(ssb_client.SsbRefused, match="Too many values selected"):
        client.data(COUNTRY)


def fake_ssb_v0_errors() -> dict:
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "shared" / "reference" / "ssb-api-samples" / "ssb_v0_error_bodies_400.json"
    return json.loads(require_shared(path, "SSB's v0 error bodies").read_text(encoding="utf-8"))


def test_404_with_html_body(rsps, client):
    rsps.add(responses.GET, META_URL, status=404, content_type="text/html", body="<html><body>Not found</body></html>")

    with pytest.raises(ssb_client.SsbRefused, match="HTTP 404"):
        client.metadata()


def test_html_instead_of_json(rsps, client):
    rsps.add(responses.GET, META_URL, status=200, content_type="text/html; charset=utf-8",
             body="<!DOCTYPE html><html><body>Vedlikehold</body></html>")

    with pytest.raises(ssb_client.SsbError, match="ikke er JSON") as caught:
        client.metadata()
    assert "text/html" in str(caught.value)


def test_metadata_that_is_not_jsonstat(rsps, client):
    rsps.add(responses.GET, META_URL, json=[{"code": "Region"}])

    with pytest.raises(ssb_client.SsbError, match="ukjent format"):
        employment.fetch(client, ["3401"])


# -- urllib3's real retry path against a local server --------------------------------------------
class Script:
    """What the local server answers, one entry per request: (status, headers, body) or "hang"."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.hits = 0
        self.release = threading.Event()

    def next(self):
        self.hits += 1
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


@pytest.fixture
def local_server():
    servers = []

    def start(answers) -> tuple[str, Script]:
        script = Script(answers)

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                answer = script.next()
                if answer == "hang":
                    script.release.wait(10)  # longer than the client's read timeout
                    return
                status, headers, body = answer
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                for key, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        thread.start()
        servers.append((server, script))
        return f"http://127.0.0.1:{server.server_address[1]}/api/pxwebapi/v2", script

    yield start
    for server, script in servers:
        script.release.set()
        server.shutdown()
        server.server_close()


def test_real_retry_honours_retry_after(local_server, slept):
    url, script = local_server([(429, {"Retry-After": "7"}, fake_ssb.problem(429, "slow down")), (200, {}, fake_ssb.metadata_doc())])
    client = ssb_client.SsbClient(url=url, limiter=NoLimit())

    assert client.metadata()["id"] == fake_ssb.DIMENSIONS
    assert script.hits == 2
    assert slept == [7]  # waited as SSB asked, not the backoff


def test_real_retry_after_above_the_cap_is_a_clear_error(local_server, slept):
    url, script = local_server([(429, {"Retry-After": "3600"}, fake_ssb.problem(429, "slow down"))])
    client = ssb_client.SsbClient(url=url, limiter=NoLimit())

    with pytest.raises(ssb_client.SsbError, match="vente 3600 sekunder") as caught:
        client.metadata()
    assert "Prøv igjen senere" in str(caught.value)
    assert script.hits == 1 and slept == []


def test_real_503_retries_with_backoff_then_fails(local_server, slept):
    url, script = local_server([(503, {}, "Service Unavailable")])
    client = ssb_client.SsbClient(url=url, limiter=NoLimit())

    with pytest.raises(ssb_client.SsbError, match="HTTP 503"):
        client.data(COUNTRY)
    assert script.hits == 1 + ssb_client.MAX_RETRIES
    assert slept and all(0 < wait <= ssb_client.MAX_RETRY_AFTER for wait in slept)
    assert slept == sorted(slept)  # exponential backoff


def test_real_read_timeout_is_reported_as_a_timeout(local_server, slept):
    url, script = local_server(["hang"])
    client = ssb_client.SsbClient(url=url, limiter=NoLimit(), timeout=(2, 0.2))

    with pytest.raises(ssb_client.SsbError, match="svarte ikke i tide"):
        client.metadata()
    assert script.hits == 2  # one read retry


def test_capped_retry_unit():
    retry = ssb_client.make_session().get_adapter("https://data.ssb.no").max_retries
    assert type(retry).__name__ == "CappedRetry"  # made with the client's session
    ok = HTTPResponse(body=b"", headers={"Retry-After": "5"}, status=429)
    assert retry.get_retry_after(ok) == 5
    too_long = HTTPResponse(body=b"", headers={"Retry-After": str(ssb_client.MAX_RETRY_AFTER + 1)}, status=429)
    with pytest.raises(ssb_client.SsbError, match="vente"):
        retry.get_retry_after(too_long)
    assert 429 in retry.status_forcelist and 503 in retry.status_forcelist
    assert "POST" in retry.allowed_methods
    assert retry.total == ssb_client.MAX_RETRIES


# -- the rate limiter ----------------------------------------------------------------------------
class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.slept.append(seconds)
        self.now += seconds


def _max_in_any_window(times: list[float], width: float = 60.0) -> int:
    times = sorted(times)
    return max(sum(1 for t in times if start <= t < start + width) for start in times)


@pytest.mark.parametrize("gap", [0.0, 0.1, 0.7, 1.9, 2.5])
def test_rate_limiter_never_allows_more_than_30_in_60_seconds(gap):
    clock = FakeClock()
    limiter = ssb_client.RateLimiter(per_minute=30, clock=clock, sleep=clock.sleep)
    sent = []
    for i in range(200):
        limiter.wait()
        sent.append(clock())
        clock.now += gap * (1 + i % 3)  # uneven arrivals, including bursts
    assert _max_in_any_window(sent) <= 30
    if gap == 0.0:
        assert len(clock.slept) > 0
        assert sent[29] == sent[0] and sent[30] >= sent[0] + 60


def test_rate_limiter_does_not_wait_below_the_limit():
    clock = FakeClock()
    limiter = ssb_client.RateLimiter(per_minute=30, clock=clock, sleep=clock.sleep)
    for _ in range(30):
        limiter.wait()
        clock.now += 1.5
    assert clock.slept == []


def test_client_calls_the_limiter_once_per_request(rsps):
    fake_ssb.register_happy_path(rsps)
    limiter = NoLimit()
    employment.fetch(ssb_client.SsbClient(limiter=limiter), ["3401"])
    assert limiter.calls == 4


def test_base_url_from_environment(monkeypatch):
    monkeypatch.setenv(ssb_client.BASE_URL_ENV, "http://example.invalid/v2/")
    assert ssb_client.base_url() == "http://example.invalid/v2"
    monkeypatch.delenv(ssb_client.BASE_URL_ENV)
    assert ssb_client.base_url() == ssb_client.DEFAULT_BASE_URL
    monkeypatch.setenv(ssb_client.BASE_URL_ENV, "  ")
    assert ssb_client.base_url() == ssb_client.DEFAULT_BASE_URL


@pytest.mark.parametrize("url, problem", [
    ("data.ssb.no/api/pxwebapi/v2", "må begynne med https://"),
    ("https://data.ssb.no/api/px webapi/v2", "mellomrom"),
    ("ftp://data.ssb.no/api/pxwebapi/v2", "må begynne med https://"),
    ("https:///api/pxwebapi/v2", "mangler vertsnavn"),
    ("http://[::1/v2", "ugyldige tegn"),
    ("http://127.0.0.1:99999/x", "ugyldig portnummer"),
    ("http://host:abc", "ugyldig portnummer"),
    ("http://host:0/v2", "ugyldig portnummer"),
    ("http://%zz/api/pxwebapi/v2", "ugyldig vertsnavn"),
    ("http://a..b/api/pxwebapi/v2", "ugyldig vertsnavn"),
    ("https://-ssb.no/v2", "ugyldig vertsnavn"),
    ("%zz", "må begynne med https://"),
    ("a..b", "må begynne med https://"),
])
def test_malformed_base_url_is_a_norwegian_error(monkeypatch, url, problem):
    monkeypatch.setenv(ssb_client.BASE_URL_ENV, url)
    for attempt in (ssb_client.base_url, ssb_client.SsbClient):
        with pytest.raises(ssb_client.SsbError, match=problem) as caught:
            attempt()
        assert ssb_client.BASE_URL_ENV in str(caught.value) and "ugyldig" in str(caught.value)


@pytest.mark.parametrize("url", ["http://data.ssb.no:8443/api/pxwebapi/v2", "http://[::1]:8765/api/pxwebapi/v2",
                                 "http://127.0.0.1:8765/api/pxwebapi/v2", "https://ssb-speil.kommune.no./v2",
                                 "http://localhost/v2", "https://statistikk.kommune.no/px_speil/v2", "https://bø.no/v2"])
def test_well_formed_base_urls_pass(monkeypatch, url):
    monkeypatch.setenv(ssb_client.BASE_URL_ENV, url)
    assert ssb_client.base_url() == url.rstrip("/")


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/x", "http://host:abc/x", "http://%zz/x", "http://a..b/x"])
def test_an_address_requests_cannot_use_is_a_norwegian_error_even_past_the_check(url):
    """The transport's own refusals (requests' InvalidURL, urllib3's LocationParseError, raised before
    any DNS lookup) become one Norwegian sentence, should an address ever get past check_url."""
    with pytest.raises(ssb_client.SsbError, match="Adressen til SSB") as caught:
        ssb_client.request(ssb_client.make_session(), "GET", url, None, ssb_client.TIMEOUT)
    assert ssb_client.BASE_URL_ENV in str(caught.value) and url in str(caught.value)


