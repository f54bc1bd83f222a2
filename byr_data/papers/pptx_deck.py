"""The presentation as PowerPoint (python-pptx): one 16:9 slide a view, in the order and with the
messages of the presentation. The heading is the slide's title placeholder, the message, detail and
items are real, editable text; a chart is a sharp PNG (vl-convert) with its alternative text; each
slide's source line is on the slide and in its notes."""

from __future__ import annotations

import io
from collections.abc import Sequence

from byr_data.page_model import Slide
from byr_data.papers import charts, deck

WIDTH_IN, HEIGHT_IN = 13.333, 7.5  # 16:9
MARGIN_IN = 0.6
CHART_PX = (1100, 420)
TEXT_RGB = (0x31, 0x33, 0x3F)
QUIET_RGB = (0x55, 0x55, 0x55)
TONE_RGB = {"good": (0x1E, 0x6B, 0x30), "bad": (0xA1, 0x30, 0x2C)}
TITLE_ONLY = 5  # the default template's «Title Only» layout


def bokmal():
    """Every run's language, so PowerPoint reads and checks the text as Norwegian bokmål."""
    from pptx.enum.lang import MSO_LANGUAGE_ID

    return MSO_LANGUAGE_ID.NORWEGIAN_BOKMOL


def height(text: str, size: int, width_in: float = WIDTH_IN - 2 * MARGIN_IN) -> float:
    """Inches a text of `size` pt needs at this width (an estimate: python-pptx cannot measure text)."""
    per_line = max(1, int(width_in * 72 / (size * 0.62)))  # wide enough for bold DejaVu; Calibri is narrower
    lines = sum(max(1, -(-len(line) // per_line)) for line in text.split("\n"))
    return lines * size * 1.25 / 72 + 0.15


def _text_box(slide, top: float, height: float, lines: Sequence[str], size: int, *, bold: bool = False,
              rgb: tuple[int, int, int] = TEXT_RGB, bullets: bool = False):
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(MARGIN_IN), Inches(top), Inches(WIDTH_IN - 2 * MARGIN_IN), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    for number, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = f"• {line}" if bullets else line
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, RGBColor(*rgb)
        run.font.language_id = bokmal()
    return box


def add_slide(presentation, slide: Slide, number: int, count: int) -> None:
    from pptx.util import Inches, Pt

    page = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY])
    heading = page.shapes.title
    heading.left, heading.top = Inches(MARGIN_IN), Inches(0.35)
    heading.width, heading.height = Inches(WIDTH_IN - 2 * MARGIN_IN), Inches(0.9)
    heading.text = slide.heading
    for paragraph in heading.text_frame.paragraphs:
        paragraph.alignment = 1  # left
        for run in paragraph.runs:
            run.font.size, run.font.bold, run.font.language_id = Pt(32), True, bokmal()

    roomy = slide.chart is None and len(slide.items) <= deck.LARGE_ITEMS
    top = 1.3
    size = 36 if roomy else 24
    _text_box(page, top, height(slide.message, size), [slide.message], size, bold=True,
              rgb=TONE_RGB.get(slide.tone or "", TEXT_RGB))
    top += height(slide.message, size)
    if slide.detail:
        size = 18 if roomy else 15
        _text_box(page, top, height(slide.detail, size), [slide.detail], size)
        top += height(slide.detail, size) + 0.1
    bottom = HEIGHT_IN - 0.7
    if slide.spec is not None:
        picture = page.shapes.add_picture(io.BytesIO(charts.png(slide.spec, *CHART_PX)), Inches(MARGIN_IN),
                                          Inches(top), height=Inches(bottom - top))
        if picture.width > Inches(WIDTH_IN - 2 * MARGIN_IN):  # a wide chart: fit the width instead
            ratio = Inches(WIDTH_IN - 2 * MARGIN_IN) / picture.width
            picture.width, picture.height = int(picture.width * ratio), int(picture.height * ratio)
        picture.left = int((Inches(WIDTH_IN) - picture.width) / 2)
        picture.element.nvPicPr.cNvPr.set("descr", f"Diagram: {slide.message}. {slide.detail}".strip())
    if slide.items:
        numbered = all(deck.NUMBERED.match(item) for item in slide.items)
        size = round(deck.item_points(slide.items) * WIDTH_IN * 2.54 / 28)  # the PDF's size, on a wider page
        _text_box(page, top, bottom - top, list(slide.items), size, bullets=not numbered)
    footer = f"{number} / {count}" + (f" · {slide.source}" if slide.source else "")
    _text_box(page, HEIGHT_IN - 0.55, 0.4, [footer], 11, rgb=QUIET_RGB)
    page.notes_slide.notes_text_frame.text = slide.source or "Ingen tall på dette lysbildet."


def pptx(slides: Sequence[Slide], region: str) -> bytes:
    """The presentation as a .pptx file."""
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
    presentation.core_properties.title = deck.title(region)
    presentation.core_properties.author = region
    presentation.core_properties.language = "nb-NO"
    for number, slide in enumerate(slides, start=1):
        add_slide(presentation, slide, number, len(slides))
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()
