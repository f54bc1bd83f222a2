"""Table 03321 live, against the project's fake SSB (tests/fake_ssb_03321.py, MADE-UP figures): both code-list
paths with their sums checked, the request budget, the refresh together with 07984, and the page."""

from datetime import datetime, timezone

import pytest
import responses
from streamlit.testing.v1 import AppTest

from byr_data.commuting import model
from byr_data.ssb import cache, client as ssb_client, codelists, commuting_fetch, commuting_store
from tests import fake_ssb, fake_ssb_03321
from tests.test_employment import NoLimit

MEMBERS = ["3401", "3414", "3415", "3416", "3417", "3418"]
SELECTABLE = [*MEMBERS, "3419"]


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def cache_list(folder, list_id):
    """The code list as 07984's refresh leaves it in the cache folder just before 03321 is fetched."""
    doc = fake_ssb.codelist_doc(list_id, fake_ssb.HISTORY)
    codelists.write_cached(folder, codelists.parse(doc, fetched_at=datetime.now(timezone.utc)))


def fetch(folder):
    return commuting_fetch.fetch(ssb_client.SsbClient(limiter=NoLimit()), SELECTABLE, folder)


def assert_sums(flows, years):
    """Every year's internal share is the fake's: old and new numbers summed to today's municipalities."""
    share = model.internal_share(flows, MEMBERS).set_index("aar")["andel"]
    for year in years:
        assert share[year] == pytest.approx(fake_ssb_03321.expected_share(MEMBERS, year, fake_ssb.HISTORY)), year
    kongsvinger = flows[(flows["bosted"] == "3401") & (flows["arbeidssted"] == "3401")].set_index("aar")["sysselsatte"]
    assert kongsvinger[2019] == fake_ssb_03321.flow("3401", "3401", 2019)  # published as 0402 -> 0402
    assert kongsvinger[2020] == fake_ssb_03321.flow("3401", "3401", 2020)


def test_the_aggregation_list_is_used_by_07984s_rule_in_three_requests(rsps, tmp_path):
    fake = fake_ssb.register_happy_path(rsps)
    cache_list(tmp_path, "agg_KommSummerS")
    result = fetch(tmp_path)
    assert result.requests_made == 3 and result.codelist == "agg_KommSummerS" and result.notes == []
    assert fake.commuting.requests == ["GET /api/pxwebapi/v2/tables/03321/metadata", "POST data", "POST data"]
    out, inn = fake.commuting.bodies
    places = {i["variableCode"]: i for i in out["selection"]}
    assert set(places) == {"Bokommuen", "ArbstedKomm", "ContentsCode", "Tid"}  # as the metadata names them
    assert places["Bokommuen"]["codelist"] == places["ArbstedKomm"]["codelist"] == "agg_KommSummerS"
    assert places["Bokommuen"]["valueCodes"] == [f"K.{c}" for c in SELECTABLE] and places["ArbstedKomm"]["valueCodes"] == ["*"]
    assert {i["variableCode"]: i["valueCodes"] for i in inn["selection"]}["Bokommuen"] == ["*"]
    assert_sums(result.flows, fake_ssb_03321.YEARS)
    oslo = result.flows[result.flows["arbeidssted_navn"] == "Oslo"]
    assert len(oslo) and set(oslo["kilde"]) == {"SSB 03321"}


@pytest.mark.parametrize("absent", [0, None])
def test_without_a_list_old_and_new_numbers_are_summed_through_07984s_value_map(rsps, tmp_path, absent):
    fake = fake_ssb.register_happy_path(rsps, shape="none")
    fake.commuting.absent_value = absent
    cache_list(tmp_path, "agg_KommSummer")  # what 07984's plain path read its code history from
    result = fetch(tmp_path)
    assert result.requests_made == 3 and result.codelist is None
    assert result.notes == [commuting_fetch.NOTE_PLAIN]
    out = {i["variableCode"]: i for i in fake.commuting.bodies[0]["selection"]}
    assert "codelist" not in out["Bokommuen"] and {"0402", "3401", "0426", "3419"} <= set(out["Bokommuen"]["valueCodes"])
    assert_sums(result.flows, fake_ssb_03321.YEARS)
    assert not set(result.flows["bosted"]) & {"0402", "0418"}, "the region's old numbers are summed into today's"


def test_a_refused_list_query_falls_back_to_the_numbers_with_a_note(rsps, tmp_path):
    fake = fake_ssb.register_happy_path(rsps)
    fake.commuting.refuse_codelist = True
    cache_list(tmp_path, "agg_KommSummerS")
    result = fetch(tmp_path)
    assert result.codelist is None and "avviste pendlingsspørringen" in result.notes[0]
    assert_sums(result.flows, [2019, 2020])


def test_an_answer_without_a_municipality_is_refused(rsps, tmp_path):
    fake = fake_ssb.register_happy_path(rsps)
    fake.commuting.codes = [c for c in fake.commuting.codes if c != "3417"]
    cache_list(tmp_path, "agg_KommSummerS")
    with pytest.raises(ssb_client.SsbError, match="Non-existent value|mangler"):
        fetch(tmp_path)


