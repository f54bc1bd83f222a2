"""The map file (data/geo/kommuner-2024.geojson) and the maps' specs: every municipality is drawn, the rings
are in the order Vega expects, and the file is what scripts/build_map.py makes from ../shared."""

import importlib.util
import json

import pandas as pd
from geojson_rewind import rewind

from byr_data import regions
from byr_data.compare import charts, pages
from byr_data.page_model import Filters
from byr_data.ssb.country import CountryData
from tests.conftest import ROOT, SHARED, require_shared

SOURCE = SHARED / "reference" / "geo" / "kommuner-2024-S.geojson"


def shipped() -> dict:
    return json.loads(charts.MAP_FILE.read_text(encoding="utf-8"))


def signed_area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def test_map_file_has_every_municipality_of_the_source_with_its_name():
    source = json.loads(require_shared(SOURCE, "Kartverket's municipality borders").read_text(encoding="utf-8"))
    expected = {f["properties"]["kommunenummer"]: f["properties"]["kommunenavn"] for f in source["features"]}
    assert charts.map_names() == expected
    assert len(expected) == 357


def test_map_file_is_what_the_build_script_makes():
    require_shared(SOURCE, "Kartverket's municipality borders")
    spec = importlib.util.spec_from_file_location("build_map", ROOT / "scripts" / "build_map.py")
    build_map = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_map)
    assert build_map.build(json.loads(SOURCE.read_text(encoding="utf-8"))) == shipped()


def test_rings_are_rewound_for_vega():
    collection = shipped()
    assert rewind(json.loads(json.dumps(collection)), rfc7946=False) == collection  # already in d3's order
    for feature in collection["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            assert signed_area(polygon[0]) < 0, feature["properties"]["kommunenavn"]  # outer ring clockwise
            assert len(polygon[0]) >= 4 and polygon[0][0] == polygon[0][-1]


def made_up_country() -> CountryData:
    """MADE-UP figures for every municipality on the map (the fake SSB's formula is not needed here)."""
    codes = sorted(charts.map_names())
    rows = [{"kommunenummer": code, "kommune": f"K{code}", "aar": year, "maal": "arbeidssted",
             "verdi": 1000.0 + (int(code) % 97) * (year - 2015), "status": "", "kilde": "SSB 07984"}
            for code in [*codes, "0"] for year in (2015, 2025)]
    return CountryData(pd.DataFrame(rows), None, "07984", False)


def map_values(spec: dict) -> list[dict]:
    data = spec.get("data") or {}
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def test_country_map_spec_draws_every_municipality_and_outlines_the_selection():
    region = regions.RegionSettings("R", ("3401", "3414"), (), 100, 2015)
    view = pages.page(made_up_country(), Filters(codes=region.members), region)
    spec = view.blocks[2].spec
    values = map_values(spec)
    assert sorted(v["properties"]["kommunenummer"] for v in values) == sorted(charts.map_names())
    assert all(v["properties"]["prosent"] is not None for v in values)  # every one has data here
    assert {v["properties"]["kommunenummer"] for v in values if v["properties"]["medlem"]} == {"3401", "3414"}
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["geoshape", "geoshape", "geoshape"]
    assert spec["layer"][0]["mark"]["fill"] == charts.NO_DATA_COLOR and "transform" not in spec["layer"][0]
    color = spec["layer"][1]["encoding"]["color"]
    assert color["scale"]["domainMid"] == 0 and color["scale"]["scheme"] == "blueorange"
    assert not view.texts[0].startswith("Kommuner med tall som ikke")  # nothing unmatched


def test_region_map_spec_holds_only_the_selection_with_names_and_figures():
    region = regions.RegionSettings("R", ("3401", "3414"), (), 100, 2015)
    view = pages.page(made_up_country(), Filters(codes=region.members), region)
    values = map_values(view.blocks[3].spec)
    assert sorted(v["properties"]["kommunenavn"] for v in values) == ["Kongsvinger", "Nord-Odal"]
    assert all(v["properties"]["tekst"].endswith("\u00a0%") for v in values)


def test_the_screen_spec_and_the_exported_chart_hold_the_same_map():
    region = regions.RegionSettings("R", ("3401", "3414"), (), 100, 2015)
    block = pages.page(made_up_country(), Filters(codes=region.members), region).blocks[2]
    exported = block.chart.to_dict(validate=False)
    shown = block.spec
    assert map_values(shown) == map_values(exported)
    assert [layer["mark"] for layer in shown["layer"]] == [layer["mark"] for layer in exported["layer"]]
    assert shown["projection"] == exported["projection"] == {"type": "transverseMercator", "rotate": [-15, -65, 0]}
