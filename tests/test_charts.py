"""Chart factories through to_dict(): Norwegian locale, target line and series-break marker present."""

import json
import re

import pandas as pd

from byr_data import analysis, chart_parts, page_model, regions
from byr_data.jobs import charts, pages as job_pages
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
    """The dashed break rule: at 2014.5 on a continuous year axis, at the left edge of 2015 on bands."""
    for layer in layers(spec):
        mark = layer.get("mark")
        if not (isinstance(mark, dict) and mark["type"] == "rule" and "data" in layer):
            continue
        x = layer["encoding"].get("x", {})
        year = rows(spec, layer)[0].get("aar")
        if year == 2014.5 or (year == 2015 and x.get("bandPosition") == 0):
            return True
    return False


def has_target_rule(spec: dict, target: float) -> bool:
    for layer in layers(spec):
        mark = layer.get("mark", {})
        if isinstance(mark, dict) and mark.get("type") == "rule" and mark.get("color") == chart_parts.TARGET_COLOR:
            return rows(spec, layer)[0]["mal"] == target
    return False


def marks(spec: dict, kind: str) -> list[dict]:
    return [layer for layer in layers(spec) if isinstance(layer.get("mark"), dict) and layer["mark"]["type"] == kind]


def legends(spec: dict) -> list[tuple[str, list[str]]]:
    """(channel, domain) of every scale that draws a legend."""
    found = []
    for layer in layers(spec):
        for channel in ("color", "strokeDash", "fill"):
            encoding = layer.get("encoding", {}).get(channel)
            if isinstance(encoding, dict) and "field" in encoding and encoding.get("legend", {}) is not None:
                found.append((channel, encoding.get("scale", {}).get("domain")))
    return found


def level_series() -> pd.Series:
    frame = sample_data.frame()
    return analysis.regional(analysis.levels(frame, sample_data.MEMBERS, "arbeidssted"))


def test_change_chart_has_locale_target_break_and_its_finding_outside_the_spec_title():
    table = analysis.yearly_table(level_series())
    chart = charts.change_chart(table, "Målet nådd i 10 av 10 år", SOURCE, 100, "Endring")
    spec = chart.to_dict()
    assert spec["config"]["locale"]["number"]["thousands"] == "\u00a0"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert "title" not in spec, "a Vega-Lite title is cut with «…» on a phone: the page shows it as text"
    assert spec["description"] == "Målet nådd i 10 av 10 år"  # read out by screen readers
    assert chart_parts.title_of(chart) == "Målet nådd i 10 av 10 år" and chart_parts.source_of(chart) == SOURCE
    assert has_break_rule(spec)
    assert has_target_rule(spec, 100)
    assert "+" in json.dumps(spec)  # signed axis format


def test_bars_are_a_share_of_their_band_so_they_never_overlap():
    table = analysis.yearly_table(level_series())
    view = job_pages.attainment(sample_data.frame(), page_model.Filters(codes=sample_data.MEMBERS), REGION, SOURCE)
    for spec in (charts.change_chart(table, "t", SOURCE, 100, "Endring").to_dict(), view.blocks[2].spec):
        bars = marks(spec, "bar")
        assert bars and all(bar["mark"]["width"] == {"band": 0.8} and "size" not in bar["mark"] for bar in bars)
        assert bars[0]["encoding"]["x"]["type"] == "ordinal"
        assert bars[0]["encoding"]["x"]["scale"]["domain"] == list(range(2008, 2026)), "every year has its band"


def test_break_year_has_no_bar():
    table = analysis.yearly_table(level_series())
    spec = charts.change_chart(table, "t", SOURCE, 100, "Endring").to_dict()
    years = [row["aar"] for row in rows(spec, marks(spec, "bar")[0])]
    assert 2015 not in years and 2016 in years


