"""Tests for byr_data.jsonstat: JSON-stat 2.0 dataset -> tidy frame."""

from __future__ import annotations

import copy
import itertools
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from byr_data.ssb.jsonstat import JsonStatError, dataset_updated, parse_dataset
from tests.conftest import require_shared

# The repo and shared/ sit side by side (locally /work/main and /work/shared; in CI likewise).
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "reference" / "ssb-api-samples"

# Table 07984 with the plain region list: whole country, an old (to 2019) and a new (2020->) code.
PLAIN_REGIONS = {"0": "Hele landet", "0402": "Kongsvinger (-2019)", "3401": "Kongsvinger"}
# Table 07984 with code list agg_KommSummer: today's borders over the whole series.
AGG_REGIONS = {"K-3401": "Kongsvinger", "K-3414": "Nord-Odal", "K-3415": "Sør-Odal"}
YEARS = ["2017", "2018", "2019", "2020"]


def _category(labels: dict[str, str]) -> dict:
    return {
        "index": {code: position for position, code in enumerate(labels)},
        "label": dict(labels),
    }


def ssb_07984(regions: dict[str, str], values: list | dict, status=None) -> dict:
    """A dataset in the exact shape SSB's v2 API returns for table 07984."""
    dims = {
        "Region": regions,
        "NACE2007": {"00-99": "Alle næringer", "10-33": "Industri"},
        "Kjonn": {"0": "Begge kjønn"},
        "Alder": {"15-74": "15-74 år"},
        "ContentsCode": {
            "SysselsatteArb": "Sysselsatte per 4. kvartal (arbeidssted)",
            "Sysselsatte": "Sysselsatte per 4. kvartal (bosted)",
        },
        "Tid": {year: year for year in YEARS},
    }
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": "07984: Sysselsatte per 4. kvartal, etter region, næring, kjønn, alder, "
        "statistikkvariabel og år",
        "source": "Statistisk sentralbyrå",
        "updated": "2025-06-05T06:00:00Z",
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
        "id": list(dims),
        "size": [len(labels) for labels in dims.values()],
        "dimension": {
            dim_id: {
                "label": dim_id.lower(),
                "category": _category(labels),
                "extension": {"elimination": False, "show": "value"},
            }
            for dim_id, labels in dims.items()
        },
        "extension": {"px": {"tableid": "07984", "decimals": 0}},
        "value": values,
    }
    if status is not None:
        doc["status"] = status
    return doc


# Sizes [3, 2, 1, 1, 2, 4] -> 48 cells. Strides (row-major, Tid fastest):
# Region 16, NACE2007 8, Kjonn 8, Alder 8, ContentsCode 4, Tid 1.
N_CELLS = 48
KONGSVINGER_0402_JOBS_2017 = 16  # Region 0402 (1*16) + 00-99 (0) + SysselsatteArb (0) + 2017 (0)
KONGSVINGER_0402_JOBS_2020 = 19  # 16 + 2020 (3): the old code no longer exists -> null, "."
KONGSVINGER_0402_RESIDENTS_2020 = 23  # 16 + Sysselsatte (4) + 3: SSB's other way, a 0
KONGSVINGER_3401_JOBS_2017 = 32  # Region 3401 (2*16) + 2017: not available -> null, ".."
NORWAY_INDUSTRY_RESIDENTS_2019 = 14  # Region 0 (0) + 10-33 (8) + Sysselsatte (4) + 2019 (2): ":"


def plain_values() -> list:
    values: list = [1000.0 + i for i in range(N_CELLS)]
    values[KONGSVINGER_0402_JOBS_2017] = 10513
    values[KONGSVINGER_0402_JOBS_2020] = None
    values[KONGSVINGER_0402_RESIDENTS_2020] = 0
    values[KONGSVINGER_3401_JOBS_2017] = None
    values[NORWAY_INDUSTRY_RESIDENTS_2019] = None
    return values


