"""Tests for byr_data.employment and byr_data.codelists: table 07984 through SSB's code lists.

SSB is the fake in tests/fake_ssb.py (SSB's real shapes, made-up figures) behind `responses`.
The three shapes of the table's code lists are tested: `agg_KommSummerS` with `K.3401`,
`agg_KommSummer` with `K-3401`, and none (the plain numbers, merged through the code history).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
import responses

from byr_data import regions
from byr_data.ssb import client as ssb_client, codelists, employment
from tests import fake_ssb

KONGSVINGER = list(fake_ssb.MUNICIPALITIES)  # the shipped members and Våler
TWO_OUTSIDE = ["3405", "3407"]  # Lillehammer and Gjøvik


class NoLimit(ssb_client.RateLimiter):
    def __init__(self):
        super().__init__(clock=lambda: 0.0, sleep=lambda s: (_ for _ in ()).throw(AssertionError(s)))

    def wait(self) -> None:
        pass


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "cache"


def fetch(codes, folder, progress=lambda m: None):
    return employment.fetch(ssb_client.SsbClient(limiter=NoLimit()), codes, folder, progress)


def region_selection(body: dict) -> dict:
    return next(item for item in body["selection"] if item["variableCode"] == "Region")


def assert_complete(frame: pd.DataFrame, codes) -> None:
    """Each municipality and the country: both measures, every year once, the made-up values."""
    totals = frame[frame["naering"] == "00-99"]
    assert not frame.duplicated(["kommunenummer", "aar", "maal", "naering"]).any()
    assert set(frame["kommunenummer"]) == {*codes, "0"}
    for code in [*codes, "0"]:
        for measure in ("arbeidssted", "bosted"):
            rows = totals[(totals["kommunenummer"] == code) & (totals["maal"] == measure)].sort_values("aar")
            assert rows["aar"].tolist() == fake_ssb.YEARS, (code, measure)
            assert rows["verdi"].tolist() == [fake_ssb.expected_total(code, measure, y) for y in fake_ssb.YEARS]


# -- the three shapes ------------------------------------------------------------------------------
@pytest.mark.parametrize("shape, list_id, value", [("S", "agg_KommSummerS", "K.3401"), ("dash", "agg_KommSummer", "K-3401")])
def test_code_list_from_the_metadata_in_four_requests_then_three(rsps, folder, shape, list_id, value):
    fake = fake_ssb.register_happy_path(rsps, shape=shape)

    result = fetch(KONGSVINGER, folder)

    assert fake.requests == ["GET /api/pxwebapi/v2/tables/07984/metadata", f"GET /api/pxwebapi/v2/codelists/{list_id}",
                             "POST data", "POST data"]
    assert result.requests_made == 4 and result.notes == [] and result.codelist == list_id
    aggregated, parts = fake.bodies
    assert region_selection(aggregated) == {"variableCode": "Region", "codelist": list_id,
                                            "valueCodes": [f"{value[:2]}{c}" for c in KONGSVINGER]}
    # The second query: the country and every old and new number, plain (for the sum check).
    assert region_selection(parts) == {"variableCode": "Region",
                                       "valueCodes": ["0", *fake_ssb.plain_numbers(KONGSVINGER)]}
    for body in fake.bodies:
        selection = {item["variableCode"]: item["valueCodes"] for item in body["selection"]}
        assert selection["NACE2007"] == ["*"] and selection["Kjonn"] == ["0"] and selection["Alder"] == ["15-74"]
        assert selection["ContentsCode"] == ["SysselsatteArb", "Sysselsatte"] and selection["Tid"] == ["from(2008)"]
    for call in rsps.calls:
        assert {k: v[0] for k, v in parse_qs(urlsplit(call.request.url).query).items()} == {"lang": "no", "outputFormat": "json-stat2"}

    assert list(result.frame.columns) == employment.COLUMNS
    assert_complete(result.frame, KONGSVINGER)  # today's borders over the whole series
    assert set(result.frame["naering"]) == set(fake_ssb.NACE)
    names = result.frame.drop_duplicates("kommunenummer").set_index("kommunenummer")["kommune"]
    assert names["3418"] == "Åsnes" and names["0"] == "Hele landet"
    assert result.updated == fake_ssb.UPDATED and result.fetched_at.tzinfo is not None
    assert result.queries == fake.bodies

    # The code list is cached beside the data: the next refresh costs three requests.
    assert codelists.cache_path(folder, list_id).exists()
    again = fetch(KONGSVINGER, folder)
    assert again.requests_made == 3 and fake.requests[4:] == ["GET /api/pxwebapi/v2/tables/07984/metadata", "POST data", "POST data"]
    pd.testing.assert_frame_equal(again.frame, result.frame)


@pytest.mark.parametrize("absent_value", [None, 0])
@pytest.mark.parametrize("absent_status", [".", ".."])
def test_no_code_list_merges_old_and_new_numbers_with_a_plain_note(rsps, folder, absent_value, absent_status):
    fake = fake_ssb.register_happy_path(rsps, shape="none", absent_value=absent_value, absent_status=absent_status)

    result = fetch(KONGSVINGER, folder)

    # The table offers no list of the family; the shared list gives the code history only.
    assert fake.requests == ["GET /api/pxwebapi/v2/tables/07984/metadata", "GET /api/pxwebapi/v2/codelists/agg_KommSummer",
                             "POST data"]
    assert "codelist" not in region_selection(fake.bodies[0])
    assert result.codelist is None
    assert result.notes == [employment.NOTE_NO_CODELIST]
    assert "agg_" not in result.notes[0] and "kodeliste" not in result.notes[0]  # no code ids for users
    frame = result.frame
    assert not (frame["verdi"] == 0).any() and frame["verdi"].notna().all()  # absent years are not zeros
    assert_complete(frame, KONGSVINGER)


def test_no_code_list_anywhere_uses_todays_numbers_and_says_what_is_missing(rsps, folder):
    fake_ssb.register_happy_path(rsps, shape="none", shared_lists=False)

    with pytest.raises(ssb_client.SsbError, match=r"mangler tall for Kongsvinger \(arbeidssted\) for 2008–2019") as caught:
        fetch(["3401"], folder)
    assert "beholder de forrige tallene" in str(caught.value)


def test_no_code_list_but_one_cached_from_an_earlier_refresh(rsps, folder):
    fake = fake_ssb.register_happy_path(rsps, shape="S")
    fetch(KONGSVINGER, folder)
    rsps.reset()
    fake = fake_ssb.register_happy_path(rsps, shape="none", shared_lists=False)

    result = fetch(KONGSVINGER, folder)

    assert fake.requests == ["GET /api/pxwebapi/v2/tables/07984/metadata", "POST data"]
    assert result.notes == [employment.NOTE_NO_CODELIST]
    assert_complete(result.frame, KONGSVINGER)


def test_historical_list_is_taken_last(rsps, folder):
    """The metadata lists agg_KommSummerHist first; today's borders win, although Hist also covers 3401."""
    fake = fake_ssb.register_happy_path(rsps, shape="S")
    meta = fake_ssb.metadata_doc("S")
    assert [item["id"] for item in codelists.offered(meta)][:2] == ["agg_KommSummerHist", "agg_KommSummerS"]
    assert codelists.candidates(meta) == ["agg_KommSummerS", "agg_KommSummerHist"]
    assert fetch(["3401"], folder).codelist == "agg_KommSummerS"
    assert not any("Hist" in r for r in fake.requests)