def test_the_refresh_fetches_03321_with_07984_and_caches_it(rsps, isolated_data):
    fake = fake_ssb.register_happy_path(rsps)
    data = cache.refresh()
    assert len(fake.commuting.requests) == 3, "at most three extra requests a refresh"
    assert data.notices == ()
    local = commuting_store.load_local(cache.cache_dir(), SELECTABLE)
    assert local.provenance.source == "cache" and local.provenance.table == "03321"
    assert_sums(local.flows, fake_ssb_03321.YEARS)


def test_a_failing_03321_keeps_its_previous_figures_and_07984_is_refreshed(rsps, isolated_data):
    fake = fake_ssb.register_happy_path(rsps)
    fake.commuting.codes = [c for c in fake.commuting.codes if c != "3417"]
    data = cache.refresh()
    assert cache.read_cache().provenance.source == "cache"
    assert len(data.notices) == 1 and data.notices[0].startswith("Pendlingstallene (tabell 03321) ble ikke oppdatert: SSB")
    assert commuting_store.load_local(cache.cache_dir(), SELECTABLE).provenance.source == "snapshot"


def test_a_broken_cache_falls_back_to_the_snapshot_with_the_reason(isolated_data):
    isolated_data.mkdir(parents=True, exist_ok=True)
    commuting_store.cache_file(isolated_data).write_text("{ikke json", encoding="utf-8")
    local = commuting_store.load_local(isolated_data, SELECTABLE)
    assert local.provenance.source == "snapshot" and "er ødelagt" in local.notices[0]


# -- the page --------------------------------------------------------------------------------------
PAGE = "app_pages/labour_market.py"


def run(**params) -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_offline_the_page_shows_76_5_percent_for_the_six_in_2022():
    at = run()
    assert at.title[0].value == "76,5\u00a0% av de sysselsatte som bor i Kongsvingerregionen, jobber i regionen (2022)"
    assert any("77,1\u00a0% i 2017" in c.value for c in at.caption)
    assert any("øyeblikksbilde av SSB-tabell 03321" in c.value for c in at.caption)
    assert len(at.get("vega_lite_chart")) == 6 and not at.table, "no 07984 jobs offline: nothing from another table"
    assert any(c.value.startswith("Kilde: Statistisk sentralbyrå (SSB), tabell 03321") for c in at.caption)


def test_a_subset_from_the_url_works_the_same_way():
    at = run(kommune=["Grue", "Åsnes"])
    assert at.title[0].value.endswith("jobber i utvalget (2022)") and "Grue" in at.title[0].value


def test_online_the_page_shows_the_servers_figures_and_07984_apart(rsps):
    fake_ssb.register_happy_path(rsps)
    cache.refresh()
    at = run()
    year = fake_ssb_03321.YEARS[-1]
    share = fake_ssb_03321.expected_share(MEMBERS, year, fake_ssb.HISTORY) * 100
    expected = f"{share:.1f}".replace(".", ",")
    assert at.title[0].value.startswith(f"{expected}\u00a0% av de sysselsatte") and f"({year})" in at.title[0].value
    assert any("Pendlingstall fra SSB tabell 03321, hentet" in c.value for c in at.caption)
    assert len(at.table) == 1 and "Arbeidsplasser per sysselsatt bosatt" in at.table[0].value.columns
    assert list(at.table[0].value["Kommune"])[-1] == "Hele regionen"


def test_the_slide_and_the_note_on_data_og_kilder():
    at = AppTest.from_file("../dashboard.py", default_timeout=30)
    at.query_params["presentasjon"] = "1"
    at.query_params["lysbilde"] = "5"  # offline: three job slides, «Regionen i landet», then «Ett arbeidsmarked?»
    at.run()
    assert not at.exception and at.title[0].value == "Ett arbeidsmarked?"
    assert len(at.get("vega_lite_chart")) == 1  # the matrix
    page = run()
    page.switch_page("app_pages/data_sources.py").run()
    assert not page.exception
    text = " ".join(m.value for m in page.markdown)
    assert text.count("selvstendig næringsdrivende uten organisasjonsnummer, sjøfolk og ansatte i Forsvaret") == 1
    assert "Pendling (SSB-tabell 03321)" in [h.value for h in page.subheader]


def test_the_refresh_button_says_when_03321_kept_its_previous_figures(rsps):
    fake = fake_ssb.register_happy_path(rsps)
    fake.commuting.codes = [c for c in fake.commuting.codes if c != "3417"]  # SSB's answer lacks Grue
    at = run()
    at.switch_page("app_pages/data_sources.py").run()
    next(b for b in at.button if b.label == "Hent nye tall fra SSB").click().run()
    assert not at.exception
    assert any(s.value.startswith("Oppdatert:") for s in at.success)
    warnings = [w.value.replace("\\", "") for w in at.warning]  # markdown-escaped text from outside
    assert "Pendlingstallene (tabell 03321) ble ikke oppdatert: SSBs svar fra pendlingstabellen 03321 mangler " \
           "sysselsatte bosatte i Grue for 2024; beholder de forrige tallene." in warnings, warnings