PLAIN_STATUS = {
    str(KONGSVINGER_0402_JOBS_2020): ".",
    str(KONGSVINGER_3401_JOBS_2017): "..",
    str(NORWAY_INDUSTRY_RESIDENTS_2019): ":",
}


@pytest.fixture
def plain_doc() -> dict:
    return ssb_07984(PLAIN_REGIONS, plain_values(), PLAIN_STATUS)


def cell(frame: pd.DataFrame, **codes: str) -> pd.Series:
    """The one row matching the given codes."""
    mask = np.ones(len(frame), dtype=bool)
    for column, code in codes.items():
        mask &= (frame[column] == code).to_numpy()
    assert mask.sum() == 1, codes
    return frame[mask].iloc[0]


# --- valid shapes -----------------------------------------------------------------------------


def test_columns_and_dtypes(plain_doc):
    frame = parse_dataset(plain_doc)
    dims = ["Region", "NACE2007", "Kjonn", "Alder", "ContentsCode", "Tid"]
    assert list(frame.columns) == [c for d in dims for c in (d, f"{d}_label")] + ["value", "status"]
    assert len(frame) == N_CELLS
    assert frame["value"].dtype == np.float64
    for column in frame.columns.drop("value"):
        assert pd.api.types.is_string_dtype(frame[column]), column
        assert all(isinstance(x, str) for x in frame[column]), column
    # Codes stay strings: no "0402" -> 402, no "0" -> 0, no "2017" -> 2017.
    assert list(frame["Region"].unique()) == ["0", "0402", "3401"]
    assert list(frame["Kjonn"].unique()) == ["0"]
    assert list(frame["Tid"].unique()) == YEARS


def test_row_order_is_flat_order_last_dimension_fastest(plain_doc):
    frame = parse_dataset(plain_doc)
    assert frame["Tid"].tolist()[:5] == ["2017", "2018", "2019", "2020", "2017"]
    assert frame["ContentsCode"].tolist()[3:5] == ["SysselsatteArb", "Sysselsatte"]
    assert frame["NACE2007"].tolist()[7:9] == ["00-99", "10-33"]
    assert frame["Region"].tolist()[15:17] == ["0", "0402"]
    assert frame["Region"].tolist()[-1] == "3401"
    assert frame.index.tolist() == list(range(N_CELLS))


def test_hand_checked_cells(plain_doc):
    frame = parse_dataset(plain_doc)
    jobs = dict(NACE2007="00-99", ContentsCode="SysselsatteArb")

    row = cell(frame, Region="0402", Tid="2017", **jobs)
    assert row.name == KONGSVINGER_0402_JOBS_2017
    assert row["value"] == 10513.0
    assert row["status"] == ""
    assert row["Region_label"] == "Kongsvinger (-2019)"
    assert row["ContentsCode_label"] == "Sysselsatte per 4. kvartal (arbeidssted)"
    assert row["Kjonn"] == "0" and row["Kjonn_label"] == "Begge kjønn"
    assert row["Alder"] == "15-74" and row["Alder_label"] == "15-74 år"

    row = cell(frame, Region="0402", Tid="2020", **jobs)
    assert math.isnan(row["value"]) and row["status"] == "."
    row = cell(frame, Region="0402", Tid="2020", NACE2007="00-99", ContentsCode="Sysselsatte")
    assert row["value"] == 0.0 and row["status"] == ""
    row = cell(frame, Region="3401", Tid="2017", **jobs)
    assert math.isnan(row["value"]) and row["status"] == ".."
    row = cell(frame, Region="0", Tid="2019", NACE2007="10-33", ContentsCode="Sysselsatte")
    assert math.isnan(row["value"]) and row["status"] == ":"
    # An untouched cell keeps its flat position: 3401 (32) + 10-33 (8) + Sysselsatte (4) + 2018 (1).
    row = cell(frame, Region="3401", Tid="2018", NACE2007="10-33", ContentsCode="Sysselsatte")
    assert row["value"] == 1000.0 + 45

    assert frame["value"].isna().sum() == 3
    assert (frame["status"] != "").sum() == 3


