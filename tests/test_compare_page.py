"""«Regionen i landet» in Streamlit's AppTest: offline from table 11618, with the country fetched from the
fake SSB (made-up figures) in its own cache, with a broken country cache, and as a slide."""

import responses
from streamlit.testing.v1 import AppTest

from byr_data.compare import charts
from byr_data.ssb import client as ssb_client, country
from tests import fake_ssb, sample_data

PAGE = "app_pages/country.py"


def run(**params) -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def fetch_country(folder) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake_ssb.register_happy_path(rsps, municipalities=fake_ssb.country())
        country.refresh(folder, list(sample_data.MEMBERS), charts.map_names(), ssb_client.SsbClient())


def test_offline_the_page_compares_2020_to_2022_from_table_11618():
    at = run()
    assert at.title[0].value.startswith("Kongsvingerregionen +3,1\u00a0% arbeidsplasser 2020–2022: under hele landet (+5,1\u00a0%)")
    captions = " ".join(c.value for c in at.caption)
    assert "tabell 11618" in captions and "Basisåret 2015 finnes ikke" in captions
    assert [m.label for m in at.metric] == ["Kongsvingerregionen", "Innlandet", "Hamarregionen", "Sør-Østerdal",
                                            "Hele landet"]
    assert len(at.get("vega_lite_chart")) == 4 and len(at.expander) >= 4
    assert any("settes ikke på kartet" in m.value for m in at.markdown)


def test_with_the_country_from_ssb_the_page_ranks_all_357(isolated_data):
    sample_data.write_cache()
    fetch_country(isolated_data)
    at = run()
    assert "2015–2025" in at.title[0].value
    captions = " ".join(c.value for c in at.caption)
    assert "tabell 07984" in captions and "av 357 kommuner" in captions
    assert not any("settes ikke på kartet" in m.value for m in at.markdown)


def test_a_subset_from_the_sidebar_is_compared_the_same_way(isolated_data):
    sample_data.write_cache()
    fetch_country(isolated_data)
    at = run(kommune=["Grue", "Åsnes"])
    assert at.title[0].value.startswith("Utvalget Grue, Åsnes ")


def test_a_broken_country_cache_falls_back_to_11618_and_says_so(isolated_data):
    isolated_data.mkdir(parents=True, exist_ok=True)
    country.cache_file(isolated_data).write_text("[]", encoding="utf-8")
    at = run()
    assert "2020–2022" in at.title[0].value
    assert any("ødelagt" in m.value for m in at.markdown)


def test_the_presentation_shows_the_country_slide(isolated_data):
    sample_data.write_cache()
    fetch_country(isolated_data)
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    at.query_params["presentasjon"] = "1"
    at.query_params["lysbilde"] = "5"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Regionen i landet"
    assert len(at.get("vega_lite_chart")) == 1