def test_change_legend_lists_only_what_is_drawn():
    table = analysis.yearly_table(level_series())
    spec = charts.change_chart(table, "t", SOURCE, 100, "Endring").to_dict()
    assert legends(spec) == [("color", ["Vekst", "Nedgang"])], "no «Uendret» without an unchanged bar"
    growth_only = charts.change_chart(table[table["aar"] >= 2016], "t", SOURCE, 100, "Endring").to_dict()
    assert legends(growth_only) == [], "no one-entry legend"
    assert not has_break_rule(growth_only), "the break is not in view"


def test_level_chart_colours_municipalities_consistently():
    view = job_pages.trend(sample_data.frame(), page_model.Filters(codes=("3417", "3418")), REGION, SOURCE, None, "Indeks")
    spec = view.blocks[0].chart.to_dict()
    assert not has_break_rule(spec), "the index (2015 = 100) has no years before the break"
    scales = [l["encoding"]["color"]["scale"] for l in layers(spec)
              if "color" in l.get("encoding", {}) and l["encoding"]["color"].get("field") == "serie"]
    domain, colours = scales[0]["domain"], scales[0]["range"]
    assert dict(zip(domain, colours))["Grue"] == chart_parts.MUNICIPALITY_COLORS["3417"]
    assert dict(zip(domain, colours))["Åsnes"] == chart_parts.MUNICIPALITY_COLORS["3418"]


def test_phase_bands_present_and_out_of_the_series_legend():
    view = job_pages.trend(sample_data.frame(), page_model.Filters(codes=sample_data.MEMBERS), REGION, SOURCE, None)
    spec = view.blocks[0].chart.to_dict()
    rects = marks(spec, "rect")
    assert {row["fase"] for row in rows(spec, rects[0])} == {"Fase 1", "Fase 2", "Fase 3"}
    assert "color" not in rects[0]["encoding"] and rects[0]["encoding"]["fill"]["legend"] is None
    assert "resolve" not in spec, "one colour scale: each series has one colour"


def test_break_rule_stops_above_the_phase_labels():
    view = job_pages.trend(sample_data.frame(), page_model.Filters(codes=sample_data.MEMBERS), REGION, SOURCE, None)
    spec = view.blocks[0].chart.to_dict()
    rule = next(l for l in marks(spec, "rule") if rows(spec, l)[0].get("aar") == 2014.5)
    assert rule["encoding"]["y2"] == {"value": {"expr": "height - 20"}}
    labels = next(l for l in marks(spec, "text") if l["mark"].get("style") == "phase-label")
    assert labels["encoding"]["y"] == {"value": "height"} and labels["mark"]["baseline"] == "bottom"


def test_level_chart_names_the_trend_line_in_its_legend():
    view = job_pages.trend(sample_data.frame(), page_model.Filters(codes=sample_data.MEMBERS), REGION, SOURCE, None)
    spec = view.blocks[0].chart.to_dict()
    entries = dict(legends(spec))
    assert entries["color"] == ["Kongsvingerregionen", charts.TREND]
    assert entries["strokeDash"] == ["Kongsvingerregionen", charts.TREND], "dashed in the legend too"
    trend = next(l for l in marks(spec, "line") if l["encoding"]["color"].get("datum") == charts.TREND)
    assert trend["encoding"]["strokeDash"] == {"datum": charts.TREND}


def test_single_series_has_no_legend():
    series = pd.DataFrame({"aar": [2016, 2017, 2018], "serie": "Grue", "verdi": [1.0, 2.0, 3.0]})
    spec = charts.level_chart(series, "t", SOURCE, "Antall", phases=False).to_dict()
    assert all(layer["encoding"]["color"].get("legend", "") is None for layer in marks(spec, "line"))


def test_cumulative_path_starts_at_zero_in_the_base_year_with_a_legend():
    view = job_pages.attainment(sample_data.frame(), page_model.Filters(codes=sample_data.MEMBERS), REGION, SOURCE)
    spec = view.blocks[1].spec
    line = marks(spec, "line")[0]
    first = [row for row in rows(spec, line) if row["aar"] == 2015]
    assert sorted((row["serie"], row["verdi"]) for row in first) == [(charts.ACTUAL, 0), (charts.TARGET, 0)]
    assert dict(legends(spec))["color"] == [charts.ACTUAL, charts.TARGET]
    assert line["encoding"]["color"]["legend"]["symbolType"] == "stroke"