def test_agg_kommsummer_region_codes():
    frame = parse_dataset(ssb_07984(AGG_REGIONS, list(range(N_CELLS))))
    assert list(frame["Region"].unique()) == ["K-3401", "K-3414", "K-3415"]
    row = cell(frame, Region="K-3415", Tid="2017", NACE2007="00-99", ContentsCode="SysselsatteArb")
    assert row["Region_label"] == "Sør-Odal"
    assert row["value"] == 32.0


def test_matches_itertools_product_on_a_larger_grid():
    sizes = [4, 5, 1, 3, 7]
    dims = {f"d{i}": [f"{i}{j:02d}" for j in range(n)] for i, n in enumerate(sizes)}
    doc = {
        "version": "2.0",
        "class": "dataset",
        "id": list(dims),
        "size": sizes,
        "dimension": {d: {"category": {"index": codes}} for d, codes in dims.items()},
        "value": [float(i) for i in range(math.prod(sizes))],
    }
    frame = parse_dataset(doc)
    expected = list(itertools.product(*dims.values()))
    assert list(frame[list(dims)].itertuples(index=False, name=None)) == expected
    assert frame["value"].tolist() == doc["value"]


def test_index_as_array(plain_doc):
    for dim in plain_doc["dimension"].values():
        dim["category"]["index"] = list(dim["category"]["index"])
    expected = parse_dataset(ssb_07984(PLAIN_REGIONS, plain_values(), PLAIN_STATUS))
    pd.testing.assert_frame_equal(parse_dataset(plain_doc), expected)


def test_index_object_order_is_by_position_not_by_key_order(plain_doc):
    plain_doc["dimension"]["Region"]["category"]["index"] = {"3401": 2, "0": 0, "0402": 1}
    frame = parse_dataset(plain_doc)
    assert list(frame["Region"].unique()) == ["0", "0402", "3401"]
    assert cell(frame, Region="0402", Tid="2017", NACE2007="00-99",
                ContentsCode="SysselsatteArb")["value"] == 10513.0


def test_missing_index_is_fine_for_a_single_category(plain_doc):
    del plain_doc["dimension"]["Kjonn"]["category"]["index"]
    frame = parse_dataset(plain_doc)
    assert set(frame["Kjonn"]) == {"0"}
    assert set(frame["Kjonn_label"]) == {"Begge kjønn"}


def test_missing_index_with_several_categories_is_rejected(plain_doc):
    del plain_doc["dimension"]["NACE2007"]["category"]["index"]
    with pytest.raises(JsonStatError, match="«NACE2007» mangler «category.index».*har 2"):
        parse_dataset(plain_doc)


def test_label_falls_back_to_code(plain_doc):
    del plain_doc["dimension"]["Region"]["category"]["label"]["3401"]
    del plain_doc["dimension"]["Tid"]["category"]["label"]
    frame = parse_dataset(plain_doc)
    assert set(frame.loc[frame["Region"] == "3401", "Region_label"]) == {"3401"}
    assert set(frame.loc[frame["Region"] == "0402", "Region_label"]) == {"Kongsvinger (-2019)"}
    assert (frame["Tid_label"] == frame["Tid"]).all()


def test_value_as_sparse_object(plain_doc):
    plain_doc["value"] = {"16": 10513, "17": None, "47": 7}
    frame = parse_dataset(plain_doc)
    assert frame.loc[16, "value"] == 10513.0
    assert frame.loc[47, "value"] == 7.0
    assert frame["value"].isna().sum() == N_CELLS - 2  # null and absent are both missing
    assert frame.loc[19, "status"] == "."  # status still sits beside the cell


def test_status_absent_means_empty_string(plain_doc):
    del plain_doc["status"]
    frame = parse_dataset(plain_doc)
    assert (frame["status"] == "").all()
    assert frame["value"].isna().sum() == 3


