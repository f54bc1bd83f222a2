"""ssb.country: table 07984 for every municipality in Norway against the fake SSB serving all 357 (made-up
figures), within five requests and in its own cache file; and table 11618 2020–2022 offline."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import responses

from byr_data import regions
from byr_data.compare import charts
from byr_data.ssb import cache, client as ssb_client, country
from tests import fake_ssb
from tests.conftest import SHARED, require_shared

MEMBERS = ["3401", "3414", "3415", "3416", "3417", "3418", "3419"]
MAP = sorted(charts.map_names())


class NoLimit(ssb_client.RateLimiter):
    def wait(self) -> None:
        pass


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def client() -> ssb_client.SsbClient:
    return ssb_client.SsbClient(limiter=NoLimit())


def test_the_whole_country_in_four_requests_through_the_chosen_code_list(rsps, tmp_path):
    fake = fake_ssb.register_happy_path(rsps, shape="S", municipalities=fake_ssb.country())
    data = country.fetch(client(), MEMBERS, MAP, tmp_path)
    assert fake.requests == ["GET /api/pxwebapi/v2/tables/07984/metadata", "GET /api/pxwebapi/v2/codelists/agg_KommSummerS",
                             "POST data", "POST data"]
    assert data.requests_made == 4 <= 5
    everyone, norway = (next(i for i in body["selection"] if i["variableCode"] == "Region") for body in fake.bodies)
    assert everyone["codelist"] == "agg_KommSummerS" and "K.3401" in everyone["valueCodes"]
    assert len(everyone["valueCodes"]) == len(fake.codes)  # each value of the list, by its own code
    assert norway == {"variableCode": "Region", "valueCodes": ["0"]}
    frame = data.frame
    assert set(frame["kommunenummer"]) == {*MAP, "0"}
    assert len(frame) == (357 + 1) * 2 * len(fake_ssb.YEARS)
    for code in ("3401", "1108", "5601", "0"):
        for measure in ("arbeidssted", "bosted"):
            value = frame.loc[(frame["kommunenummer"] == code) & (frame["maal"] == measure) & (frame["aar"] == 2025), "verdi"]
            assert value.item() == fake_ssb.expected_total(code, measure, 2025)
    assert frame.loc[frame["kommunenummer"] == "1108", "kommune"].iloc[0] == "Sandnes"
    assert set(frame["kilde"]) == {"SSB 07984"} and data.notes == () and not data.offline


def test_a_cached_code_list_saves_a_request(rsps, tmp_path):
    fake_ssb.register_happy_path(rsps, municipalities=fake_ssb.country())
    country.fetch(client(), MEMBERS, MAP, tmp_path)
    second = fake_ssb.register_happy_path(rsps, municipalities=fake_ssb.country())
    rsps.reset()
    second.register(rsps)
    assert country.fetch(client(), MEMBERS, MAP, tmp_path).requests_made == 3


def test_without_a_code_list_of_todays_borders_nothing_is_guessed(rsps, tmp_path):
    fake_ssb.register_happy_path(rsps, shape="none", municipalities=fake_ssb.country())
    with pytest.raises(ssb_client.SsbError, match="dagens kommunegrenser"):
        country.fetch(client(), MEMBERS, MAP, tmp_path)


def test_a_municipality_ssb_lacks_is_named_and_missing_not_zero(rsps, tmp_path):
    fake_ssb.register_happy_path(rsps, municipalities=fake_ssb.country(), drop=["1108"])
    data = country.fetch(client(), MEMBERS, MAP, tmp_path)
    assert "1108" not in set(data.frame["kommunenummer"])
    assert any("Sandnes" in note for note in data.notes)


def test_a_code_list_value_without_a_known_number_is_named(rsps, tmp_path):
    fake_ssb.register_happy_path(rsps, municipalities=fake_ssb.country())
    data = country.fetch(client(), MEMBERS, [c for c in MAP if c != "1108"], tmp_path)
    assert "1108" not in set(data.frame["kommunenummer"])
    assert any("uten et kjent kommunenummer" in note and "Sandnes" in note for note in data.notes)


def test_refresh_writes_its_own_cache_and_leaves_the_regions_alone(rsps, isolated_data):
    fake_ssb.register_happy_path(rsps, municipalities=fake_ssb.country())
    fetched = country.refresh(isolated_data, MEMBERS, MAP, client())
    assert country.cache_file(isolated_data).exists() and not cache.cache_file().exists()
    again = country.read_cache(isolated_data)
    assert again.frame.equals(fetched.frame[country.COLUMNS])
    assert again.fetched_at == fetched.fetched_at and not country.is_stale(again, datetime.now(timezone.utc))
    assert country.is_stale(again, datetime.now(timezone.utc) + timedelta(days=2))


def test_a_broken_country_cache_is_refused_in_norwegian(isolated_data):
    isolated_data.mkdir(parents=True)
    country.cache_file(isolated_data).write_text("{not json", encoding="utf-8")
    with pytest.raises(country.CountryError, match="ødelagt"):
        country.read_cache(isolated_data)
    country.cache_file(isolated_data).unlink()
    with pytest.raises(FileNotFoundError):
        country.read_cache(isolated_data)


def test_offline_is_table_11618_for_2020_to_2022_with_the_codes_as_published():
    data = country.from_11618(cache.read_snapshot_11618())
    assert data.offline and data.table == "11618" and set(data.frame["kilde"]) == {"SSB 11618"}
    assert sorted(set(data.frame["aar"])) == [2020, 2021, 2022]
    municipalities = set(data.frame["kommunenummer"]) - {regions.NORWAY}
    assert len(municipalities) == 356 and "3001" in municipalities and "3101" not in municipalities
    jobs = data.frame[(data.frame["maal"] == "arbeidssted") & (data.frame["aar"] == 2022)]
    members = jobs[jobs["kommunenummer"].isin(MEMBERS[:6])]["verdi"].sum()
    assert members == 19367  # the reference's region check (six members, 2022)
    assert jobs.loc[jobs["kommunenummer"] == "0", "verdi"].item() == jobs.loc[jobs["kommunenummer"] != "0", "verdi"].sum()
    assert set(data.population["aar"]) == {2020, 2021, 2022}


def test_offline_snapshot_matches_the_published_file():
    source = require_shared(SHARED / "reference" / "ssb-11618-sysselsatte-kommuner-2017-2022.csv", "table 11618")
    from byr_data.ssb import table_11618

    published = country.from_11618(table_11618.read(source))
    assert published.frame.equals(country.from_11618(cache.read_snapshot_11618()).frame)


def test_command_line_fetches_the_country(rsps, isolated_data, capsys):
    from byr_data.__main__ import main

    fake = fake_ssb.register_happy_path(rsps, municipalities=fake_ssb.country())
    assert main(["refresh-landet"]) == 0
    out = capsys.readouterr().out
    assert "kommuner: 357 (+ hele landet)" in out and "forespørsler til SSB: 4" in out
    assert len(fake.requests) == 4 and country.cache_file(isolated_data).exists()


def test_command_line_keeps_the_old_country_when_ssb_fails(rsps, isolated_data, capsys):
    from byr_data.__main__ import main

    fake_ssb.register_happy_path(rsps, shape="none", municipalities=fake_ssb.country())
    assert main(["refresh-landet"]) == 1
    assert "Hurtiglageret for landet er ikke endret" in capsys.readouterr().err