def test_code_list_that_does_not_cover_a_municipality_is_passed_over(rsps, folder):
    """3999 is in no code list: plain numbers, Kongsvinger through its history, 3999 by its own number."""
    fake = fake_ssb.register_happy_path(rsps, shape="dash", unlisted=["3999"])
    result = fetch(["3401", "3999"], folder)
    assert result.codelist is None
    assert result.notes == [f"{employment.NOTE_NO_HISTORY} Det gjelder kommunenummer 3999."]
    assert [region_selection(body) for body in fake.bodies] == [{"variableCode": "Region", "valueCodes": ["0", "0402", "3401", "3999"]}]
    assert_complete(result.frame, ["3401", "3999"])


def test_code_list_refused_by_the_data_query_falls_back_to_the_parts(rsps, folder):
    fake = fake_ssb.register_happy_path(rsps, shape="S", refuse_codelist=True)

    result = fetch(KONGSVINGER, folder)

    assert result.requests_made == 4  # no extra request: the parts were asked for anyway
    assert rsps.calls[2].response.status_code == 400
    assert len(result.notes) == 1 and "Non-existent value" in result.notes[0]
    assert "satt sammen av kommunenes gamle og nye kommunenummer" in result.notes[0]
    assert result.codelist is None
    assert_complete(result.frame, KONGSVINGER)
    assert len(fake.bodies) == 2