def test_contribution_legend_shows_every_municipality_and_the_net_marker_and_wraps():
    view = job_pages.attainment(sample_data.frame(), page_model.Filters(codes=sample_data.MEMBERS), REGION, SOURCE)
    spec = view.blocks[2].spec
    domain = dict(legends(spec))["color"]
    assert domain == [regions.municipality_name(c) for c in sample_data.MEMBERS] + [charts.NET]
    legend_config = spec["config"]["legend"]
    assert legend_config["orient"] == "bottom" and legend_config["symbolLimit"] >= len(domain)
    assert "width" in legend_config["columns"]["expr"], "as many columns as fit: it wraps on a phone"
    tick = marks(spec, "tick")[0]
    assert tick["encoding"]["color"] == {"datum": charts.NET}


def test_overview_line_and_points_share_one_colour():
    series = pd.DataFrame({"aar": [2016, 2017, 2018], "verdi": [1.0, 2.0, 3.0]})
    spec = charts.sparkline(series, SOURCE, "t").to_dict()
    line = marks(spec, "line")[0]
    assert line["mark"]["color"] == line["mark"]["point"]["color"] == chart_parts.REGION_COLOR


def sized(value, width: float) -> float:
    """A configured size for a plot `width` px wide: a number, or «width < N ? narrow : wide»."""
    if not isinstance(value, dict):
        return value
    limit, narrow, wide = map(float, re.fullmatch(r"width < (\d+) \? (-?[\d.]+) : (-?[\d.]+)", value["expr"]).groups())
    return narrow if width < limit else wide


def test_slide_charts_fill_their_container_with_projector_type_and_phone_type_on_a_phone():
    view = job_pages.attainment(sample_data.frame(), page_model.Filters(codes=sample_data.MEMBERS), REGION, SOURCE)
    spec = chart_parts.for_slide(view.blocks[2].chart).to_dict()
    assert spec["height"] == "container"
    config = spec["config"]
    sizes = [config["axis"]["labelFontSize"], config["axis"]["titleFontSize"], config["legend"]["labelFontSize"]]
    assert min(sized(size, 1200) for size in sizes) >= 20, "the projector's type"
    assert all(sized(style["fontSize"], 1200) >= 16 for style in config["style"].values())
    # On a phone (a plot under 600 px) the pages' type: the projector's left the plot no room.
    page = chart_parts.config()
    assert sized(config["axis"]["labelFontSize"], 300) == page["axis"]["labelFontSize"]
    assert all(sized(style["fontSize"], 300) == page["style"][name]["fontSize"]
               for name, style in config["style"].items())
    assert config["locale"] == chart_parts.LOCALE


def test_blocks_carry_the_finding_as_their_title():
    view = job_pages.attainment(sample_data.frame(), page_model.Filters(codes=sample_data.MEMBERS), REGION, SOURCE)
    assert [block.name for block in view.blocks] == ["arlig-endring", "kumulativ", "bidrag"]
    for block in view.blocks:
        assert block.title and block.spec["description"] == block.title
        assert "title" not in block.spec
        assert block.spec["config"]["locale"]["number"]["minus"] == "\u2212"
    assert view.blocks[1].title.startswith("Siden 2015: +1\u00a0100")
    assert has_target_rule(view.blocks[2].spec, 100)
    assert has_break_rule(view.blocks[2].spec)


