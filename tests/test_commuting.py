"""Commuting (SSB table 03321): the reference file in the snapshot, and the figures of byr_data.commuting.model."""

import json

import numpy as np
import pandas as pd
import pytest

from byr_data.commuting import model
from byr_data.ssb import commuting_store, table_03321
from tests.conftest import SHARED, require_shared

MEMBERS = ["3401", "3414", "3415", "3416", "3417", "3418"]
REFERENCE = SHARED / "reference" / "ssb-03321-pendling-kongsvingerregionen-2017-2022.csv"


def flows(rows):
    """Made-up flows: (year, home, work, persons)."""
    frame = pd.DataFrame(rows, columns=["aar", "bosted", "arbeidssted", "sysselsatte"])
    return frame.assign(bosted_navn=frame["bosted"].map(lambda c: f"K{c}"),
                        arbeidssted_navn=frame["arbeidssted"].map(lambda c: f"K{c}"),
                        sysselsatte=frame["sysselsatte"].astype(float), kilde=table_03321.SOURCE)[table_03321.FLOWS]


SMALL = flows([
    (2021, "A", "A", 60), (2021, "A", "B", 20), (2021, "A", "X", 20),
    (2021, "B", "B", 30), (2021, "B", "A", 10), (2021, "B", "Y", 10), (2021, "X", "A", 7), (2021, "Y", "B", 5),
    (2022, "A", "A", 50), (2022, "A", "X", 50),  # B has no residents in the table in 2022
])


# -- the reference file and the snapshot ------------------------------------------------------------
def test_the_reference_file_gives_76_5_percent_for_the_six_in_2022():
    published = table_03321.read(require_shared(REFERENCE, "the 03321 reference file"))
    share = model.internal_share(table_03321.flows(published), MEMBERS).set_index("aar")
    assert share.loc[2022, "innenfor"] == 17_007 and share.loc[2022, "bosatte"] == 22_219
    assert round(share.loc[2022, "andel"] * 100, 1) == 76.5


def test_the_snapshot_holds_the_reference_file_unchanged_with_its_provenance():
    reference = require_shared(REFERENCE, "the 03321 reference file")
    copy = commuting_store.SNAPSHOT_DIR / table_03321.SNAPSHOT_FILE
    assert copy.read_bytes() == reference.read_bytes()
    provenance = json.loads((commuting_store.SNAPSHOT_DIR / table_03321.PROVENANCE_FILE).read_text(encoding="utf-8"))
    assert provenance["source"] == "snapshot" and provenance["table"] == "03321 (pendling 2017–2022)"
    assert "SSB tabell 03321" in provenance["description"] and "2017–2022" in provenance["description"]


def test_the_snapshot_maps_the_regions_old_numbers_to_todays_only():
    data = commuting_store.read_snapshot()
    assert data.provenance.source == "snapshot"
    early = data.flows[data.flows["aar"] == 2019]
    assert {"3401", "3417"} <= set(early["bosted"]) and not {"0402", "0423"} & set(early["bosted"])
    assert "0231" in set(early["arbeidssted"])  # Skedsmo (to 2019) is not the region's: kept as published
    share = model.internal_share(data.flows, MEMBERS).set_index("aar")["andel"]
    assert list(share.index) == [2017, 2018, 2019, 2020, 2021, 2022] and share.notna().all()
    assert round(share[2022] * 100, 1) == 76.5


def test_a_broken_reference_file_is_refused(tmp_path):
    path = tmp_path / "pendling.csv"
    path.write_text("aar,bostedskommunenummer_i_kilden\n2022,3401\n", encoding="utf-8")
    with pytest.raises(table_03321.Table03321Error, match="mangler kolonnene"):
        table_03321.read(path)


# -- the figures ----------------------------------------------------------------------------------
def test_the_internal_share_counts_those_working_at_home_and_misses_a_year_without_a_member():
    share = model.internal_share(SMALL, ["A", "B"]).set_index("aar")
    assert share.loc[2021, "innenfor"] == 60 + 20 + 30 + 10 and share.loc[2021, "bosatte"] == 150
    assert share.loc[2021, "andel"] == pytest.approx(120 / 150)
    assert np.isnan(share.loc[2022, "andel"]), "B lacks figures in 2022: missing, never a share of A alone"
    assert model.internal_share(SMALL, ["A"]).set_index("aar").loc[2022, "andel"] == 0.5  # any subset works
    assert model.latest_year(SMALL, ["A", "B"]) == 2021 and model.latest_year(SMALL, ["A"]) == 2022


def test_the_matrix_has_every_pair_with_zero_for_no_flow():
    shown = model.matrix(SMALL, ["A", "B"], 2021).set_index(["bosted", "arbeidssted"])
    assert shown["sysselsatte"].to_dict() == {("A", "A"): 60, ("A", "B"): 20, ("B", "A"): 10, ("B", "B"): 30}
    assert shown.loc[("A", "B"), "andel"] == pytest.approx(0.2)
    assert model.matrix(SMALL, ["A", "B"], 2022).set_index(["bosted", "arbeidssted"])["sysselsatte"].isna().sum() == 2


