"""Every chart every view can show is a valid Vega-Lite spec.

The app builds specs without Altair's schema validation (`Block.spec`, `Slide.spec`: it costs a tenth of a
second per chart on a cold start), so this test validates them all: every job page in every mode, with
data and offline, for the region, one municipality, an arbitrary selection and the 3-year average; the
industry page; and every slide."""

import altair as alt
import pytest

from byr_data import final_report, page_model, presentation, regions
from byr_data.industry import pages as industry_pages
from byr_data.jobs import pages as job_pages
from byr_data.programme import goal_files
from byr_data.ssb import cache
from tests import industry_sample, sample_data

REGION = regions.RegionSettings("Kongsvingerregionen", sample_data.MEMBERS, ("3419",), 100, 2015)
SOURCE = "Kilde: Statistisk sentralbyrå (SSB), tabell 07984, hentet 27.11.2026"
SELECTIONS = {
    "region": page_model.Filters(codes=sample_data.MEMBERS),
    "one": page_model.Filters(codes=("3417",)),
    "some, smoothed, residents": page_model.Filters(codes=("3401", "3419"), measure="bosted", years=(2012, 2020),
                                               rolling=True),
    "after the break": page_model.Filters(codes=sample_data.MEMBERS, years=(2015, 2025), rolling=True),
}


def page_charts(frame, filters: page_model.Filters) -> list[alt.TopLevelMixin]:
    figures = final_report.load_report_figures()
    built = [job_pages.overview(frame, filters, REGION, SOURCE, figures),
             job_pages.attainment(frame, filters, REGION, SOURCE, figures),
             job_pages.municipality(frame, filters.codes[0], filters, REGION, SOURCE)]
    built += [job_pages.trend(frame, filters, REGION, SOURCE, figures, mode) for mode in job_pages.TREND_VIEWS]
    built.append(job_pages.trend(frame, filters, REGION, SOURCE, figures, "Nivå", scenario_per_year=-120))
    industry = industry_pages.page(frame, filters, REGION, SOURCE)
    built += industry.parts
    slides = presentation.presentation(frame, filters, REGION, SOURCE, figures, goal_files.load_goals(), goal_files.load_portfolio())
    return [block.chart for view in built for block in view.blocks] + [s.chart for s in slides if s.chart is not None]


FRAMES = {"data": industry_sample.frame, "offline": lambda: cache.read_snapshot().frame}


@pytest.mark.parametrize("selection", SELECTIONS)
@pytest.mark.parametrize("source", FRAMES)
def test_every_chart_is_a_valid_vega_lite_spec(source, selection):
    charts = page_charts(FRAMES[source](), SELECTIONS[selection])
    assert charts, "the views draw charts"
    for chart in charts:
        checked = chart.to_dict()  # validates against Vega-Lite's schema; raises on an invalid spec
        assert chart.to_dict(validate=False) == checked


def test_an_invalid_chart_fails_validation():
    """The check above can fail: a mark Vega-Lite does not know is refused."""
    chart = alt.Chart(sample_data.frame()).mark_bar().encode(x=alt.X("aar:Q"))
    chart.mark = "stolpe"
    with pytest.raises(Exception, match="stolpe"):
        chart.to_dict()


# -- signed axes keep their «0» ---------------------------------------------------------------------
def visible_axis_labels(chart: alt.TopLevelMixin, width: int) -> list[list[str]]:
    """The axis labels Vega draws (vl-convert, the same Vega as the browser) at a plot width, per axis;
    labels Vega hides because they would overlap carry opacity 0 and are left out."""
    import json
    import xml.etree.ElementTree as ET

    import vl_convert

    spec = chart.to_dict(validate=False) | {"width": width}
    spec["height"] = spec["height"] if isinstance(spec.get("height"), int) else 400
    root = ET.fromstring(vl_convert.vegalite_to_svg(json.dumps(spec)))
    return [[text.text for text in group if text.get("opacity") != "0"]
            for group in root.iter("{http://www.w3.org/2000/svg}g") if "role-axis-label" in (group.get("class") or "")]


@pytest.mark.parametrize("low, high", [(-113, 1585), (-1200, 300), (-240, 980), (-19, 18)])
def test_signed_horizontal_axes_always_show_zero(low, high):
    """A horizontal change axis crowded on a phone once lost its «0» to Vega's overlap rule, which hides
    every other label («−500  +500  +1 500»). SIGNED_X_AXIS spaces the ticks so nothing is hidden."""
    import pandas as pd

    from byr_data import chart_parts
    from byr_data.industry import charts as industry_charts

    table = pd.DataFrame({"naering_tekst": ["Industri", "Helse", "Handel"], "endring": [float(low), float(high), 4.0],
                          "tekst": ["a", "b", "c"]})
    steps = pd.DataFrame({"komponent": ["Som landet", "Bransjeeffekt", "Lokal effekt", "Faktisk endring"],
                          "fra": [0.0, high, high + low / 2, 0.0], "til": [high, high + low / 2, high + low, high + low],
                          "verdi": [high, low / 2, low / 2, high + low], "tekst": ["a", "b", "c", "d"]})
    for make in (lambda: industry_charts.section_change_chart(table, "t", "s"),
                 lambda: industry_charts.shift_share_chart(steps, "t", "s")):
        for width in (190, 260, 900):
            for chart in (make(), chart_parts.for_slide(make())):
                for labels in visible_axis_labels(chart, width):
                    numbers = [label for label in labels if label and label[0] in "+−0123456789"]
                    if any(n.startswith("−") for n in numbers) and any(n.startswith("+") for n in numbers):
                        assert "0" in numbers, (low, high, width, numbers)
