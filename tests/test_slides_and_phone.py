"""Slides credit their real source, chart findings are text above the chart, and the phone's filter line."""

from streamlit.testing.v1 import AppTest

from byr_data import final_report, page_model, presentation, regions
from byr_data.programme import goal_files
from byr_data.ssb import cache
from byr_data.ui import filters
from tests import sample_data
from tests.test_charts import sized
from tests.test_job_pages import run

REGION = regions.RegionSettings("Kongsvingerregionen", sample_data.MEMBERS, ("3419",), 100, 2015)
SOURCE = "Kilde: Statistisk sentralbyrå (SSB), tabell 07984, hentet 27.11.2026"
REPORT = "Sluttrapport Byregionprogrammet Kongsvingerregionen (2018)"


def slides(frame):
    return presentation.presentation(frame, page_model.Filters(codes=sample_data.MEMBERS), REGION, SOURCE,
                              final_report.load_report_figures(), goal_files.load_goals(), goal_files.load_portfolio())


def test_job_slides_credit_ssb_and_programme_slides_the_final_report():
    by_heading = {slide.heading: slide.source for slide in slides(sample_data.frame())}
    job_headings = ("Kongsvingerregionen: 2025", "Har nedgangen snudd?", "Siden 2015", "Kommunenes bidrag")
    for heading in job_headings:
        assert by_heading[heading] == SOURCE, heading
    programme = {heading: line for heading, line in by_heading.items() if heading not in job_headings}
    assert programme and all(line.startswith(f"Kilde: {REPORT}") for line in programme.values()), programme
    assert all(SOURCE.removeprefix("Kilde: ") not in line for heading, line in programme.items()
               if not heading.startswith("Målmatrisen")), "only the goal matrix has a figure from SSB: the jobs goal now"


def test_offline_slides_credit_each_table_and_the_report_apart():
    jobs, report, residents = slides(cache.read_snapshot().frame)[:3]
    assert jobs.source == "Kilde: Statistisk sentralbyrå (SSB), tabell 11618 – offline øyeblikksbilde"
    assert REPORT in report.source and "SSB" not in report.source
    assert residents.source == "Kilde: Statistisk sentralbyrå (SSB), tabell 07984 – offline øyeblikksbilde"


def test_slide_charts_carry_no_title_and_fill_their_container():
    for slide in slides(sample_data.frame()):
        if slide.spec is not None:
            assert "title" not in slide.spec and slide.spec["height"] == "container"
            assert sized(slide.spec["config"]["axis"]["labelFontSize"], 1200) >= 20


def test_filter_summary_names_selection_years_measure_and_smoothing():
    region = REGION
    regions.learn_names({"3417": "Grue", "3418": "Åsnes"})  # as loading the data does
    assert filters.summary_text(page_model.Filters(codes=sample_data.MEMBERS), region) == (
        "Utvalg: Kongsvingerregionen · alle år · Arbeidsplasser")
    text = filters.summary_text(page_model.Filters(codes=("3417", "3418"), measure="bosted", years=(2015, 2025),
                                                rolling=True), region)
    assert text == "Utvalg: Utvalget Grue, Åsnes · 2015–2025 · Sysselsatte bosatte · 3-års glidende snitt"


def unescaped(markdown: str) -> str:
    return markdown.replace("\\", "")


def summary(at: AppTest) -> str:
    return next(unescaped(c.value) for c in at.caption if unescaped(c.value).startswith("Utvalg:"))


def test_job_pages_show_the_filter_line_and_other_pages_do_not():
    sample_data.write_cache()
    at = run(kommune="Grue")
    assert summary(at) == "Utvalg: Grue · 2008–2025 · Arbeidsplasser"
    at.switch_page("app_pages/goal_matrix.py").run()
    assert not any(unescaped(c.value).startswith("Utvalg:") for c in at.caption)