def test_each_member_splits_into_home_elsewhere_and_outside():
    parts = model.split(SMALL, ["A", "B"], 2021).set_index(["bosted", "sted"])["sysselsatte"]
    assert parts[("A", model.HOME)] == 60 and parts[("A", model.ELSEWHERE)] == 20 and parts[("A", model.OUTSIDE)] == 20
    assert parts[("B", model.HOME)] == 30 and parts[("B", model.ELSEWHERE)] == 10 and parts[("B", model.OUTSIDE)] == 10


def test_destinations_origins_and_net_commuting():
    assert model.outside_destinations(SMALL, ["A", "B"], 2021)[["kode", "sysselsatte"]].values.tolist() == [
        ["X", 20.0], ["Y", 10.0]]
    assert model.inbound_origins(SMALL, ["A", "B"], 2021)[["kode", "sysselsatte"]].values.tolist() == [
        ["X", 7.0], ["Y", 5.0]]
    net = model.net_commuting(SMALL, ["A", "B"], 2021).set_index("kommune")
    assert net.loc["KA", ["inn", "ut", "netto"]].tolist() == [17, 40, -23]  # in: B 10 + X 7; out: B 20 + X 20
    assert net.loc["KB", ["inn", "ut", "netto"]].tolist() == [25, 20, 5]
    assert net.loc["Hele utvalget", ["inn", "ut", "netto"]].tolist() == [12, 30, -18]


def test_the_reference_files_largest_destinations_outside_are_oslo_and_the_airport():
    published = table_03321.read(require_shared(REFERENCE, "the 03321 reference file"))
    top = model.outside_destinations(table_03321.flows(published), MEMBERS, 2022, top=4)
    assert list(top["kommune"]) == ["Oslo", "Ullensaker", "Nes", "Lillestrøm"]
    assert top["sysselsatte"].iloc[0] == 1518


def test_jobs_per_resident_come_from_07984_only():
    from tests import fake_ssb

    frame = fake_ssb.fake_frame(with_gap=False)
    ratio = model.jobs_per_resident(frame, ["3401", "3417"]).set_index("kommune")
    assert set(ratio["aar"]) == {2025}
    expected = fake_ssb.expected_total("3401", "arbeidssted", 2025) / fake_ssb.expected_total("3401", "bosted", 2025)
    assert ratio.loc["Kongsvinger", "forhold"] == pytest.approx(expected)
    assert "Hele utvalget" in ratio.index
    other = frame.assign(kilde="SSB 11618")
    assert model.jobs_per_resident(other, ["3401"]).empty, "another table's figures are never used"


def test_a_municipality_seen_only_through_its_flows_into_the_region_has_no_figures():
    data = commuting_store.read_snapshot()  # the reference file: flows from or into the seven only
    assert "3405" in set(data.flows["bosted"])  # Lillehammer's residents working in the region
    assert model.latest_year(data.flows, ["3417", "3405"]) is None, "never a share of Lillehammer's few commuters"
    assert model.internal_share(data.flows, ["3405"])["andel"].isna().all()
    assert model.net_commuting(data.flows, ["3405"], 2022).empty


# -- the page's builder and the slide -------------------------------------------------------------
def build(codes=tuple(MEMBERS), years=None):
    from byr_data import regions
    from byr_data.commuting import pages
    from byr_data.page_model import Filters

    region = regions.RegionSettings("Kongsvingerregionen", tuple(MEMBERS), ("3419",), 100, 2015)
    regions.learn_names({"3417": "Grue", "3418": "Åsnes"})
    data = commuting_store.read_snapshot()
    filters = Filters(codes=tuple(codes), years=years)
    return (pages.page(data.flows, filters, region, pages.source_line(data.provenance)),
            pages.slides(data.flows, filters, region, "Kilde"))


def test_the_headline_states_the_share_with_its_trend_and_the_definition():
    view, slides = build()
    assert view.title == "76,5\u00a0% av de sysselsatte som bor i Kongsvingerregionen, jobber i regionen (2022)"
    assert view.context == "Andelen var 77,1\u00a0% i 2017: ned 0,6 prosentpoeng til 2022."
    assert view.texts[0].startswith("Slik regnes andelen: de som både bor og jobber i en av regionens kommuner, også de "
                                    "som jobber i kommunen de bor i, delt på alle sysselsatte som bor i regionen")
    assert [b.name for b in view.blocks] == ["pendling-andel", "pendling-matrise", "pendling-fordeling", "pendling-ut",
                                             "pendling-inn", "pendling-netto"]
    assert all(b.chart.usermeta["source"].startswith("Kilde: Statistisk sentralbyrå (SSB), tabell 03321") for b in view.blocks)
    assert slides[0].heading == "Ett arbeidsmarked?" and slides[0].chart is not None
    assert slides[0].message == "76,5\u00a0% av de sysselsatte som bor i regionen, jobber der (2022)"


def test_a_subset_and_a_year_range_work_the_same_way():
    view, _ = build(("3417", "3418"), years=(2017, 2020))
    assert view.title == "68,8\u00a0% av de sysselsatte som bor i Grue og Åsnes, jobber i utvalget (2020)"
    assert view.blocks[0].data["År"].tolist() == [2017, 2018, 2019, 2020]


def test_a_selection_the_data_cannot_serve_says_so():
    view, slides = build(("3417", "3405"))
    assert view.title.endswith("mangler tall") and "Lillehammer" not in view.title and view.missing
    assert not view.blocks and slides[0].chart is None
