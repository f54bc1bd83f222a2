"""Tests for byr_data.ssb: the PxWebApi v2 client for table 07984.

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

import pandas as pd
import pytest
import requests
import responses
import urllib3.util.retry
from urllib3.response import HTTPResponse

from byr_data import regions, ssb
from tests import fake_ssb
from tests.conftest import require_shared

BASE = "http://ssb.invalid/api/pxwebapi/v2"  # what conftest sets BYR_SSB_BASE_URL to
META_URL = f"{BASE}/tables/07984/metadata"
DATA_URL = f"{BASE}/tables/07984/data"
ALL_CODES = [*regions.MUNICIPALITIES, regions.NORWAY]


class NoLimit(ssb.RateLimiter):
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
    return ssb.SsbClient(limiter=NoLimit())


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def _params(call) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(call.request.url).query).items()}


def _body(call) -> dict:
    return json.loads(call.request.body)


def _selection(call) -> dict:
    return {item["variableCode"]: item for item in _body(call)["selection"]}


def _totals(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["naering"] == "00-99"]


def assert_complete_series(frame: pd.DataFrame) -> None:
    """Every municipality and the country: both measures, 2008–2025 once each, the made-up values."""
    totals = _totals(frame)
    assert not totals.duplicated(["kommunenummer", "aar", "maal", "naering"]).any()
    for code in ALL_CODES:
        for measure in ("arbeidssted", "bosted"):
            rows = totals[(totals["kommunenummer"] == code) & (totals["maal"] == measure)].sort_values("aar")
            assert rows["aar"].tolist() == fake_ssb.YEARS, (code, measure)
            expected = [fake_ssb.expected_total(code, measure, y) for y in fake_ssb.YEARS]
            assert rows["verdi"].tolist() == expected, (code, measure)


# -- the whole refresh ---------------------------------------------------------------------------
def test_happy_path_three_requests_with_the_right_queries(rsps, client):
    fake = fake_ssb.register_happy_path(rsps)

    result = client.fetch_employment()

    assert len(rsps.calls) == 3 and result.requests_made == 3
    meta, municipal, country = rsps.calls
    assert meta.request.method == "GET" and meta.request.url.startswith(META_URL)
    for call in rsps.calls:
        assert _params(call) == {"lang": "no", "outputFormat": "json-stat2"}
        assert call.request.headers["User-Agent"] == ssb.USER_AGENT
        assert "byregion" in call.request.headers["User-Agent"]

    assert municipal.request.method == "POST" and municipal.request.url.startswith(DATA_URL)
    sel = _selection(municipal)
    assert list(sel) == ["Region", "NACE2007", "Kjonn", "Alder", "ContentsCode", "Tid"]
    assert sel["Region"] == {
        "variableCode": "Region",
        "codelist": "agg_KommSummer",
        "valueCodes": [f"K-{c}" for c in regions.MUNICIPALITIES],
    }
    assert sel["NACE2007"]["valueCodes"] == ["*"]
    assert sel["Kjonn"]["valueCodes"] == ["0"]
    assert sel["Alder"]["valueCodes"] == ["15-74"]
    assert sel["ContentsCode"]["valueCodes"] == ["SysselsatteArb", "Sysselsatte"]
    assert sel["Tid"]["valueCodes"] == ["from(2008)"]
    assert _selection(country)["Region"] == {"variableCode": "Region", "valueCodes": ["0"]}
    assert "codelist" not in _selection(country)["Region"]
    assert len(fake.bodies) == 2

    frame = result.frame
    assert list(frame.columns) == [
        "kommunenummer", "kommune", "aar", "maal", "naering", "naering_tekst", "verdi", "status", "kilde",
    ]
    assert set(frame["kommunenummer"]) == set(ALL_CODES)
    assert all(isinstance(c, str) for c in frame["kommunenummer"])
    assert set(frame["naering"]) == set(fake_ssb.NACE)
    # Today's borders over the WHOLE series: K-3401 carries 2008-2019 as well.
    assert_complete_series(frame)
    assert frame.loc[frame["kommunenummer"] == "3418", "kommune"].unique().tolist() == ["Åsnes"]
    assert result.updated == fake_ssb.UPDATED
    assert result.queries == [ssb.aggregated_query(), ssb.country_query()]
    assert result.notes == []
    assert result.fetched_at.tzinfo is not None


@pytest.mark.parametrize("absent_value", [None, 0])
@pytest.mark.parametrize("absent_status", [".", ".."])
def test_k_codes_refused_falls_back_to_plain_codes_and_merges_them(rsps, client, absent_value, absent_status):
    fake_ssb.register_happy_path(rsps, refuse_k=True, absent_value=absent_value, absent_status=absent_status)

    result = client.fetch_employment()

    assert len(rsps.calls) == 3 and result.requests_made == 3
    assert rsps.calls[1].response.status_code == 400
    plain = _selection(rsps.calls[2])["Region"]
    assert "codelist" not in plain
    assert set(plain["valueCodes"]) == set(regions.OLD_TO_NEW) | set(regions.MUNICIPALITIES) | {"0"}
    assert _selection(rsps.calls[2])["Tid"]["valueCodes"] == ["from(2008)"]

    frame = result.frame
    # 04xx and 34xx become today's code; no old code survives.
    assert set(frame["kommunenummer"]) == set(ALL_CODES)
    # The years a code did not exist are dropped, not counted as zero, not duplicated.
    assert not (frame["verdi"] == 0).any()
    assert frame["verdi"].notna().all()
    assert_complete_series(frame)
    assert any("K-kodene" in note for note in result.notes)
    assert any("Non-existent value" in note for note in result.notes)


def test_metadata_without_agg_codelist_goes_straight_to_plain_codes(rsps, client):
    fake_ssb.register_happy_path(rsps, codelists=False)

    result = client.fetch_employment()

    assert len(rsps.calls) == 2
    assert "codelist" not in _selection(rsps.calls[1])["Region"]
    assert_complete_series(result.frame)
    assert any("agg_KommSummer" in note for note in result.notes)


def test_metadata_lacking_a_measure_stops_before_asking_for_data(rsps, client):
    rsps.add(responses.GET, META_URL, json=fake_ssb.metadata_doc(contents=["Sysselsatte"]))

    with pytest.raises(ssb.SsbError, match="SysselsatteArb"):
        client.fetch_employment()
    assert len(rsps.calls) == 1


def test_progress_messages_are_norwegian(rsps, client):
    fake_ssb.register_happy_path(rsps)
    messages: list[str] = []
    client.fetch_employment(messages.append)
    assert messages[0].startswith("Leser tabellens metadata")
    assert any("hele landet" in m for m in messages)


@pytest.mark.parametrize("agg", [True, False], ids=["agg", "plain"])
def test_missing_municipality_is_an_error_naming_it(rsps, client, agg):
    fake_ssb.register_happy_path(rsps, drop=["3419"], refuse_k=not agg)

    with pytest.raises(ssb.SsbError, match="Våler") as caught:
        client.fetch_employment()
    assert "beholder de forrige tallene" in str(caught.value)


def test_municipality_with_only_empty_cells_is_missing(rsps, client):
    doc = fake_ssb.agg_doc()
    region = doc["dimension"]["Region"]["category"]["index"]
    per_region = len(doc["value"]) // len(region)
    grue = region["K-3417"]
    doc["value"][grue * per_region : (grue + 1) * per_region] = [None] * per_region
    rsps.add(responses.GET, META_URL, json=fake_ssb.metadata_doc())
    rsps.add(responses.POST, DATA_URL, json=doc)
    rsps.add(responses.POST, DATA_URL, json=fake_ssb.country_doc())

    with pytest.raises(ssb.SsbError, match="Grue"):
        client.fetch_employment()


# -- transport errors ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "error", [requests.exceptions.ConnectTimeout(), requests.exceptions.ReadTimeout()], ids=["connect", "read"]
)
def test_timeout_is_a_clear_norwegian_error(rsps, client, error):
    rsps.add(responses.GET, META_URL, body=error)

    with pytest.raises(ssb.SsbError, match="svarte ikke i tide") as caught:
        client.fetch_employment()
    assert "tidsavbrudd" in str(caught.value)


def test_no_connection_is_a_clear_norwegian_error(rsps, client):
    rsps.add(responses.GET, META_URL, body=requests.exceptions.ConnectionError("Name or service not known"))

    with pytest.raises(ssb.SsbError, match="Får ikke kontakt med SSB") as caught:
        client.fetch_employment()
    assert BASE in str(caught.value)


def test_429_with_retry_after_then_success_is_retried(rsps, client):
    rsps.add(responses.GET, META_URL, status=429, headers={"Retry-After": "2"}, json=fake_ssb.problem(429, "Too many requests", "Too Many Requests"))
    rsps.add(responses.GET, META_URL, json=fake_ssb.metadata_doc())

    assert client.metadata()["id"] == fake_ssb.DIMENSIONS
    assert [c.response.status_code for c in rsps.calls] == [429, 200]
    assert client.requests_made == 1  # one request for the rate limit, the retry is urllib3's


def test_503_past_the_retry_budget_fails(rsps, client):
    rsps.add(responses.POST, DATA_URL, status=503, body="Service Unavailable")

    with pytest.raises(ssb.SsbError, match="HTTP 503") as caught:
        client.data(ssb.country_query())
    assert len(rsps.calls) == 1 + ssb.MAX_RETRIES
    assert "Prøv igjen senere" in str(caught.value)


def test_429_past_the_retry_budget_fails(rsps, client):
    rsps.add(responses.GET, META_URL, status=429, body="")

    with pytest.raises(ssb.SsbError, match="429"):
        client.metadata()
    assert len(rsps.calls) == 1 + ssb.MAX_RETRIES


def test_400_problem_json_carries_ssb_detail(rsps, client):
    detail = "Too many cells selected: 1 200 000 (max 800 000)"
    rsps.add(
        responses.POST, DATA_URL, status=400, content_type="application/problem+json",
        body=json.dumps(fake_ssb.problem(400, detail)),
    )

    with pytest.raises(ssb.SsbRefused) as caught:
        client.data(ssb.plain_query())
    message = str(caught.value)
    assert "HTTP 400" in message and detail in message and "Bad Request" in message
    assert len(rsps.calls) == 1  # a refused query is not retried


def test_plain_query_refused_too_surfaces_ssb_detail(rsps, client):
    rsps.add(responses.GET, META_URL, json=fake_ssb.metadata_doc())
    rsps.add(responses.POST, DATA_URL, status=400, content_type="application/problem+json",
             body=json.dumps(fake_ssb.problem(400, "Non-existent variable 'NACE2007'")))

    with pytest.raises(ssb.SsbError, match="Non-existent variable 'NACE2007'"):
        client.fetch_employment()
    assert len(rsps.calls) == 3


def test_v0_style_error_body(rsps, client):
    body = fake_ssb_v0_errors()["fake_post_too_many_values_selected"]["body"]
    rsps.add(responses.POST, DATA_URL, status=400, json=body)

    with pytest.raises(ssb.SsbRefused, match="Too many values selected"):
        client.data(ssb.plain_query())


def fake_ssb_v0_errors() -> dict:
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "shared" / "reference" / "ssb-api-samples" / "ssb_v0_error_bodies_400.json"
    return json.loads(require_shared(path, "SSB's v0 error bodies").read_text(encoding="utf-8"))


def test_404_with_html_body(rsps, client):
    rsps.add(responses.GET, META_URL, status=404, content_type="text/html", body="<html><body>Not found</body></html>")

    with pytest.raises(ssb.SsbRefused, match="HTTP 404"):
        client.metadata()


def test_html_instead_of_json(rsps, client):
    rsps.add(responses.GET, META_URL, status=200, content_type="text/html; charset=utf-8",
             body="<!DOCTYPE html><html><body>Vedlikehold</body></html>")

    with pytest.raises(ssb.SsbError, match="ikke er JSON") as caught:
        client.fetch_employment()
    assert "text/html" in str(caught.value)


def test_json_that_is_not_jsonstat(rsps, client):
    rsps.add(responses.GET, META_URL, json=fake_ssb.metadata_doc())
    rsps.add(responses.POST, DATA_URL, json={"data": [1, 2, 3]})

    with pytest.raises(ssb.SsbError, match="kunne ikke tolkes"):
        client.fetch_employment()


def test_metadata_that_is_not_jsonstat(rsps, client):
    rsps.add(responses.GET, META_URL, json=[{"code": "Region"}])

    with pytest.raises(ssb.SsbError, match="ukjent format"):
        client.fetch_employment()


def test_jsonstat_with_a_dimension_listed_but_absent(rsps, client):
    doc = fake_ssb.agg_doc()
    del doc["dimension"]["NACE2007"]
    rsps.add(responses.GET, META_URL, json=fake_ssb.metadata_doc())
    rsps.add(responses.POST, DATA_URL, json=doc)

    with pytest.raises(ssb.SsbError, match="NACE2007"):
        client.fetch_employment()


def test_jsonstat_without_a_needed_dimension(rsps, client):
    doc = fake_ssb.data_doc(fake_ssb.agg_codes(), nace=["00-99"])
    position = doc["id"].index("NACE2007")
    del doc["id"][position], doc["size"][position], doc["dimension"]["NACE2007"]
    rsps.add(responses.GET, META_URL, json=fake_ssb.metadata_doc())
    rsps.add(responses.POST, DATA_URL, json=doc)

    with pytest.raises(ssb.SsbError, match="mangler dimensjonen NACE2007"):
        client.fetch_employment()


def test_jsonstat_with_wrong_size(rsps, client):
    doc = fake_ssb.agg_doc()
    doc["size"][doc["id"].index("Tid")] += 1
    rsps.add(responses.GET, META_URL, json=fake_ssb.metadata_doc())
    rsps.add(responses.POST, DATA_URL, json=doc)

    with pytest.raises(ssb.SsbError, match="kunne ikke tolkes"):
        client.fetch_employment()


def test_unknown_contents_code_is_refused(rsps, client):
    doc = fake_ssb.agg_doc()
    contents = doc["dimension"]["ContentsCode"]["category"]
    contents["index"] = {"Sysselsatte": 0, "Noe annet": 1}
    contents["label"] = {"Sysselsatte": "bosted", "Noe annet": "?"}
    rsps.add(responses.GET, META_URL, json=fake_ssb.metadata_doc())
    rsps.add(responses.POST, DATA_URL, json=doc)

    with pytest.raises(ssb.SsbError, match="ukjent statistikkvariabel"):
        client.fetch_employment()


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
    client = ssb.SsbClient(url=url, limiter=NoLimit())

    assert client.metadata()["id"] == fake_ssb.DIMENSIONS
    assert script.hits == 2
    assert slept == [7]  # waited as SSB asked, not the backoff


def test_real_retry_after_above_the_cap_is_a_clear_error(local_server, slept):
    url, script = local_server([(429, {"Retry-After": "3600"}, fake_ssb.problem(429, "slow down"))])
    client = ssb.SsbClient(url=url, limiter=NoLimit())

    with pytest.raises(ssb.SsbError, match="vente 3600 sekunder") as caught:
        client.metadata()
    assert "Prøv igjen senere" in str(caught.value)
    assert script.hits == 1 and slept == []


def test_real_503_retries_with_backoff_then_fails(local_server, slept):
    url, script = local_server([(503, {}, "Service Unavailable")])
    client = ssb.SsbClient(url=url, limiter=NoLimit())

    with pytest.raises(ssb.SsbError, match="HTTP 503"):
        client.data(ssb.country_query())
    assert script.hits == 1 + ssb.MAX_RETRIES
    assert slept and all(0 < wait <= ssb.MAX_RETRY_AFTER for wait in slept)
    assert slept == sorted(slept)  # exponential backoff


def test_real_read_timeout_is_reported_as_a_timeout(local_server, slept):
    url, script = local_server(["hang"])
    client = ssb.SsbClient(url=url, limiter=NoLimit(), timeout=(2, 0.2))

    with pytest.raises(ssb.SsbError, match="svarte ikke i tide"):
        client.metadata()
    assert script.hits == 2  # one read retry


def test_capped_retry_unit():
    retry = ssb.make_session().get_adapter("https://data.ssb.no").max_retries
    assert isinstance(retry, ssb.CappedRetry)
    ok = HTTPResponse(body=b"", headers={"Retry-After": "5"}, status=429)
    assert retry.get_retry_after(ok) == 5
    too_long = HTTPResponse(body=b"", headers={"Retry-After": str(ssb.MAX_RETRY_AFTER + 1)}, status=429)
    with pytest.raises(ssb.SsbError, match="vente"):
        retry.get_retry_after(too_long)
    assert 429 in retry.status_forcelist and 503 in retry.status_forcelist
    assert "POST" in retry.allowed_methods
    assert retry.total == ssb.MAX_RETRIES


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
    limiter = ssb.RateLimiter(per_minute=30, clock=clock, sleep=clock.sleep)
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
    limiter = ssb.RateLimiter(per_minute=30, clock=clock, sleep=clock.sleep)
    for _ in range(30):
        limiter.wait()
        clock.now += 1.5
    assert clock.slept == []


def test_client_calls_the_limiter_once_per_request(rsps):
    fake_ssb.register_happy_path(rsps)
    limiter = NoLimit()
    ssb.SsbClient(limiter=limiter).fetch_employment()
    assert limiter.calls == 3


def test_base_url_from_environment(monkeypatch):
    monkeypatch.setenv(ssb.BASE_URL_ENV, "http://example.invalid/v2/")
    assert ssb.base_url() == "http://example.invalid/v2"
    monkeypatch.delenv(ssb.BASE_URL_ENV)
    assert ssb.base_url() == ssb.DEFAULT_BASE_URL


def test_municipality_with_years_missing_is_partial_data(rsps, client):
    """A series cut short (here Kongsvinger without 2008-2010) must not replace a complete one."""
    doc = fake_ssb.agg_doc()
    sizes = dict(zip(doc["id"], doc["size"]))
    region = doc["dimension"]["Region"]["category"]["index"]["K-3401"]
    per_region = len(doc["value"]) // sizes["Region"]
    years = sizes["Tid"]
    for cell in range(region * per_region, (region + 1) * per_region):
        if cell % years < 3:  # Tid is the fastest dimension: 2008, 2009, 2010
            doc["value"][cell] = None
            doc.setdefault("status", {})[str(cell)] = ".."
    rsps.add(responses.GET, META_URL, json=fake_ssb.metadata_doc())
    rsps.add(responses.POST, DATA_URL, json=doc)
    rsps.add(responses.POST, DATA_URL, json=fake_ssb.country_doc())

    with pytest.raises(ssb.SsbError, match="Kongsvinger .*2008–2010"):
        client.fetch_employment()


@pytest.mark.parametrize("key", ["codelists", "codeLists"])
def test_region_codelists_read_from_metadata(key):
    assert ssb.region_codelists(fake_ssb.metadata_doc(codelists_key=key)) == {"agg_KommSummer", "vs_Kommun"}
    assert ssb.region_codelists(fake_ssb.metadata_doc(codelists=False)) == set()
    assert ssb.region_codelists({"dimension": {"Region": {"extension": None}}}) == set()
    assert ssb.region_codelists([]) == set()
