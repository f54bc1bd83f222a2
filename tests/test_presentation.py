"""Presentation mode, the municipality view and the chart exports."""

import json
import re

from streamlit.testing.v1 import AppTest

from byr_data import chart_parts, export, final_report, page_model, presentation, regions
from byr_data.jobs import pages as job_pages
from byr_data.programme import goal_files
from byr_data.ssb import cache
from tests import sample_data

REGION = regions.RegionSettings("Kongsvingerregionen", sample_data.MEMBERS, ("3419",), 100, 2015)
SOURCE = "Kilde: Statistisk sentralbyrå (SSB), tabell 07984, hentet 27.11.2026"
PROGRAMME = ["Hvorfor Byregionprogrammet?", "Målmatrisen: status ved prosjektslutt (2018)",
             "Dette ga programmet, ifølge rapporten", "Dette ga programmet, ifølge rapporten",
             "Prosjektene i fase 3"]  # byr_data.programme.slides


def slides(frame, codes=sample_data.MEMBERS):
    return presentation.presentation(frame, page_model.Filters(codes=codes), REGION, SOURCE, final_report.load_report_figures(),
                              goal_files.load_goals(), goal_files.load_portfolio())


def test_presentation_sequence_with_data():
    shown = slides(sample_data.frame())
    assert [s.heading for s in shown] == [
        "Kongsvingerregionen: 2025", "Har nedgangen snudd?", "Siden 2015", "Kommunenes bidrag",
        *PROGRAMME]
    assert shown[0].message == "+110 arbeidsplasser"
    assert "nådd" in shown[0].detail and "10 av 10 år" in shown[0].detail
    assert shown[2].message == "+1\u00a0100 arbeidsplasser"
    assert all(s.chart is not None for s in shown[1:4])
    assert shown[5].message == "Rapporten sier selv: 2 av 29 kriterier nådd"
    assert "Status nå (fra SSB), arbeidsplassmålet: nådd." in shown[5].detail
    assert len(shown[8].items) == 9


def test_presentation_offline_tells_2017_2022_from_11618_then_the_report_and_the_residents():
    shown = slides(cache.read_snapshot().frame)
    assert shown[0].heading == "Kongsvingerregionen: arbeidsplasser 2017–2022"
    assert shown[0].message == "+370 arbeidsplasser" and shown[0].tone == "bad"  # +74 a year, short of +100
    assert shown[0].detail.startswith("+74 i året mot målet +100; målet nådd i 2 av 5 år. SSB tabell 11618")
    assert shown[0].source.endswith("tabell 11618 – offline øyeblikksbilde") and shown[0].chart is not None
    assert shown[1].heading == "Arbeidsplasser ifølge sluttrapporten"
    assert shown[1].message == "+132 i 2017" and "Sluttrapport" in shown[1].source
    assert shown[1].detail.startswith("+32 i 2016, ifølge sluttrapporten (2018).")
    assert shown[2].heading == "Sysselsatte bosatte" and "ikke arbeidsplasser" in shown[2].detail
    assert shown[2].source.endswith("tabell 07984 – offline øyeblikksbilde")
    assert [s.heading for s in shown[3:]] == PROGRAMME
    assert "arbeidsplassmålet: mangler tall" in shown[4].detail, "«now» is never the snapshot's 2022"
    text = " ".join(f"{s.heading} {s.message} {s.detail}" for s in shown)
    assert "python" not in text and "`" not in text, "no commands on the projector"


def test_presentation_for_one_municipality_has_no_contribution_view_and_no_target():
    shown = slides(sample_data.frame(), codes=("3417",))
    assert shown[0].heading == "Grue: 2025" and shown[0].message == "+10 arbeidsplasser"
    assert shown[0].detail == "Grue: +10 av regionens +110. Siden 2015: +100."
    assert shown[0].tone is None
    assert "Kommunenes bidrag" not in [s.heading for s in shown]
    for slide in shown[:3]:  # the job slides; the goal matrix speaks of the region's goal by name
        assert "nådd" not in f"{slide.message} {slide.detail}" and "mål" not in f"{slide.message} {slide.detail}"
        assert slide.chart is None or '"mal":' not in json.dumps(slide.spec), slide.heading


def test_presentation_for_the_region_judges_the_target():
    shown = slides(sample_data.frame())
    assert shown[0].tone == "good" and "Mål +100 – nådd" in shown[0].detail