def test_sums_are_checked(rsps, folder):
    fake_ssb.register_happy_path(rsps, shape="S", wrong_sums=True)
    with pytest.raises(ssb_client.SsbError, match="ikke summen av kommunens gamle og nye kommunenummer") as caught:
        fetch(KONGSVINGER, folder)
    assert "Kongsvinger" in str(caught.value) and "beholder de forrige tallene" in str(caught.value)


# -- any municipality ----------------------------------------------------------------------------
@pytest.mark.parametrize("shape", ["S", "dash", "none"])
def test_two_municipalities_outside_the_region(rsps, folder, shape):
    fake = fake_ssb.register_happy_path(rsps, shape=shape)

    result = fetch(TWO_OUTSIDE, folder)

    assert_complete(result.frame, TWO_OUTSIDE)
    names = dict(zip(result.frame["kommunenummer"], result.frame["kommune"]))
    assert names["3405"] == "Lillehammer" and names["3407"] == "Gjøvik"
    assert regions.municipality_name("3407") == "Gjøvik"
    asked = {code for body in fake.bodies for code in region_selection(body)["valueCodes"]}
    assert not asked & set(fake_ssb.plain_numbers(KONGSVINGER))  # exactly the configured ones
    assert result.requests_made <= 4


def test_two_valers_are_told_apart_by_number(rsps, folder):
    """Våler in Østfold (0137 → 3018 → 3110) and Våler in Innlandet (0426 → 3419)."""
    fake_ssb.register_happy_path(rsps, shape="S")
    result = fetch(["3110", "3419"], folder)
    assert_complete(result.frame, ["3110", "3419"])
    assert set(result.frame.loc[result.frame["kommunenummer"] != "0", "kommune"]) == {"Våler"}


def test_any_number_the_code_list_holds(rsps, folder):
    fake_ssb.register_happy_path(rsps, shape="S", municipalities=["1108"])
    result = fetch(["1108"], folder)
    assert_complete(result.frame, ["1108"])
    assert result.codelist == "agg_KommSummerS"


@pytest.mark.parametrize("shape", ["S", "none"])
def test_a_number_unknown_to_ssb_is_named_in_the_error_and_not_asked_for(rsps, folder, shape):
    fake = fake_ssb.register_happy_path(rsps, shape=shape)
    with pytest.raises(ssb_client.SsbError, match="mangler tall for kommunenummer 3999"):
        fetch(["3401", "3999"], folder)
    assert all("3999" not in region_selection(body)["valueCodes"] for body in fake.bodies)


# -- a number that no longer exists ---------------------------------------------------------------
@pytest.mark.parametrize("shape", ["S", "dash"])
def test_an_old_number_is_refused_naming_todays_number_from_the_code_list(rsps, folder, shape):
    """members = ["0402", …]: the code list would sum Kongsvinger under 0402; the refresh refuses it
    and names today's number (3401), the number of the same municipality that has figures today."""
    fake_ssb.register_happy_path(rsps, shape=shape)
    with pytest.raises(ssb_client.SsbError) as caught:
        fetch(["0402", "3414"], folder)
    message = str(caught.value)
    assert "Kommunenummer 0402 (Kongsvinger) er ikke i bruk lenger" in message
    assert "bare til og med 2019" in message and "I dag har kommunen nummer 3401" in message
    assert "regioninnstillingene" in message and "beholder de forrige tallene" in message.lower()