def test_chart_findings_are_headings_above_charts_with_the_source_below():
    sample_data.write_cache()
    at = run("app_pages/attainment.py")
    headings = [unescaped(h.value) for h in at.subheader]  # escaped Markdown
    assert any(h.startswith("Siden 2015: +1") and h.endswith("(avvik +100)") for h in headings), headings
    assert sum(c.value.startswith("Kilde: Statistisk sentralbyrå (SSB)") for c in at.caption) == 3


def test_numbered_slide_items_are_lines_not_bullets_too():
    sample_data.write_cache()
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    at.query_params["presentasjon"] = "1"
    at.run()
    for _ in range(20):
        if at.title and at.title[0].value.startswith("Dette ga programmet"):
            break
        at.button(key="neste").click().run()
    assert at.title[0].value.startswith("Dette ga programmet")
    [items] = [m.value for m in at.markdown if m.value.startswith(("1\\.", "- 1\\."))]
    assert items.startswith("1\\. ") and "\n- " not in items, items
    projects = None
    for _ in range(5):  # the projects have no numbers of their own: they stay bullets
        at.button(key="neste").click().run()
        if at.title[0].value.startswith("Prosjektene"):
            projects = [m.value for m in at.markdown if m.value.startswith("- ")]
            break
    assert projects, "the projects slide lists its projects as bullets"


def test_a_slide_list_without_chart_is_sized_to_fill_its_box():
    """style.slide_list_style: for each line width, the list's lines (wrapped at whole words) set a font
    size that fits the box's width and height; the browser takes the largest, at most the cap."""
    from byr_data import style

    assert style.wrapped_lines("Kongsvinger som Høgskoleby", 40) == 1
    assert style.wrapped_lines("Kongsvinger som Høgskoleby", 15) == 2  # «Kongsvinger som» | «Høgskoleby»
    assert style.wrapped_lines("jernbaneutviklingsprosjekt", 10) == 1  # a long word is never split
    items = ["✓ nådd 9", "◐ delvis nådd 9", "↻ pågår 6", "✕ ikke nådd 1", "? ikke målt 2", "– ikke angitt 2"]
    css = style.slide_list_style(items, bulleted=True)
    # The widest candidate puts every item on one line: six lines, with the fill's slack.
    one_line = f"{style.SLIDE_LIST_FILL * 100 / (style.SLIDE_LINE_HEIGHT * 6):.3f}cqh"
    assert one_line in css and f"{style.SLIDE_LIST_MAX_VH}vh)" in css, css
    assert "@media (min-width: 641px)" in css  # a phone keeps the page's own size
    # A longer list of longer items: more lines at a narrow width, so smaller letters there.
    long = ["Lister med næringsutviklingscase og profilering arealer pr kommune – Stian Gulli Hansen – ikke angitt"] * 9
    assert css.count("min(") > 1 and style.slide_list_style(long, bulleted=True).count("cqh") > 1


def test_home_page_names_the_slide_buttons_not_the_arrow_keys():
    """The link to the presentation is read on phones too, which have no arrow keys."""
    sample_data.write_cache()
    texts = " ".join(m.value for m in run().markdown)
    assert "Presentasjon for regionrådet" in texts and "«Forrige» og «Neste»" in texts
    assert "piltast" not in texts


def test_filter_line_names_the_years_the_measure_has():
    """Offline (empty cache), jobs are 2017–2022 (table 11618) and residents 2008–2025 (07984): the line
    names the chosen measure's own years, not the span of both."""
    at = run()
    assert summary(at) == "Utvalg: Kongsvingerregionen · 2017–2022 · Arbeidsplasser"
    at = run(maal="Sysselsatte bosatte")
    assert summary(at) == "Utvalg: Kongsvingerregionen · 2008–2025 · Sysselsatte bosatte"
    assert page_model.years_of_measure((2010, 2020), [2017, 2018, 2022]) == (2017, 2020)
    assert page_model.years_of_measure((2008, 2012), [2017, 2022]) == (2008, 2012)  # none: kept, «mangler tall»
    assert page_model.years_of_measure(None, [2017]) is None