def test_another_regions_municipalities_get_their_own_fixed_colours():
    """Lillehammer, Gjøvik and Ringsaker are not among the seven fixed colours: each still gets its own,
    the same on every chart whatever else is shown, and none is the region's near-black."""
    regions.learn_names({"3405": "Lillehammer", "3407": "Gjøvik", "3411": "Ringsaker"})
    names = ["Lillehammer", "Gjøvik", "Ringsaker"]
    scale = chart_parts.color_scale(names + ["Utvalget"]).to_dict()
    colours = dict(zip(scale["domain"], scale["range"]))
    assert len({colours[name] for name in names}) == 3 and chart_parts.REGION_COLOR not in {colours[n] for n in names}
    assert colours["Utvalget"] == chart_parts.REGION_COLOR, "a selection's total stays near-black"
    alone = chart_parts.color_scale(["Ringsaker"]).to_dict()
    assert alone["range"] == [colours["Ringsaker"]], "the same colour when shown alone"
    regions.learn_names({"3417": "Grue"})  # one of the seven keeps its colour beside them
    assert chart_parts.color_scale(["Grue", "Ringsaker"]).to_dict()["range"] == [chart_parts.MUNICIPALITY_COLORS["3417"],
                                                                            colours["Ringsaker"]]


def test_every_palette_colour_reaches_3_to_1_on_white():
    from byr_data import accessibility

    assert all(accessibility.contrast_ratio(colour, "#ffffff") >= 3 for colour in chart_parts.PALETTE)


def test_report_reference_label_keeps_within_the_plot_in_two_lines():
    """The report's «ca. −100 i året» label: two lines, each at most the plot's width. A one-line label
    wider than a phone made the chart shrink its plot to fit the text (to a sliver on slide 1 offline)."""
    from byr_data import final_report
    from byr_data.jobs import offline

    chart = offline.report_block(final_report.load_report_figures(), 100).chart
    spec = chart.to_dict()
    text = next(layer for layer in layers(spec) if layer["mark"].get("style") == "reference-label")
    assert text["mark"]["lineBreak"] == "\n" and "width" in text["mark"]["limit"]["expr"]
    label = rows(spec, text)[0]["tekst"]
    assert label.split("\n") == ["Før programmet: ca. −100 i året", "(sluttrapporten, uten årstall)"]
    style = spec["config"]["style"]["reference-label"]
    assert style["dy"] <= -style["lineHeight"], "lifted a line, so the second line stays above its rule"


def test_phase_labels_keep_clear_of_the_lowest_point():
    """«Fase 1» sits at the bottom of its band; the level chart's scale keeps every point above the
    phase labels (2014's point, the last before the break and the lowest, once touched it), on a page
    and on a slide. Drawn by Vega itself (vl-convert)."""
    import json
    import re
    import xml.etree.ElementTree as ET

    import vl_convert

    years = list(range(2008, 2026))
    levels = [18_500 - 150 * (y - 2008) if y <= 2014 else 17_700 + 110 * (y - 2014) for y in years]
    series = pd.DataFrame({"aar": years, "serie": "Kongsvingerregionen", "verdi": levels})
    svg_ns = "{http://www.w3.org/2000/svg}"
    for chart in (charts.level_chart(series, "t", "s", "Arbeidsplasser"),
                  chart_parts.for_slide(charts.level_chart(series, "t", "s", "Arbeidsplasser"))):
        spec = chart.to_dict(validate=False) | {"width": 900, "height": 420}
        root = ET.fromstring(vl_convert.vegalite_to_svg(json.dumps(spec)))
        points, labels = [], []
        for group in root.iter(f"{svg_ns}g"):
            kind = group.get("class") or ""
            for item in group:
                moved = re.match(r"translate\(([-\d.e]+),([-\d.e]+)\)", item.get("transform") or "")
                if not moved:
                    continue
                if "mark-symbol" in kind:
                    points.append(float(moved.group(2)))
                elif "mark-text" in kind and (item.text or "").startswith("Fase"):
                    labels.append((float(moved.group(2)), float(item.get("font-size", "12px").rstrip("px"))))
        assert points and labels
        label_top = min(y - size for y, size in labels)  # baseline «bottom»: the text lies above its y
        assert max(points) + 4 < label_top, (max(points), label_top)