def test_an_old_number_through_the_shared_history_list_names_todays_number(rsps, folder):
    fake_ssb.register_happy_path(rsps, shape="none")  # the table offers no list; SSB's shared list has the history
    with pytest.raises(ssb_client.SsbError, match="0402 .*I dag har kommunen nummer 3401"):
        fetch(["0402"], folder)


def test_a_number_split_away_later_names_the_number_of_today(rsps, folder):
    """Våler in Østfold: 0137 → 3018 (2020–2023) → 3110 (2024)."""
    fake_ssb.register_happy_path(rsps, shape="S")
    with pytest.raises(ssb_client.SsbError, match=r"3018 \(Våler\) .*til og med 2023.*nummer 3110"):
        fetch(["3018"], folder)


@pytest.mark.parametrize("absent_value", [None, 0])
def test_an_old_number_without_any_code_list_is_refused_and_never_stored_as_zero(rsps, folder, absent_value):
    fake_ssb.register_happy_path(rsps, shape="none", shared_lists=False, absent_value=absent_value)
    with pytest.raises(ssb_client.SsbError) as caught:
        fetch(["0402"], folder)
    message = str(caught.value)
    assert "Kommunenummer 0402" in message and "ikke i bruk lenger" in message and "til og med 2019" in message
    assert "I dag har" not in message  # no code list: today's number is not guessed
    assert not (folder / "ssb_07984.json").exists()


def test_zeros_for_years_a_number_did_not_exist_are_missing_figures_not_zeros(rsps, folder):
    """SSB reports a number in a year it did not exist as 0 or null: today's 3401 alone, with no code
    history, has no figures before 2020, and the refresh says so instead of storing 0 jobs."""
    fake_ssb.register_happy_path(rsps, shape="none", shared_lists=False, absent_value=0)
    with pytest.raises(ssb_client.SsbError, match=r"mangler tall for Kongsvinger \(arbeidssted\) for 2008–2019"):
        fetch(["3401"], folder)


def test_a_zero_total_is_no_figure_for_that_year_and_measure():
    frame = fake_ssb.fake_frame(codes=["3401", "0"], with_gap=False)
    industries = frame.assign(naering="10-33", verdi=0.0)
    frame = pd.concat([frame, industries], ignore_index=True)
    gone = (frame["kommunenummer"] == "3401") & (frame["aar"] >= 2020) & (frame["maal"] == "arbeidssted")
    frame.loc[gone & (frame["naering"] == "00-99"), "verdi"] = 0.0
    cleaned = employment.absent_as_missing(frame, "kommunenummer")
    assert cleaned.loc[gone, "verdi"].isna().all() and (cleaned.loc[gone, "status"] == ".").all()
    kept = ~gone
    assert cleaned.loc[kept, "verdi"].equals(frame.loc[kept, "verdi"])  # an industry's real 0 stays 0
    assert (cleaned.loc[kept & (cleaned["naering"] == "10-33"), "verdi"] == 0).all()


def test_old_and_new_number_of_one_municipality_are_refused(rsps, folder):
    fake_ssb.register_happy_path(rsps, shape="S")
    with pytest.raises(ssb_client.SsbError, match="0402 og 3401 er samme kommune"):
        fetch(["0402", "3401"], folder)


# -- partial answers ------------------------------------------------------------------------------
@pytest.mark.parametrize("shape", ["S", "none"])
def test_missing_municipality_is_an_error_naming_it(rsps, folder, shape):
    fake_ssb.register_happy_path(rsps, shape=shape, drop=["3419"])
    with pytest.raises(ssb_client.SsbError, match="Våler") as caught:
        fetch(KONGSVINGER, folder)
    assert "beholder de forrige tallene" in str(caught.value)


