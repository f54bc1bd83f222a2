"""Chart factories through to_dict(): Norwegian locale, target line and series-break marker present."""

import json

import pandas as pd

from byr_data import analysis, charts, regions, views
from tests import sample_data

SOURCE = "Kilde: Statistisk sentralbyrå (SSB), tabell 07984, hentet 27.11.2026"
REGION = regions.RegionSettings("Kongsvingerregionen", sample_data.MEMBERS, ("3419",), 100, 2015)


def layers(spec: dict, data: dict | None = None) -> list[dict]:
    """All leaf layers, each with the data it inherits from an enclosing layer."""
    found = []
    for layer in spec.get("layer", []):
        inherited = layer.get("data", data)
        found += layers(layer, inherited) if "layer" in layer else [{"data": inherited, **layer}]
    return found


def rows(spec: dict, layer: dict) -> list[dict]:
    """A layer's data, inline or in the top-level datasets."""
    data = layer["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def has_break_rule(spec: dict) -> bool:
    return any(
        layer["mark"]["type"] == "rule" and 2014.5 in rows(spec, layer)[0].values()
        for layer in layers(spec) if isinstance(layer.get("mark"), dict) and "data" in layer
    )


def has_target_rule(spec: dict, target: float) -> bool:
    for layer in layers(spec):
        mark = layer.get("mark", {})
        if isinstance(mark, dict) and mark.get("type") == "rule" and mark.get("color") == charts.TARGET_COLOR:
            return rows(spec, layer)[0]["mal"] == target
    return False


def level_series() -> pd.Series:
    frame = sample_data.frame()
    return analysis.regional(analysis.levels(frame, sample_data.MEMBERS, "arbeidssted"))


def test_change_chart_has_locale_target_break_title_and_source():
    table = analysis.yearly_table(level_series())
    spec = charts.change_chart(table, "Målet nådd i 10 av 10 år", SOURCE, 100, "Endring").to_dict()
    assert spec["config"]["locale"]["number"]["thousands"] == "\u00a0"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["title"]["text"] == "Målet nådd i 10 av 10 år"
    assert spec["title"]["subtitle"] == SOURCE
    assert has_break_rule(spec)
    assert has_target_rule(spec, 100)
    assert "+" in json.dumps(spec)  # signed axis format


def test_break_year_has_no_bar():
    table = analysis.yearly_table(level_series())
    spec = charts.change_chart(table, "t", SOURCE, 100, "Endring").to_dict()
    bars = next(l for l in layers(spec) if l["mark"]["type"] == "bar")
    years = [row["aar"] for row in rows(spec, bars)]
    assert 2015 not in years and 2016 in years


def test_level_chart_colours_municipalities_consistently_and_marks_break():
    view = views.trend(sample_data.frame(), views.Filters(codes=("3417", "3418")), REGION, SOURCE, None, "Indeks")
    spec = view.blocks[0].chart.to_dict()
    assert has_break_rule(spec)
    scales = [l["encoding"]["color"]["scale"] for l in layers(spec)
              if "color" in l.get("encoding", {}) and l["encoding"]["color"].get("field") == "serie"]
    domain, colours = scales[0]["domain"], scales[0]["range"]
    assert dict(zip(domain, colours))["Grue"] == charts.MUNICIPALITY_COLORS["3417"]
    assert dict(zip(domain, colours))["Åsnes"] == charts.MUNICIPALITY_COLORS["3418"]


def test_phase_bands_present_on_level_chart():
    view = views.trend(sample_data.frame(), views.Filters(codes=sample_data.MEMBERS), REGION, SOURCE, None)
    spec = view.blocks[0].chart.to_dict()
    rects = [l for l in layers(spec) if l["mark"]["type"] == "rect"]
    phases = {row["fase"] for row in rows(spec, rects[0])}
    assert phases == {"Fase 1", "Fase 2", "Fase 3"}


def test_cumulative_and_contribution_charts_carry_target_and_source():
    view = views.attainment(sample_data.frame(), views.Filters(codes=sample_data.MEMBERS), REGION, SOURCE)
    names = [block.name for block in view.blocks]
    assert names == ["arlig-endring", "kumulativ", "bidrag"]
    for block in view.blocks:
        spec = block.chart.to_dict()
        assert spec["title"]["subtitle"] == SOURCE
        assert spec["config"]["locale"]["number"]["minus"] == "\u2212"
    assert has_target_rule(view.blocks[2].chart.to_dict(), 100)
    assert has_break_rule(view.blocks[2].chart.to_dict())