def slide_line(at: AppTest) -> str:
    """The slide's number and source line («3 / 8 · Kilde: …»); the period caption comes after it."""
    return next(c.value for c in at.caption if re.match(r"\d+ / \d+", c.value))


def run_presentation(**params) -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=30)
    at.query_params["presentasjon"] = "1"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_presentation_walks_forward_and_back_with_the_view_in_the_url():
    sample_data.write_cache()
    at = run_presentation()
    assert at.title[0].value == "Kongsvingerregionen: 2025"
    at.button(key="neste").click().run()
    assert at.title[0].value == "Har nedgangen snudd?"
    assert at.query_params["lysbilde"] == "2"
    at.button(key="forrige").click().run()
    assert at.title[0].value == "Kongsvingerregionen: 2025"
    at.button(key="forrige").click().run()
    assert at.title[0].value == "Kongsvingerregionen: 2025", "stops at the first view"


def test_presentation_link_opens_a_view_for_a_municipality():
    sample_data.write_cache()
    at = run_presentation(kommune="Grue", lysbilde="3")
    assert at.title[0].value == "Siden 2015"
    # no contribution view for one municipality; «Regionen i landet» and «Ett arbeidsmarked?» before the programme
    assert slide_line(at).startswith(f"3 / {3 + 2 + len(PROGRAMME)}")
    assert "Kilde: Statistisk sentralbyrå (SSB)" in slide_line(at)


def test_presentation_offline_runs_without_exception():
    at = run_presentation()
    assert at.title[0].value == "Kongsvingerregionen: arbeidsplasser 2017–2022"
    assert "tabell 11618" in slide_line(at)  # the offline first slide: jobs from the snapshot's table


def test_municipality_page_shows_share_of_regional_change():
    sample_data.write_cache()
    at = AppTest.from_file("../dashboard.py", default_timeout=30)
    at.query_params["kommune"] = "Grue"
    at.run()
    at.switch_page("app_pages/municipality.py").run()
    assert not at.exception
    values = {m.label: m.value for m in at.metric}
    assert values["Netto endring 2025"] == "+10"
    grue = next(m for m in at.metric if m.label == "Netto endring 2025")
    assert grue.delta == "av regionens +110", "a contribution, not a verdict"
    assert at.title[0].value == "Grue 2025: +10 arbeidsplasser av regionens +110; siden 2015 +100"
    assert any(m.value.startswith("Grue sto for 9\u00a0% av veksten i Kongsvingerregionen i 2025") for m in at.markdown)
    assert at.code[0].value.endswith("/kommune?kommune=Grue")


def test_municipality_outside_the_region_is_shown_with_it():
    view = job_pages.municipality(sample_data.frame(), "3419", page_model.Filters(codes=("3419",)), REGION, SOURCE)
    assert view.metrics[0].label == "Netto endring 2025"
    assert view.metrics[0].delta == "av regionens +120"  # six members + Våler's +10
    assert "Kongsvingerregionen med Våler" in view.texts[0]


def test_csv_export_carries_source_and_region():
    view = job_pages.attainment(sample_data.frame(), page_model.Filters(codes=("3417",)), REGION, SOURCE)
    text = export.csv_bytes(view.blocks[0].data, SOURCE, "Utvalg: Grue").decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == f"# {SOURCE}" and lines[1] == "# Utvalg: Grue"
    assert lines[2] == "År;Arbeidsplasser;Endring;Brudd i statistikken"
    assert "2015;2300;;ja" in lines, "whole numbers, the break flagged in words, a missing change left empty"
    assert "2016;2310;10;" in lines


def test_png_export_is_an_image_with_title_and_source():
    view = job_pages.attainment(sample_data.frame(), page_model.Filters(codes=sample_data.MEMBERS), REGION, SOURCE)
    png = export.png_bytes(view.blocks[0].chart)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")  # the IHDR chunk
    assert width >= export.PNG_WIDTH * 2, "rendered at the fixed export width, at twice the scale"
    spec = json.loads(chart_parts.with_title(view.blocks[0].chart, export.PNG_WIDTH).to_json())
    assert spec["title"]["text"] == view.blocks[0].title, "the image carries the finding the page shows as text"
    assert spec["title"]["subtitle"] == SOURCE