def test_municipality_with_years_missing_is_partial_data(rsps, folder):
    doc = fake_ssb.agg_doc(KONGSVINGER)
    sizes = dict(zip(doc["id"], doc["size"]))
    region = doc["dimension"]["Region"]["category"]["index"]["K.3401"]
    per_region = len(doc["value"]) // sizes["Region"]
    for cell in range(region * per_region, (region + 1) * per_region):
        if cell % sizes["Tid"] < 3:  # Tid is the fastest dimension: 2008, 2009, 2010
            doc["value"][cell] = None
            doc.setdefault("status", {})[str(cell)] = ".."
    fake = fake_ssb.FakeSsb(shape="S")
    rsps.add_callback(responses.GET, fake.metadata_url(), callback=lambda r: fake.get(r.path_url))
    rsps.add_callback(responses.GET, fake.codelist_url(), callback=lambda r: fake.get(r.path_url))
    rsps.add(responses.POST, fake.data_url(), json=doc)
    rsps.add(responses.POST, fake.data_url(), json=fake_ssb.parts_doc(KONGSVINGER))

    with pytest.raises(ssb_client.SsbError, match="Kongsvinger .*2008–2010"):
        fetch(KONGSVINGER, folder)


def test_metadata_lacking_a_measure_stops_before_asking_for_data(rsps, folder):
    fake = fake_ssb.FakeSsb()
    rsps.add(responses.GET, fake.metadata_url(), json=fake_ssb.metadata_doc(contents=["Sysselsatte"]))
    with pytest.raises(ssb_client.SsbError, match="SysselsatteArb"):
        fetch(KONGSVINGER, folder)
    assert len(rsps.calls) == 1


@pytest.mark.parametrize("spoil, message", [
    (lambda d: d.pop("dimension"), "ukjent format"),
    (lambda d: d["dimension"].pop("Tid"), "«Tid»"),
])
def test_metadata_of_unknown_shape(rsps, folder, spoil, message):
    meta = fake_ssb.metadata_doc()
    spoil(meta)
    rsps.add(responses.GET, fake_ssb.FakeSsb().metadata_url(), json=meta)
    with pytest.raises(ssb_client.SsbError, match=message):
        fetch(KONGSVINGER, folder)


@pytest.mark.parametrize("spoil, message", [
    (lambda d: d.update(values="ingen"), "ukjent format"),
    (lambda d: d["values"].append(dict(d["values"][0])), "samme kode flere ganger"),
    (lambda d: d["values"][0].update(valueMap="0402"), "valueMap"),
])
def test_unreadable_code_list_is_a_clear_error(rsps, folder, spoil, message):
    doc = fake_ssb.codelist_doc("agg_KommSummerS")
    spoil(doc)
    fake = fake_ssb.FakeSsb()
    rsps.add_callback(responses.GET, fake.metadata_url(), callback=lambda r: fake.get(r.path_url))
    rsps.add(responses.GET, fake.codelist_url(), json=doc)
    with pytest.raises(ssb_client.SsbError, match=message):
        fetch(KONGSVINGER, folder)


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["dimension"].pop("NACE2007"), "kunne ikke tolkes"),
    (lambda d: d["size"].__setitem__(-1, d["size"][-1] + 1), "kunne ikke tolkes"),
    (lambda d: d["dimension"]["ContentsCode"]["category"].update(index={"Sysselsatte": 0, "Noe annet": 1}), "ukjent statistikkvariabel"),
])
def test_data_that_cannot_be_read(rsps, folder, mutate, message):
    doc = fake_ssb.agg_doc(KONGSVINGER)
    mutate(doc)
    fake = fake_ssb.FakeSsb()
    rsps.add_callback(responses.GET, fake.metadata_url(), callback=lambda r: fake.get(r.path_url))
    rsps.add_callback(responses.GET, fake.codelist_url(), callback=lambda r: fake.get(r.path_url))
    rsps.add(responses.POST, fake.data_url(), json=doc)
    with pytest.raises(ssb_client.SsbError, match=message):
        fetch(KONGSVINGER, folder)


