"""The council papers (byr_data/papers): the status report and the presentation as PDF and PowerPoint,
read back with pypdf and python-pptx; and the escaping of outside text in Typst markup."""

import io
import re
import string
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pypdf import PdfReader

from byr_data import final_report, page_model, presentation, regions
from byr_data.jobs import goal_status, notes, pages as job_pages
from byr_data.papers import deck, markup, pptx_deck, status_report, typeset
from byr_data.programme import goal_files
from byr_data.ssb import cache
from byr_data.status import model as sm, reporting
from tests import industry_sample, sample_data

REGION = regions.RegionSettings("Kongsvingerregionen", sample_data.MEMBERS, ("3419",), 100, 2015)
SOURCE = "Kilde: Statistisk sentralbyrå (SSB), tabell 07984, hentet 27.11.2026"
MATRIX = goal_files.load_goals()
PORTFOLIO = goal_files.load_portfolio()
ITEMS = sm.report_items(MATRIX, PORTFOLIO)
MADE = datetime(2026, 11, 27, 9, 30, tzinfo=timezone.utc)
HOSTILE = 'Se #sys.inputs, *fet* _kursiv_ $x^2$ @ref <etikett> [lenke] // ikke kommentar /* heller ikke */ \\ "sitat" ~ -- ...'