def test_status_as_array_with_nulls(plain_doc):
    statuses = [None] * N_CELLS
    statuses[KONGSVINGER_0402_JOBS_2020] = "."
    statuses[KONGSVINGER_3401_JOBS_2017] = ".."
    plain_doc["status"] = statuses
    frame = parse_dataset(plain_doc)
    assert frame.loc[KONGSVINGER_0402_JOBS_2020, "status"] == "."
    assert frame.loc[KONGSVINGER_3401_JOBS_2017, "status"] == ".."
    assert (frame["status"] != "").sum() == 2


def test_status_as_one_string_applies_to_every_cell(plain_doc):
    plain_doc["status"] = ":"
    assert (parse_dataset(plain_doc)["status"] == ":").all()


def test_empty_dataset_gives_empty_frame_with_columns(plain_doc):
    plain_doc["size"][0] = 0
    plain_doc["dimension"]["Region"]["category"] = {"index": {}, "label": {}}
    plain_doc["value"] = []
    del plain_doc["status"]
    frame = parse_dataset(plain_doc)
    assert frame.empty
    full = parse_dataset(ssb_07984(PLAIN_REGIONS, plain_values()))
    assert list(frame.columns) == list(full.columns)
    assert frame["value"].dtype == np.float64
    assert pd.api.types.is_string_dtype(frame["Region"])


def test_missing_version_accepted_for_a_dataset(plain_doc):
    # SSB's v0 json-stat2 answers may lack `version`; `class` still says dataset.
    del plain_doc["version"]
    assert len(parse_dataset(plain_doc)) == N_CELLS


def test_dataset_updated(plain_doc):
    assert dataset_updated(plain_doc) == "2025-06-05T06:00:00Z"
    del plain_doc["updated"]
    assert dataset_updated(plain_doc) is None


# --- rejections -------------------------------------------------------------------------------


def _without(field):
    def edit(doc):
        del doc[field]
    return edit


def _set(field, value):
    def edit(doc):
        doc[field] = value
    return edit


def _edit_category(dim_id, **category):
    def edit(doc):
        doc["dimension"][dim_id]["category"].update(category)
    return edit


def _drop_dimension(dim_id):
    def edit(doc):
        del doc["dimension"][dim_id]
    return edit


def _drop_version_and_class(doc):
    del doc["version"]
    del doc["class"]


def _rejection(name, edit, message):
    return pytest.param(edit, message, id=name)


REJECTIONS = [
    _rejection(
        "class", _set("class", "collection"), "«class» er «collection», forventet «dataset»"
    ),
    _rejection("version", _set("version", "1.0"), "«version» er «1.0», forventet «2.0»"),
    _rejection("no version nor class", _drop_version_and_class, "«version» mangler"),
    _rejection("no id", _without("id"), "feltet «id» mangler"),
    _rejection("no size", _without("size"), "feltet «size» mangler"),
    _rejection("no dimension", _without("dimension"), "feltet «dimension» mangler"),
    _rejection("no value", _without("value"), "feltet «value» mangler"),
    _rejection(
        "id vs size", _set("size", [3, 2, 1, 1, 2]), "«id» har 6 dimensjoner, men «size» har 5"
    ),
    _rejection(
        "dimension missing",
        _drop_dimension("Alder"),
        "«Alder» står i «id», men mangler i «dimension»",
    ),
    _rejection(
        "category count",
        _set("size", [3, 2, 1, 1, 2, 5]),
        "«Tid» har 4 kategorier, men «size» sier 5",
    ),
    _rejection(
        "value length",
        _set("value", [1.0] * 47),
        "«value» har 47 verdier, men produktet av «size» er 48",
    ),
    _rejection(
        "index duplicate position",
        _edit_category("Region", index={"0": 0, "0402": 1, "3401": 1}),
        r"«Region»: posisjonene i «category.index» er ikke 0..2 \(fikk \[0, 1, 1\]\)",
    ),
    _rejection(
        "index gap",
        _edit_category("Region", index={"0": 0, "0402": 1, "3401": 3}),
        r"«Region»: posisjonene i «category.index» er ikke 0..2",
    ),
    _rejection(
        "index not a count", _edit_category("Kjonn", index={"0": "0"}), "«Kjonn»: posisjonene"
    ),
    _rejection(
        "status length",
        _set("status", ["."] * 3),
        "«status» har 3 elementer, men datasettet har 48",
    ),
    _rejection(
        "status key",
        _set("status", {"48": "."}),
        "«status» har nøkkelen «48», men datasettet har bare 48",
    ),
    _rejection(
        "value key",
        _set("value", {"x": 1}),
        "«value» har nøkkelen «x», som ikke er et celletall",
    ),
    _rejection(
        "value text", _set("value", ["mye"] * 48), "«value» inneholder noe som ikke er et tall"
    ),
    _rejection(
        "value nested", _set("value", [[1.0]] * 48), "«value» inneholder noe som ikke er et tall"
    ),
    _rejection("value type", _set("value", 5), "«value» må være en liste eller et objekt"),
]