def test_a_repeated_value_code_gets_500_with_an_empty_body(rsps):
    fake_ssb.register_happy_path(rsps)
    query = employment.parts_query({"0402": "3401"})
    query["selection"][0]["valueCodes"].append("0402")
    with pytest.raises(ssb_client.SsbError, match=r"HTTP 500\) uten forklaring"):
        ssb_client.SsbClient(limiter=NoLimit()).data(query)


def test_progress_messages_are_norwegian(rsps, folder):
    fake_ssb.register_happy_path(rsps)
    messages: list[str] = []
    fetch(KONGSVINGER, folder, messages.append)
    assert messages[0].startswith("Leser tabellens metadata")
    assert any("hele landet" in m for m in messages)


# -- code lists, pure ------------------------------------------------------------------------------
def test_parse_code_list_and_map_through_it():
    codelist = codelists.parse(fake_ssb.codelist_doc("agg_KommSummerS", ["3401", "3110"]))
    assert codelist.value_for("0402").code == "K.3401" and codelist.value_for("3401").code == "K.3401"
    assert codelist.value_for("3018").code == "K.3110"
    assert codelist.history(["3110"]) == {"0137": "3110", "3018": "3110", "3110": "3110"}
    assert codelist.names(["3401", "3110", "9999"]) == {"3401": "Kongsvinger", "3110": "Våler"}
    assert codelist.missing(["3401", "9999"]) == ["9999"]
    assert codelist.shared(["0402", "3401", "3110"]) == [("0402", "3401")]


@pytest.mark.parametrize("label, name", [("Kongsvinger", "Kongsvinger"), ("K.3401 Kongsvinger", "Kongsvinger"),
                                         ("3401 Kongsvinger", "Kongsvinger"), ("K.340 Kongsvinger", "K.340 Kongsvinger")])
def test_a_leading_code_in_a_label_is_not_part_of_the_name(label, name):
    assert codelists.Value("K.3401", label, ("0402", "3401")).name == name


@pytest.mark.parametrize("key", ["codelists", "codeLists"])
def test_candidates_follow_the_rule(key):
    meta = {"dimension": {"Region": {"extension": {key: [
        {"id": "agg_KommSummerHist", "type": "Aggregation"},
        {"id": "vs_Kommun", "type": "Valueset"},
        {"id": "agg_Fylker", "type": "Aggregation"},
        {"id": "agg_KommSummerS", "type": "Aggregation"},
        {"id": "agg_KommSummer", "type": "Valueset"},  # the right name, the wrong type
        {"id": "agg_KommSummer2024", "type": "Aggregation"},
    ]}}}}
    assert codelists.candidates(meta) == ["agg_KommSummerS", "agg_KommSummer2024", "agg_KommSummerHist"]
    assert codelists.candidates({"dimension": {"Region": {"extension": None}}}) == []
    assert codelists.candidates([]) == []


def test_code_list_cache_round_trip_and_age(tmp_path):
    now = datetime(2026, 11, 27, 6, tzinfo=timezone.utc)
    codelist = codelists.parse(fake_ssb.codelist_doc("agg_KommSummerS"), fetched_at=now)
    assert codelists.write_cached(tmp_path, codelist)
    assert codelists.read_cached(tmp_path, "agg_KommSummerS", now + timedelta(days=1)) == codelist
    assert codelists.read_cached(tmp_path, "agg_KommSummerS", now + codelists.MAX_AGE + timedelta(days=1)) is None
    assert codelists.read_cached(tmp_path, "agg_KommSummerS", now - timedelta(days=1)) is None  # from the future
    assert codelists.read_cached(tmp_path, "agg_KommSummer", now) is None
    codelists.cache_path(tmp_path, "agg_KommSummer").write_text("{ødelagt", encoding="utf-8")
    assert [c.id for c in codelists.cached_lists(tmp_path)] == ["agg_KommSummerS"]
    stored = json.loads(codelists.cache_path(tmp_path, "agg_KommSummerS").read_text(encoding="utf-8"))
    assert stored["values"][0] == {"code": "K.3401", "label": "Kongsvinger", "valueMap": ["0402", "3401"]}
