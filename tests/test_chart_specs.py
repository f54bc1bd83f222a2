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