@pytest.mark.parametrize("edit, message", REJECTIONS)
def test_rejections(plain_doc, edit, message):
    edit(plain_doc)
    with pytest.raises(JsonStatError, match=message) as caught:
        parse_dataset(plain_doc)
    assert str(caught.value).startswith("Svaret er ikke JSON-stat 2.0: ")


@pytest.mark.parametrize("doc", [[], "tekst", None])
def test_not_a_dict_is_rejected(doc):
    with pytest.raises(JsonStatError, match="forventet et JSON-objekt"):
        parse_dataset(doc)


def test_error_is_a_value_error():
    assert issubclass(JsonStatError, ValueError)


def test_input_is_not_modified(plain_doc):
    before = copy.deepcopy(plain_doc)
    parse_dataset(plain_doc)
    assert plain_doc == before


# --- real SSB responses -----------------------------------------------------------------------


def _sample(name: str) -> dict:
    path = require_shared(SAMPLES / name, "SSB sample response")
    return json.loads(path.read_text(encoding="utf-8"))


def test_real_v0_table_05300():
    doc = _sample("ssb_v0_table05300_data.jsonstat2.json")
    frame = parse_dataset(doc)
    assert len(frame) == 6 * 8 * 1 * 9
    assert dataset_updated(doc) == "2022-05-24T06:00:00Z"
    assert frame["Avstand1"].iloc[0] == "01"  # zero-padded codes survive
    missing = frame[frame["value"].isna()]
    assert len(missing) == 28
    assert set(missing["status"]) == {".", ".."}
    # In this table every null carries a status and every status sits on a null.
    assert frame.loc[frame["status"] != "", "value"].isna().all()
    assert frame.loc[71, "status"] == "." and frame.loc[360, "status"] == ".."
    # First cell: Under 1 km, Kino, 1991.
    first = frame.iloc[0]
    assert first["Avstand1_label"] == "Under 1 km"
    assert (first["Kulturtilbud"], first["Tid"]) == ("01", "1991")
    assert first["value"] == 16.0


def test_real_v2_table_03024():
    doc = _sample("ssb_v2_table03024_data.jsonstat2.json")
    frame = parse_dataset(doc)
    assert len(frame) == 2 * 2 * 48
    assert list(frame.columns[::2][:3]) == ["VareGrupper2", "ContentsCode", "Tid"]
    assert frame["value"].notna().all()
    assert (frame["status"] == "").all()
    assert frame.loc[0, "Tid"] == "2025U01" and frame.loc[0, "value"] == 11364.0
    # Row 48: first week of the second measure (kilo price), still the fresh salmon.
    row = frame.loc[48]
    assert (row["VareGrupper2"], row["ContentsCode"], row["Tid"]) == ("01", "Kilopris", "2025U01")
    assert row["value"] == 125.36
    assert row["ContentsCode_label"] == "Kilopris (kr)"