def words(text: str) -> str:
    """Whitespace (line breaks, NBSP) as single spaces, for comparing text read back from a PDF."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, words(" ".join(page.extract_text() for page in reader.pages))


def paper(frame, history=(), period=None, source=SOURCE):
    filters = page_model.Filters(codes=REGION.members)
    views = (job_pages.overview(frame, filters, REGION, source, final_report.load_report_figures()),
             job_pages.attainment(frame, filters, REGION, source))
    return status_report.paper_for(REGION.name, MATRIX, PORTFOLIO, history, period,
                                   goal_status.jobs_goal_status(frame, REGION, source), views, MADE)


def later_entry(item: str, comment: str, who: str = "Kari Nordmann") -> sm.Entry:
    made = sm.make_entry(item=item, period="2026 H2", status="nådd", basis="stated", day="15.11.2026", who=who,
                         comment=comment, evidence="Protokoll fra regionrådet 12.11.2026", items=ITEMS,
                         vocabulary=MATRIX.vocabulary, today=date(2026, 11, 27))
    return replace(made, id=1, recorded_at=MADE)


# -- escaping ----------------------------------------------------------------------------------------
def test_escape_puts_a_backslash_before_every_ascii_punctuation_character_and_nothing_else():
    assert markup.escape("a#b") == "a\\#b"
    assert markup.escape("= Overskrift") == "\\= Overskrift"
    assert markup.escape("1. punkt") == "1\\. punkt"
    assert markup.escape("æøå «–» −19\u00a0344") == "æøå «–» −19\u00a0344", "non-ASCII text passes unchanged"
    assert all(markup.escape(char) == "\\" + char for char in string.punctuation)


def test_escape_keeps_text_on_one_line_without_control_characters_but_keeps_nbsp():
    assert markup.escape("to\nlinjer\r\n  og\tmer") == "to linjer og mer"
    assert markup.escape("null\x00byte\x07") == "nullbyte"
    assert markup.escape("19\u00a0344") == "19\u00a0344"


def test_string_literal_escapes_quotes_and_backslashes():
    assert markup.string('si "hei" \\ da') == '"si \\"hei\\" \\\\ da"'


def test_hostile_text_comes_out_literally_in_the_pdf():
    source = "\n".join([typeset.preamble("Prøve", "Test", "a4", "2cm", "11pt"),
                        markup.escape(HOSTILE), "", markup.table(["Navn"], [[HOSTILE]], "(1fr,)"),
                        f"#figure(image(bytes(sys.inputs.at(\"x\")), format: \"svg\", alt: {markup.string(HOSTILE)}))"])
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    _, text = pdf_text(typeset.pdf(source, {"x": svg}))
    assert text.count(words(HOSTILE)) == 2, text


def test_typst_errors_become_paper_errors():
    with pytest.raises(typeset.PaperError):
        typeset.pdf("#set document(title: \"x\")\n#let", {})


# -- the status report -------------------------------------------------------------------------------
def test_status_report_has_its_headline_every_goal_and_the_source_lines():
    made = paper(sample_data.frame())
    reader, text = pdf_text(status_report.pdf(made))
    overview = status_report.programme_pages.overview(made.matrix, made.live)
    assert words(reporting.summary_message(made.changes)) in text
    assert words(status_report.programme_pages.headline(overview)) in text
    for goal in MATRIX.goals:
        assert words(goal.short_label) in text and words(f"«{goal.title}»") in text, goal.short_label
    for project in PORTFOLIO.projects:
        assert words(project.name) in text
    assert words(SOURCE) in text, "the SSB source line with the fetch date"
    assert words(f"Kilde: {MATRIX.source} ({MATRIX.status_year})") in text
    assert "vår vurdering" in text and "står i rapporten" in text, "whose each status is"
    assert words(made.job_views[0].title) in text
    assert f"Side 1 av {len(reader.pages)}" in text
    assert reader.metadata.title == "Statusrapport til regionrådet – sluttrapporten (2018)"


def test_status_report_is_tagged_norwegian_with_the_shipped_fonts():
    reader = PdfReader(io.BytesIO(status_report.pdf(paper(sample_data.frame()))))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nb" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    fonts = {str(font["/BaseFont"]).split("+")[-1] for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}, fonts


def test_status_report_for_a_later_period_names_the_editor_and_prints_outside_text_literally():
    item = MATRIX.goals[0].criteria[0].id
    made = paper(sample_data.frame(), (later_entry(item, HOSTILE, who="Kari <Nordmann>"),), "2026 H2")
    _, text = pdf_text(status_report.pdf(made))
    assert "Statusrapport til regionrådet 2026 H2" in text
    assert "Rapportert av Kari <Nordmann>" in text
    assert words(HOSTILE) in text
    assert "Sekretariatets halvårlige statusrapporter" in text
    assert words(reporting.summary_message(made.changes)) in text


def test_status_report_offline_shows_the_snapshot_tables():
    snapshot = cache.read_snapshot()
    source = notes.source_line(snapshot.provenance)
    _, text = pdf_text(status_report.pdf(paper(snapshot.frame, source=source)))
    assert words(source) in text
    assert "Kilde: Statistisk sentralbyrå (SSB), tabell 11618 – offline øyeblikksbilde" in text
    assert all(words(goal.short_label) in text for goal in MATRIX.goals)


def test_norwegian_characters_survive_the_round_trip():
    source = typeset.preamble("Tegn", "Test", "a4", "2cm", "11pt") + "\nÆØÅ æøå «–» «−» 19\u00a0344"
    _, text = pdf_text(typeset.pdf(source, {}))
    assert "ÆØÅ æøå «–» «−» 19 344" in text


# -- the presentation --------------------------------------------------------------------------------
def slides(frame):
    return presentation.presentation(frame, page_model.Filters(codes=REGION.members), REGION, SOURCE,
                                     final_report.load_report_figures(), MATRIX, PORTFOLIO)


@pytest.mark.parametrize("offline", [False, True])
def test_presentation_pdf_has_one_page_a_view_with_its_heading_and_source(offline):
    shown = slides(cache.read_snapshot().frame if offline else industry_sample.frame())  # with the industry slides
    reader = PdfReader(io.BytesIO(deck.pdf(shown, REGION.name)))
    assert len(reader.pages) == len(shown)
    for number, (page, slide) in enumerate(zip(reader.pages, shown), start=1):
        text = words(page.extract_text())
        assert text.startswith(words(slide.heading)), (number, text[:80])
        assert words(slide.message) in text
        assert words(f"{number} / {len(shown)}") in text and words(slide.source) in text
    box = reader.pages[0].mediabox
    assert round(float(box.width) / float(box.height), 2) == round(16 / 9, 2)


@pytest.mark.parametrize("offline", [False, True])
def test_presentation_pptx_has_one_slide_a_view_with_real_text_and_the_source_in_the_notes(offline):
    shown = slides(cache.read_snapshot().frame if offline else industry_sample.frame())
    read = Presentation(io.BytesIO(pptx_deck.pptx(shown, REGION.name)))
    assert len(read.slides) == len(shown)
    assert round(read.slide_width / read.slide_height, 2) == round(16 / 9, 2)
    for page, slide in zip(read.slides, shown):
        assert page.shapes.title.text == slide.heading
        runs = [run for shape in page.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs for run in p.runs]
        assert all(run.font.language_id == MSO_LANGUAGE_ID.NORWEGIAN_BOKMOL for run in runs), "text in bokmål"
        texts = [shape.text_frame.text for shape in page.shapes if shape.has_text_frame]
        assert slide.message in texts
        assert all(any(item in t for t in texts) for item in slide.items)
        pictures = [shape for shape in page.shapes if shape.shape_type == 13]
        assert len(pictures) == (slide.chart is not None)
        assert all(p.element.nvPicPr.cNvPr.get("descr") for p in pictures), "every chart has alternative text"
        assert page.notes_slide.notes_text_frame.text == (slide.source or "Ingen tall på dette lysbildet.")
